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
