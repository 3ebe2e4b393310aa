// Plain-language reasons for the app: "Contract = Month-to-month raises risk by 14.0 points".
// The texts come from src/lib/explain/reasons.ts (shared with the CLI); the numbers are exact
// TreeSHAP contributions from the engine.
import type { ModelFile } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import type { Locale } from '../../lib/i18n/index.ts';
import { CancelledError } from '../../lib/errors.ts';
import { createBrowserPool } from '../../lib/engine/pool-browser.ts';
import { explainTable, reportedScale, type TableExplanation } from '../../lib/engine/shap.ts';
import { rowReasons, reasonText, type Reason } from '../../lib/explain/reasons.ts';
import { contributionsForRows } from './contributions.ts';

export { featureValueText, reasonText, type Reason } from '../../lib/explain/reasons.ts';

export function topReasons(model: Pick<ModelFile, 'features'>, table: Table, row: number, values: Float64Array, locale: Locale, limit: number): Reason[] {
  return rowReasons(model.features, table, row, values, locale, limit);
}

/** Reasons for every row of a table: texts for reason_1..3, and the probability they add up to. */
export interface TableReasons {
  texts: string[][];
  /** Per row: the whole forest's probability, which base + the contributions equal exactly. */
  explained: Float64Array;
}

// Every row's contributions, kept for the model and table they belong to: a second export (in the
// other language, or after the tier cuts moved) is then instant instead of minutes. Only tables up
// to CACHE_ROWS rows (≤ 18 MB of contributions at 23 columns), so a big sample is not held twice.
const CACHE_ROWS = 100_000;
const explained = new WeakMap<ModelFile, WeakMap<Table, TableExplanation>>();

/**
 * Top-three reason texts for every row of the table (for the scores export's reason_1..3);
 * onProgress(done, total) as rows are explained. With Web Workers available the rows are
 * explained in a pool of its own (released afterwards), so the page stays responsive; otherwise
 * in the explanation pool (see contributions.ts) in chunks.
 */
export async function reasonTextsForTable(
  model: ModelFile,
  table: Table,
  locale: Locale,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<TableReasons> {
  const F = model.features.length;
  const n = table.rowCount;
  const texts: string[][] = new Array(n);
  const prediction = new Float64Array(n);
  if (signal?.aborted) throw new CancelledError();
  const kept = explained.get(model)?.get(table);
  if (kept || (typeof Worker !== 'undefined' && n > 0)) {
    let x = kept;
    if (!x) {
      const pool = createBrowserPool();
      try {
        x = await explainTable(pool, model, table, { signal, onProgress: (p) => p.rowsDone > 0 && onProgress?.(p.rowsDone, p.rowsTotal) });
      } finally {
        pool.dispose();
      }
      if (n <= CACHE_ROWS) {
        let forModel = explained.get(model);
        if (!forModel) explained.set(model, (forModel = new WeakMap()));
        forModel.set(table, x);
      }
    } else onProgress?.(n, n);
    for (let r = 0; r < n; r++) {
      const c = reportedScale(model, x.base, x.raw[r], x.phi.subarray(r * F, (r + 1) * F));
      texts[r] = rowReasons(model.features, table, r, c.values, locale, 3).map((reason) => reasonText(reason, locale));
      prediction[r] = c.prediction;
    }
    return { texts, explained: prediction };
  }
  const CHUNK = 256;
  for (let start = 0; start < n; start += CHUNK) {
    if (signal?.aborted) throw new CancelledError();
    const rows = Uint32Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
    const { values, predictions } = await contributionsForRows(model, table, rows);
    for (let i = 0; i < rows.length; i++) {
      texts[rows[i]] = topReasons(model, table, rows[i], values.subarray(i * F, (i + 1) * F), locale, 3).map((r) => reasonText(r, locale));
      prediction[rows[i]] = predictions[i];
    }
    onProgress?.(start + rows.length, n);
    await new Promise((r) => setTimeout(r, 0));
  }
  return { texts, explained: prediction };
}
