// Per-customer contributions for a sample of honestly scored customers, for the global view of
// how each column pushes risk up or down (a beeswarm next to the importances).
import type { TrainedModel } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import { contributionsForRows, contributionsForRowsPaced } from '../customers/contributions.ts';

export interface ContributionSample {
  rows: Uint32Array;
  /** rows × features, row-major. */
  values: Float64Array;
  /** Per feature: mean absolute contribution over the sample. */
  meanAbs: Float64Array;
  /** rows × features: the feature value's percentile within the sample (0–1), NaN for categories or missing. */
  valueRank: Float64Array;
}

/** Up to `max` rows, evenly spaced through the list (deterministic). */
export function evenSample(rows: Uint32Array, max: number): Uint32Array {
  if (rows.length <= max) return rows;
  const out = new Uint32Array(max);
  for (let i = 0; i < max; i++) out[i] = rows[Math.floor((i * rows.length) / max)];
  return out;
}

function sampleRows(t: TrainedModel, table: Table, max: number): Uint32Array {
  return evenSample(t.testRows.length ? t.testRows : t.trainRows.length ? t.trainRows : Uint32Array.from({ length: table.rowCount }, (_, i) => i), max);
}

export function contributionSample(t: TrainedModel, table: Table, max = 800): ContributionSample {
  const rows = sampleRows(t, table, max);
  return summarize(t, table, rows, contributionsForRows(t.model, table, rows).values);
}

/**
 * The same sample, computed in slices between turns of the page; null if `isStale()` turns true.
 * With a time budget, a deep forest gives a smaller (still evenly spread) sample instead of minutes
 * of work: the rows are reordered so that any prefix is spread through the list.
 */
export async function contributionSamplePaced(
  t: TrainedModel, table: Table, isStale: () => boolean, max = 800, budgetMs = Infinity,
): Promise<ContributionSample | null> {
  const rows = spreadOrder(sampleRows(t, table, max));
  const c = await contributionsForRowsPaced(t.model, table, rows, isStale, budgetMs);
  if (!c || c.rows === 0) return null;
  return summarize(t, table, c.rows < rows.length ? rows.slice(0, c.rows) : rows, c.values);
}

/** Rows reordered so every prefix is spread evenly through the list (bit-reversal order). */
function spreadOrder(rows: Uint32Array): Uint32Array {
  const n = rows.length;
  if (n <= 2) return rows;
  let bits = 0;
  while (1 << bits < n) bits++;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < 1 << bits; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
    if (r < n) out[k++] = rows[r];
  }
  return out;
}

function summarize(t: TrainedModel, table: Table, rows: Uint32Array, values: Float64Array): ContributionSample {
  const F = t.model.features.length;
  const meanAbs = new Float64Array(F);
  for (let i = 0; i < rows.length; i++) for (let f = 0; f < F; f++) meanAbs[f] += Math.abs(values[i * F + f]);
  if (rows.length) for (let f = 0; f < F; f++) meanAbs[f] /= rows.length;

  const valueRank = new Float64Array(rows.length * F).fill(NaN);
  t.model.features.forEach((spec, f) => {
    const col = table.columns.find((c) => c.name === spec.name);
    if (!col || col.kind !== 'numeric' || spec.kind !== 'numeric') return;
    const idx: number[] = [];
    for (let i = 0; i < rows.length; i++) if (!Number.isNaN(col.values[rows[i]])) idx.push(i);
    idx.sort((a, b) => col.values[rows[a]] - col.values[rows[b]]);
    // ties share the rank of their first position, so equal values get one colour
    let k = 0;
    while (k < idx.length) {
      let j = k;
      const v = col.values[rows[idx[k]]];
      while (j < idx.length && col.values[rows[idx[j]]] === v) j++;
      const r = idx.length > 1 ? (k + j - 1) / 2 / (idx.length - 1) : 0.5;
      for (let m = k; m < j; m++) valueRank[idx[m] * F + f] = r;
      k = j;
    }
  });
  return { rows, values, meanAbs, valueRank };
}
