// Which rows the headline metrics are read from, and the threshold the app starts with.
// The same sets as the Results screen (held-out test rows, else out-of-bag predictions), so the
// summary strip and the Results screen always agree; without either (a single tree trained on every
// row) the labelled rows themselves, which the UI labels as optimistic.
import type { TrainedModel } from '../../lib/engine/types.ts';
import { evaluationSet, oobSet, testSet, type EvaluationSet } from '../results/evaluation-set.ts';
import { honestLabelled } from '../customers/honest-rows.ts';
import { bestF1Threshold } from '../../lib/evaluate/rank-table.ts';

export type EvalSource = 'test' | 'oob' | 'train';

export function headlineSet(t: TrainedModel): { source: EvalSource; set: EvaluationSet } | null {
  const test = testSet(t);
  if (test) return { source: 'test', set: test };
  const oob = oobSet(t);
  if (oob) return { source: 'oob', set: oob };
  const all = honestLabelled(t);
  const set = evaluationSet(all.labels, all.probs);
  return set ? { source: 'train', set } : null;
}

/**
 * The starting threshold: the one with the best F1 on the headline rows (a balance between catching
 * churners and not crying wolf); the user moves it on the Results screen. 0.5 when undefined.
 */
export function defaultThreshold(set: EvaluationSet | null): number {
  return set ? bestF1Threshold(set.rank) : 0.5;
}
