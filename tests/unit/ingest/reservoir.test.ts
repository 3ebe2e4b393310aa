import { describe, expect, it } from 'vitest';
import { StratifiedReservoir, proportionalQuotas } from '../../../src/lib/ingest/reservoir.ts';
import { mulberry32 } from '../../../src/lib/util/random.ts';

/** A stream of `n` rows whose class is 'a', 'b' or 'c' in a fixed, uneven pattern. */
function classOfRow(i: number): string {
  const k = (i * 7919) % 100;
  return k < 15 ? 'b' : k < 18 ? 'c' : 'a';
}

function sampleStream(n: number, size: number, seed: number) {
  const r = new StratifiedReservoir<string>(size, seed);
  for (let i = 0; i < n; i++) r.offer(classOfRow(i), i, () => `row${i}`);
  return r.finish(size);
}

describe('proportional quotas', () => {
  it('splits by largest remainders and sums to the size', () => {
    // 7:2:1 of 5 = 3.5, 1, 0.5 → floors 3, 1, 0; the one left goes to the first of the tied .5 remainders.
    expect(proportionalQuotas([7, 2, 1], 5)).toEqual([4, 1, 0]);
    expect(proportionalQuotas([850, 150], 100)).toEqual([85, 15]);
    expect(proportionalQuotas([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(proportionalQuotas([3, 0], 3)).toEqual([3, 0]);
    for (const size of [1, 17, 333, 999]) expect(proportionalQuotas([700, 250, 49, 1], size).reduce((s, q) => s + q, 0)).toBe(size);
  });
});

describe('stratified reservoir', () => {
  it('keeps exactly each class share of the sample, rows of that class only, in stream order', () => {
    const n = 20_000;
    const counts = new Map<string, number>(); // in first-seen order
    for (let i = 0; i < n; i++) counts.set(classOfRow(i), (counts.get(classOfRow(i)) ?? 0) + 1);
    const order = [...counts.keys()];
    const s = sampleStream(n, 1_000, 7);
    const quotas = proportionalQuotas([...counts.values()], 1_000);
    expect(s.total).toBe(n);
    expect(s.indices.length).toBe(1_000);
    expect(s.classes).toEqual(order.map((value, k) => ({ value, rows: counts.get(value), sampled: quotas[k] })));
    const per: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < s.indices.length; i++) {
      per[classOfRow(s.indices[i])]++;
      expect(s.values[i]).toBe(`row${s.indices[i]}`);
      if (i > 0) expect(s.indices[i]).toBeGreaterThan(s.indices[i - 1]);
    }
    expect(order.map((v) => per[v])).toEqual(quotas);
  });

  it('gives the same sample for the same seed and another one for another seed', () => {
    const one = sampleStream(5_000, 300, 42);
    const again = sampleStream(5_000, 300, 42);
    const other = sampleStream(5_000, 300, 43);
    expect(Array.from(again.indices)).toEqual(Array.from(one.indices));
    expect(Array.from(other.indices)).not.toEqual(Array.from(one.indices));
  });

  it('keeps every row when the stream is not longer than the sample', () => {
    const s = sampleStream(250, 1_000, 1);
    expect(Array.from(s.indices)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('gives every row of a class the same chance (not the first or last rows)', () => {
    // 2,000 rows of class 'a' only, 100 kept per run: each row should be kept in ~5% of 400 runs.
    const n = 2_000;
    const hits = new Float64Array(n);
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const r = new StratifiedReservoir<number>(100, seed);
      for (let i = 0; i < n; i++) r.offer('a', i, () => i);
      for (const i of r.finish(100).indices) hits[i]++;
    }
    const expected = (runs * 100) / n; // 20
    // Chi-square over 10 blocks of 200 rows: each block expects 4,000 hits.
    let chi = 0;
    for (let b = 0; b < 10; b++) {
      let h = 0;
      for (let i = b * 200; i < (b + 1) * 200; i++) h += hits[i];
      chi += (h - expected * 200) ** 2 / (expected * 200);
    }
    expect(chi).toBeLessThan(27.9); // 99.9th percentile of chi-square with 9 degrees of freedom
  });

  it('draws floats in [0, 1) from a seed, the same sequence every time', () => {
    const a = mulberry32(99);
    const b = mulberry32(99);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
