import { describe, expect, it } from 'vitest';
import { packTrees, predictTree } from '../../src/lib/engine/tree-pack.ts';
import type { TreeArrays } from '../../src/lib/engine/types.ts';

function tree(nodes: number, seed: number): TreeArrays {
  const f = (i: number) => (i * 7 + seed) % 13;
  return {
    feature: Int32Array.from({ length: nodes }, (_, i) => f(i) - 1),
    split: Int32Array.from({ length: nodes }, (_, i) => f(i) * 3),
    left: Int32Array.from({ length: nodes }, (_, i) => 2 * i + 1),
    right: Int32Array.from({ length: nodes }, (_, i) => 2 * i + 2),
    missingLeft: Uint8Array.from({ length: nodes }, (_, i) => i % 2),
    value: Float64Array.from({ length: nodes }, (_, i) => 1 / (i + seed + 1)),
    cover: Float64Array.from({ length: nodes }, (_, i) => i + 0.5),
    count: Int32Array.from({ length: nodes }, (_, i) => i * 11),
    catMasks: Uint32Array.from({ length: 8 * (seed % 3) }, (_, i) => 0xffffffff - i),
  };
}

describe('packTrees', () => {
  it('gives the same trees as views over one buffer, aligned for every element type', () => {
    // Odd node counts put Uint8 and Int32 arrays at lengths that are not multiples of 8 bytes.
    const trees = [tree(5, 1), tree(3, 2), tree(1, 3)];
    const { trees: packed, buffer } = packTrees(trees);
    expect(packed).toHaveLength(3);
    trees.forEach((t, i) => {
      for (const k of Object.keys(t) as (keyof TreeArrays)[]) {
        expect(packed[i][k].constructor).toBe(t[k].constructor);
        expect(Array.from(packed[i][k])).toEqual(Array.from(t[k]));
        expect(packed[i][k].buffer).toBe(buffer);
        expect(packed[i][k].byteOffset % packed[i][k].BYTES_PER_ELEMENT).toBe(0);
      }
    });
    // The originals stay untouched and separate (the caller keeps using them).
    expect(trees[0].value.buffer).not.toBe(buffer);
    expect(trees[0].value[0]).toBe(1 / 2);
  });
});

describe('predictTree', () => {
  it('sends prediction only what it reads: no cover or count, and packs only those fields', () => {
    const t = tree(5, 1);
    const p = predictTree(t);
    expect(Object.keys(p).sort()).toEqual(['catMasks', 'feature', 'left', 'missingLeft', 'right', 'split', 'value']);
    expect(p.value).toBe(t.value);
    const { trees: packed, buffer } = packTrees([p]);
    expect(Object.keys(packed[0]).sort()).toEqual(Object.keys(p).sort());
    // 5 nodes: four Int32 arrays and one Float64 (each 8-byte aligned), one Uint8, 8 mask words
    expect(buffer.byteLength).toBe(4 * 24 + 40 + 8 + 32);
  });
});
