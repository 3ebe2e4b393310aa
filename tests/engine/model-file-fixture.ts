// A small hand-built model shared by the model-file and rules tests.
import type { FeatureSpec, TrainParams, TreeArrays } from '../../src/lib/engine/types.ts';
import { PRESETS } from '../../src/lib/engine/presets.ts';
import { serializeModel } from '../../src/lib/engine/model-file.ts';

export const FEATURES: FeatureSpec[] = [
  { name: 'tenure', kind: 'numeric', edges: [5, 12, 24] },
  { name: 'Contract', kind: 'categorical', categories: ['Month-to-month', 'One year', 'Two year'], binOf: [0, 1, 2], valueBins: 3 },
];

/**
 *        0: Contract in {Month-to-month}?
 *        ├─ yes → 1: tenure ≤ 5?
 *        │        ├─ yes → 3: leaf 0.68 (412)
 *        │        └─ no  → 4: leaf 0.30 (200)
 *        └─ no  → 2: leaf 0.05 (300)
 */
export function handTree(): TreeArrays {
  return {
    feature: Int32Array.from([1, 0, -1, -1, -1]),
    split: Int32Array.from([0, 0, 0, 0, 0]),
    left: Int32Array.from([1, 3, -1, -1, -1]),
    right: Int32Array.from([2, 4, -1, -1, -1]),
    missingLeft: Uint8Array.from([0, 0, 0, 0, 0]),
    value: Float64Array.from([0.3, 0.55, 0.05, 0.68, 0.3]),
    cover: Float64Array.from([912, 612, 300, 412, 200]),
    count: Int32Array.from([912, 612, 300, 412, 200]),
    catMasks: Uint32Array.from([1, 0, 0, 0, 0, 0, 0, 0]),
  };
}

export const PARAMS: TrainParams = { ...PRESETS.recommended, trees: 1 };

export function handModel() {
  return serializeModel({
    target: { column: 'churn', positive: 'yes' },
    idColumn: 'id',
    features: FEATURES,
    params: PARAMS,
    trees: [handTree()],
    trainedBaseRate: 0.5,
    trueBaseRate: 0.2,
    baseRateCorrected: true,
    importance: { impurity: [0.4, 0.6], permutation: [0.1, 0.2] },
    metrics: {
      test: { auc: 0.9, prAuc: 0.7, recall: 0.5, precision: NaN, f1: 0.4, accuracy: 0.9, specificity: 0.95, threshold: 0.5, rows: 100, positives: 20 },
    },
    data: { sha256: 'ab'.repeat(32), rows: 1000, columns: 3 },
    createdAt: '2026-01-01T00:00:00.000Z',
  });
}
