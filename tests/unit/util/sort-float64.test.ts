import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortFloat64 } from '../../../src/lib/util/sort-float64.ts';

/** Same values in the same order, bit for bit (so -0 and +0 are told apart). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe('sortFloat64', () => {
  it('orders like the native typed-array sort, bit for bit (ties, signs, zeros, infinities, subnormals)', () => {
    const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.1, 1e-300];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(...special), fc.integer({ min: -50, max: 50 }).map((k) => k / 4)), { minLength: 4096, maxLength: 9000 }),
        (values) => {
          const a = Float64Array.from(values);
          return sameBits(sortFloat64(a.slice()), a.slice().sort());
        },
      ),
      { numRuns: 25 },
    );
  });

  it('sorts in place and handles views into a larger buffer and short arrays', () => {
    const big = new Float64Array(10_000).map((_, i) => ((i * 7919) % 10_007) - 5000.5);
    const view = big.subarray(1000, 9000);
    const expected = view.slice().sort();
    expect(sortFloat64(view)).toBe(view);
    expect(sameBits(view, expected)).toBe(true);
    expect(big[0]).toBe(((0 * 7919) % 10_007) - 5000.5);
    expect(Array.from(sortFloat64(Float64Array.of(3, -0, 0, -2)))).toEqual([-2, -0, 0, 3]);
  });
});
