import { describe, expect, it } from 'vitest';
import { correctProbabilities, correctProbability, needsCorrection } from '../../src/lib/engine/base-rate.ts';

describe('base-rate correction', () => {
  it('matches a hand calculation', () => {
    // Trained at 50%, true rate 14%: p = 0.5 → the true base rate itself.
    expect(correctProbability(0.5, 0.5, 0.14)).toBeCloseTo(0.14, 12);
    // p = 0.8: a = 0.8·0.28 = 0.224; b = 0.2·(0.86/0.5) = 0.344; p' = 0.224/0.568
    expect(correctProbability(0.8, 0.5, 0.14)).toBeCloseTo(0.224 / 0.568, 12);
    const out = correctProbabilities(Float64Array.from([0, 0.8, 1, NaN]), 0.5, 0.14);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.39436619718, 10);
    expect(out[2]).toBe(1);
    expect(out[3]).toBeNaN();
  });

  it('keeps the order of scores (so AUC does not change)', () => {
    const p = Float64Array.from([0.1, 0.35, 0.36, 0.9]);
    const q = correctProbabilities(p, 0.6, 0.2);
    for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThan(q[i - 1]);
  });

  it('is the identity when the rates agree, and inverts itself', () => {
    expect(needsCorrection(0.3, 0.3)).toBe(false);
    expect(Array.from(correctProbabilities(Float64Array.from([0.2, 0.7]), 0.3, 0.3))).toEqual([0.2, 0.7]);
    const back = correctProbability(correctProbability(0.7, 0.5, 0.1), 0.1, 0.5);
    expect(back).toBeCloseTo(0.7, 12);
  });
});
