import { describe, expect, it } from 'vitest';
import { labelsAt, pick } from '../../../src/lib/evaluate/subset.ts';

describe('subset', () => {
  it('picks labels and scores of a row list in its order', () => {
    expect(Array.from(labelsAt(Uint8Array.from([1, 0, 255, 1]), Uint32Array.from([3, 0, 2])))).toEqual([1, 1, 255]);
    const p = pick(Float64Array.from([0.1, 0.2, 0.3]), [2, 2]);
    expect(p).toBeInstanceOf(Float64Array);
    expect(Array.from(p)).toEqual([0.3, 0.3]);
  });
});
