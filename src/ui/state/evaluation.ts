// Which rows the headline metrics are read from, and the threshold the app starts with.
// Honest first: held-out test rows; else out-of-bag predictions of training rows; else (no test set,
// single tree) the training rows themselves, labelled as optimistic in the UI.
import type { TrainedModel } from '../../lib/engine/types.ts';
import { thresholdSweep } from '../../lib/evaluate/curves.ts';

export type EvalSource = 'test' | 'oob' | 'train';

export interface EvalSet {
  source: EvalSource;
  labels: Uint8Array;
  probs: Float64Array;
}

function gather(trained: TrainedModel, rows: Uint32Array, probs: Float64Array): { labels: Uint8Array; probs: Float64Array } {
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) labels[i] = trained.labels[rows[i]];
  return { labels, probs };
}

function hasBothClasses(labels: Uint8Array, probs: Float64Array): boolean {
  let pos = false;
  let neg = false;
  for (let i = 0; i < labels.length && !(pos && neg); i++) {
    if (Number.isNaN(probs[i])) continue;
    if (labels[i] === 1) pos = true;
    else if (labels[i] === 0) neg = true;
  }
  return pos && neg;
}

export function evaluationSet(trained: TrainedModel): EvalSet {
  if (trained.testRows.length > 0) {
    const s = gather(trained, trained.testRows, trained.testProb);
    if (hasBothClasses(s.labels, s.probs)) return { source: 'test', ...s };
  }
  if (trained.oobProb.length === trained.trainRows.length) {
    const s = gather(trained, trained.trainRows, trained.oobProb);
    if (hasBothClasses(s.labels, s.probs)) return { source: 'oob', ...s };
  }
  const s = gather(trained, trained.trainRows, Float64Array.from(trained.trainRows, (r) => trained.rowProb[r]));
  return { source: 'train', ...s };
}

/**
 * The starting threshold: the one with the best F1 on the evaluation rows (a balance of catching
 * churners and not crying wolf); the user moves it on the Results screen. 0.5 when undefined.
 */
export function defaultThreshold(set: EvalSet): number {
  const sweep = thresholdSweep(set.labels, set.probs);
  const { tp, fp, thresholds } = sweep.rank;
  const P = sweep.positives;
  let best = 0.5;
  let bestF1 = -1;
  for (let k = 0; k < tp.length; k++) {
    const f1 = (2 * tp[k]) / (tp[k] + fp[k] + P);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = thresholds[k];
    }
  }
  return bestF1 > 0 ? best : 0.5;
}
