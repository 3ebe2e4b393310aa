import { describe, expect, it } from 'vitest';
import { planRetention, profitCurvePoints } from '../../../src/lib/action/retention.ts';

// Five customers, s = 0.5, c = 10, d = 20, A = 0, q = 0: gain = p·0.5·(V − 20) − 10
//   #0 p .8 V 200 → 72 − 10 = 62      cost 10 + p·0.5·20 = 18
//   #1 p .5 V 100 → 20 − 10 = 10      cost 15
//   #2 p .1 V 400 → 19 − 10 = 9       cost 11
//   #3 p .9 V  20 →  0 − 10 = −10     cost 19
//   #4 p .3 V 300 → 42 − 10 = 32      cost 13
// order 0, 4, 1, 2, 3; profit 0, 62, 94, 104, 113, 103; cost 0, 18, 31, 46, 57, 76
const probs = [0.8, 0.5, 0.1, 0.9, 0.3];
const base = { probs, costPerContact: 10, successRate: 0.5, offerCost: 20, valueSaved: Float64Array.from([200, 100, 400, 20, 300]) };

describe('planRetention', () => {
  it('matches the hand calculation', () => {
    const plan = planRetention(base);
    [62, 10, 9, -10, 32].forEach((g, i) => expect(plan.gain[i]).toBeCloseTo(g, 12));
    expect(Array.from(plan.order)).toEqual([0, 4, 1, 2, 3]);
    [0, 62, 94, 104, 113, 103].forEach((v, k) => expect(plan.profit[k]).toBeCloseTo(v, 12));
    [0, 18, 31, 46, 57, 76].forEach((v, k) => expect(plan.cost[k]).toBeCloseTo(v, 12));
    expect(plan.recommendedK).toBe(4);
    expect(plan.limitedBy).toBe('profit');
    expect(plan.expectedProfit).toBeCloseTo(113, 12);
    expect(plan.expectedCost).toBeCloseTo(57, 12);
    expect(plan.expectedCustomersKept).toBeCloseTo(0.85, 12);
    expect(plan.expectedValueKept).toBeCloseTo(170, 12); // 80 + 45 + 25 + 20; 170 − 57 = 113
    expect(Array.from(plan.callList)).toEqual([0, 4, 1, 2]);
  });

  it('stops at capacity or budget', () => {
    const cap = planRetention({ ...base, capacity: 2 });
    expect([cap.recommendedK, cap.limitedBy]).toEqual([2, 'capacity']);
    expect(cap.expectedProfit).toBeCloseTo(94, 12);
    const bud = planRetention({ ...base, budget: 40 }); // 31 fits, 46 does not
    expect([bud.recommendedK, bud.limitedBy, bud.maxK]).toEqual([2, 'budget', 2]);
    const roomy = planRetention({ ...base, budget: 1000, capacity: 10 });
    expect([roomy.recommendedK, roomy.limitedBy]).toEqual([4, 'profit']);
  });

  it('counts acquisition cost and offers taken by stayers', () => {
    const a = planRetention({ ...base, acquisitionCost: 100 });
    expect(a.gain[3]).toBeCloseTo(0.9 * 0.5 * (20 + 100 - 20) - 10, 12); // 35
    const q = planRetention({ ...base, stayerTakeRate: 1 });
    expect(q.gain[2]).toBeCloseTo(9 - 0.9 * 20, 12); // −9
    expect(q.cost[1]).toBeCloseTo(18 + 0.2 * 20, 12);
  });

  it('never contacts rows without a probability and rejects impossible rates', () => {
    const p = planRetention({ probs: [NaN, 0.5], costPerContact: 1, successRate: 1, offerCost: 0, valueSaved: 10 });
    expect(Array.from(p.order)).toEqual([1]);
    expect(p.gain[0]).toBeNaN();
    expect(() => planRetention({ ...base, successRate: 1.5 })).toThrow(RangeError);
  });
});

describe('profitCurvePoints', () => {
  it('thins the curve but keeps both ends and the recommended k', () => {
    const n = 5000;
    const probs = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const plan = planRetention({ probs, costPerContact: 10, successRate: 0.5, offerCost: 5, valueSaved: 100 });
    const pts = profitCurvePoints(plan, 100);
    expect(pts.k.length).toBeLessThanOrEqual(101);
    expect(pts.k[0]).toBe(0);
    expect(pts.k[pts.k.length - 1]).toBe(n);
    expect(Array.from(pts.k)).toContain(plan.recommendedK);
    const at = Array.from(pts.k).indexOf(plan.recommendedK);
    expect(pts.profit[at]).toBe(plan.expectedProfit);
    // with V = 100, s = .5, d = 5, c = 10: gain = p·47.5 − 10 > 0 ⇔ p > 0.2105…; 3947 of the 5000 probs (i/5000 for i ≥ 1053)
    expect(plan.recommendedK).toBe(3947);
  });
});
