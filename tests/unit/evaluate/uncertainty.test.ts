// 95% ranges for the headline figures, against published and hand-computed values.
import { describe, expect, it } from 'vitest';
import { aucInterval, aucStandardError, wilsonInterval } from '../../../src/lib/evaluate/uncertainty.ts';

describe('wilsonInterval', () => {
  it('matches the textbook values', () => {
    // 81 of 263 (Wilson 1927 style worked example in many texts): 0.2553 to 0.3662
    const a = wilsonInterval(81, 263)!;
    expect(a.lo).toBeCloseTo(0.2553, 4);
    expect(a.hi).toBeCloseTo(0.3662, 4);
    // 0 of 10: from 0 up to 0.2775; 10 of 10: from 0.7225 up to 1
    expect(wilsonInterval(0, 10)!.lo).toBe(0);
    expect(wilsonInterval(0, 10)!.hi).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)!.lo).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(10, 10)!.hi).toBeCloseTo(1, 12);
  });

  it('narrows as n grows and is null with nothing to count', () => {
    const small = wilsonInterval(22, 30)!;
    const big = wilsonInterval(2200, 3000)!;
    expect(small.hi - small.lo).toBeGreaterThan(0.3);
    expect(big.hi - big.lo).toBeLessThan(0.04);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('AUC interval (Hanley & McNeil)', () => {
  it('gives the standard error of Hanley & McNeil\'s formula (1982, eq. 2)', () => {
    // by hand, A = 0.9 with 10 churners and 40 stayers: Q1 = A/(2 − A) = 0.9/1.1, Q2 = 2A²/(1 + A) = 1.62/1.9
    const q1 = 0.9 / 1.1;
    const q2 = 1.62 / 1.9;
    const v = (0.9 * 0.1 + 9 * (q1 - 0.81) + 39 * (q2 - 0.81)) / (10 * 40);
    expect(aucStandardError(0.9, 10, 40)).toBeCloseTo(Math.sqrt(v), 12);
  });

  it('stays inside [0, 1] and is null without both classes', () => {
    const r = aucInterval(0.98, 5, 5)!;
    expect(r.hi).toBe(1);
    expect(r.lo).toBeGreaterThan(0.8);
    expect(aucInterval(0.7, 0, 10)).toBeNull();
  });
});
