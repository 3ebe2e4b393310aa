// A rough memory/time estimate shown before training, so nobody starts a 20-minute run by accident.
// Memory: one byte per binned cell, copied into each worker, plus the trees (a fully grown tree has
// about 2·rows/minLeaf nodes of ~60 bytes). Time: the kernel's measured cost of ~4 ns per
// feature-row visit (DESIGN.md), one visit per row per sampled feature per tree level.
import type { TrainParams } from '../../lib/engine/types.ts';

export interface Estimate {
  mb: number;
  seconds: number;
  cores: number;
}

const NS_PER_VISIT = 4;
/** Measured on the samples: OOB scoring, permutation importance and worker start-up cost about 4× the tree building, plus ~0.5 s. */
const OVERHEAD_FACTOR = 4;
const STARTUP_SECONDS = 0.5;
const BYTES_PER_NODE = 60;

export function mtryCount(mtry: TrainParams['mtry'], features: number): number {
  if (mtry === 'all') return features;
  if (mtry === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(features)));
  if (mtry === 'log2') return Math.max(1, Math.floor(Math.log2(Math.max(2, features))));
  return Math.max(1, Math.min(features, mtry));
}

export function estimateTraining(rows: number, features: number, p: TrainParams, hardwareCores: number): Estimate {
  const cores = Math.max(1, p.threads > 0 ? Math.min(p.threads, hardwareCores) : hardwareCores);
  const trees = p.mode === 'tree' ? 1 : p.trees;
  const trainRows = rows * (1 - p.testFraction);
  const sample = p.mode === 'tree' ? trainRows : trainRows * p.sampleFraction * (p.balance === 'oversample' ? 1.5 : 1);
  const leaf = Math.max(1, p.minLeaf);
  const naturalDepth = Math.max(1, Math.log2(Math.max(2, sample / leaf)));
  const depth = p.maxDepth > 0 ? Math.min(p.maxDepth, naturalDepth) : naturalDepth;
  const nodesPerTree = Math.min(2 * sample / leaf, 2 ** (depth + 1));
  const bytes = rows * features * (1 + cores) + trees * nodesPerTree * BYTES_PER_NODE;
  const visits = sample * mtryCount(p.mode === 'tree' ? 'all' : p.mtry, features) * depth * trees;
  return { mb: bytes / 1_048_576, seconds: STARTUP_SECONDS + (OVERHEAD_FACTOR * visits * NS_PER_VISIT) / 1e9 / cores, cores };
}
