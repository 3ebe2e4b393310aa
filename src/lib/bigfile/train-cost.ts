// What training a forest costs, before it starts. Memory: one byte per binned cell, held by the
// page and copied into each worker, plus the trees (a fully grown tree has about 2·rows/minLeaf
// nodes) and the per-row scores kept for evaluation. Time: the kernel's measured cost of ~4 ns per
// feature-row visit (DESIGN.md), one visit per row per sampled feature per tree level, scaled to
// the whole training task.
//
// Calibration (README "Benchmarks", 1,000,000 rows × 23 features, recommended preset (leaves of
// 20), 2 workers, in Chromium): train + evaluate + honest scores took 44.6 s, and the browser's peak
// memory (all processes) was 1.58 GB with the 25-column table loaded. TIME_FACTOR and
// BYTES_PER_NODE are set so this model gives ~45 s and, with the table and the app (estimate.ts),
// ~1.6 GB for that case. The node count here is an upper bound (2 · rows / leaf; the real forest had
// 4.8M nodes, about half), so BYTES_PER_NODE is per estimated node, not per real one.
import type { TrainParams } from '../engine/types.ts';

export interface TrainCost {
  bytes: number;
  seconds: number;
  /** Worker threads the time assumes. */
  cores: number;
}

const NS_PER_VISIT = 4;
/** Whole task over tree building alone: OOB and test scoring, permutation importance, metrics, hand-over. */
const TIME_FACTOR = 4.0;
const STARTUP_SECONDS = 0.5;
/** A node's arrays in the worker, in the transfer, and in the model kept on the page. */
const BYTES_PER_NODE = 127;
/** Per table row after training: labels, honest score and its source, OOB/test scores, row lists, evaluation sorts. */
const BYTES_PER_ROW_SCORES = 56;

export function mtryCount(mtry: TrainParams['mtry'], features: number): number {
  if (mtry === 'all') return features;
  if (mtry === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(features)));
  if (mtry === 'log2') return Math.max(1, Math.floor(Math.log2(Math.max(2, features))));
  return Math.max(1, Math.min(features, mtry));
}

export function trainCost(rows: number, features: number, p: TrainParams, hardwareCores: number): TrainCost {
  const cores = Math.max(1, p.threads > 0 ? Math.min(p.threads, hardwareCores) : hardwareCores);
  const trees = p.mode === 'tree' ? 1 : p.trees;
  const trainRows = rows * (1 - p.testFraction);
  const sample = p.mode === 'tree' ? trainRows : trainRows * p.sampleFraction * (p.balance === 'oversample' ? 1.5 : 1);
  const leaf = Math.max(1, p.minLeaf);
  const naturalDepth = Math.max(1, Math.log2(Math.max(2, sample / leaf)));
  const depth = p.maxDepth > 0 ? Math.min(p.maxDepth, naturalDepth) : naturalDepth;
  const nodesPerTree = Math.min((2 * sample) / leaf, 2 ** (depth + 1));
  const bytes = rows * features * (1 + cores) + trees * nodesPerTree * BYTES_PER_NODE + rows * BYTES_PER_ROW_SCORES;
  const visits = sample * mtryCount(p.mode === 'tree' ? 'all' : p.mtry, features) * depth * trees;
  return { bytes, seconds: STARTUP_SECONDS + (TIME_FACTOR * visits * NS_PER_VISIT) / 1e9 / cores, cores };
}
