import { describe, expect, it } from 'vitest';
import { defaultParams, PRESETS, presetParams } from '../../src/lib/engine/presets.ts';
import { effectiveParams, treeMinLeaf } from '../../src/lib/engine/train.ts';

describe('presets', () => {
  it('recommended is a soft-voting 100-tree forest with a 10% test set and seed 42', () => {
    const p = PRESETS.recommended;
    expect([p.mode, p.trees, p.mtry, p.vote, p.testFraction, p.seed, p.threads]).toEqual(['forest', 100, 'sqrt', 'soft', 0.1, 42, 0]);
    // leaves of 20: better AUC than 5 on the shipped and benchmark data, 2.3× fewer nodes (presets.ts)
    expect([p.minLeaf, p.minSplit]).toEqual([20, 40]);
    // class weights, corrected leaf by leaf: recall-minded splits, honest probabilities (presets.ts)
    expect(p.balance).toBe('weights');
    expect(p.criterion).toBe('entropy');
  });

  it('mahout reproduces the founding study: 40 trees, 4 features, leaf 50, entropy, churners ×20, hard vote', () => {
    const p = PRESETS.mahout;
    expect([p.trees, p.mtry, p.minLeaf, p.criterion, p.balance, p.oversampleK, p.vote, p.testFraction]).toEqual([
      40, 4, 50, 'entropy', 'oversample', 20, 'hard', 0.1,
    ]);
  });

  it('tree is one depth-5 entropy tree with class weights', () => {
    const p = PRESETS.tree;
    expect([p.mode, p.trees, p.maxDepth, p.criterion, p.balance]).toEqual(['tree', 1, 5, 'entropy', 'weights']);
  });

  it('hands out copies', () => {
    const a = defaultParams();
    a.trees = 3;
    expect(PRESETS.recommended.trees).toBe(100);
    expect(presetParams('mahout')).toEqual(PRESETS.mahout);
  });

  it('tree mode raises the leaf size to 1% of training rows', () => {
    expect(treeMinLeaf(20, 500)).toBe(20);
    expect(treeMinLeaf(20, 4500)).toBe(45);
    const e = effectiveParams({ ...PRESETS.tree, trees: 7 }, 10_000);
    expect([e.trees, e.minLeaf, e.minSplit]).toEqual([1, 100, 200]);
    expect(effectiveParams(PRESETS.recommended, 10_000)).toEqual(PRESETS.recommended);
  });
});
