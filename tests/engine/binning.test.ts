import { describe, expect, it } from 'vitest';
import { applyBinning, binTable, learnBinning, numericBin, parseNumber, selectRows } from '../../src/lib/engine/binning.ts';
import type { CategoricalColumn, NumericColumn, Table } from '../../src/lib/table/types.ts';
import { isUserError } from '../../src/lib/errors.ts';

function num(name: string, values: number[], semantic: 'number' | 'date' = 'number'): NumericColumn {
  return { kind: 'numeric', name, values: Float64Array.from(values), semantic };
}
function cat(name: string, cells: (string | null)[]): CategoricalColumn {
  const levels: string[] = [];
  const codes = Int32Array.from(cells, (c) => {
    if (c === null) return -1;
    let i = levels.indexOf(c);
    if (i < 0) i = levels.push(c) - 1;
    return i;
  });
  return { kind: 'categorical', name, codes, levels, semantic: 'category' };
}
function table(...columns: (NumericColumn | CategoricalColumn)[]): Table {
  return { rowCount: columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length, columns };
}
function column(m: { rows: number; bins: Uint8Array }, f: number): number[] {
  return Array.from(m.bins.subarray(f * m.rows, (f + 1) * m.rows));
}

describe('numeric binning', () => {
  it('gives one bin per distinct value with edges at the values (hand-checked)', () => {
    const t = table(num('x', [1, 2, 2, 3, NaN]));
    const [spec] = learnBinning(t, ['x']);
    // 3 distinct values → 3 bins; the largest needs no edge.
    expect(spec).toEqual({ name: 'x', kind: 'numeric', edges: [1, 2] });
    const m = applyBinning(t, [spec]);
    expect(column(m, 0)).toEqual([0, 1, 1, 2, 255]);
  });

  it('puts values between or beyond edges where x <= edges[i] says', () => {
    const edges = [1, 2];
    expect(numericBin(edges, 0.5)).toBe(0);
    expect(numericBin(edges, 1)).toBe(0);
    expect(numericBin(edges, 1.5)).toBe(1);
    expect(numericBin(edges, 2)).toBe(1);
    expect(numericBin(edges, 99)).toBe(2);
    expect(numericBin(edges, -Infinity)).toBe(0);
    const t = table(num('x', [0.5, 1.5, 99, -3]));
    expect(column(applyBinning(t, [{ name: 'x', kind: 'numeric', edges }]), 0)).toEqual([0, 1, 2, 0]);
  });

  it('uses equal-frequency edges at data values when there are more distinct values than bins', () => {
    const values = Array.from({ length: 12 }, (_, i) => i + 1); // 1..12
    const [spec] = learnBinning(table(num('x', values)), ['x'], { maxBins: 4 });
    // 12 rows / 4 bins → 3 rows per bin → edges at 3, 6, 9
    expect(spec).toEqual({ name: 'x', kind: 'numeric', edges: [3, 6, 9] });
    const m = applyBinning(table(num('x', values)), [spec]);
    expect(column(m, 0)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
  });

  it('gives a heavy tie one bin and spreads the other rows over the remaining bins', () => {
    const values = [...Array(10).fill(0), 1, 2, 3, 4, 5, 6];
    const [spec] = learnBinning(table(num('x', values)), ['x'], { maxBins: 4 });
    // target 16/4 = 4 rows: the ten 0s close bin 0; then 6 rows / 3 bins = 2 each: {1,2} {3,4} {5,6}
    expect(spec.kind === 'numeric' && spec.edges).toEqual([0, 2, 4]);
  });

  it('never puts an edge at the maximum', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7];
    const [spec] = learnBinning(table(num('x', values)), ['x'], { maxBins: 3 });
    // target 14/3 ≈ 4.67: {1..5} closes at 5 rows; then 9 rows / 2 bins = 4.5: 6 (1 row) is too
    // small, and the rest is the maximum, which needs no edge.
    expect(spec.kind === 'numeric' && spec.edges).toEqual([5]);
  });

  it('caps at 255 value bins and keeps edges strictly increasing', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1000);
    const [spec] = learnBinning(table(num('x', values)), ['x']);
    if (spec.kind !== 'numeric') throw new Error('kind');
    expect(spec.edges.length).toBeLessThanOrEqual(254);
    expect(spec.edges.length).toBeGreaterThan(200);
    for (let i = 1; i < spec.edges.length; i++) expect(spec.edges[i]).toBeGreaterThan(spec.edges[i - 1]);
    const m = applyBinning(table(num('x', values)), [spec]);
    expect(Math.max(...column(m, 0))).toBeLessThanOrEqual(254);
  });

  it('learns on the given rows only (training rows), then bins every row', () => {
    const t = table(num('x', [10, 20, 30, 40]));
    const [spec] = learnBinning(t, ['x'], { rows: Uint32Array.from([0, 1]) });
    expect(spec).toEqual({ name: 'x', kind: 'numeric', edges: [10] });
    expect(column(applyBinning(t, [spec]), 0)).toEqual([0, 1, 1, 1]);
  });

  it('treats date columns as numbers (days) and all-missing columns as a single bin', () => {
    const t = table(num('d', [19000, 19001, 19000], 'date'), num('e', [NaN, NaN, NaN]));
    const specs = learnBinning(t, ['d', 'e']);
    expect(specs).toEqual([
      { name: 'd', kind: 'numeric', edges: [19000] },
      { name: 'e', kind: 'numeric', edges: [] },
    ]);
    const m = applyBinning(t, specs);
    expect(column(m, 0)).toEqual([0, 1, 0]);
    expect(column(m, 1)).toEqual([255, 255, 255]);
  });
});

describe('categorical binning', () => {
  it('bins categories by frequency, ties broken by first appearance', () => {
    const t = table(cat('c', ['b', 'a', 'a', 'b', 'c', null, 'c', 'c']));
    const [spec] = learnBinning(t, ['c'], { minCategoryCount: 1 });
    // counts: b 2, a 2, c 3 → c first, then b (seen before a), then a
    expect(spec).toEqual({ name: 'c', kind: 'categorical', categories: ['c', 'b', 'a'], binOf: [0, 1, 2], valueBins: 3 });
    expect(column(applyBinning(t, [spec]), 0)).toEqual([1, 2, 2, 1, 0, 255, 0, 0]);
  });

  it('pools rare categories into one shared bin', () => {
    const t = table(cat('c', ['x', 'x', 'x', 'y', 'y', 'y', 'r1', 'r2']));
    const [spec] = learnBinning(t, ['c'], { minCategoryCount: 2 });
    expect(spec).toEqual({ name: 'c', kind: 'categorical', categories: ['x', 'y', 'r1', 'r2'], binOf: [0, 1, 2, 2], valueBins: 3 });
  });

  it('pools everything past 254 categories', () => {
    const cells = Array.from({ length: 300 }, (_, i) => `k${i}`);
    const [spec] = learnBinning(table(cat('c', cells)), ['c'], { minCategoryCount: 1 });
    if (spec.kind !== 'categorical') throw new Error('kind');
    expect(spec.valueBins).toBe(255);
    expect(spec.binOf[253]).toBe(253);
    expect(spec.binOf[254]).toBe(254);
    expect(spec.binOf[299]).toBe(254);
  });

  it('keeps only categories present in the learning rows', () => {
    const t = table(cat('c', ['a', 'b', 'z']));
    const [spec] = learnBinning(t, ['c'], { rows: Uint32Array.from([0, 1]), minCategoryCount: 1 });
    if (spec.kind !== 'categorical') throw new Error('kind');
    expect(spec.categories).toEqual(['a', 'b']);
    // 'z' was never seen: binned as missing/unknown.
    expect(column(applyBinning(t, [spec]), 0)).toEqual([0, 1, 255]);
  });

  it('sends unknown categories to 255 and counts them per column', () => {
    const spec = { name: 'c', kind: 'categorical' as const, categories: ['a', 'b'], binOf: [0, 1], valueBins: 2 };
    const rep = binTable(table(cat('c', ['a', 'new', 'b', 'new', null])), [spec]);
    expect(column(rep.matrix, 0)).toEqual([0, 255, 1, 255, 255]);
    expect(rep.unseen.get('c')).toBe(2);
    expect(rep.retyped).toEqual([]);
  });
});

describe('binning new data', () => {
  it('matches columns by name, whatever their order', () => {
    const specs = learnBinning(table(num('a', [1, 2]), cat('b', ['u', 'v'])), ['a', 'b'], { minCategoryCount: 1 });
    const m = applyBinning(table(cat('b', ['v', 'u']), num('z', [0, 0]), num('a', [2, 1])), specs);
    expect(column(m, 0)).toEqual([1, 0]);
    expect(column(m, 1)).toEqual([1, 0]);
  });

  it('reports every missing column in one UserError', () => {
    const specs = learnBinning(table(num('a', [1]), num('b', [2]), num('c', [3])), ['a', 'b', 'c']);
    try {
      applyBinning(table(num('b', [1])), specs);
      throw new Error('no error');
    } catch (e) {
      expect(isUserError(e) && e.key).toBe('model.missingColumns');
      expect(isUserError(e) && e.params).toEqual({ columns: 'a, c' });
    }
  });

  it('reads a numeric feature that arrives as text numbers, and rejects real text', () => {
    const spec = { name: 'x', kind: 'numeric' as const, edges: [1, 2] };
    const rep = binTable(table(cat('x', ['1', '2.5', '', '0.5'])), [spec]);
    expect(column(rep.matrix, 0)).toEqual([0, 2, 255, 0]);
    expect(rep.retyped).toEqual(['x']);
    expect(() => applyBinning(table(cat('x', ['1', 'high'])), [spec])).toThrow(/model.columnNotNumeric/);
  });

  it('reads a categorical feature that arrives as numbers ("1" by text, "2.0" by value)', () => {
    const spec = { name: 'c', kind: 'categorical' as const, categories: ['1', '2.0'], binOf: [0, 1], valueBins: 2 };
    const rep = binTable(table(num('c', [1, 2, 3, NaN])), [spec]);
    expect(column(rep.matrix, 0)).toEqual([0, 1, 255, 255]);
    expect(rep.unseen.get('c')).toBe(1);
    expect(rep.retyped).toEqual(['c']);
  });

  it('parses plain numbers only', () => {
    expect(parseNumber(' 1,234.5 ')).toBe(1234.5);
    expect(parseNumber('-2e3')).toBe(-2000);
    expect(parseNumber('12abc')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
  });

  it('selects rows of a matrix column by column', () => {
    const t = table(num('a', [1, 2, 3]), num('b', [30, 20, 10]));
    const m = applyBinning(t, learnBinning(t, ['a', 'b']));
    const s = selectRows(m, Uint32Array.from([2, 0]));
    expect(s.rows).toBe(2);
    expect(Array.from(s.bins)).toEqual([2, 0, 0, 2]);
  });

  it('bins a million rows of mixed columns correctly (spot checks)', () => {
    const n = 1_000_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = (i * 2654435761) % 100003;
    const codes = Int32Array.from({ length: n }, (_, i) => i % 7);
    const t: Table = {
      rowCount: n,
      columns: [
        { kind: 'numeric', name: 'x', values: x, semantic: 'number' },
        { kind: 'categorical', name: 'c', codes, levels: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], semantic: 'category' },
      ],
    };
    const specs = learnBinning(t, ['x', 'c']);
    const m = applyBinning(t, specs);
    const sx = specs[0];
    if (sx.kind !== 'numeric') throw new Error('kind');
    for (const r of [0, 1, 12345, 999999]) expect(m.bins[r]).toBe(numericBin(sx.edges, x[r]));
    expect(m.bins[n + 3]).toBe(specs[1].kind === 'categorical' ? specs[1].binOf[specs[1].categories.indexOf('d')] : -1);
  });
});

describe('numeric bins agree with the edge rule for every edge count', () => {
  it('matches a linear scan for 0..254 edges and values on, between and beyond edges', () => {
    for (const ne of [0, 1, 2, 3, 7, 8, 127, 128, 200, 254]) {
      const edges = Array.from({ length: ne }, (_, i) => i * 2);
      const values = [-1, ...edges, ...edges.map((e) => e + 1), ne * 2 + 5, Infinity, -Infinity];
      const t: Table = { rowCount: values.length, columns: [{ kind: 'numeric', name: 'x', values: Float64Array.from(values), semantic: 'number' }] };
      const m = applyBinning(t, [{ name: 'x', kind: 'numeric', edges }]);
      values.forEach((x, r) => {
        let expected = edges.findIndex((e) => x <= e);
        if (expected < 0) expected = ne;
        expect(m.bins[r]).toBe(expected);
      });
    }
  });
});

describe('learning from a sample on big data', () => {
  it('learns numeric edges from at most NUMERIC_SAMPLE rows, deterministically', () => {
    const n = 300_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = (i * 7919) % 100_000; // uniform over 0..99999
    const t: Table = { rowCount: n, columns: [{ kind: 'numeric', name: 'x', values: x, semantic: 'number' }] };
    const [a] = learnBinning(t, ['x']);
    const [b] = learnBinning(t, ['x']);
    expect(a).toEqual(b);
    if (a.kind !== 'numeric') throw new Error('kind');
    expect(a.edges.length).toBeGreaterThan(240);
    // equal-frequency edges of a uniform variable are close to k/255 quantiles
    const m = applyBinning(t, [a]);
    const counts = new Array(a.edges.length + 1).fill(0);
    for (let r = 0; r < n; r++) counts[m.bins[r]]++;
    expect(Math.max(...counts)).toBeLessThan((n / (a.edges.length + 1)) * 1.3);
    expect(Math.min(...counts)).toBeGreaterThan((n / (a.edges.length + 1)) * 0.7);
  });
});
