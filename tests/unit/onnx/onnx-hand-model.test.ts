// The ONNX export checked by an independent runtime (onnxruntime-node) on a hand-built model whose
// predictions we can follow by hand: numeric and categorical splits, missing values both ways,
// unknown categories, soft and hard votes, and the base-rate correction.
import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import { modelToOnnx } from '../../../src/lib/export/onnx/tree-ensemble.ts';
import type { ModelFile, SerializedTree, FeatureSpec } from '../../../src/lib/engine/types.ts';
import { fromPlainTree } from '../../../src/lib/engine/model-file.ts';

const features: FeatureSpec[] = [
  { name: 'age', kind: 'numeric', edges: [30, 50] },
  { name: 'plan', kind: 'categorical', categories: ['a', 'b', 'c', 'd'], binOf: [0, 1, 2, 2], valueBins: 3 },
];

function mask(bins: number[]): number[] {
  const m = new Array(8).fill(0);
  for (const b of bins) m[b >>> 5] |= 1 << (b & 31);
  return m.map((x) => x >>> 0);
}

// tree 0: age <= 30 (missing left) ? leaf .9 : (plan in {a}, missing right ? leaf .2 : leaf .6)
const t0: SerializedTree = fromPlainTree({
  feature: [0, -1, 1, -1, -1],
  split: [0, 0, 0, 0, 0],
  threshold: [30, null, null, null, null],
  left: [1, -1, 3, -1, -1],
  right: [2, -1, 4, -1, -1],
  missingLeft: [1, 0, 0, 0, 0],
  value: [0.5, 0.9, 0.4, 0.2, 0.6],
  cover: [10, 4, 6, 3, 3],
  count: [10, 4, 6, 3, 3],
  catMasks: mask([0]),
});
// tree 1: plan in {b, c/d} with missing left ? (age <= 50 missing right ? .7 : .1) : .3
const t1: SerializedTree = fromPlainTree({
  feature: [1, 0, -1, -1, -1],
  split: [0, 1, 0, 0, 0],
  threshold: [null, 50, null, null, null],
  left: [1, 3, -1, -1, -1],
  right: [2, 4, -1, -1, -1],
  missingLeft: [1, 0, 0, 0, 0],
  value: [0.4, 0.5, 0.3, 0.7, 0.1],
  cover: [10, 6, 4, 3, 3],
  count: [10, 6, 4, 3, 3],
  catMasks: mask([1, 2]),
});

// tree 2: the kernel's "known vs missing" split (split = edges.length): every known age left (.35), missing right (.8)
const t2: SerializedTree = fromPlainTree({
  feature: [0, -1, -1],
  split: [2, 0, 0],
  threshold: [null, null, null],
  left: [1, -1, -1],
  right: [2, -1, -1],
  missingLeft: [0, 0, 0],
  value: [0.4, 0.35, 0.8],
  cover: [10, 8, 2],
  count: [10, 8, 2],
  catMasks: [],
});

function model(vote: 'soft' | 'hard', corrected: boolean): ModelFile {
  return {
    format: 'churnlens-model',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    appVersion: '0.1.0',
    target: { column: 'churn', positive: 'yes' },
    idColumn: null,
    features,
    params: {
      mode: 'forest', trees: 3, mtry: 'all', criterion: 'entropy', maxDepth: 0, minLeaf: 1, minSplit: 2, minGain: 0,
      balance: corrected ? 'bootstrap' : 'none', oversampleK: 1, vote, sampleFraction: 1, seed: 1, testFraction: 0.1, threads: 1,
    },
    baseRateCorrected: corrected,
    trainedBaseRate: corrected ? 0.5 : 0.2,
    trueBaseRate: 0.2,
    trees: [t0, t1, t2],
    importance: { impurity: [0.5, 0.5] },
    metrics: {},
    data: { sha256: '0'.repeat(64), rows: 10, columns: 3 },
  };
}

// Engine semantics, by hand: numeric bin = first i with x <= edges[i]; categorical bin via binOf;
// missing or unknown → bin 255.
function bins(age: number, plan: string | null): number[] {
  const a = Number.isNaN(age) ? 255 : age <= 30 ? 0 : age <= 50 ? 1 : 2;
  const pi = plan === null ? -1 : ['a', 'b', 'c', 'd'].indexOf(plan);
  const p = pi < 0 ? 255 : [0, 1, 2, 2][pi];
  return [a, p];
}
function walk(t: SerializedTree, b: number[]): number {
  let n = 0;
  while (t.feature[n] >= 0) {
    const f = t.feature[n];
    const bin = b[f];
    let left: boolean;
    if (bin === 255) left = t.missingLeft[n] === 1;
    else if (features[f].kind === 'numeric') left = bin <= t.split[n];
    else left = ((t.catMasks[t.split[n] + (bin >>> 5)] >>> (bin & 31)) & 1) === 1;
    n = left ? t.left[n] : t.right[n];
  }
  return t.value[n];
}
function reference(m: ModelFile, age: number, plan: string | null): number {
  const b = bins(age, plan);
  const votes = m.trees.map((t) => walk(t, b)).map((v) => (m.params.vote === 'hard' ? (v > 0.5 ? 1 : 0) : v));
  const p = votes.reduce((s, v) => s + v, 0) / votes.length;
  if (!m.baseRateCorrected) return p;
  const a = m.trueBaseRate / m.trainedBaseRate;
  const c = (1 - m.trueBaseRate) / (1 - m.trainedBaseRate);
  return (p * a) / (p * a + (1 - p) * c);
}

const rows: [number, string | null][] = [];
for (const age of [18, 30, 30.5, 45, 50, 50.25, 77, NaN]) for (const plan of ['a', 'b', 'c', 'd', 'zzz', null]) rows.push([age, plan]);

async function runOnnx(m: ModelFile): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(modelToOnnx(m));
  const x = new Float32Array(rows.length * 2);
  rows.forEach(([age, plan], i) => {
    x[i * 2] = age;
    const idx = plan === null ? -1 : ['a', 'b', 'c', 'd'].indexOf(plan);
    x[i * 2 + 1] = idx < 0 ? NaN : idx;
  });
  const out = await session.run({ X: new ort.Tensor('float32', x, [rows.length, 2]) });
  return out.probabilities.data as Float32Array;
}

describe('ONNX TreeEnsembleClassifier export', () => {
  for (const vote of ['soft', 'hard'] as const) {
    for (const corrected of [false, true]) {
      it(`matches the engine's semantics row by row (${vote} vote, corrected=${corrected})`, async () => {
        const m = model(vote, corrected);
        const probs = await runOnnx(m);
        rows.forEach(([age, plan], i) => {
          const want = reference(m, age, plan);
          expect(probs[i * 2 + 1]).toBeCloseTo(want, 6);
          expect(probs[i * 2] + probs[i * 2 + 1]).toBeCloseTo(1, 6);
        });
      });
    }
  }

  it('follows hand-traced rows exactly', async () => {
    const probs = await runOnnx(model('soft', false));
    const at = (age: number, plan: string | null) => probs[rows.findIndex(([a, p]) => Object.is(a, age) && p === plan) * 2 + 1];
    expect(at(45, 'c')).toBeCloseTo((0.6 + 0.7 + 0.35) / 3, 6);
    expect(at(NaN, null)).toBeCloseTo((0.9 + 0.1 + 0.8) / 3, 6); // missing age left in t0, right in t1 (node 1) and t2
  });
});
