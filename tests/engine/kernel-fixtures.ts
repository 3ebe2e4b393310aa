// Synthetic, already binned churn data with a known signal (kernel tests and bench/kernel-quick.mjs).
import type { BinnedMatrix, FeatureSpec, TrainParams } from '../../src/lib/engine/types.ts';

import { mulberry32 } from '../../src/lib/util/random.ts';

export { mulberry32 };

/**
 * rows × features: features 0..2 carry the signal (two numeric with 255 bins, one categorical with
 * 6 categories), the rest are noise with 64 bins; ~3% missing in feature 1. About 28% churn.
 */
export function syntheticChurn(rows: number, features: number, seed = 1): { m: BinnedMatrix; labels: Uint8Array } {
  const rnd = mulberry32(seed);
  const bins = new Uint8Array(rows * features);
  const labels = new Uint8Array(rows);
  const specs: FeatureSpec[] = [];
  for (let f = 0; f < features; f++) {
    if (f === 2) specs.push({ name: `f${f}`, kind: 'categorical', categories: ['a', 'b', 'c', 'd', 'e', 'f'], binOf: [0, 1, 2, 3, 4, 5], valueBins: 6 });
    else specs.push({ name: `f${f}`, kind: 'numeric', edges: Array.from({ length: f < 2 ? 254 : 63 }, (_, i) => i) });
  }
  const catEffect = [0.9, -0.6, 0.2, -0.2, 1.2, -1.0];
  for (let r = 0; r < rows; r++) {
    const age = rnd();
    const active = rnd();
    const cat = Math.floor(rnd() * 6);
    bins[r] = Math.floor(age * 255);
    if (features > 1) bins[rows + r] = rnd() < 0.03 ? 255 : Math.floor(active * 255);
    if (features > 2) bins[2 * rows + r] = cat;
    for (let f = 3; f < features; f++) bins[f * rows + r] = Math.floor(rnd() * 64);
    const z = -1.6 + 12 * (age - 0.5) ** 2 - 1.5 * active + catEffect[cat] + (rnd() - 0.5) * 2;
    labels[r] = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { m: { rows, features: specs, bins }, labels };
}

export function baseParams(over: Partial<TrainParams> = {}): TrainParams {
  return {
    mode: 'forest', trees: 10, mtry: 'sqrt', criterion: 'entropy', maxDepth: 0, minLeaf: 1, minSplit: 2,
    minGain: 0, balance: 'none', oversampleK: 1, vote: 'soft', sampleFraction: 1, seed: 42, testFraction: 0,
    threads: 1, ...over,
  };
}

/** Area under the ROC curve (rank statistic with ties averaged). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]] === 1) { rankSumPos += rank; nPos++; }
    i = j + 1;
  }
  const nNeg = scores.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
