import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeMetrics, confusion, prAuc, rocAuc } from '../../../src/lib/evaluate/metrics.ts';
import { prCurve, rocCurve, thresholdSweep } from '../../../src/lib/evaluate/curves.ts';

// Independent references: O(n²) pairwise Mann–Whitney, and average precision as the mean over churners
// of the precision at that churner's own score (ties flagged together).
function bruteAuc(y: number[], p: number[]): number {
  let s = 0, pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      s += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0;
    }
  }
  return s / pairs;
}
function bruteAp(y: number[], p: number[]): number {
  let s = 0, P = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    P++;
    let flagged = 0, hits = 0;
    for (let j = 0; j < y.length; j++) if ((y[j] === 0 || y[j] === 1) && p[j] >= p[i]) { flagged++; if (y[j] === 1) hits++; }
    s += hits / flagged;
  }
  return s / P;
}

describe('ranking metrics', () => {
  it('matches the scikit-learn documentation example', () => {
    const y = [0, 0, 1, 1];
    const p = [0.1, 0.4, 0.35, 0.8];
    expect(rocAuc(y, p)).toBeCloseTo(0.75, 15);
    expect(prAuc(y, p)).toBeCloseTo(0.8333333333333333, 15);
    const roc = rocCurve(y, p);
    expect(Array.from(roc.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(roc.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    const pr = prCurve(y, p);
    expect(Array.from(pr.recall)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(pr.precision)).toEqual([1, 1, 0.5, 2 / 3, 0.5]);
  });

  it('counts ties as one half and groups them for average precision', () => {
    const y = [1, 0, 1, 0];
    const p = [0.5, 0.5, 0.9, 0.1];
    expect(rocAuc(y, p)).toBe(3.5 / 4);
    expect(prAuc(y, p)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 15);
    expect(rocAuc([1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('skips unlabelled rows and NaN probabilities', () => {
    const y = [1, 0, 255, 1, 0];
    const p = [0.9, 0.2, 0.99, NaN, 0.95];
    expect(rocAuc(y, p)).toBe(0.5); // pairs: (0.9 vs 0.2)=1, (0.9 vs 0.95)=0
    expect(confusion(y, p, 0.5)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 0 });
  });

  it('is undefined (NaN) without both classes', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
    expect(prAuc([0, 0], [0.2, 0.3])).toBeNaN();
  });

  it('agrees with brute force on random data with many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1, 255), fc.integer({ min: 0, max: 12 })), { minLength: 2, maxLength: 80 }),
        (rows) => {
          const y = rows.map((r) => r[0]);
          const p = rows.map((r) => r[1] / 12);
          if (!y.includes(1) || !y.includes(0)) return;
          expect(rocAuc(y, p)).toBeCloseTo(bruteAuc(y, p), 12);
          expect(prAuc(y, p)).toBeCloseTo(bruteAp(y, p), 12);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('threshold metrics', () => {
  it('computes every rate from a hand-counted confusion matrix', () => {
    // flagged (p >= 0.5): rows 0,1,2,3 → tp 3 (rows 0,1,3), fp 1 (row 2); not flagged: fn 1 (row 4), tn 3
    const y = [1, 1, 0, 1, 1, 0, 0, 0];
    const p = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1];
    expect(confusion(y, p, 0.5)).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 });
    const m = computeMetrics(y, p, 0.5);
    expect(m.recall).toBe(0.75);
    expect(m.precision).toBe(0.75);
    expect(m.f1).toBeCloseTo(0.75, 15);
    expect(m.accuracy).toBe(0.75);
    expect(m.specificity).toBe(0.75);
    expect(m.rows).toBe(8);
    expect(m.positives).toBe(4);
    expect(m.threshold).toBe(0.5);
    // AUC by hand: churners at .9,.8,.5,.4 vs stayers .7,.3,.2,.1 → 4+4+3+3 = 14 of 16
    expect(m.auc).toBe(14 / 16);
  });

  it('defines 0/0 as 0', () => {
    const m = computeMetrics([1, 0], [0.2, 0.1], 0.9); // nobody flagged
    expect(m.precision).toBe(0);
    expect(m.recall).toBe(0);
    expect(m.f1).toBe(0);
    expect(m.specificity).toBe(1);
    const none = computeMetrics([], [], 0.5);
    expect(none.accuracy).toBe(0);
    expect(none.auc).toBeNaN();
  });

  it('the sweep gives the same confusion matrix as a full count at any threshold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1, 7), fc.integer({ min: 0, max: 20 })), { maxLength: 60 }),
        fc.double({ min: -0.1, max: 1.1, noNaN: true }),
        (rows, t) => {
          const y = rows.map((r) => r[0]);
          const p = rows.map((r) => r[1] / 20);
          const sweep = thresholdSweep(y, p);
          expect(sweep.at(t)).toEqual(confusion(y, p, t));
          for (const q of p) expect(sweep.at(q)).toEqual(confusion(y, p, q));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds thresholds for a target recall and precision', () => {
    const y = [1, 1, 0, 1, 1, 0, 0, 0];
    const p = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1];
    const s = thresholdSweep(y, p);
    expect(s.thresholdForRecall(0.75)).toBe(0.5);
    expect(s.thresholdForRecall(1)).toBe(0.4);
    // precision at .4 = 4/5 = .8 ≥ .8 (lowest such); at .3 = 4/6
    expect(s.thresholdForPrecision(0.8)).toBe(0.4);
    expect(s.thresholdForPrecision(1.01)).toBeNaN();
    expect(s.ratesAt(0.4)).toMatchObject({ tp: 4, fp: 1, tn: 3, fn: 0, recall: 1, precision: 0.8 });
  });
});
