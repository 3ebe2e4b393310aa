// Threshold metrics (confusion matrix and the rates read from it) and the two ranking metrics.
// Rows whose label is not 0/1 (e.g. 255 = target missing) or whose probability is NaN are skipped
// everywhere, so callers can pass whole-table arrays.
//
// 0/0 conventions (as scikit-learn's zero_division=0): a rate whose denominator is empty is 0 —
// precision = 0 when nobody is flagged, recall = 0 when there are no churners, specificity = 0 when
// there are no stayers, accuracy = 0 on no rows, F1 = 0 when precision + recall = 0.
// AUC and PR-AUC are NaN when a class is absent: they are undefined, and the UI shows "—".
import type { Metrics } from '../engine/types.ts';
import { rankTable, type RankTable } from './rank-table.ts';

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Rates {
  recall: number;
  precision: number;
  f1: number;
  accuracy: number;
  specificity: number;
}

/** Confusion matrix when churn is predicted for prob >= threshold. */
export function confusion(labels: ArrayLike<number>, probs: ArrayLike<number>, threshold: number): Confusion {
  if (labels.length !== probs.length) throw new RangeError(`labels (${labels.length}) and probs (${probs.length}) differ in length`);
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i];
    if (Number.isNaN(p)) continue;
    const y = labels[i];
    if (y === 1) {
      if (p >= threshold) tp++;
      else fn++;
    } else if (y === 0) {
      if (p >= threshold) fp++;
      else tn++;
    }
  }
  return { tp, fp, tn, fn };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function rates(c: Confusion): Rates {
  const recall = ratio(c.tp, c.tp + c.fn);
  const precision = ratio(c.tp, c.tp + c.fp);
  return {
    recall,
    precision,
    f1: ratio(2 * precision * recall, precision + recall),
    accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn),
    specificity: ratio(c.tn, c.tn + c.fp),
  };
}

/** ROC AUC from a rank table: trapezoids between steps = Mann–Whitney U / (P·N) with ties counted 1/2. */
export function rocAucFromRank(r: RankTable): number {
  if (r.positives === 0 || r.negatives === 0) return NaN;
  let area = 0;
  let ptp = 0;
  let pfp = 0;
  for (let k = 0; k < r.tp.length; k++) {
    area += (r.fp[k] - pfp) * (r.tp[k] + ptp);
    ptp = r.tp[k];
    pfp = r.fp[k];
  }
  return area / (2 * r.positives * r.negatives);
}

/** Average precision (scikit-learn's average_precision_score): Σ (R_k − R_{k−1}) · P_k over distinct thresholds, no interpolation. */
export function prAucFromRank(r: RankTable): number {
  if (r.positives === 0 || r.negatives === 0) return NaN;
  let sum = 0;
  let ptp = 0;
  for (let k = 0; k < r.tp.length; k++) {
    const dtp = r.tp[k] - ptp;
    if (dtp > 0) sum += (dtp * r.tp[k]) / (r.tp[k] + r.fp[k]);
    ptp = r.tp[k];
  }
  return sum / r.positives;
}

export function rocAuc(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  return rocAucFromRank(rankTable(labels, probs));
}

export function prAuc(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  return prAucFromRank(rankTable(labels, probs));
}

export function computeMetrics(labels: ArrayLike<number>, probs: ArrayLike<number>, threshold: number): Metrics {
  return metricsFromRank(rankTable(labels, probs), labels, probs, threshold);
}

/** computeMetrics given the rank table of the same labels and scores (e.g. built with rankTablePaced). */
export function metricsFromRank(rank: RankTable, labels: ArrayLike<number>, probs: ArrayLike<number>, threshold: number): Metrics {
  const c = confusion(labels, probs, threshold);
  return {
    auc: rocAucFromRank(rank),
    prAuc: prAucFromRank(rank),
    ...rates(c),
    threshold,
    rows: rank.positives + rank.negatives,
    positives: rank.positives,
  };
}
