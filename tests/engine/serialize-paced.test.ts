import { describe, expect, it } from 'vitest';
import { serializeTreePaced } from '../../src/lib/engine/train.ts';
import { serializeTree } from '../../src/lib/engine/model-file.ts';
import { mulberry32 } from '../../src/lib/engine/split.ts';
import type { FeatureSpec, TreeArrays } from '../../src/lib/engine/types.ts';

// A big random tree: numeric splits (some at the last bin: threshold null), categorical splits
// (threshold null, mask offsets), leaves (-1). Structure need not be a valid tree for serialization.
function bigTree(n: number): TreeArrays {
  const r = mulberry32(7);
  const feature = new Int32Array(n);
  const split = new Int32Array(n);
  let masks = 0;
  for (let i = 0; i < n; i++) {
    const f = Math.floor(r() * 4) - 1;
    feature[i] = f;
    if (f === 2) split[i] = 8 * masks++;
    else if (f >= 0) split[i] = Math.floor(r() * 4); // edges have 3 entries: bin 3 is the last
  }
  return {
    feature, split,
    left: Int32Array.from({ length: n }, (_, i) => 2 * i + 1),
    right: Int32Array.from({ length: n }, (_, i) => 2 * i + 2),
    missingLeft: Uint8Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0)),
    value: Float64Array.from({ length: n }, () => r()),
    cover: Float64Array.from({ length: n }, () => r() * 100),
    count: Int32Array.from({ length: n }, () => Math.floor(r() * 1000)),
    catMasks: Uint32Array.from({ length: 8 * masks }, () => Math.floor(r() * 2 ** 32)),
  };
}

const FEATURES: FeatureSpec[] = [
  { name: 'a', kind: 'numeric', edges: [1, 2.5, 10] },
  { name: 'b', kind: 'numeric', edges: [-3, 0, 0.125] },
  { name: 'c', kind: 'categorical', categories: ['x', 'y'], binOf: [0, 1], valueBins: 2 } as FeatureSpec,
];

describe('serializeTreePaced', () => {
  it('gives exactly serializeTree\'s output for a tree spanning several node ranges, pausing between them', async () => {
    const t = bigTree(100_003);
    let pauses = 0;
    const paced = await serializeTreePaced(t, FEATURES, async () => void pauses++);
    expect(pauses).toBe(4); // 100,003 nodes in ranges of 32,768
    expect(JSON.stringify(paced)).toBe(JSON.stringify(serializeTree(t, FEATURES)));
  });

  it('serializes a small tree in one go', async () => {
    const t = bigTree(50);
    let pauses = 0;
    expect(await serializeTreePaced(t, FEATURES, async () => void pauses++)).toEqual(serializeTree(t, FEATURES));
    expect(pauses).toBe(0);
  });
});
