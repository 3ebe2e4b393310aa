// Plain-language reasons from per-feature contributions:
// "Contract = Month-to-month raises risk by 14.0 points".
import type { ModelFile } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import { cellText } from '../../lib/table/types.ts';
import { formatValue } from '../../lib/engine/rules.ts';
import { translate, type Locale } from '../../lib/i18n/index.ts';
import { rankContributions } from './contributions.ts';

export interface Reason {
  feature: string;
  value: string;
  /** Change in churn probability credited to this feature (probability units, signed). */
  contribution: number;
}

/** The feature's value for the row as a person would write it ("missing" when blank). */
export function featureValueText(table: Table, name: string, row: number, locale: Locale): string {
  const col = table.columns.find((c) => c.name === name);
  if (!col) return translate(locale, 'results.reason.missingValue');
  if (col.kind === 'numeric') {
    const v = col.values[row];
    return Number.isNaN(v) ? translate(locale, 'results.reason.missingValue') : formatValue(v, locale);
  }
  const s = cellText(col, row);
  return s === '' ? translate(locale, 'results.reason.missingValue') : s;
}

export function topReasons(model: Pick<ModelFile, 'features'>, table: Table, row: number, values: Float64Array, locale: Locale, limit: number): Reason[] {
  return rankContributions(values, limit).map((f) => ({
    feature: model.features[f].name,
    value: featureValueText(table, model.features[f].name, row, locale),
    contribution: values[f],
  }));
}

export function reasonText(r: Reason, locale: Locale): string {
  const pts = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 }).format(Math.abs(r.contribution) * 100);
  return translate(locale, r.contribution >= 0 ? 'results.reason.raises' : 'results.reason.lowers', { feature: r.feature, value: r.value, points: pts });
}
