// A hand-made trained model whose every reported number can be checked by hand.
// 10 customers; test rows 0..7 score 0.9 … 0.1 with labels 1,1,0,1,0,1,0,0; row 8 is the one
// training row (OOB 0.55, churned); row 9 has no target.
import type { ModelFile, TrainedModel } from '../../../src/lib/engine/types.ts';
import { fromPlainTree } from '../../../src/lib/engine/model-file.ts';
import type { ManifestInput } from '../../../src/lib/report/manifest.ts';

export const SHA = 'ab'.repeat(32);

export function handModel(): ModelFile {
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
      mode: 'forest', trees: 1, mtry: 'sqrt', criterion: 'gini', maxDepth: 0, minLeaf: 1, minSplit: 2, minGain: 0,
      balance: 'none', oversampleK: 1, vote: 'soft', sampleFraction: 1, seed: 7, testFraction: 0.8, threads: 1,
    },
    baseRateCorrected: false,
    trainedBaseRate: 0.4,
    trueBaseRate: 0.4,
    trees: [
      fromPlainTree({
        feature: [0, -1, -1], split: [0, 0, 0], threshold: [5, null, null], left: [1, -1, -1], right: [2, -1, -1],
        missingLeft: [0, 0, 0], value: [0.4, 0.8, 0.2], cover: [10, 3, 7], count: [10, 3, 7], catMasks: [],
      }),
    ],
    importance: { impurity: [0.75, 0.25], permutation: [0.05, -0.01] },
    metrics: {},
    data: { sha256: SHA, rows: 10, columns: 5 },
  };
}

export function handTrained(): TrainedModel {
  return {
    model: handModel(),
    labels: Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 0, 1, 255]),
    trainRows: Uint32Array.from([8]),
    testRows: Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7]),
    testProb: Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1]),
    oobProb: Float64Array.from([0.55]),
    rowProb: Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.55, 0.35]),
    rowProbSource: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 2, 0]),
    excludedRows: 1,
    elapsedMs: 12,
  };
}

export function handInput(over: Partial<ManifestInput> = {}): ManifestInput {
  return {
    appVersion: '0.1.0',
    file: { name: 'customers q3.csv', bytes: 321, sha256: SHA, encoding: 'utf-8', delimiter: ',', rows: 10, columns: 5 },
    target: { column: 'churn', positive: 'yes' },
    idColumn: 'id',
    featureColumns: ['tenure', 'contract'],
    excludedColumns: [{ name: 'notes', reason: 'text' }],
    trained: handTrained(),
    threshold: 0.5,
    tierCuts: { atRisk: 0.35, churned: 0.7 },
    retention: null,
    locale: 'en',
    now: new Date('2026-02-03T04:05:06.000Z'),
    ...over,
  };
}
