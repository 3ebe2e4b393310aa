import { describe, expect, it } from 'vitest';
import { formatValue, modelRules, ruleText, treeToRules } from '../../src/lib/engine/rules.ts';
import type { FeatureSpec, TreeArrays } from '../../src/lib/engine/types.ts';
import { FEATURES, handModel, handTree } from './model-file-fixture.ts';

describe('treeToRules on a hand-built tree', () => {
  const rules = treeToRules(handTree(), FEATURES);

  it('gives one rule per leaf with its churn rate and rows', () => {
    expect(rules.map((r) => [r.leaf, r.churnRate, r.rows])).toEqual([
      [3, 0.68, 412],
      [4, 0.3, 200],
      [2, 0.05, 300],
    ]);
  });

  it('states the conditions of each path', () => {
    expect(rules[0].conditions).toEqual([
      { feature: 'Contract', op: 'in', value: ['Month-to-month'], includesMissing: false },
      { feature: 'tenure', op: '<=', value: 5, includesMissing: false },
    ]);
    // Contract went right: the shorter side is listed ("not Month-to-month"); missing went right too.
    expect(rules[2].conditions).toEqual([{ feature: 'Contract', op: 'not in', value: ['Month-to-month'], includesMissing: true }]);
  });

  it('writes the rule in English and Chinese', () => {
    expect(ruleText(rules[0], 'en')).toBe('IF Contract = Month-to-month AND tenure ≤ 5 THEN churn 68% (412 customers)');
    expect(ruleText(rules[0], 'zh')).toBe('如果 Contract = Month-to-month 且 tenure ≤ 5，则流失率 68%（412 位客户）');
    // node 1 sends missing tenure right, so the right-hand rule covers it
    expect(ruleText(rules[1], 'en')).toBe('IF Contract = Month-to-month AND tenure > 5 (or missing) THEN churn 30% (200 customers)');
    expect(ruleText(rules[2], 'en')).toBe('IF Contract ≠ Month-to-month (or missing) THEN churn 5% (300 customers)');
    expect(ruleText(rules[2], 'zh')).toBe('如果 Contract ≠ Month-to-month（或缺失），则流失率 5%（300 位客户）');
  });

  it('corrects leaf rates of a balanced model back to the true base rate', () => {
    const r = modelRules(handModel()); // trained at 0.5, true 0.2
    // 0.68 → 0.68·0.4 / (0.68·0.4 + 0.32·1.6) = 0.272 / 0.784
    expect(r[0].churnRate).toBeCloseTo(0.272 / 0.784, 12);
  });
});

describe('merging conditions on one feature', () => {
  const tenure: FeatureSpec[] = [{ name: 'tenure', kind: 'numeric', edges: [5, 12, 24] }];
  // 0: tenure ≤ 12 → 1: tenure ≤ 5 → leaves 3, 4; right of 0 → leaf 2
  const tree: TreeArrays = {
    feature: Int32Array.from([0, 0, -1, -1, -1]),
    split: Int32Array.from([1, 0, 0, 0, 0]),
    left: Int32Array.from([1, 3, -1, -1, -1]),
    right: Int32Array.from([2, 4, -1, -1, -1]),
    missingLeft: Uint8Array.from([1, 1, 0, 0, 0]),
    value: Float64Array.from([0.2, 0.3, 0.1, 0.5, 0.25]),
    cover: Float64Array.from([100, 60, 40, 20, 40]),
    count: Int32Array.from([100, 60, 40, 20, 40]),
    catMasks: new Uint32Array(0),
  };
  const rules = treeToRules(tree, tenure);

  it('keeps only the tightest bounds', () => {
    expect(ruleText(rules[0], 'en')).toBe('IF tenure ≤ 5 (or missing) THEN churn 50% (20 customers)');
    expect(ruleText(rules[1], 'en')).toBe('IF tenure > 5 AND tenure ≤ 12 THEN churn 25% (40 customers)');
    expect(ruleText(rules[2], 'en')).toBe('IF tenure > 12 THEN churn 10% (40 customers)');
  });

  it('names a split that only separates missing values', () => {
    const t: TreeArrays = {
      ...tree,
      feature: Int32Array.from([0, -1, -1]),
      split: Int32Array.from([3, 0, 0]),
      left: Int32Array.from([1, -1, -1]),
      right: Int32Array.from([2, -1, -1]),
      missingLeft: Uint8Array.from([0, 0, 0]),
      value: Float64Array.from([0.2, 0.1, 0.9]),
      count: Int32Array.from([10, 8, 2]),
      cover: Float64Array.from([10, 8, 2]),
    };
    const r = treeToRules(t, tenure);
    expect(ruleText(r[0], 'en')).toBe('IF tenure is known THEN churn 10% (8 customers)');
    expect(ruleText(r[1], 'zh')).toBe('如果 tenure 缺失，则流失率 90%（2 位客户）');
  });

  it('describes a single-leaf tree as all customers', () => {
    const leaf: TreeArrays = { ...tree, feature: Int32Array.of(-1), left: Int32Array.of(-1), right: Int32Array.of(-1), value: Float64Array.of(0.142), count: Int32Array.of(5000) };
    expect(ruleText(treeToRules(leaf, tenure)[0], 'en')).toBe('All customers: churn 14% (5,000 customers)');
  });
});

describe('formatting', () => {
  it('formats thresholds compactly', () => {
    expect(formatValue(5, 'en')).toBe('5');
    expect(formatValue(2.75, 'en')).toBe('2.75');
    expect(formatValue(161.6499, 'en')).toBe('161.6');
    expect(formatValue(0.012345, 'en')).toBe('0.0123');
    expect(formatValue(123456, 'en')).toBe('123,456');
  });

  it('lists several categories', () => {
    const feats: FeatureSpec[] = [{ name: 'plan', kind: 'categorical', categories: ['a', 'b', 'c', 'd', 'e'], binOf: [0, 1, 2, 3, 4], valueBins: 5 }];
    const t: TreeArrays = {
      feature: Int32Array.from([0, -1, -1]),
      split: Int32Array.from([0, 0, 0]),
      left: Int32Array.from([1, -1, -1]),
      right: Int32Array.from([2, -1, -1]),
      missingLeft: Uint8Array.from([0, 0, 0]),
      value: Float64Array.from([0.2, 0.04, 0.3]),
      cover: Float64Array.from([10, 5, 5]),
      count: Int32Array.from([10, 5, 5]),
      catMasks: Uint32Array.from([0b00011, 0, 0, 0, 0, 0, 0, 0]),
    };
    const r = treeToRules(t, feats);
    expect(ruleText(r[0], 'en')).toBe('IF plan is one of a, b THEN churn 4% (5 customers)');
    expect(ruleText(r[0], 'zh')).toBe('如果 plan 属于 a、b，则流失率 4%（5 位客户）');
    // the shorter list is named: "none of a, b" rather than "one of c, d, e"
    expect(ruleText(r[1], 'en')).toBe('IF plan is none of a, b (or missing) THEN churn 30% (5 customers)');
    expect(ruleText(r[1], 'zh')).toBe('如果 plan 不属于 a、b（或缺失），则流失率 30%（5 位客户）');
  });
});
