// The tree kernel against hand-computed splits, impurities and values.
import { describe, expect, it } from 'vitest';
import { categoricalFlags, resolveMtry, type WasmEngine } from '../../src/lib/engine/wasm-engine.ts';
import { baseParams } from './kernel-fixtures.ts';
import { allRows, categorical, engine, entropy, gini, matrix, numeric } from './kernel-helpers.ts';

// 10 rows, x = bin 0..9; churners at x = 3 and x >= 5 (6 churners, 4 stayers).
const X = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const Y = Uint8Array.from([0, 0, 0, 1, 0, 1, 1, 1, 1, 1]);
const stumpParams = baseParams({ mode: 'tree', maxDepth: 1 });

function stump(e: WasmEngine, criterion: 'entropy' | 'gini', extra = {}) {
  const m = matrix([numeric('x')], [X]);
  return e.trainTrees(m, categoricalFlags(m), Y, allRows(10), { ...stumpParams, criterion, ...extra }, [0]);
}

describe('impurity references', () => {
  it('entropy and Gini of a 6/4 node', () => {
    // -(0.6 log2 0.6 + 0.4 log2 0.4) and 1 - 0.6² - 0.4²
    expect(entropy(6, 4)).toBeCloseTo(0.970951, 6);
    expect(gini(6, 4)).toBeCloseTo(0.48, 12);
  });
});

describe('numeric split search', () => {
  it('finds x <= 4 with the hand-computed information gain', async () => {
    const e = await engine();
    const r = stump(e, 'entropy');
    const t = r.trees[0];
    expect(Array.from(t.feature)).toEqual([0, -1, -1]);
    expect(t.split[0]).toBe(4);
    // Left {0..4}: 1 churner of 5; right {5..9}: 5 of 5.
    expect(Array.from(t.value)).toEqual([0.6, 0.2, 1]);
    expect(Array.from(t.count)).toEqual([10, 5, 5]);
    expect(Array.from(t.cover)).toEqual([10, 5, 5]);
    // Gain = H(6,4) - 0.5·H(1,4) - 0.5·0 = 0.970951 - 0.5·0.721928 = 0.609987;
    // the runner-up x <= 2 gains 0.970951 - 0.7·H(6,1) = 0.556780.
    const gain = entropy(6, 4) - 0.5 * entropy(1, 4);
    expect(gain).toBeCloseTo(0.609987, 6);
    expect(entropy(6, 4) - 0.7 * entropy(6, 1)).toBeCloseTo(0.55678, 5);
    expect(r.importance[0]).toBeCloseTo(gain, 9);
  });

  it('Gini picks the same threshold with gain 0.32', async () => {
    const e = await engine();
    const r = stump(e, 'gini');
    expect(r.trees[0].split[0]).toBe(4);
    // 0.48 - 0.5·0.32 - 0.5·0 = 0.32; x <= 2 would give 0.48 - 0.7·(12/49) = 0.308571.
    expect(r.importance[0]).toBeCloseTo(0.48 - 0.5 * gini(1, 4), 9);
    expect(r.importance[0]).toBeCloseTo(0.32, 9);
  });

  it('class weights make both classes weigh n/2 at the root', async () => {
    const e = await engine();
    // Hard vote: node values stay as weighted (soft votes are corrected leaf by leaf, tested below).
    const t = stump(e, 'entropy', { balance: 'weights', vote: 'hard' }).trees[0];
    // w1 = 10/(2·6), w0 = 10/(2·4): root cover 6·5/6 + 4·5/4 = 10, churn share 0.5.
    expect(t.cover[0]).toBeCloseTo(10, 12);
    expect(t.value[0]).toBeCloseTo(0.5, 12);
    // Left child: 1 churner (5/6) and 4 stayers (5): value (5/6) / (5/6 + 5).
    expect(t.value[1]).toBeCloseTo(5 / 6 / (5 / 6 + 5), 12);
  });

  it('soft vote with class weights: every node value corrected back to the unweighted churn share', async () => {
    const e = await engine();
    const t = stump(e, 'entropy', { balance: 'weights', vote: 'soft' }).trees[0];
    // The prior shift of a weighted share with weights n/(2·n_class) is the plain share: 6/10 at the
    // root; the left child (1 churner, 4 stayers) becomes 1/5.
    expect(t.value[0]).toBeCloseTo(0.6, 12);
    expect(t.value[1]).toBeCloseTo(0.2, 12);
  });

  it('respects minLeaf: no split can leave 6 rows on both sides of 10', async () => {
    const e = await engine();
    const t = stump(e, 'entropy', { minLeaf: 6 }).trees[0];
    expect(t.feature.length).toBe(1);
    expect(t.feature[0]).toBe(-1);
    const t4 = stump(e, 'entropy', { minLeaf: 4, maxDepth: 0 }).trees[0];
    for (let i = 0; i < t4.feature.length; i++) if (t4.feature[i] < 0) expect(t4.count[i]).toBeGreaterThanOrEqual(4);
  });

  it('minGain above the best gain keeps a single leaf', async () => {
    const e = await engine();
    expect(stump(e, 'entropy', { minGain: 0.61 }).trees[0].feature.length).toBe(1);
    expect(stump(e, 'entropy', { minGain: 0.6 }).trees[0].feature.length).toBe(3);
  });

  it('a fully grown tree separates the training rows', async () => {
    const e = await engine();
    const t = stump(e, 'entropy', { maxDepth: 0 }).trees[0];
    for (let i = 0; i < t.feature.length; i++) if (t.feature[i] < 0) expect([0, 1]).toContain(t.value[i]);
    const m = matrix([numeric('x')], [X]);
    expect(Array.from(e.predict([t], m, 'soft'))).toEqual(Array.from(Y));
  });
});

describe('missing values', () => {
  // x = 0..5 (stayers at 0..2, churners at 3..5) plus three rows with x missing.
  const x = [0, 1, 2, 3, 4, 5, 255, 255, 255];
  const m = matrix([numeric('x')], [x]);

  it('sends missing rows to the side they resemble', async () => {
    const e = await engine();
    const churnMissing = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const t1 = e.trainTrees(m, categoricalFlags(m), churnMissing, allRows(9), stumpParams, [0]).trees[0];
    expect(t1.split[0]).toBe(2);
    expect(t1.missingLeft[0]).toBe(0);
    expect(Array.from(t1.value)).toEqual([6 / 9, 0, 1]);

    const stayMissing = Uint8Array.from([0, 0, 0, 1, 1, 1, 0, 0, 0]);
    const t2 = e.trainTrees(m, categoricalFlags(m), stayMissing, allRows(9), stumpParams, [0]).trees[0];
    expect(t2.split[0]).toBe(2);
    expect(t2.missingLeft[0]).toBe(1);
    expect(Array.from(t2.value)).toEqual([3 / 9, 0, 1]);

    // Scoring: a missing value follows the learned direction.
    const score = matrix([numeric('x')], [[255, 0, 5]]);
    expect(Array.from(e.predict([t1], score, 'soft'))).toEqual([1, 0, 1]);
    expect(Array.from(e.predict([t2], score, 'soft'))).toEqual([0, 0, 1]);
  });

  it('without missing rows in training, missing goes to the heavier side', async () => {
    const e = await engine();
    const m2 = matrix([numeric('x')], [X]);
    const t = e.trainTrees(m2, categoricalFlags(m2), Y, allRows(10), { ...stumpParams, minLeaf: 1 }, [0]).trees[0];
    // x <= 4 leaves 5 rows on each side: ties go left.
    expect(t.missingLeft[0]).toBe(1);
    const y = Uint8Array.from([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]); // best split x <= 1: 2 left, 8 right
    const t2 = e.trainTrees(m2, categoricalFlags(m2), y, allRows(10), stumpParams, [0]).trees[0];
    expect(t2.split[0]).toBe(1);
    expect(t2.missingLeft[0]).toBe(0);
  });
});

describe('categorical split', () => {
  it('orders categories by churn rate and keeps the best prefix as the left set', async () => {
    // Category (rows, churners): c0 (4, 2), c1 (3, 0), c2 (3, 3), c3 (4, 1).
    const cats = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3];
    const y = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    const m = matrix([categorical('plan', 4)], [cats]);
    const r = (await engine()).trainTrees(m, categoricalFlags(m), y, allRows(14), stumpParams, [0]);
    const t = r.trees[0];
    // Order by rate: c1 (0) < c3 (0.25) < c0 (0.5) < c2 (1). Prefix splits, weighted child entropy:
    //   {c1}: 11/14·H(6,5) = 0.781024; {c1,c3}: 0.5·H(1,6) + 0.5·H(5,2) = 0.727397;
    //   {c1,c3,c0}: 11/14·H(3,8) + 0 = 0.664204  ← best
    expect((11 / 14) * entropy(3, 8)).toBeCloseTo(0.664204, 6);
    expect(0.5 * entropy(1, 6) + 0.5 * entropy(5, 2)).toBeCloseTo(0.727397, 6);
    expect(t.feature[0]).toBe(0);
    expect(t.split[0]).toBe(0); // offset of the first mask
    expect(t.catMasks.length).toBe(8);
    expect(t.catMasks[0]).toBe(0b1011); // c0, c1, c3 go left
    expect(t.catMasks[7] >>> 31).toBe(1); // missing goes left (11 rows vs 3), bit 255
    expect(t.missingLeft[0]).toBe(1);
    expect(r.importance[0]).toBeCloseTo(entropy(6, 8) - (11 / 14) * entropy(3, 8), 9);
    expect(Array.from(t.value)).toEqual([6 / 14, 3 / 11, 1]);
  });
});

function expectScores(got: Float64Array, want: number[]): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(2 ** -33));
}

describe('tampered trees', () => {
  const m = matrix([numeric('x'), categorical('c', 3)], [[1, 5, 255], [0, 1, 2]]);
  const tree = () => ({
    feature: Int32Array.from([0, 1, -1, -1, -1]),
    split: Int32Array.from([3, 0, 0, 0, 0]),
    left: Int32Array.from([1, 3, -1, -1, -1]),
    right: Int32Array.from([2, 4, -1, -1, -1]),
    missingLeft: Uint8Array.from([1, 0, 0, 0, 0]),
    value: Float64Array.from([0.5, 0.5, 0.9, 0.1, 0.7]),
    cover: new Float64Array(5),
    count: new Int32Array(5),
    catMasks: Uint32Array.from([0b001, 0, 0, 0, 0, 0, 0, 0]),
  });

  it('predicts a well-formed hand-made tree', async () => {
    // Row 0: x=1 <= 3 → node 1, c=0 in mask → node 3 (0.1). Row 1: x=5 → node 2 (0.9).
    // Row 2: x missing → left → node 1, c=2 not in mask → node 4 (0.7).
    // Soft scores are sums of leaf values rounded to multiples of 2^-32 (exact in any order).
    expectScores((await engine()).predict([tree()], m, 'soft'), [0.1, 0.9, 0.7]);
    expect(Array.from((await engine()).predict([tree()], m, 'hard'))).toEqual([0, 1, 1]);
  });

  it.each([
    ['child out of range', (t: ReturnType<typeof tree>) => void (t.left[0] = 99)],
    ['child pointing back to the root', (t: ReturnType<typeof tree>) => void (t.left[1] = 0)],
    ['a cycle', (t: ReturnType<typeof tree>) => { t.feature[3] = 0; t.left[3] = 1; t.right[3] = 1; }],
    ['feature out of range', (t: ReturnType<typeof tree>) => void (t.feature[0] = 7)],
    ['mask offset out of range', (t: ReturnType<typeof tree>) => void (t.split[1] = 4)],
    ['leaf value not a probability', (t: ReturnType<typeof tree>) => void (t.value[2] = NaN)],
    ['arrays of different lengths', (t: ReturnType<typeof tree>) => void (t.left = t.left.subarray(0, 2))],
  ])('rejects %s without hanging', async (_, damage) => {
    const t = tree();
    damage(t);
    const e = await engine();
    expect(() => e.predict([t], m, 'soft')).toThrowError(expect.objectContaining({ key: 'engine.badTree' }));
    // The engine stays usable afterwards.
    expectScores(e.predict([tree()], m, 'soft'), [0.1, 0.9, 0.7]);
  });
});

describe('mtry', () => {
  it('resolves named settings to counts', () => {
    expect(resolveMtry('sqrt', 23)).toBe(4);
    expect(resolveMtry('log2', 23)).toBe(4);
    expect(resolveMtry('log2', 1)).toBe(1);
    expect(resolveMtry('all', 23)).toBe(23);
    expect(resolveMtry(50, 23)).toBe(23);
    expect(resolveMtry(0.5, 10)).toBe(5);
    expect(resolveMtry('sqrt', 23, 'tree')).toBe(23);
  });
});
