// Calibration: do rows scored 0.3 really churn about 30% of the time? Reliability bins compare the
// mean predicted probability with the observed churn rate per bin; the Brier score is the mean
// squared error of the probabilities (0 is perfect; always predicting the base rate b scores b(1−b)).
// Unlabelled rows (label not 0/1) and NaN probabilities are skipped.

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  meanPredicted: number;
  /** Observed churn rate in the bin (NaN when empty). */
  observedRate: number;
}

/** Equal-width bins on [0, 1]; bin i holds lower <= p < upper, and the last bin includes 1. */
export function reliabilityBins(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  if (!(bins >= 1) || !Number.isInteger(bins)) throw new RangeError('bins must be a positive integer');
  if (labels.length !== probs.length) throw new RangeError('labels and probs differ in length');
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i];
    const y = labels[i];
    if (Number.isNaN(p) || (y !== 0 && y !== 1)) continue;
    let b = Math.floor(p * bins);
    if (b < 0) b = 0;
    else if (b >= bins) b = bins - 1;
    count[b]++;
    sumP[b] += p;
    sumY[b] += y;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    out.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      count: count[b],
      meanPredicted: count[b] ? sumP[b] / count[b] : NaN,
      observedRate: count[b] ? sumY[b] / count[b] : NaN,
    });
  }
  return out;
}

/** Mean of (p − y)² over labelled rows; NaN when there are none. */
export function brierScore(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  if (labels.length !== probs.length) throw new RangeError('labels and probs differ in length');
  let s = 0;
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i];
    const y = labels[i];
    if (Number.isNaN(p) || (y !== 0 && y !== 1)) continue;
    s += (p - y) * (p - y);
    n++;
  }
  return n ? s / n : NaN;
}

/** Expected calibration error: count-weighted mean |observed − predicted| over the bins. */
export function expectedCalibrationError(bins: ReliabilityBin[]): number {
  let n = 0;
  let s = 0;
  for (const b of bins) {
    if (!b.count) continue;
    n += b.count;
    s += b.count * Math.abs(b.observedRate - b.meanPredicted);
  }
  return n ? s / n : NaN;
}
