// Export a ChurnLens forest as a standard ONNX model (ai.onnx.ml TreeEnsembleClassifier), so the
// same model can score at scale in ONNX Runtime, Spark or a database.
//
// Input contract (README "Scoring at scale"): one float tensor X [N, F], columns in the order of
// model.features; numeric values as they are; categorical values as their index in
// feature.categories; NaN for missing or unknown. Output `probabilities` [N, 2], churn in column 1.
//
// Binning is folded into thresholds: the engine sends x left when bin(x) <= t, i.e. x <= edges[t].
// ONNX runtimes compare in float32, so the threshold is fround(edges[t]) with BRANCH_LEQ: rounding is
// monotonic, so float32(x) <= float32(edge) holds for every x <= edge, and fails for every x > edge
// except values closer to the edge than float32 resolution (edges are data values, so real data
// does not produce such pairs).
// A categorical split (a set of categories going left) becomes a chain of BRANCH_EQ nodes on the
// category index whose true branches share one subtree — the encoding LightGBM's converters use.
import type { ModelFile, SerializedTree, FeatureSpec } from '../../engine/types.ts';
import { ProtoWriter } from './protobuf.ts';

const ATTR = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;
const ELEM = { FLOAT: 1, INT64: 7 } as const;

interface NodeTable {
  treeIds: number[];
  nodeIds: number[];
  featureIds: number[];
  modes: string[];
  values: number[];
  trueIds: number[];
  falseIds: number[];
  missingTrue: number[];
  classTreeIds: number[];
  classNodeIds: number[];
  classIds: number[];
  classWeights: number[];
}

/** Category indices (positions in feature.categories) whose bin is set in the split's 256-bit mask. */
function leftCategories(feature: FeatureSpec, masks: ArrayLike<number>, offset: number): number[] {
  if (feature.kind !== 'categorical') return [];
  const out: number[] = [];
  for (let c = 0; c < feature.categories.length; c++) {
    const bin = feature.binOf[c];
    if ((masks[offset + (bin >>> 5)] >>> (bin & 31)) & 1) out.push(c);
  }
  return out;
}

function leafVote(value: number, vote: 'soft' | 'hard'): number {
  return vote === 'hard' ? (value > 0.5 ? 1 : 0) : value;
}

function emitTree(t: SerializedTree, treeId: number, model: ModelFile, nTrees: number, out: NodeTable): void {
  let nextId = 0;
  const push = (feature: number, mode: string, value: number, missingTrue: number): number => {
    const id = nextId++;
    out.treeIds.push(treeId);
    out.nodeIds.push(id);
    out.featureIds.push(feature);
    out.modes.push(mode);
    out.values.push(value);
    out.trueIds.push(0);
    out.falseIds.push(0);
    out.missingTrue.push(missingTrue);
    return out.nodeIds.length - 1; // row in the table
  };

  // Explicit stack: trees can be deep, and the order of ids does not matter to ONNX.
  const emit = (n: number): number => {
    const f = t.feature[n];
    if (f < 0) {
      const row = push(0, 'LEAF', 0, 0);
      const w = leafVote(t.value[n], model.params.vote) / nTrees;
      out.classTreeIds.push(treeId, treeId);
      out.classNodeIds.push(out.nodeIds[row], out.nodeIds[row]);
      out.classIds.push(0, 1);
      out.classWeights.push(1 / nTrees - w, w);
      return out.nodeIds[row];
    }
    const feature = model.features[f];
    const missingLeft = t.missingLeft[n] === 1;
    if (feature.kind === 'numeric') {
      // split = edges.length separates known values (all left) from missing ones: +∞ threshold.
      const s = t.split[n];
      const threshold = s < feature.edges.length ? Math.fround(feature.edges[s]) : Infinity;
      const row = push(f, 'BRANCH_LEQ', threshold, missingLeft ? 1 : 0);
      const id = out.nodeIds[row];
      out.trueIds[row] = emit(t.left[n]);
      out.falseIds[row] = emit(t.right[n]);
      return id;
    }
    // Categorical: chain on the smaller side; NaN (missing/unknown) fails every EQ test and so
    // reaches the chain's end, unless the first node sends it to the shared true branch.
    const left = leftCategories(feature, t.catMasks, t.split[n]);
    const leftSet = new Set(left);
    const right: number[] = [];
    for (let c = 0; c < feature.categories.length; c++) if (!leftSet.has(c)) right.push(c);
    const chainLeft = left.length <= right.length;
    const chain = chainLeft ? left : right;
    const values = chain.length > 0 ? chain : [-1]; // -1 matches no category index
    // Where NaN must go: to the chain's shared target (true) or to its end (false).
    const nanToTrue = chainLeft ? missingLeft : !missingLeft;
    const rows = values.map((c, i) => push(f, 'BRANCH_EQ', c, i === 0 && nanToTrue ? 1 : 0));
    const firstId = out.nodeIds[rows[0]];
    const trueTarget = emit(chainLeft ? t.left[n] : t.right[n]);
    const endTarget = emit(chainLeft ? t.right[n] : t.left[n]);
    for (let i = 0; i < rows.length; i++) {
      out.trueIds[rows[i]] = trueTarget;
      out.falseIds[rows[i]] = i + 1 < rows.length ? out.nodeIds[rows[i + 1]] : endTarget;
    }
    return firstId;
  };
  emit(0);
}

function tensorType(w: ProtoWriter, elem: number, dims: (number | string)[]): void {
  w.message(1, (tt) => {
    tt.int(1, elem);
    tt.message(2, (shape) => {
      for (const d of dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
    });
  });
}

function valueInfo(w: ProtoWriter, field: number, name: string, elem: number, dims: (number | string)[]): void {
  w.message(field, (vi) => {
    vi.string(1, name);
    vi.message(2, (tp) => tensorType(tp, elem, dims));
  });
}

type Attr = { name: string } & ({ ints: number[] } | { floats: number[] } | { strings: string[] } | { s: string } | { i: number });

function attribute(w: ProtoWriter, a: Attr): void {
  w.message(5, (aw) => {
    aw.string(1, a.name);
    if ('ints' in a) aw.int(20, ATTR.INTS).packedInts(8, a.ints);
    else if ('floats' in a) aw.int(20, ATTR.FLOATS).packedFloats(7, a.floats);
    else if ('strings' in a) {
      aw.int(20, ATTR.STRINGS);
      for (const s of a.strings) aw.string(9, s);
    } else if ('s' in a) aw.int(20, ATTR.STRING).string(4, a.s);
    else aw.int(20, ATTR.INT).int(3, a.i);
  });
}

function node(w: ProtoWriter, op: string, inputs: string[], outputs: string[], name: string, domain: string, attrs: Attr[] = []): void {
  w.message(1, (nw) => {
    for (const i of inputs) nw.string(1, i);
    for (const o of outputs) nw.string(2, o);
    nw.string(3, name);
    nw.string(4, op);
    for (const a of attrs) attribute(nw, a);
    if (domain) nw.string(7, domain);
  });
}

function floatTensor(w: ProtoWriter, name: string, dims: number[], values: number[]): void {
  w.message(5, (tw) => {
    tw.packedInts(1, dims);
    tw.int(2, ELEM.FLOAT);
    tw.packedFloats(4, values);
    tw.string(8, name);
  });
}

function int64Tensor(w: ProtoWriter, name: string, dims: number[], values: number[]): void {
  w.message(5, (tw) => {
    tw.packedInts(1, dims);
    tw.int(2, ELEM.INT64);
    tw.packedInts(7, values);
    tw.string(8, name);
  });
}

/** The ONNX bytes of a model. */
export function modelToOnnx(model: ModelFile): Uint8Array {
  const table: NodeTable = {
    treeIds: [], nodeIds: [], featureIds: [], modes: [], values: [], trueIds: [], falseIds: [], missingTrue: [],
    classTreeIds: [], classNodeIds: [], classIds: [], classWeights: [],
  };
  model.trees.forEach((t, i) => emitTree(t, i, model, model.trees.length, table));
  const F = model.features.length;

  const m = new ProtoWriter();
  m.int(1, 8); // ir_version 8 (ONNX 1.10+)
  m.string(2, 'ChurnLens');
  m.string(3, model.appVersion);
  m.string(4, 'app.churnlens');
  m.string(6, `Churn model: target ${model.target.column} = ${model.target.positive}. Input X[N, ${F}] in the order of the model file's features; categorical = category index; NaN = missing/unknown. Output probabilities[N, 2], churn in column 1.`);
  m.message(7, (g) => {
    node(g, 'TreeEnsembleClassifier', ['X'], ['label', 'scores'], 'forest', 'ai.onnx.ml', [
      { name: 'classlabels_int64s', ints: [0, 1] },
      { name: 'class_ids', ints: table.classIds },
      { name: 'class_nodeids', ints: table.classNodeIds },
      { name: 'class_treeids', ints: table.classTreeIds },
      { name: 'class_weights', floats: table.classWeights },
      { name: 'nodes_falsenodeids', ints: table.falseIds },
      { name: 'nodes_truenodeids', ints: table.trueIds },
      { name: 'nodes_featureids', ints: table.featureIds },
      { name: 'nodes_missing_value_tracks_true', ints: table.missingTrue },
      { name: 'nodes_modes', strings: table.modes },
      { name: 'nodes_nodeids', ints: table.nodeIds },
      { name: 'nodes_treeids', ints: table.treeIds },
      { name: 'nodes_values', floats: table.values },
      { name: 'post_transform', s: 'NONE' },
    ]);
    if (model.baseRateCorrected) {
      // Prior-shift correction p' = p·a / (p·a + (1−p)·b): scale both columns, renormalise rows.
      const a = model.trueBaseRate / model.trainedBaseRate;
      const b = (1 - model.trueBaseRate) / (1 - model.trainedBaseRate);
      floatTensor(g, 'prior_weights', [2], [b, a]);
      int64Tensor(g, 'row_axis', [1], [1]);
      node(g, 'Mul', ['scores', 'prior_weights'], ['weighted'], 'prior_shift', '');
      node(g, 'ReduceSum', ['weighted', 'row_axis'], ['row_total'], 'row_total', '', [{ name: 'keepdims', i: 1 }]);
      node(g, 'Div', ['weighted', 'row_total'], ['probabilities'], 'normalise', '');
    } else {
      node(g, 'Identity', ['scores'], ['probabilities'], 'probabilities', '');
    }
    g.string(2, 'churnlens_forest');
    valueInfo(g, 11, 'X', ELEM.FLOAT, ['N', F]);
    valueInfo(g, 12, 'probabilities', ELEM.FLOAT, ['N', 2]);
  });
  m.message(8, (o) => o.string(1, '').int(2, 13));
  m.message(8, (o) => o.string(1, 'ai.onnx.ml').int(2, 3));
  m.message(14, (kv) => kv.string(1, 'features').string(2, JSON.stringify(model.features.map((f) => ({ name: f.name, kind: f.kind })))));
  return m.finish();
}

/** Encode rows of a table for the ONNX input contract (for tests and for the CLI's reference check). */
export function onnxInputRow(features: FeatureSpec[], cells: (number | string | null)[]): Float32Array {
  const x = new Float32Array(features.length);
  features.forEach((f, i) => {
    const v = cells[i];
    if (v === null || v === '') x[i] = NaN;
    else if (f.kind === 'numeric') x[i] = typeof v === 'number' ? v : Number(v);
    else {
      const idx = f.categories.indexOf(String(v));
      x[i] = idx < 0 ? NaN : idx;
    }
  });
  return x;
}
