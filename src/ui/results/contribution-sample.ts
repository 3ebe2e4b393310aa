// Per-customer contributions for a sample of honestly scored customers, for the global view of
// how each column pushes risk up or down (a beeswarm next to the importances).
import type { TrainedModel } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import { contributionsForRows } from '../customers/contributions.ts';

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

/**
 * Contributions of up to `max` honestly scored customers, evenly spread through the list, computed
 * by the engine workers.
 */
export async function contributionSample(t: TrainedModel, table: Table, max = 800): Promise<ContributionSample> {
  const rows = sampleRows(t, table, max);
  return summarize(t, table, rows, (await contributionsForRows(t.model, table, rows)).values);
}

/**
 * How many customers the sample may have for a forest of `nodes` nodes: TreeSHAP walks every node
 * for every customer, so the sample shrinks as the forest grows (about 4·10⁸ node visits, a few
 * seconds of the workers); 0 when even SAMPLE_MIN customers would take longer.
 */
export function sampleSizeFor(nodes: number, max = 800): number {
  const n = Math.min(max, Math.floor(SAMPLE_NODE_VISITS / Math.max(1, nodes)));
  return n >= SAMPLE_MIN ? n : 0;
}

const SAMPLE_NODE_VISITS = 4e8;
const SAMPLE_MIN = 100;

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
