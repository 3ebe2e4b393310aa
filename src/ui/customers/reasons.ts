// Plain-language reasons from per-feature contributions:
// "Contract = Month-to-month raises risk by 14.0 points".
import type { ModelFile } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import { cellText } from '../../lib/table/types.ts';
import { formatValue } from '../../lib/engine/rules.ts';
import { translate, type Locale } from '../../lib/i18n/index.ts';
import { rankContributions, contributionsForRows } from './contributions.ts';
import { CancelledError } from '../../lib/errors.ts';

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

/**
 * Top-three reason texts for every row of the table (for the scores export's reason_1..3), in
 * chunks so the page stays responsive; onProgress(done, total) after each chunk. Rows are
 * explained with the same path contributions as the detail panel.
 */
export async function reasonTextsForTable(
  model: ModelFile,
  table: Table,
  locale: Locale,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<string[][]> {
  const CHUNK = 5000;
  const F = model.features.length;
  const n = table.rowCount;
  const out: string[][] = new Array(n);
  for (let start = 0; start < n; start += CHUNK) {
    if (signal?.aborted) throw new CancelledError();
    const rows = Uint32Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
    const { values } = contributionsForRows(model, table, rows);
    for (let i = 0; i < rows.length; i++) {
      out[rows[i]] = topReasons(model, table, rows[i], values.subarray(i * F, (i + 1) * F), locale, 3).map((r) => reasonText(r, locale));
    }
    onProgress?.(start + rows.length, n);
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
}
