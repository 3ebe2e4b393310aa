import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyBinning, learnBinning } from '../../src/lib/engine/binning.ts';
import type { Table } from '../../src/lib/table/types.ts';

const numTable = (values: number[]): Table => ({
  rowCount: values.length,
  columns: [{ kind: 'numeric', name: 'x', values: Float64Array.from(values), semantic: 'number' }],
});

const values = fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -20, max: 20 }), fc.constant(NaN)), {
  minLength: 1,
  maxLength: 400,
});

describe('binning properties', () => {
  it('edges are strictly increasing data values, bins are monotone and missing is 255', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 2, max: 255 }), (xs, maxBins) => {
        const [spec] = learnBinning(numTable(xs), ['x'], { maxBins });
        if (spec.kind !== 'numeric') return false;
        const present = new Set(xs.filter((x) => !Number.isNaN(x)));
        expect(spec.edges.length).toBeLessThanOrEqual(maxBins - 1);
        spec.edges.forEach((e, i) => {
          expect(present.has(e)).toBe(true);
          if (i > 0) expect(e).toBeGreaterThan(spec.edges[i - 1]);
        });
        // few distinct values: one bin each
        if (present.size <= maxBins) expect(spec.edges.length).toBe(Math.max(0, present.size - 1));
        const m = applyBinning(numTable(xs), [spec]);
        const order = xs.map((x, i) => [x, m.bins[i]] as const).filter(([x]) => !Number.isNaN(x)).sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < order.length; i++) expect(order[i][1]).toBeGreaterThanOrEqual(order[i - 1][1]);
        xs.forEach((x, i) => {
          if (Number.isNaN(x)) expect(m.bins[i]).toBe(255);
          else expect(m.bins[i]).toBeLessThanOrEqual(spec.edges.length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and independent of row order', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const a = learnBinning(numTable(xs), ['x'], { maxBins: 16 });
        const b = learnBinning(numTable([...xs].reverse()), ['x'], { maxBins: 16 });
        expect(a).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });
});

describe('numeric bin lookup', () => {
  const linear = (edges: number[], x: number) => {
    const i = edges.findIndex((e) => x <= e);
    return i < 0 ? edges.length : i;
  };
  it('agrees with a linear scan for any edges (even, skewed, tiny gaps) and any values', () => {
    const edgeSets = fc.oneof(
      fc.uniqueArray(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), { minLength: 0, maxLength: 254 }),
      fc.uniqueArray(fc.integer({ min: -300, max: 300 }), { minLength: 0, maxLength: 254 }),
      fc.integer({ min: 2, max: 254 }).map((n) => [...Array.from({ length: n - 1 }, (_, i) => i), 1e12]),
      fc.integer({ min: 2, max: 254 }).map((n) => Array.from({ length: n }, (_, i) => 1 + i * 1e-13)),
    );
    fc.assert(
      fc.property(edgeSets, fc.array(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -310, max: 310 })), { maxLength: 200 }), (raw, xs) => {
        const edges = [...new Set(raw.map((e) => (Object.is(e, -0) ? 0 : e)))].sort((a, b) => a - b);
        // values on and right next to the edges too
        const vals = [...xs, ...edges, ...edges.map((e) => e + Math.abs(e) * 1e-15 + 1e-300), ...edges.map((e) => e - 1e-9)];
        const m = applyBinning(numTable(vals), [{ name: 'x', kind: 'numeric', edges }]);
        vals.forEach((x, i) => expect(m.bins[i], `x=${x}`).toBe(Number.isNaN(x) ? 255 : linear(edges, x)));
      }),
      { numRuns: 400 },
    );
  });
});
