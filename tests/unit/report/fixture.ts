// The report's version of the hand model (tests/component/hand-model.ts), whose every reported
// number can be checked by hand: one tree (tenure ≤ 5 → 0.8, else 0.2), seed 7, and the manifest
// input around it.
import type { ModelFile, TrainedModel } from '../../../src/lib/engine/types.ts';
import { fromPlainTree } from '../../../src/lib/engine/model-file.ts';
import type { ManifestInput } from '../../../src/lib/report/manifest.ts';
import { handModelFile, handTrainedModel } from '../../component/hand-model.ts';

export const SHA = 'ab'.repeat(32);

export function handModel(): ModelFile {
  return handModelFile({
    mode: 'forest',
    seed: 7,
    trees: [
      fromPlainTree({
        feature: [0, -1, -1], split: [0, 0, 0], threshold: [5, null, null], left: [1, -1, -1], right: [2, -1, -1],
        missingLeft: [0, 0, 0], value: [0.4, 0.8, 0.2], cover: [10, 3, 7], count: [10, 3, 7], catMasks: [],
      }),
    ],
    importance: { impurity: [0.75, 0.25], permutation: [0.05, -0.01] },
    data: { sha256: SHA, rows: 10, columns: 5 },
  });
}

export function handTrained(): TrainedModel {
  return handTrainedModel(handModel(), 12);
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
