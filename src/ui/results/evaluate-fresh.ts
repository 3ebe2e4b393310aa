// What the app derives from a freshly trained model before showing it: the test and out-of-bag
// evaluation sets and the default tier cuts. Pure, so it runs the same in the evaluation worker
// and (without workers) in place.
import type { TrainedModel } from '../../lib/engine/types.ts';
import { defaultTierCuts, type DefaultTierCuts } from '../../lib/evaluate/tiers.ts';
import { honestLabelled } from '../customers/honest-rows.ts';
import { oobSetOf, portable, testSetOf, type EvaluationInput, type PortableEvaluationSet } from './evaluation-set.ts';

export type FreshEvaluationInput = EvaluationInput & Pick<TrainedModel, 'rowProb' | 'rowProbSource'>;

export interface FreshEvaluation {
  test: PortableEvaluationSet | null;
  oob: PortableEvaluationSet | null;
  cuts: DefaultTierCuts;
}

export function evaluateFresh(x: FreshEvaluationInput): FreshEvaluation {
  const honest = honestLabelled(x);
  return { test: portable(testSetOf(x)), oob: portable(oobSetOf(x)), cuts: defaultTierCuts(honest.labels, honest.probs) };
}
