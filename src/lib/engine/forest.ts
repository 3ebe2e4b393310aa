// Forest orchestration shared by every pool: which worker trains which trees, and merging the
// workers' batches into one ForestResult. Merges are exact (see assembly/tree-builder.ts), so the
// result is identical for any number of workers.
import { leafCorrectionFactors } from './base-rate.ts';
import type { PredictTree } from './tree-pack.ts';
import type { BinnedMatrix, ForestResult, TrainParams, TrainProgress, TreeArrays } from './types.ts';
import type { ContributionsResult, TrainBatchResult, TreeContributions } from './wasm-engine.ts';

export type { ContributionsResult, TreeContributions };

export interface RowProgress {
  rowsDone: number;
  rowsTotal: number;
}

export interface EnginePool {
  trainForest(
    m: BinnedMatrix, labels: Uint8Array, trainRows: Uint32Array, params: TrainParams,
    opts?: { onProgress?: (p: TrainProgress) => void; signal?: AbortSignal },
  ): Promise<ForestResult>;
  predict(trees: PredictTree[], m: BinnedMatrix, vote: 'soft' | 'hard'): Promise<Float64Array>;
  /**
   * Exact TreeSHAP per row (see WasmEngine.contributions): rows are split into chunks shared out to
   * the workers; progress after each chunk; cancellable. Identical for any number of workers.
   */
  contributions(
    trees: TreeArrays[], m: BinnedMatrix, vote: 'soft' | 'hard',
    opts?: { onProgress?: (p: RowProgress) => void; signal?: AbortSignal },
  ): Promise<ContributionsResult>;
  /** Number of workers (1 for the in-process pool). */
  size: number;
  dispose(): void;
}

/** What one worker trains: the data, the settings and its tree indices. */
export interface TrainJob {
  m: BinnedMatrix;
  isCategorical: Uint8Array;
  labels: Uint8Array;
  trainRows: Uint32Array;
  params: TrainParams;
  treeIndices: number[];
}

/**
 * Sum of the predictions of trees [firstTree, firstTree + n) of a forest. The trees travel once per
 * worker: `trees` is null when the worker already holds the set named `key` (e.g. the many calls
 * of permutation importance).
 */
export interface PredictJob {
  key: string;
  trees: PredictTree[] | null;
  firstTree: number;
  m: BinnedMatrix;
  vote: 'soft' | 'hard';
}

/**
 * TreeSHAP for all rows of `m` (a chunk of the caller's rows, cut out so only it travels) with
 * the forest named `key`; `trees` is null when the worker already holds it (as in PredictJob).
 * With `perTree` the worker holds a run of the forest's trees (the first is tree `firstTree`) and
 * answers each tree's own values (WasmEngine.treeContributions), for one customer split by trees.
 */
export interface ContributionsJob {
  key: string;
  trees: TreeArrays[] | null;
  m: BinnedMatrix;
  vote: 'soft' | 'hard';
  perTree?: boolean;
  firstTree?: number;
}

/** What a worker answers to a ContributionsJob: averaged values, or per tree with `perTree`. */
export type ContributionsReply = ContributionsResult | TreeContributions;

/** Rows [start, end) of a column-major matrix as a matrix of their own. */
export function sliceRows(m: BinnedMatrix, start: number, end: number): BinnedMatrix {
  const n = end - start;
  const F = m.features.length;
  const bins = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) bins.set(m.bins.subarray(f * m.rows + start, f * m.rows + end), f * n);
  return { rows: n, features: m.features, bins };
}

/**
 * Tree runs for explaining a few rows (one customer) on several workers at once, or null when the
 * rows are better shared out (many rows, one worker or one tree). Every tree's values come back
 * apart and are added in tree order, so the split never changes a bit of the result.
 */
export function planShapTreeChunks(trees: TreeArrays[], workers: number, rows: number): [number, number][] | null {
  if (workers < 2 || trees.length < 2 || rows > SHAP_TREE_SPLIT_ROWS) return null;
  return planTreeChunks(trees, workers, rows, 0);
}

/** Up to this many rows, TreeSHAP is split by trees (rows × trees × features values travel back). */
export const SHAP_TREE_SPLIT_ROWS = 16;

/** Row chunks for TreeSHAP: about 8 per worker for even load and frequent progress, within [64, 4096] rows. */
export function planRowChunks(rows: number, workers: number): [number, number][] {
  const size = Math.max(64, Math.min(4096, Math.ceil(rows / (Math.max(1, workers) * 8))));
  const out: [number, number][] = [];
  for (let a = 0; a < rows; a += size) out.push([a, Math.min(rows, a + size)]);
  return out;
}

/** Trees in the forest: params.trees, or 1 in single-tree mode. */
export function forestSize(params: TrainParams): number {
  return params.mode === 'tree' ? 1 : Math.max(1, Math.floor(params.trees));
}

/**
 * Consecutive tree indices in batches that workers take one at a time: about four per worker, so
 * the last batch leaves little idle time while the per-call cost (the data copied into the
 * worker's engine, the sampling tables rebuilt) stays small. One batch for a single worker.
 */
export function planTreeBatches(trees: number, workers: number): number[][] {
  const w = Math.max(1, Math.min(workers, trees));
  const size = w === 1 ? trees : Math.max(1, Math.ceil(trees / (w * 4)));
  const batches: number[][] = [];
  for (let i = 0; i < trees; i += size) batches.push(Array.from({ length: Math.min(size, trees - i) }, (_, k) => i + k));
  return batches;
}

/** Merge batches (any grouping of tree indices 0..T-1) into the forest result. */
export function mergeForest(
  labels: Uint8Array, trainRows: Uint32Array, features: number, trees: number,
  parts: { treeIndices: number[]; result: TrainBatchResult }[],
  params?: Pick<TrainParams, 'balance' | 'oversampleK' | 'mode' | 'vote'>,
): ForestResult {
  const n = trainRows.length;
  const ordered: TreeArrays[] = new Array(trees);
  const oobSum = new Float64Array(n);
  const oobCount = new Uint32Array(n);
  const importance = new Float64Array(features);
  for (const { treeIndices, result } of parts) {
    treeIndices.forEach((t, i) => (ordered[t] = result.trees[i]));
    for (let i = 0; i < n; i++) {
      oobSum[i] += result.oobSum[i];
      oobCount[i] += result.oobCount[i];
    }
    for (let f = 0; f < features; f++) importance[f] += result.importance[f];
  }
  for (let t = 0; t < trees; t++) if (!ordered[t]) throw new Error(`tree ${t} missing from the merged batches`);

  const oob = new Float64Array(n);
  for (let i = 0; i < n; i++) oob[i] = oobCount[i] > 0 ? oobSum[i] / oobCount[i] : NaN;
  let total = 0;
  for (let f = 0; f < features; f++) total += importance[f];
  if (total > 0) for (let f = 0; f < features; f++) importance[f] /= total;

  let churners = 0;
  for (let i = 0; i < n; i++) if (labels[trainRows[i]] === 1) churners++;
  // What the trees saw: weighted churn share at the roots (after resampling and class weights).
  // Leaf-corrected trees store corrected values; undo the (invertible) correction at the root.
  const [a, b] = params ? leafCorrectionFactors(params, n > 0 ? churners / n : 0) : [1, 1];
  let seenChurn = 0;
  let seenWeight = 0;
  for (const t of ordered) {
    const v = t.value[0];
    const seen = a === 1 && b === 1 ? v : v / a / (v / a + (1 - v) / b);
    seenChurn += seen * t.cover[0];
    seenWeight += t.cover[0];
  }
  return {
    trees: ordered,
    oob,
    impurityImportance: importance,
    trainedBaseRate: seenWeight > 0 ? seenChurn / seenWeight : 0,
    trueBaseRate: n > 0 ? churners / n : 0,
  };
}

/**
 * Contiguous tree ranges for parallel prediction, balanced by node count; one range when the job is
 * small (rows × trees below minWork) or there is one worker.
 */
export function planTreeChunks(trees: PredictTree[], workers: number, rows: number, minWork = 100_000): [number, number][] {
  const T = trees.length;
  const w = rows * T < minWork ? 1 : Math.max(1, Math.min(workers, T));
  if (w === 1) return [[0, T]];
  let total = 0;
  for (const t of trees) total += t.feature.length;
  const chunks: [number, number][] = [];
  let start = 0;
  let seen = 0;
  for (let i = 0; i < T; i++) {
    seen += trees[i].feature.length;
    const left = T - i - 1;
    const chunksLeft = w - chunks.length - 1;
    if (chunksLeft > 0 && (seen >= (total * (chunks.length + 1)) / w || left === chunksLeft)) {
      chunks.push([start, i + 1]);
      start = i + 1;
    }
  }
  chunks.push([start, T]);
  return chunks;
}

/** Every buffer of a batch result, for transfer lists. */
export function batchBuffers(r: TrainBatchResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [r.oobSum.buffer as ArrayBuffer, r.oobCount.buffer as ArrayBuffer, r.importance.buffer as ArrayBuffer];
  for (const t of r.trees) out.push(...treeBuffers(t));
  return out;
}

export function treeBuffers(t: TreeArrays): ArrayBuffer[] {
  return [t.feature, t.split, t.left, t.right, t.missingLeft, t.value, t.cover, t.count, t.catMasks].map((a) => a.buffer as ArrayBuffer);
}
