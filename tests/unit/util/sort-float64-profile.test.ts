import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFloat64 } from '../../../src/lib/util/sort-float64.ts';

describe('sortFloat64', () => {
  it('sorts like Float64Array.prototype.sort: negatives, zeros, infinities, tiny and huge values, repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -5, max: 5 }), fc.constantFrom(0, -0, Infinity, -Infinity, 5e-324)), { minLength: 0, maxLength: 2000 }), (xs) => {
        const a = Float64Array.from(xs);
        const ref = a.slice().sort();
        sortFloat64(a);
        expect(Array.from(a)).toEqual(Array.from(ref));
      }),
      { numRuns: 200 },
    );
  });

  it('sorts a large array of small integers (passes with one digit are skipped)', () => {
    const a = Float64Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 101);
    const ref = a.slice().sort();
    sortFloat64(a);
    expect(a).toEqual(ref);
  });
});
