// Main-thread side of the evaluation worker: one short-lived worker per trained model (the inputs
// are copied to it, the results come back and prime the model's cached sets). Without workers, or if
// the worker fails, the same evaluateFresh runs in place: slower to show, never different.
import { wrap } from 'comlink';
import type { TrainedModel } from '../../lib/engine/types.ts';
import { evaluateFresh, type FreshEvaluation, type FreshEvaluationInput } from './evaluate-fresh.ts';
import { evaluationInput, primeSets } from './evaluation-set.ts';
import type { EvaluationWorkerApi } from './evaluation-worker.ts';
import { createEvaluationWorker } from './evaluation-worker-factory.ts';

/** Rows below which the work takes a few milliseconds and a worker would only add its start-up. */
const IN_PLACE_ROWS = 5_000;

async function inWorker(x: FreshEvaluationInput): Promise<FreshEvaluation> {
  const worker = createEvaluationWorker();
  try {
    const failed = new Promise<never>((_, reject) => worker.addEventListener('error', (e) => reject(new Error(e.message || 'evaluation worker failed'))));
    return await Promise.race([wrap<EvaluationWorkerApi>(worker).evaluate(x), failed]);
  } finally {
    worker.terminate();
  }
}

/** Evaluation sets (primed into testSet/oobSet) and default tier cuts of a freshly trained model. */
export async function evaluateTrained(trained: TrainedModel): Promise<FreshEvaluation> {
  const x: FreshEvaluationInput = { ...evaluationInput(trained), rowProb: trained.rowProb, rowProbSource: trained.rowProbSource };
  let r: FreshEvaluation;
  if (typeof Worker === 'undefined' || trained.labels.length < IN_PLACE_ROWS) {
    r = evaluateFresh(x);
  } else {
    try {
      r = await inWorker(x);
    } catch (e) {
      console.error(e);
      r = evaluateFresh(x);
    }
  }
  primeSets(trained, r.test, r.oob);
  return r;
}
