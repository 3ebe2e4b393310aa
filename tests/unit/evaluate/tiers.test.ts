import { describe, expect, it } from 'vitest';
import { assignTiers, defaultTierCuts, tierCounts } from '../../../src/lib/evaluate/tiers.ts';

describe('tiers', () => {
  it('assigns tiers at the cuts (inclusive) and NaN to normal', () => {
    const t = assignTiers([0.1, 0.3, 0.5, 0.7, 0.9, NaN], { atRisk: 0.3, churned: 0.7 });
    expect(Array.from(t)).toEqual([0, 1, 1, 2, 2, 0]);
    expect(tierCounts(t)).toEqual([2, 2, 2]);
  });

  it('chooses the churned cut at precision 0.7 and the at-risk cut at recall 0.75', () => {
    // Ranked: .95 1, .9 1, .85 0, .8 1, .7 0, .6 1, .5 0, .4 0, .3 1, .2 0 ; P = 5
    const p = [0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const y = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0];
    // precision by threshold: .95 1, .9 1, .85 2/3, .8 3/4, .7 3/5, .6 4/6, .5 4/7 … → lowest with ≥ .7 is .8
    // recall by threshold: .8 → 3/5 = .6, .6 → 4/5 = .8 ≥ .75 → highest with ≥ .75 is .6
    const d = defaultTierCuts(y, p);
    expect(d.churned).toBe(0.8);
    expect(d.atRisk).toBe(0.6);
    expect(d.explanation.key).toBe('results.tiers.defaultFromLabels');
    expect(d.explanation.params.churnedPrecision).toBe(0.75);
    expect(d.explanation.params.atRiskRecall).toBe(0.8);
  });

  it('falls back to 0.7 when no threshold is precise enough, and never puts at-risk above churned', () => {
    const d = defaultTierCuts([0, 1, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
    expect(d.churned).toBe(0.7);
    expect(d.explanation.key).toBe('results.tiers.defaultLowPrecision');
    expect(d.atRisk).toBe(0.6);
    const strong = defaultTierCuts([1, 1, 1, 1, 0, 0], [0.9, 0.9, 0.9, 0.9, 0.1, 0.1]);
    expect(strong.churned).toBe(0.9);
    // churned already catches every churner: "about to churn" gets its own band below it
    expect(strong.atRisk).toBe(0.45);
  });

  it('keeps an "about to churn" band when the churned tier already reaches the target recall', () => {
    // churned cut 0.8 (precision 3/4 ≥ 0.7) catches 3 of 4 churners = the 0.75 target; the
    // at-risk band then reaches for half the missed churners: recall 0.875 → the last churner at 0.3.
    const d = defaultTierCuts([1, 1, 1, 0, 0, 1, 0, 0], [0.95, 0.9, 0.85, 0.8, 0.5, 0.3, 0.2, 0.1]);
    expect(d.churned).toBe(0.8);
    expect(d.atRisk).toBe(0.3);
  });

  it('uses the probabilities alone without labels', () => {
    const d = defaultTierCuts([255, 255, 255, 255], [0.1, 0.2, 0.3, 0.2]);
    expect(d.churned).toBe(0.7);
    expect(d.atRisk).toBeCloseTo(0.3, 15);
    expect(d.explanation.key).toBe('results.tiers.defaultNoLabels');
  });
});
