// The hand-made trained model that the results, customers and report tests check number by number.
// 10 customers; features tenure (numeric, bin edges 5 and 20) and contract (Monthly / Yearly).
// Test rows 0..7 score 0.9 … 0.1 with labels 1,1,0,1,0,1,0,0; row 8 is the one training row
// (churned, out-of-bag 0.55); row 9 has no target. Each suite brings its own trees and the facts it
// checks differently (seed, importance, data fingerprint).
import type { ModelFile, SerializedTree, TrainedModel } from '../../src/lib/engine/types.ts';

export interface HandModelParts {
  mode: 'forest' | 'tree';
  seed: number;
  trees: SerializedTree[];
  importance: ModelFile['importance'];
  data: ModelFile['data'];
}

export function handModelFile({ mode, seed, trees, importance, data }: HandModelParts): ModelFile {
  return {
    format: 'churnlens-model',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    appVersion: '0.1.0',
    target: { column: 'churn', positive: 'yes' },
    idColumn: 'id',
    features: [
      { name: 'tenure', kind: 'numeric', edges: [5, 20] },
      { name: 'contract', kind: 'categorical', categories: ['Monthly', 'Yearly'], binOf: [0, 1], valueBins: 2 },
    ],
    params: {
      mode, trees: trees.length, mtry: 'sqrt', criterion: 'gini', maxDepth: 0, minLeaf: 1, minSplit: 2, minGain: 0,
      balance: 'none', oversampleK: 1, vote: 'soft', sampleFraction: 1, seed, testFraction: 0.8, threads: 1,
    },
    baseRateCorrected: false,
    trainedBaseRate: 0.4,
    trueBaseRate: 0.4,
    trees,
    importance,
    metrics: {},
    data,
  };
}

/**
 * The model with its honest scores. At threshold 0.5: tp 3, fp 1, fn 1, tn 3; at 0.25: tp 4, fp 2,
 * fn 0, tn 2. A single tree has no out-of-bag rows, so its training row's OOB score is NaN.
 */
export function handTrainedModel(model: ModelFile, elapsedMs: number): TrainedModel {
  return {
    model,
    labels: Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 0, 1, 255]),
    trainRows: Uint32Array.from([8]),
    testRows: Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7]),
    testProb: Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1]),
    oobProb: Float64Array.from([model.params.mode === 'tree' ? NaN : 0.55]),
    rowProb: Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.55, 0.35]),
    rowProbSource: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 2, 0]),
    excludedRows: 1,
    elapsedMs,
  };
}
