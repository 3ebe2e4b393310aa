import { describe, expect, it } from 'vitest';
import { coreAtRisk, expectedLoss, paretoCurve, paretoSummary, topValueMask } from '../../../src/lib/action/value.ts';

describe('value', () => {
  it('expected loss is prob × value', () => {
    expect(Array.from(expectedLoss([0.5, 0.1, NaN], [100, 30, 5]))).toEqual([50, 0.1 * 30, NaN]);
  });

  it('Pareto summary by hand, ignoring unknown values', () => {
    const v = [100, 50, 400, 0, 250, 200, NaN, 1000, 10, 90]; // 9 known, total 2100
    const s = paretoSummary(v);
    expect(s).toMatchObject({ customers: 9, total: 2100, topCount: 2, topValue: 1400 }); // round(1.8) = 2
    expect(s.topValueShare).toBeCloseTo(2 / 3, 15);
    const tiers = [0, 0, 1, 0, 2, 0, 2, 0, 0, 0];
    const probs = [0.1, 0.1, 0.6, 0.1, 0.9, 0.1, 0.9, 0.2, 0.1, 0.1];
    const c = coreAtRisk(v, tiers, probs);
    expect(c).toMatchObject({ coreCount: 2, coreValue: 1400, atRiskCount: 1, atRiskValue: 400 });
    expect(c.atRiskExpectedLoss).toBeCloseTo(240, 12);
    expect(Array.from(c.mask)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('breaks ties at the cut by row order', () => {
    expect(Array.from(topValueMask([1, 5, 5, 5, 1], 0.4))).toEqual([0, 1, 1, 0, 0]);
  });

  it('Pareto curve by hand', () => {
    const c = paretoCurve([1, 3, 2, 4], 4);
    expect(Array.from(c.customerShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    [0, 0.4, 0.7, 0.9, 1].forEach((x, i) => expect(c.valueShare[i]).toBeCloseTo(x, 15));
  });
});
