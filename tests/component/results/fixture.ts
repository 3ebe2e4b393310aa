// The customer table and the two-tree version of the hand model (../hand-model.ts), small enough to
// check every number by hand. Table: 10 customers, columns id, tenure (numeric), contract (categorical), plan (categorical), charges.
// Tree 0: tenure ≤ 5 → 0.8; else contract = Monthly → 0.5, Yearly → 0.1.  Tree 1: contract = Monthly → 0.6, else 0.2.
import type { ModelFile, SerializedTree, TrainedModel } from '../../../src/lib/engine/types.ts';
import type { Table } from '../../../src/lib/table/types.ts';
import { fromPlainTree } from '../../../src/lib/engine/model-file.ts';
import { handModelFile, handTrainedModel } from '../hand-model.ts';

export function fixtureTable(): Table {
  const ids = ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10'];
  return {
    rowCount: 10,
    columns: [
      { kind: 'categorical', name: 'id', codes: Int32Array.from(ids.map((_, i) => i)), levels: ids, semantic: 'id' },
      { kind: 'numeric', name: 'tenure', values: Float64Array.from([2, 3, 30, 10, 40, 12, 25, 60, 4, NaN]), semantic: 'number' },
      // contract: 0 Monthly, 1 Yearly
      { kind: 'categorical', name: 'contract', codes: Int32Array.from([0, 0, 1, 0, 1, 0, 1, 1, 0, 1]), levels: ['Monthly', 'Yearly'], semantic: 'category' },
      { kind: 'categorical', name: 'plan', codes: Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, 0, 1]), levels: ['basic', 'premium'], semantic: 'category' },
      { kind: 'numeric', name: 'charges', values: Float64Array.from([100, 80, 60, 50, 40, 30, 20, 10, 90, 70]), semantic: 'number' },
      { kind: 'categorical', name: 'churn', codes: Int32Array.from([0, 0, 1, 0, 1, 0, 1, 1, 0, 1]), levels: ['yes', 'no'], semantic: 'category' },
    ],
  };
}

const tree0: SerializedTree = fromPlainTree({
  // nodes: 0 root (tenure bin <= 0), 1 leaf 0.8, 2 (contract Monthly left), 3 leaf 0.5, 4 leaf 0.1
  feature: [0, -1, 1, -1, -1],
  split: [0, 0, 0, 0, 0],
  threshold: [5, null, null, null, null],
  left: [1, -1, 3, -1, -1],
  right: [2, -1, 4, -1, -1],
  missingLeft: [0, 0, 1, 0, 0],
  value: [0.4, 0.8, 0.3, 0.5, 0.1],
  cover: [10, 3, 7, 3, 4],
  count: [10, 3, 7, 3, 4],
  // one categorical split at offset 0: bit 0 (Monthly) goes left
  catMasks: [1, 0, 0, 0, 0, 0, 0, 0],
});

const tree1: SerializedTree = fromPlainTree({
  feature: [1, -1, -1],
  split: [0, 0, 0],
  threshold: [null, null, null],
  left: [1, -1, -1],
  right: [2, -1, -1],
  missingLeft: [0, 0, 0],
  value: [0.35, 0.6, 0.2],
  cover: [10, 5, 5],
  count: [10, 5, 5],
  catMasks: [1, 0, 0, 0, 0, 0, 0, 0],
});

export function fixtureModel(mode: 'forest' | 'tree' = 'forest'): ModelFile {
  return handModelFile({
    mode,
    seed: 1,
    trees: mode === 'tree' ? [tree0] : [tree0, tree1],
    importance: { impurity: [0.6, 0.4], permutation: [0.05, 0.12] },
    data: { sha256: '0'.repeat(64), rows: 10, columns: 6 },
  });
}

/** The hand model's honest scores (see ../hand-model.ts for the numbers at each threshold). */
export function fixtureTrained(mode: 'forest' | 'tree' = 'forest'): TrainedModel {
  return handTrainedModel(fixtureModel(mode), 5);
}
