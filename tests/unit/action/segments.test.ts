import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { benjaminiHochberg, binomialUpperTail, lnGamma, normalUpperTail } from '../../../src/lib/action/significance.ts';
import { segmentChurn, segmentPValue } from '../../../src/lib/action/segments.ts';
import type { CategoricalColumn } from '../../../src/lib/table/types.ts';

// Independent binomial tail: exact binomial coefficients by the multiplicative formula.
function brutePmf(k: number, n: number, p: number): number {
  let c = 1;
  for (let j = 1; j <= k; j++) c = (c * (n - k + j)) / j;
  return c * p ** k * (1 - p) ** (n - k);
}
function bruteTail(x: number, n: number, p: number): number {
  let s = 0;
  for (let k = Math.max(0, x); k <= n; k++) s += brutePmf(k, n, p);
  return s;
}

describe('distributions', () => {
  it('binomial tail by hand: P(X >= 8 | n 10, p 0.3)', () => {
    // 45·0.3⁸·0.7² + 10·0.3⁹·0.7 + 0.3¹⁰ = 0.0014467005 + 0.000137781 + 0.0000059049
    expect(binomialUpperTail(8, 10, 0.3)).toBeCloseTo(0.0015903864, 9);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
  });

  it('binomial tail agrees with direct summation on both sides of the mean', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 61 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (n, x, p) => {
        const ref = bruteTail(x, n, p);
        const got = binomialUpperTail(x, n, p);
        expect(Math.abs(got - ref)).toBeLessThan(1e-12 + 1e-9 * ref);
      }),
      { numRuns: 500 },
    );
    // large n, deep in the upper tail and far below the mean: relative accuracy
    expect(binomialUpperTail(150, 1000, 0.1) / bruteTail(150, 1000, 0.1)).toBeCloseTo(1, 9);
    // P(X <= 59) summed directly vs 1 − P(X >= 60); ln Γ(1001) ≈ 5912 limits the pmf to ~1e-12 relative
    let lower = 0;
    for (let k = 0; k < 60; k++) lower += brutePmf(k, 1000, 0.1);
    expect((1 - binomialUpperTail(60, 1000, 0.1)) / lower).toBeCloseTo(1, 6);
  });

  it('lnGamma at known points', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 9); // ln 100!
  });

  it('normal upper tail at tabulated values', () => {
    expect(normalUpperTail(0)).toBe(0.5);
    expect(normalUpperTail(1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalUpperTail(1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(normalUpperTail(3) / 0.0013498980316300946).toBeCloseTo(1, 12);
    expect(normalUpperTail(5) / 2.866515718791939e-7).toBeCloseTo(1, 10);
    expect(normalUpperTail(-1)).toBeCloseTo(1 - 0.15865525393145707, 14);
  });

  it('Benjamini–Hochberg by hand', () => {
    // sorted .005 .01 .03 .04, m 4 → .02 .02 .04 .04 (monotone from the top)
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 15));
    const r = benjaminiHochberg([0.5, NaN, 0.01]);
    expect(r[1]).toBeNaN();
    expect(r[0]).toBeCloseTo(0.5, 15);
    expect(r[2]).toBeCloseTo(0.02, 15);
  });
});

function column(levels: string[], codes: number[]): CategoricalColumn {
  return { kind: 'categorical', name: 'region', levels, codes: Int32Array.from(codes), semantic: 'category' };
}

describe('segmentChurn', () => {
  it('flags a small segment with a binomial tail and BH correction', () => {
    // A: 10 rows, 8 churners; B: 90 rows, 27 churners (30%); plus 2 unlabelled rows and 1 missing cell
    const codes: number[] = [], labels: number[] = [], probs: number[] = [], values: number[] = [];
    for (let i = 0; i < 10; i++) { codes.push(0); labels.push(i < 8 ? 1 : 0); probs.push(0.6); values.push(100); }
    for (let i = 0; i < 90; i++) { codes.push(1); labels.push(i < 27 ? 1 : 0); probs.push(0.3); values.push(10); }
    codes.push(1, 1, -1); labels.push(255, 255, 255); probs.push(0.5, NaN, 0.2); values.push(10, 10, 1);
    const r = segmentChurn({ column: column(['A', 'B'], codes), labels, probs, values });
    expect(r.overallRate).toBe(35 / 100);
    const [a, b, missing] = r.segments;
    expect(a).toMatchObject({ level: 'A', rows: 10, n: 10, churners: 8, churnRate: 0.8, test: 'binomial', flagged: true });
    expect(a.restRate).toBeCloseTo(0.3, 15);
    expect(a.pValue).toBeCloseTo(bruteTail(8, 10, 0.3), 14);
    expect(a.qValue).toBeCloseTo(2 * 0.0015903864, 9); // 2 tested segments, A has the smallest p
    expect(a.meanProb).toBeCloseTo(0.6, 15);
    expect(a.valueAtRisk).toBeCloseTo(600, 12);
    expect(b).toMatchObject({ level: 'B', rows: 92, n: 90, churners: 27, flagged: false });
    expect(b.meanProb).toBeCloseTo((90 * 0.3 + 0.5) / 91, 15);
    expect(missing).toMatchObject({ level: null, rows: 1, n: 0, test: 'none', flagged: false });
    expect(missing.pValue).toBeNaN();
  });

  it('uses the pooled two-proportion z-test for large groups', () => {
    // 80/200 vs 200/800: pooled .28, z = .15 / √(.28·.72·(1/200 + 1/800))
    const t = segmentPValue(80, 200, 200, 800);
    const z = 0.15 / Math.sqrt(0.28 * 0.72 * (1 / 200 + 1 / 800));
    expect(z).toBeCloseTo(4.2258, 3);
    expect(t.test).toBe('z');
    expect(t.p).toBeCloseTo(normalUpperTail(z), 15);
    expect(t.p).toBeGreaterThan(1e-5);
    expect(t.p).toBeLessThan(1.3e-5);
  });
});
