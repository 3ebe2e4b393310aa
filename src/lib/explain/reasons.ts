// Plain-language reasons from per-feature contributions, shared by the app (customer detail, call
// list, scores export) and the CLI (score --reasons):
// "Contract = Month-to-month raises risk by 14.2 points".
import type { Table } from '../table/types.ts';
import { cellText } from '../table/types.ts';
import { formatValue } from '../engine/rules.ts';
import { dateText } from '../ingest/date-text.ts';
import { translate, type Locale } from '../i18n/index.ts';

export interface Reason {
  feature: string;
  value: string;
  /** Change in churn probability credited to this feature (probability units, signed). */
  contribution: number;
}

/** Indices of features ordered by absolute contribution, largest first (ties by index), zeros dropped. */
export function rankContributions(values: ArrayLike<number>, limit = values.length): number[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) idx.push(i);
  idx.sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || a - b);
  return idx.slice(0, limit);
}

/** The feature's value for the row as a person would write it ("(missing)" when blank). */
export function featureValueText(table: Table, name: string, row: number, locale: Locale): string {
  const col = table.columns.find((c) => c.name === name);
  if (!col) return translate(locale, 'results.reason.missingValue');
  if (col.kind === 'numeric') {
    const v = col.values[row];
    if (Number.isNaN(v)) return translate(locale, 'results.reason.missingValue');
    return col.semantic === 'date' ? dateText(v) : formatValue(v, locale);
  }
  const s = cellText(col, row);
  return s === '' ? translate(locale, 'results.reason.missingValue') : s;
}

/** The `limit` largest contributions of one row (values: one per feature, in `features` order). */
export function rowReasons(features: readonly { name: string }[], table: Table, row: number, values: ArrayLike<number>, locale: Locale, limit = 3): Reason[] {
  return rankContributions(values, limit).map((f) => ({
    feature: features[f].name,
    value: featureValueText(table, features[f].name, row, locale),
    contribution: values[f],
  }));
}

/** "Contract = Month-to-month raises risk by 14.2 points" (points = percentage points). */
export function reasonText(r: Reason, locale: Locale): string {
  const pts = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 }).format(Math.abs(r.contribution) * 100);
  return translate(locale, r.contribution >= 0 ? 'results.reason.raises' : 'results.reason.lowers', { feature: r.feature, value: r.value, points: pts });
}
