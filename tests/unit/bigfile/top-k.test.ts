import { describe, expect, it } from 'vitest';
import { TopK } from '../../../src/lib/bigfile/top-k.ts';
import { mulberry32 } from '../../../src/lib/util/random.ts';

describe('the most at-risk rows of a stream', () => {
  it('equals the first K of a full sort (probability down, row up), ties and NaN included', () => {
    const rand = mulberry32(3);
    // Coarse probabilities: many ties.
    const prob = Array.from({ length: 5_000 }, (_, i) => (i % 97 === 0 ? NaN : Math.round(rand() * 50) / 50));
    for (const k of [1, 7, 100, 6_000]) {
      const top = new TopK(k);
      prob.forEach((p, row) => top.offer(row, p, () => ({ id: `C${row}`, tier: p >= 0.5 ? 2 : 0 })));
      const expected = prob
        .map((p, row) => ({ p, row }))
        .filter((x) => !Number.isNaN(x.p))
        .sort((a, b) => b.p - a.p || a.row - b.row)
        .slice(0, k);
      const got = top.sorted();
      expect(got.map((g) => g.row)).toEqual(expected.map((e) => e.row));
      expect(got.every((g) => g.id === `C${g.row}` && g.prob === prob[g.row])).toBe(true);
    }
  });

  it('gives the same list whatever order the rows arrive in', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ row: i, p: (i * 37) % 11 / 10 }));
    const a = new TopK(20);
    const b = new TopK(20);
    for (const r of rows) a.offer(r.row, r.p, () => ({ id: '', tier: 0 }));
    for (const r of [...rows].reverse()) b.offer(r.row, r.p, () => ({ id: '', tier: 0 }));
    expect(b.sorted()).toEqual(a.sorted());
  });
});
