// Everything the Results screen shows about one set of honest predictions (held-out test rows,
// or out-of-bag training rows), computed once per model so dragging the threshold is O(log n).
import type { TrainedModel } from '../../lib/engine/types.ts';
import { rankTable, type RankTable } from '../../lib/evaluate/rank-table.ts';
import { sweepFromRank, rocFromRank, prFromRank, downsampleRoc, downsamplePr, type ThresholdSweep, type RocCurve, type PrCurve } from '../../lib/evaluate/curves.ts';
import { rocAucFromRank, prAucFromRank } from '../../lib/evaluate/metrics.ts';
import { liftFromRank, gainsFromRank, type LiftRow } from '../../lib/evaluate/lift.ts';
import { reliabilityBins, brierScore, type ReliabilityBin } from '../../lib/evaluate/calibration.ts';

export interface EvaluationSet {
  rows: number;
  positives: number;
  rank: RankTable;
  sweep: ThresholdSweep;
  roc: RocCurve;
  pr: PrCurve;
  auc: number;
  prAuc: number;
  lift: LiftRow[];
  gains: { fraction: Float64Array; cumPositivesShare: Float64Array };
  calibration: ReliabilityBin[];
  brier: number;
}

export function evaluationSet(labels: ArrayLike<number>, probs: ArrayLike<number>): EvaluationSet | null {
  const rank = rankTable(labels, probs);
  const rows = rank.positives + rank.negatives;
  if (rows === 0) return null;
  return {
    rows,
    positives: rank.positives,
    rank,
    sweep: sweepFromRank(rank),
    roc: downsampleRoc(rocFromRank(rank), 400),
    pr: downsamplePr(prFromRank(rank), 400),
    auc: rocAucFromRank(rank),
    prAuc: prAucFromRank(rank),
    lift: liftFromRank(rank, 10),
    gains: gainsFromRank(rank, 100),
    calibration: reliabilityBins(labels, probs, 10),
    brier: brierScore(labels, probs),
  };
}

/** Labels of the rows in `rows` (the probabilities are already aligned with them). */
export function labelsOf(all: Uint8Array, rows: Uint32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = all[rows[i]];
  return out;
}

/** Held-out test set, or null when the split kept no test rows. */
export function testSet(t: TrainedModel): EvaluationSet | null {
  return t.testRows.length ? evaluationSet(labelsOf(t.labels, t.testRows), t.testProb) : null;
}

/** Out-of-bag set (rows never out of bag, NaN, are skipped by the rank table), or null for a single tree. */
export function oobSet(t: TrainedModel): EvaluationSet | null {
  if (t.model.params.mode === 'tree' || t.trainRows.length === 0) return null;
  return evaluationSet(labelsOf(t.labels, t.trainRows), t.oobProb);
}
