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

// A model's sets are computed once: the summary strip, the Results screen and the starting
// threshold all read them, and on a million rows each one sorts hundreds of thousands of scores.
const testSets = new WeakMap<TrainedModel, EvaluationSet | null>();
const oobSets = new WeakMap<TrainedModel, EvaluationSet | null>();

function cached(cache: WeakMap<TrainedModel, EvaluationSet | null>, t: TrainedModel, make: () => EvaluationSet | null): EvaluationSet | null {
  let v = cache.get(t);
  if (v === undefined) cache.set(t, (v = make()));
  return v;
}

/** What the sets of a model are computed from (plain typed arrays: it can travel to a worker). */
export type EvaluationInput = Pick<TrainedModel, 'labels' | 'testRows' | 'testProb' | 'trainRows' | 'oobProb'> & { singleTree: boolean };

export function evaluationInput(t: TrainedModel): EvaluationInput {
  const { labels, testRows, testProb, trainRows, oobProb } = t;
  return { labels, testRows, testProb, trainRows, oobProb, singleTree: t.model.params.mode === 'tree' };
}

export function testSetOf(x: EvaluationInput): EvaluationSet | null {
  return x.testRows.length ? evaluationSet(labelsOf(x.labels, x.testRows), x.testProb) : null;
}

export function oobSetOf(x: EvaluationInput): EvaluationSet | null {
  if (x.singleTree || x.trainRows.length === 0) return null;
  return evaluationSet(labelsOf(x.labels, x.trainRows), x.oobProb);
}

/** An evaluation set without its sweep (closures cannot leave a worker); the sweep is rebuilt in O(1). */
export type PortableEvaluationSet = Omit<EvaluationSet, 'sweep'>;

export function portable(set: EvaluationSet | null): PortableEvaluationSet | null {
  if (!set) return null;
  const { sweep: _sweep, ...rest } = set;
  return rest;
}

/** Stores sets computed elsewhere (the evaluation worker) as the model's sets. */
export function primeSets(t: TrainedModel, test: PortableEvaluationSet | null, oob: PortableEvaluationSet | null): void {
  testSets.set(t, test && { ...test, sweep: sweepFromRank(test.rank) });
  oobSets.set(t, oob && { ...oob, sweep: sweepFromRank(oob.rank) });
}

/** Held-out test set, or null when the split kept no test rows. */
export function testSet(t: TrainedModel): EvaluationSet | null {
  return cached(testSets, t, () => testSetOf(evaluationInput(t)));
}

/** Out-of-bag set (rows never out of bag, NaN, are skipped by the rank table), or null for a single tree. */
export function oobSet(t: TrainedModel): EvaluationSet | null {
  return cached(oobSets, t, () => oobSetOf(evaluationInput(t)));
}
