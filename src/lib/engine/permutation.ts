// Permutation importance: how much the AUC drops when one feature's values are shuffled among the
// evaluation rows (breaking its link to churn while keeping its distribution). Measured on rows the
// trees did not train on, so it shows what the model really relies on. Cost is bounded by sampling
// at most MAX_ROWS rows and predicting many shuffled copies per call.
import { rocAuc } from '../evaluate/metrics.ts';
import type { EnginePool } from './forest.ts';
import type { BinnedMatrix, TrainParams, TreeArrays } from './types.ts';
import { selectRows } from './binning.ts';
import { shuffleInPlace } from './split.ts';
import { mulberry32 } from '../util/random.ts';
import { CancelledError } from '../errors.ts';

export const MAX_ROWS = 20_000;
/** Most cells per predict call (shuffled copies are stacked into one matrix). */
const MAX_CELLS = 32_000_000;

/**
 * AUC drop per feature. `matrix` holds all table rows, `rows` the evaluation rows, `labels` the
 * 0/1 label per table row. A drop near 0 (or below) means the model does not need the feature.
 */
export async function permutationImportance(
  pool: EnginePool,
  trees: TreeArrays[],
  matrix: BinnedMatrix,
  rows: Uint32Array,
  labels: Uint8Array,
  params: Pick<TrainParams, 'vote' | 'seed'>,
  signal?: AbortSignal,
): Promise<Float64Array> {
  const F = matrix.features.length;
  const rand = mulberry32((params.seed ^ 0x5bd1e995) >>> 0);
  let sample = rows;
  if (rows.length > MAX_ROWS) {
    const pick = new Uint32Array(rows);
    shuffleInPlace(pick, rand);
    sample = pick.slice(0, MAX_ROWS).sort();
  }
  const S = sample.length;
  const base = selectRows(matrix, sample);
  const y = Uint8Array.from(sample, (r) => labels[r]);
  const baseAuc = rocAuc(y, await pool.predict(trees, base, params.vote));
  const out = new Float64Array(F);
  if (!(baseAuc === baseAuc)) return out.fill(NaN);
  const group = Math.max(1, Math.min(F, Math.floor(MAX_CELLS / Math.max(1, S * F))));
  const column = new Uint32Array(S);
  for (let g0 = 0; g0 < F; g0 += group) {
    if (signal?.aborted) throw new CancelledError();
    const g1 = Math.min(F, g0 + group);
    const k = g1 - g0;
    // k copies of the sample stacked row-wise; copy j has feature g0+j shuffled.
    const rowsK = S * k;
    const bins = new Uint8Array(rowsK * F);
    for (let f = 0; f < F; f++) {
      const src = base.bins.subarray(f * S, (f + 1) * S);
      for (let j = 0; j < k; j++) bins.set(src, f * rowsK + j * S);
    }
    for (let j = 0; j < k; j++) {
      const f = g0 + j;
      for (let i = 0; i < S; i++) column[i] = i;
      // One stream per feature, so importance of a feature does not depend on the grouping.
      shuffleInPlace(column, mulberry32((params.seed + Math.imul(f + 1, 0x9e3779b1)) >>> 0));
      const src = base.bins.subarray(f * S, (f + 1) * S);
      const dst = bins.subarray(f * rowsK + j * S, f * rowsK + (j + 1) * S);
      for (let i = 0; i < S; i++) dst[i] = src[column[i]];
    }
    const p = await pool.predict(trees, { rows: rowsK, features: matrix.features, bins }, params.vote);
    for (let j = 0; j < k; j++) out[g0 + j] = baseAuc - rocAuc(y, p.subarray(j * S, (j + 1) * S));
  }
  return out;
}
