import type { TrainParams } from './types.ts';

// Balancing (class weights, balanced bootstrap, oversampling) trains the trees on data where
// churners are more common than in reality, which inflates every probability. The prior-shift
// correction maps a probability learned at base rate πt back to the true base rate π:
//   p' = p·(π/πt) / (p·(π/πt) + (1−p)·((1−π)/(1−πt)))
// It is monotone, so rankings and AUC do not change; only the probabilities become honest.
// With hard voting the "probability" is the share of trees voting churn; we apply the same
// mapping to it, treating that share as the balanced-data estimate it is.

/** True when the rates differ enough for the correction to matter. */
export function needsCorrection(trained: number, trueRate: number): boolean {
  return valid(trained) && valid(trueRate) && Math.abs(trained - trueRate) > 1e-9;
}

export function correctProbability(p: number, trained: number, trueRate: number): number {
  if (p !== p) return p;
  const a = p * (trueRate / trained);
  const b = (1 - p) * ((1 - trueRate) / (1 - trained));
  return a + b > 0 ? a / (a + b) : p;
}

/** Corrected copy of `p` (NaN stays NaN); an unchanged copy when no correction applies. */
export function correctProbabilities(p: Float64Array, trained: number, true_: number): Float64Array {
  const out = new Float64Array(p);
  if (!needsCorrection(trained, true_)) return out;
  const up = true_ / trained;
  const down = (1 - true_) / (1 - trained);
  for (let i = 0; i < out.length; i++) {
    const x = out[i];
    if (x !== x) continue;
    const a = x * up;
    const s = a + (1 - x) * down;
    out[i] = s > 0 ? a / s : x;
  }
  return out;
}

function valid(r: number): boolean {
  return r > 0 && r < 1;
}

/**
 * The base rate the trees see under a balancing scheme, and whether the kernel corrects each leaf.
 * Soft-vote forests (and the single tree) correct every leaf back to the true rate before any vote
 * is counted (assembly/state.ts setLeafCorrection): their stored leaf values, scores, OOB scores,
 * rules and contributions are then all on the true scale with no later correction. Hard votes
 * (the Mahout preset) are taken on the balanced leaves, as Mahout did, and the vote share is
 * corrected at the output instead.
 */
export function balancedRate(params: Pick<TrainParams, 'balance' | 'oversampleK' | 'mode'>, trueRate: number): number {
  switch (params.balance) {
    case 'weights':
      return 0.5;
    case 'bootstrap':
      return params.mode === 'tree' ? trueRate : 0.5;
    case 'oversample': {
      const k = Math.max(1, params.oversampleK | 0);
      return (k * trueRate) / (k * trueRate + (1 - trueRate));
    }
    default:
      return trueRate;
  }
}

export function correctsLeaves(params: Pick<TrainParams, 'balance' | 'vote'>): boolean {
  return params.balance !== 'none' && params.vote === 'soft';
}

/** Factors (a, b) of p' = p·a / (p·a + (1−p)·b) for the kernel's leaf correction; (1, 1) = none. */
export function leafCorrectionFactors(params: Pick<TrainParams, 'balance' | 'oversampleK' | 'mode' | 'vote'>, trueRate: number): [number, number] {
  if (!correctsLeaves(params) || !valid(trueRate)) return [1, 1];
  const trained = balancedRate(params, trueRate);
  if (!needsCorrection(trained, trueRate)) return [1, 1];
  return [trueRate / trained, (1 - trueRate) / (1 - trained)];
}
