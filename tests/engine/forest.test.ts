// Forest sampling, out-of-bag bookkeeping, merging and a quality check on data with a known signal.
import { describe, expect, it } from 'vitest';
import { forestSize, mergeForest, planTreeBatches, planTreeChunks } from '../../src/lib/engine/forest.ts';
import { createInlinePool } from '../../src/lib/engine/pool-inline.ts';
import { categoricalFlags } from '../../src/lib/engine/wasm-engine.ts';
import { auc, baseParams, mulberry32, syntheticChurn } from './kernel-fixtures.ts';
import { engine } from './kernel-helpers.ts';
import type { TreeArrays } from '../../src/lib/engine/types.ts';

const { m, labels } = syntheticChurn(3000, 8, 11);
const isCat = categoricalFlags(m);
// Training rows: every even row (the odd rows must never be drawn).
const trainRows = Uint32Array.from({ length: 1500 }, (_, i) => 2 * i);
const churnersIn = (rows: Uint32Array) => rows.reduce((s, r) => s + labels[r], 0);

describe('bootstrap and out-of-bag rows', () => {
  it('adds a tree to exactly the OOB sums of the rows it did not draw', async () => {
    const e = await engine();
    const params = baseParams({ trees: 3 });
    for (const index of [0, 1, 2]) {
      const r = e.trainTrees(m, isCat, labels, trainRows, params, [index]);
      const drawn = e.lastDrawCounts();
      const t = r.trees[0];
      // The bag has round(1 · 1500) draws; the root counts them with duplicates.
      expect(drawn.reduce((s, c) => s + c, 0)).toBe(1500);
      expect(t.count[0]).toBe(1500);
      const oobRows: number[] = [];
      for (let i = 0; i < trainRows.length; i++) {
        expect(r.oobCount[i]).toBe(drawn[i] === 0 ? 1 : 0);
        if (drawn[i] === 0) oobRows.push(trainRows[i]);
      }
      // About e^-1 of the rows are out of bag.
      expect(oobRows.length / 1500).toBeGreaterThan(0.33);
      expect(oobRows.length / 1500).toBeLessThan(0.41);
      // OOB sums are this tree's predictions on those rows.
      const pred = e.predict([t], m, 'soft');
      let k = 0;
      for (let i = 0; i < trainRows.length; i++) if (drawn[i] === 0) expect(r.oobSum[i]).toBeCloseTo(pred[oobRows[k++]], 9);
    }
  });

  it('a tree depends only on (data, params, seed, tree index)', async () => {
    const e = await engine();
    const params = baseParams();
    const alone = e.trainTrees(m, isCat, labels, trainRows, params, [5]).trees[0];
    const inBatch = e.trainTrees(m, isCat, labels, trainRows, params, [3, 4, 5]).trees[2];
    expect(inBatch).toEqual(alone);
    const otherSeed = e.trainTrees(m, isCat, labels, trainRows, { ...params, seed: 43 }, [5]).trees[0];
    expect(otherSeed.feature.length === alone.feature.length && otherSeed.split.every((v, i) => v === alone.split[i])).toBe(false);
  });

  it('balanced bootstrap draws as many churners as stayers', async () => {
    const e = await engine();
    // Hard vote keeps node values as drawn (soft votes correct them back to the true rate).
    const t = e.trainTrees(m, isCat, labels, trainRows, baseParams({ balance: 'bootstrap', vote: 'hard' }), [0]).trees[0];
    expect(t.count[0]).toBe(1500);
    expect(t.value[0]).toBe(0.5);
  });

  it('sampleFraction sets the bag size', async () => {
    const e = await engine();
    const t = e.trainTrees(m, isCat, labels, trainRows, baseParams({ sampleFraction: 0.5 }), [0]).trees[0];
    expect(t.count[0]).toBe(750);
  });
});

describe('oversampling', () => {
  const K = 3;
  const pos = churnersIn(trainRows);

  it('repeats churners K times among the training rows only', async () => {
    const e = await engine();
    const single = e.trainTrees(m, isCat, labels, trainRows, baseParams({ mode: 'tree', balance: 'oversample', oversampleK: K, vote: 'hard' }), [0]);
    const t = single.trees[0];
    expect(t.count[0]).toBe(1500 - pos + K * pos);
    expect(t.value[0]).toBeCloseTo((K * pos) / (1500 - pos + K * pos), 12);
    // Single-tree mode: every training row is in the tree, so nothing is out of bag.
    expect(single.oobCount.every((c) => c === 0)).toBe(true);

    const forest = e.trainTrees(m, isCat, labels, trainRows, baseParams({ balance: 'oversample', oversampleK: K }), [0]);
    expect(forest.trees[0].count[0]).toBe(1500 - pos + K * pos);
    const drawn = e.lastDrawCounts();
    expect(drawn.length).toBe(trainRows.length);
    // A churner is in the bag if any of its copies was drawn.
    for (let i = 0; i < trainRows.length; i++) expect(forest.oobCount[i]).toBe(drawn[i] === 0 ? 1 : 0);
    // Churners are drawn about K times as often as stayers.
    let cPos = 0;
    let cNeg = 0;
    for (let i = 0; i < trainRows.length; i++) (labels[trainRows[i]] === 1 ? (cPos += drawn[i]) : (cNeg += drawn[i]));
    expect(cPos / pos / (cNeg / (1500 - pos))).toBeGreaterThan(2.5);
    expect(cPos / pos / (cNeg / (1500 - pos))).toBeLessThan(3.5);
  });

  it('reports the resampled base rate and the true one', async () => {
    const r = await createInlinePool().trainForest(m, labels, trainRows, baseParams({ mode: 'tree', balance: 'oversample', oversampleK: K }));
    expect(r.trueBaseRate).toBeCloseTo(pos / 1500, 12);
    expect(r.trainedBaseRate).toBeCloseTo((K * pos) / (1500 - pos + K * pos), 12);
    expect(r.trees.length).toBe(1);
    expect(r.oob.every((v) => Number.isNaN(v))).toBe(true);
  });
});

describe('forest quality and result', () => {
  it('separates churners on held-out rows of data with a known signal', async () => {
    const { m: big, labels: y } = syntheticChurn(6000, 12, 5);
    const train = Uint32Array.from({ length: 4500 }, (_, i) => i);
    const test = Array.from({ length: 1500 }, (_, i) => 4500 + i);
    const pool = createInlinePool();
    const r = await pool.trainForest(big, y, train, baseParams({ trees: 40, minLeaf: 5 }));
    const p = await pool.predict(r.trees, big, 'soft');
    const testAuc = auc(test.map((i) => p[i]), test.map((i) => y[i]));
    const oobAuc = auc(r.oob, Array.from(train, (i) => y[i]));
    expect(testAuc).toBeGreaterThan(0.7);
    expect(oobAuc).toBeGreaterThan(0.68);
    // The three signal features (0: U-shaped, 1: linear, 2: categorical) lead the importances.
    const top3 = Array.from(r.impurityImportance).map((v, f) => [v, f]).sort((a, b) => b[0] - a[0]).slice(0, 3).map((x) => x[1]);
    expect(top3.sort()).toEqual([0, 1, 2]);
    expect(r.impurityImportance.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    // Hard voting gives shares of trees in multiples of 1/40.
    const hard = await pool.predict(r.trees, big, 'hard');
    expect(hard.every((v) => Number.isInteger(Math.round(v * 40)) && Math.abs(v * 40 - Math.round(v * 40)) < 1e-9)).toBe(true);
  });

  it('merging batches in any grouping gives identical bits', async () => {
    const e = await engine();
    const params = baseParams({ trees: 6 });
    const whole = e.trainTrees(m, isCat, labels, trainRows, params, [0, 1, 2, 3, 4, 5]);
    const a = e.trainTrees(m, isCat, labels, trainRows, params, [4, 1]);
    const b = e.trainTrees(m, isCat, labels, trainRows, params, [0, 2, 3, 5]);
    const one = mergeForest(labels, trainRows, 8, 6, [{ treeIndices: [0, 1, 2, 3, 4, 5], result: whole }]);
    const two = mergeForest(labels, trainRows, 8, 6, [{ treeIndices: [0, 2, 3, 5], result: b }, { treeIndices: [4, 1], result: a }]);
    expect(two).toEqual(one);
    expect(new Uint8Array(two.oob.buffer)).toEqual(new Uint8Array(one.oob.buffer));
    expect(new Uint8Array(two.impurityImportance.buffer)).toEqual(new Uint8Array(one.impurityImportance.buffer));
  });
});

describe('tree storage', () => {
  it('grows node and mask storage for trees larger than the first guess', async () => {
    // Labels unrelated to the features force a fully grown tree with many more nodes than the
    // initial node capacity (1024 + n/4) and dozens of categorical masks.
    const { m: noise } = syntheticChurn(20_000, 6, 9);
    const rnd = mulberry32(5);
    const coin = Uint8Array.from({ length: 20_000 }, () => (rnd() < 0.5 ? 1 : 0));
    const e = await engine();
    const r = e.trainTrees(noise, categoricalFlags(noise), coin, Uint32Array.from({ length: 20_000 }, (_, i) => i), baseParams({ mtry: 'all' }), [0]);
    const t = r.trees[0];
    expect(t.feature.length).toBeGreaterThan(1024 + 20_000 / 4);
    expect(t.catMasks.length).toBeGreaterThan(64);
    for (let i = 0; i < t.feature.length; i++) {
      if (t.feature[i] < 0) continue;
      expect(t.left[i]).toBeGreaterThan(i);
      expect(t.right[i]).toBe(t.left[i] + 1);
      expect(t.count[t.left[i]] + t.count[t.right[i]]).toBe(t.count[i]);
      expect(t.cover[t.left[i]] + t.cover[t.right[i]]).toBeCloseTo(t.cover[i], 9);
    }
    // Fully grown on distinct rows: every drawn row is predicted by its own label.
    const drawn = e.lastDrawCounts();
    const p = e.predict([t], noise, 'soft');
    let wrong = 0;
    for (let i = 0; i < 20_000; i++) if (drawn[i] > 0 && Math.abs(p[i] - coin[i]) > 0.5) wrong++;
    expect(wrong).toBe(0);
  });
});

describe('planning helpers', () => {
  it('cuts the forest into batches the workers take in turn, every tree once, none empty', () => {
    // about four batches per worker, consecutive trees, every tree once
    expect(planTreeBatches(5, 2)).toEqual([[0], [1], [2], [3], [4]]);
    expect(planTreeBatches(1, 4)).toEqual([[0]]);
    expect(planTreeBatches(7, 1)).toEqual([[0, 1, 2, 3, 4, 5, 6]]);
    const b = planTreeBatches(100, 2);
    expect(b).toHaveLength(8);
    expect(b.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(forestSize(baseParams({ mode: 'tree', trees: 100 }))).toBe(1);
  });

  it('splits a forest into contiguous tree ranges balanced by nodes', () => {
    const sized = (n: number) => ({ feature: new Int32Array(n) }) as unknown as TreeArrays;
    const forest = [10, 10, 10, 10, 40, 10, 10].map(sized);
    expect(planTreeChunks(forest, 2, 100_000)).toEqual([[0, 5], [5, 7]]);
    expect(planTreeChunks(forest, 3, 100_000)).toEqual([[0, 4], [4, 5], [5, 7]]);
    expect(planTreeChunks(forest, 2, 10)).toEqual([[0, 7]]); // too little work to split
    expect(planTreeChunks(forest.slice(0, 1), 4, 100_000)).toEqual([[0, 1]]);
  });
});
