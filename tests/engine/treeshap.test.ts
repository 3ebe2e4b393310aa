// Exact TreeSHAP in the wasm kernel against brute-force Shapley values (every coalition of features)
// on hand-made trees, random trees and trained trees; the additivity identity; malformed trees.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TreeArrays } from '../../src/lib/engine/types.ts';
import type { WasmEngine } from '../../src/lib/engine/wasm-engine.ts';
import { categoricalFlags, sumTreeContributions } from '../../src/lib/engine/wasm-engine.ts';
import { engine, categorical, matrix, numeric, allRows } from './kernel-helpers.ts';
import { baseParams, mulberry32, syntheticChurn } from './kernel-fixtures.ts';
import { bruteShap } from './treeshap-brute.ts';

let e: WasmEngine;
beforeAll(async () => {
  e = await engine();
});

interface NodeSpec {
  f?: number;
  t?: number;
  cats?: number[];
  missingLeft?: boolean;
  v?: number;
  cover: number;
}

/** Tree from nodes in array order (children after parents, right = left + 1); cats make a categorical split. */
function tree(nodes: NodeSpec[], children: [number, number][]): TreeArrays {
  const n = nodes.length;
  const t: TreeArrays = {
    feature: new Int32Array(n).fill(-1), split: new Int32Array(n), left: new Int32Array(n).fill(-1), right: new Int32Array(n).fill(-1),
    missingLeft: new Uint8Array(n), value: new Float64Array(n), cover: new Float64Array(n), count: new Int32Array(n), catMasks: new Uint32Array(0),
  };
  const masks: number[] = [];
  let c = 0;
  nodes.forEach((s, i) => {
    // count is the background weight TreeSHAP uses; cover (class-weighted) must not matter
    t.count[i] = s.cover;
    t.cover[i] = s.cover * (1 + (i % 3));
    t.value[i] = s.v ?? 0.5;
    if (s.f === undefined) return;
    t.feature[i] = s.f;
    [t.left[i], t.right[i]] = children[c++];
    t.missingLeft[i] = s.missingLeft ? 1 : 0;
    if (s.cats) {
      t.split[i] = masks.length;
      const words = new Array(8).fill(0);
      for (const b of s.cats) words[b >>> 5] = (words[b >>> 5] | (1 << (b & 31))) >>> 0;
      masks.push(...words);
    } else t.split[i] = s.t ?? 0;
  });
  t.catMasks = Uint32Array.from(masks);
  return t;
}

function rowBins(m: { rows: number; bins: Uint8Array }, F: number, r: number): Uint8Array {
  return Uint8Array.from({ length: F }, (_, f) => m.bins[f * m.rows + r]);
}

function expectMatchesBrute(trees: TreeArrays[], m: ReturnType<typeof matrix>, vote: 'soft' | 'hard', tol = 1e-12): void {
  const F = m.features.length;
  const isCat = categoricalFlags(m);
  for (const t of trees) {
    const got = e.contributions([t], m, vote);
    for (let r = 0; r < m.rows; r++) {
      const ref = bruteShap(t, rowBins(m, F, r), isCat, vote);
      for (let f = 0; f < F; f++) expect(Math.abs(got.phi[r * F + f] - ref.phi[f])).toBeLessThanOrEqual(tol);
      expect(Math.abs(got.raw[r] - ref.full)).toBeLessThanOrEqual(tol);
    }
    // v(∅) is the same for every row
    expect(Math.abs(got.base - bruteShap(t, rowBins(m, F, 0), isCat, vote).base)).toBeLessThanOrEqual(tol);
  }
}

// f0 numeric (used twice on a path), f1 categorical (5 categories; missing goes left at node 1
// only), f2 numeric with missing to the left, f3 never used (its φ must be exactly 0).
const handTree = tree(
  [
    { f: 0, t: 10, cover: 100 },
    { f: 1, cats: [0, 2, 255], cover: 60 },
    { f: 0, t: 20, missingLeft: true, cover: 40 },
    { v: 0.1, cover: 25 },
    { f: 2, t: 5, missingLeft: true, cover: 35 },
    { v: 0.7, cover: 15 },
    { f: 1, cats: [1], cover: 25 },
    { v: 0.3, cover: 20 },
    { v: 0.9, cover: 15 },
    { v: 0.55, cover: 10 },
    { v: 0.2, cover: 15 },
  ],
  [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]],
);
const handFeatures = [numeric('f0'), categorical('f1', 5), numeric('f2'), numeric('f3')];
function handMatrix(): ReturnType<typeof matrix> {
  const cols: number[][] = [[], [], [], []];
  for (const a of [3, 10, 15, 20, 25, 255]) for (const b of [0, 1, 2, 3, 255]) for (const c of [0, 5, 9, 255]) {
    cols[0].push(a);
    cols[1].push(b);
    cols[2].push(c);
    cols[3].push((a + b + c) % 7);
  }
  return matrix(handFeatures, cols);
}

/**
 * A random tree grown breadth-first (children after parents, right = left + 1): node i splits when
 * `grows(i, depth, nodesSoFar)`, with `split()`'s spec, else is `leaf()`; covers add up from the leaves.
 */
function randomTree(grows: (i: number, depth: number, size: number) => boolean, split: () => NodeSpec, leaf: () => NodeSpec): TreeArrays {
  const nodes: NodeSpec[] = [{ cover: 0 }];
  const depth = [0];
  const kids: [number, number][] = [];
  const parentOf: number[] = [-1];
  for (let i = 0; i < nodes.length; i++) {
    if (grows(i, depth[i], nodes.length)) {
      nodes[i] = split();
      kids.push([nodes.length, nodes.length + 1]);
      for (let c = 0; c < 2; c++) {
        nodes.push({ cover: 0 });
        depth.push(depth[i] + 1);
        parentOf.push(i);
      }
    } else nodes[i] = leaf();
  }
  for (let i = nodes.length - 1; i > 0; i--) nodes[parentOf[i]].cover += nodes[i].cover;
  return tree(nodes, kids);
}

describe('TreeSHAP in the kernel', () => {
  it('matches brute-force Shapley values on a hand-made tree (numeric, categorical, missing, a repeated feature)', () => {
    const m = handMatrix();
    expectMatchesBrute([handTree], m, 'soft');
    expectMatchesBrute([handTree], m, 'hard');
  });

  it('gives hand-computed values on a one-split tree', () => {
    // Root on a (cover 100): left leaf 0.25 (cover 75), right leaf 0.625 (cover 25).
    // E = 0.75·0.25 + 0.25·0.625 = 0.34375; all values are exact in binary.
    const t = tree([{ f: 0, t: 10, cover: 100 }, { v: 0.25, cover: 75 }, { v: 0.625, cover: 25 }], [[1, 2]]);
    const m = matrix([numeric('a'), numeric('b')], [[4, 50, 255], [1, 2, 3]]);
    const r = e.contributions([t], m, 'soft');
    expect(r.base).toBe(0.34375);
    // missing goes right unless flagged
    expect(Array.from(r.phi)).toEqual([-0.09375, 0, 0.28125, 0, 0.28125, 0]);
    expect(Array.from(r.raw)).toEqual([0.25, 0.625, 0.625]);
  });

  it('unused features get exactly zero, and φ of one row does not depend on the other rows in the call', () => {
    const m = handMatrix();
    const all = e.contributions([handTree, handTree], m, 'soft');
    for (let r = 0; r < m.rows; r++) expect(all.phi[r * 4 + 3]).toBe(0);
    const part = e.contributions([handTree, handTree], m, 'soft', 17, 40);
    expect(Array.from(part.phi)).toEqual(Array.from(all.phi.subarray(17 * 4, 40 * 4)));
    expect(Array.from(part.raw)).toEqual(Array.from(all.raw.subarray(17, 40)));
  });

  it('matches brute force on random trees with features repeated along deep paths', () => {
    const rnd = mulberry32(7);
    const F = 5;
    const isCatF = [false, true, false, true, false];
    const features = isCatF.map((c, i) => (c ? categorical(`c${i}`, 6) : numeric(`n${i}`)));
    for (let k = 0; k < 25; k++) {
      // few distinct features: the same feature comes back often on a path
      const t = randomTree(
        (i, depth) => depth < 9 && rnd() < (i === 0 ? 1 : 0.7),
        () => {
          const f = Math.floor(rnd() * F) % (k % 2 ? 2 : F);
          return isCatF[f]
            ? { f, cats: [0, 1, 2, 3, 4, 5, 255].filter(() => rnd() < 0.5), cover: 0 }
            : { f, t: Math.floor(rnd() * 8), missingLeft: rnd() < 0.5, cover: 0 };
        },
        () => ({ v: Math.round(rnd() * 1000) / 1000, cover: 1 + Math.floor(rnd() * 20) }),
      );
      const cols = Array.from({ length: F }, (_, f) => Array.from({ length: 12 }, () => (rnd() < 0.15 ? 255 : Math.floor(rnd() * (isCatF[f] ? 6 : 9)))));
      expectMatchesBrute([t], matrix(features, cols), k % 3 === 0 ? 'hard' : 'soft');
    }
  });

  // Up to 11 distinct features on a path (6 quadrature nodes), and some nodes no background row reached.
  it('matches brute force on deep random trees with many distinct features on a path and empty nodes', () => {
    const rnd = mulberry32(11);
    const F = 11;
    const features = Array.from({ length: F }, (_, i) => (i % 4 === 3 ? categorical(`c${i}`, 5) : numeric(`n${i}`)));
    for (let k = 0; k < 6; k++) {
      const t = randomTree(
        (_, depth, size) => depth < 14 && size < 400 && rnd() < (depth < 3 ? 1 : 0.62),
        () => {
          const f = Math.floor(rnd() * F);
          return f % 4 === 3
            ? { f, cats: [0, 1, 2, 3, 4, 255].filter(() => rnd() < 0.5), cover: 0 }
            : { f, t: Math.floor(rnd() * 8), missingLeft: rnd() < 0.5, cover: 0 };
        },
        () => ({ v: Math.round(rnd() * 1000) / 1000, cover: rnd() < 0.05 ? 0 : 1 + Math.floor(rnd() * 30) }),
      );
      const cols = Array.from({ length: F }, (_, f) => Array.from({ length: 70 }, () => (rnd() < 0.1 ? 255 : Math.floor(rnd() * (f % 4 === 3 ? 5 : 9)))));
      expectMatchesBrute([t], matrix(features, cols), k % 2 ? 'hard' : 'soft');
    }
  });

  it('per-tree values over any split of the forest add up to the same bits as one call', () => {
    const { m, labels } = syntheticChurn(300, 6, 9);
    const { trees } = e.trainTrees(m, categoricalFlags(m), labels, allRows(250), baseParams({ trees: 7 }), Array.from({ length: 7 }, (_, i) => i));
    const whole = e.contributions(trees, m, 'soft', 0, 3);
    const few = { rows: 3, features: m.features, bins: new Uint8Array(3 * 6) };
    for (let f = 0; f < 6; f++) few.bins.set(m.bins.subarray(f * 300, f * 300 + 3), f * 3);
    for (const cuts of [[0, 7], [0, 3, 7], [0, 1, 2, 6, 7]]) {
      const parts = cuts.slice(1).map((b, i) => e.treeContributions(trees.slice(cuts[i], b), few, 'soft', cuts[i]));
      const sum = sumTreeContributions(parts, 3, 6);
      expect(new Uint8Array(sum.phi.buffer)).toEqual(new Uint8Array(whole.phi.buffer));
      expect(new Uint8Array(sum.raw.buffer)).toEqual(new Uint8Array(whole.raw.buffer));
      expect(sum.base).toBe(whole.base);
    }
  });

  it('matches brute force on trained trees (5 features, missing values, a categorical feature)', () => {
    const { m, labels } = syntheticChurn(600, 5, 3);
    for (const params of [baseParams({ trees: 3, mtry: 2 }), baseParams({ trees: 2, balance: 'weights', minLeaf: 3, criterion: 'gini' })]) {
      const { trees } = e.trainTrees(m, categoricalFlags(m), labels, allRows(400), params, [0, 1, 2].slice(0, params.trees));
      const sample = { rows: 60, features: m.features, bins: new Uint8Array(60 * 5) };
      for (let f = 0; f < 5; f++) sample.bins.set(m.bins.subarray(f * 600 + 380, f * 600 + 440), f * 60);
      expectMatchesBrute(trees, sample, 'soft');
      expectMatchesBrute(trees, sample, 'hard');
    }
  });

  it('averages over trees: base + Σφ equals the forest output predict gives, bit for bit in raw', () => {
    const { m, labels } = syntheticChurn(2000, 8, 5);
    for (const vote of ['soft', 'hard'] as const) {
      const { trees } = e.trainTrees(m, categoricalFlags(m), labels, allRows(1500), baseParams({ trees: 12, vote }), Array.from({ length: 12 }, (_, i) => i));
      const r = e.contributions(trees, m, vote);
      const p = e.predict(trees, m, vote);
      expect(new Uint8Array(r.raw.buffer)).toEqual(new Uint8Array(p.buffer));
      let worst = 0;
      for (let i = 0; i < m.rows; i++) {
        let s = r.base;
        for (let f = 0; f < 8; f++) s += r.phi[i * 8 + f];
        worst = Math.max(worst, Math.abs(s - r.raw[i]));
      }
      expect(worst).toBeLessThan(1e-9);
    }
  });

  it('rejects malformed trees with engine.badTree instead of hanging', () => {
    const m = handMatrix();
    const broken: ((t: TreeArrays) => void)[] = [
      (t) => (t.left[2] = 0), // back to the root: a cycle
      (t) => (t.right[4] = 99), // out of range
      (t) => {
        t.left[2] = 3; // node 3 reached twice
        t.right[2] = 4;
      },
      (t) => (t.feature[0] = 9), // no such feature
      (t) => (t.split[1] = 13), // mask offset past the masks
      (t) => (t.value[3] = 2), // not a probability
    ];
    for (const b of broken) {
      const t = structuredClone(handTree);
      b(t);
      expect(() => e.contributions([handTree, t], m, 'soft')).toThrow(expect.objectContaining({ key: 'engine.badTree', params: { tree: 2 } }));
    }
    // the engine still works afterwards
    expect(e.contributions([handTree], m, 'soft').phi.length).toBe(m.rows * 4);
  });
});
