// ROC and precision–recall curves, their downsampled forms for charts, and the threshold sweep
// behind the live threshold slider. All read the same rank table (see rank-table.ts).
import { rankTable, stepAt, type RankTable } from './rank-table.ts';
import { rates, type Confusion, type Rates } from './metrics.ts';

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** thresholds[0] = +Infinity (nobody flagged); then each distinct score, decreasing. */
  thresholds: Float64Array;
}

export interface PrCurve {
  recall: Float64Array;
  precision: Float64Array;
  /** thresholds[0] = +Infinity, the conventional end point (recall 0, precision 1); then each distinct score, decreasing. */
  thresholds: Float64Array;
}

// A class with no rows has all its rates at 0 (same 0/0 rule as metrics.ts).
const div = (d: number) => (d === 0 ? 0 : 1 / d);

export function rocFromRank(r: RankTable): RocCurve {
  const n = r.thresholds.length + 1;
  const fpr = new Float64Array(n);
  const tpr = new Float64Array(n);
  const thresholds = new Float64Array(n);
  thresholds[0] = Infinity;
  const ip = div(r.positives);
  const ineg = div(r.negatives);
  for (let k = 0; k < r.thresholds.length; k++) {
    fpr[k + 1] = r.fp[k] * ineg;
    tpr[k + 1] = r.tp[k] * ip;
    thresholds[k + 1] = r.thresholds[k];
  }
  return { fpr, tpr, thresholds };
}

export function prFromRank(r: RankTable): PrCurve {
  const n = r.thresholds.length + 1;
  const recall = new Float64Array(n);
  const precision = new Float64Array(n);
  const thresholds = new Float64Array(n);
  thresholds[0] = Infinity;
  precision[0] = 1;
  const ip = div(r.positives);
  for (let k = 0; k < r.thresholds.length; k++) {
    recall[k + 1] = r.tp[k] * ip;
    precision[k + 1] = r.tp[k] / (r.tp[k] + r.fp[k]); // every step flags at least one row
    thresholds[k + 1] = r.thresholds[k];
  }
  return { recall, precision, thresholds };
}

export function rocCurve(labels: ArrayLike<number>, probs: ArrayLike<number>): RocCurve {
  return rocFromRank(rankTable(labels, probs));
}

export function prCurve(labels: ArrayLike<number>, probs: ArrayLike<number>): PrCurve {
  return prFromRank(rankTable(labels, probs));
}

/** Indices 0..n-1 thinned to at most maxPoints, always keeping the first and last. */
export function downsampleIndices(n: number, maxPoints = 500): Uint32Array {
  if (maxPoints < 2) throw new RangeError('maxPoints must be at least 2');
  if (n <= maxPoints) return Uint32Array.from({ length: n }, (_, i) => i);
  const out = new Uint32Array(maxPoints);
  const step = (n - 1) / (maxPoints - 1);
  for (let i = 0; i < maxPoints; i++) out[i] = Math.round(i * step);
  out[maxPoints - 1] = n - 1;
  return out;
}

function pick(a: Float64Array, idx: Uint32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = a[idx[i]];
  return out;
}

export function downsampleRoc(c: RocCurve, maxPoints = 500): RocCurve {
  const idx = downsampleIndices(c.fpr.length, maxPoints);
  return { fpr: pick(c.fpr, idx), tpr: pick(c.tpr, idx), thresholds: pick(c.thresholds, idx) };
}

export function downsamplePr(c: PrCurve, maxPoints = 500): PrCurve {
  const idx = downsampleIndices(c.recall.length, maxPoints);
  return { recall: pick(c.recall, idx), precision: pick(c.precision, idx), thresholds: pick(c.thresholds, idx) };
}

export interface ThresholdSweep {
  rank: RankTable;
  positives: number;
  negatives: number;
  /** Confusion matrix for "churn if prob >= t", in O(log n). */
  at(t: number): Confusion;
  /** Recall, precision, F1, accuracy, specificity at t, in O(log n). */
  ratesAt(t: number): Rates & Confusion;
  /** Highest threshold whose recall reaches `target` (NaN when there are no churners). */
  thresholdForRecall(target: number): number;
  /** Lowest threshold whose precision is at least `target` (NaN when no threshold reaches it). */
  thresholdForPrecision(target: number): number;
}

export function thresholdSweep(labels: ArrayLike<number>, probs: ArrayLike<number>): ThresholdSweep {
  return sweepFromRank(rankTable(labels, probs));
}

export function sweepFromRank(rank: RankTable): ThresholdSweep {
  const P = rank.positives;
  const N = rank.negatives;
  const at = (t: number): Confusion => {
    const k = stepAt(rank, t);
    const tp = k < 0 ? 0 : rank.tp[k];
    const fp = k < 0 ? 0 : rank.fp[k];
    return { tp, fp, tn: N - fp, fn: P - tp };
  };
  return {
    rank,
    positives: P,
    negatives: N,
    at,
    ratesAt(t) {
      const c = at(t);
      return { ...c, ...rates(c) };
    },
    thresholdForRecall(target) {
      if (P === 0) return NaN;
      // tp is non-decreasing along the steps: first step reaching the target recall
      const need = target * P;
      for (let k = 0; k < rank.tp.length; k++) if (rank.tp[k] >= need - 1e-9) return rank.thresholds[k];
      return NaN;
    },
    thresholdForPrecision(target) {
      for (let k = rank.tp.length - 1; k >= 0; k--) {
        if (rank.tp[k] / (rank.tp[k] + rank.fp[k]) >= target) return rank.thresholds[k];
      }
      return NaN;
    },
  };
}
