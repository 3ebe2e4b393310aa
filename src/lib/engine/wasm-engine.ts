// Thin host over the wasm kernel: copies inputs into linear memory once, runs trees and prediction,
// and copies results out as typed arrays. One WasmEngine = one wasm instance = one thread.
//
// Memory layout (bump heap, see assembly/heap.ts), rebuilt by every trainTrees/predict call:
//   [data: bins, isCategorical]
//   [call workspace: labels, training rows, samples, node arrays, OOB sums, importance | trees, scores]
// Memory only grows (wasm cannot shrink), so an engine settles at the size of its largest call.
// Each call copies its inputs once; a batch of many trees shares one copy and one workspace.
import { UserError } from '../errors.ts';
import type { BinnedMatrix, TrainParams, TreeArrays } from './types.ts';
import { instantiateKernel, type KernelExports, type KernelSource } from './kernel.ts';
import { leafCorrectionFactors } from './base-rate.ts';
import { shapTree } from './shap-trees.ts';
import type { PredictTree } from './tree-pack.ts';

export interface TrainBatchResult {
  /** Trees in the order of the treeIndices argument. */
  trees: TreeArrays[];
  /** Per training position (aligned with trainRows): sum of OOB predictions of these trees. */
  oobSum: Float64Array;
  /** Per training position: number of these trees it was out of bag for. */
  oobCount: Uint32Array;
  /** Unnormalised impurity decrease per feature summed over these trees. */
  importance: Float64Array;
}

const CRITERION = { entropy: 0, gini: 1 } as const;
/** Modes of routeRows (assembly/predict.ts). */
const ROUTE_HARD = 1;
const ROUTE_SOFT_QUANTIZED = 2;
const BALANCE = { none: 0, weights: 1, bootstrap: 2, oversample: 3 } as const;

/** Features tried per split as a count in 1..F. */
export function resolveMtry(mtry: TrainParams['mtry'], features: number, mode: TrainParams['mode'] = 'forest'): number {
  if (features < 1) return 1;
  if (mode === 'tree' || mtry === 'all') return features;
  let n: number;
  if (mtry === 'sqrt') n = Math.floor(Math.sqrt(features));
  else if (mtry === 'log2') n = Math.floor(Math.log2(features));
  else if (mtry > 0 && mtry < 1) n = Math.round(mtry * features);
  else n = Math.floor(mtry);
  return Math.min(features, Math.max(1, n));
}

/** 1 per categorical feature, 0 per numeric one. */
export function categoricalFlags(m: BinnedMatrix): Uint8Array {
  return Uint8Array.from(m.features, (f) => (f.kind === 'categorical' ? 1 : 0));
}

/** The 64-bit seed as two unsigned 32-bit halves. */
export function seedWords(seed: number): [number, number] {
  const s = Math.floor(Math.abs(Number.isFinite(seed) ? seed : 0));
  return [s % 4294967296, Math.floor(s / 4294967296) % 4294967296];
}

/** Pointers of one tree's arrays in linear memory (see WasmEngine.treeSlots). */
interface TreeSlots {
  fp: number;
  sp: number;
  lp: number;
  rp: number;
  mp: number;
  vp: number;
  cp: number;
}

export class WasmEngine {
  private readonly k: KernelExports;
  private resident: { binsPtr: number; isCatPtr: number; mark: number } | null = null;
  private lastTrainSize = 0;

  constructor(exports: KernelExports) {
    this.k = exports;
  }

  private alloc(bytes: number): number {
    const p = this.k.heapAlloc(Math.max(bytes, 1));
    if (p === 0) throw new UserError('engine.outOfMemory', { mb: Math.round(bytes / 1048576) });
    return p;
  }

  private write<T extends Uint8Array | Uint32Array | Float64Array | Int32Array>(src: T, ptr: number): void {
    new (src.constructor as { new (b: ArrayBuffer, o: number, l: number): T })(this.k.memory.buffer as ArrayBuffer, ptr, src.length).set(src);
  }

  /** Room in linear memory for one tree at a time: structure, a value per node, category masks. */
  private treeSlots(maxNodes: number, maxWords: number): TreeSlots {
    return {
      fp: this.alloc(maxNodes * 4), sp: this.alloc(maxNodes * 4), lp: this.alloc(maxNodes * 4), rp: this.alloc(maxNodes * 4),
      mp: this.alloc(maxNodes), vp: this.alloc(maxNodes * 8), cp: this.alloc(maxWords * 4),
    };
  }

  /** A tree's structure and masks into its slots (the per-node values are the caller's: they differ by job). */
  private writeTree(t: PredictTree, s: TreeSlots): void {
    const n = t.feature.length;
    this.write(t.feature, s.fp);
    this.write(t.split.subarray(0, n), s.sp);
    this.write(t.left.subarray(0, n), s.lp);
    this.write(t.right.subarray(0, n), s.rp);
    this.write(t.missingLeft.subarray(0, n), s.mp);
    this.write(t.catMasks, s.cp);
  }

  /**
   * Copy `m` into linear memory as the resident matrix. Always copied (a memcpy of rows × F bytes,
   * negligible next to training), so a caller that edits a matrix in place never scores stale data.
   */
  setData(m: BinnedMatrix, isCategorical: Uint8Array): void {
    const F = m.features.length;
    if (m.bins.length !== m.rows * F) throw new Error(`binned matrix has ${m.bins.length} cells, expected ${m.rows * F}`);
    if (isCategorical.length !== F) throw new Error('isCategorical must have one flag per feature');
    this.k.heapReset(0);
    const binsPtr = this.alloc(m.bins.length);
    this.write(m.bins, binsPtr);
    const isCatPtr = this.alloc(F);
    this.write(isCategorical, isCatPtr);
    this.k.setData(binsPtr, m.rows, F, isCatPtr);
    this.resident = { binsPtr, isCatPtr, mark: this.k.heapTop() };
  }

  /**
   * Train the trees with the given forest indices on `trainRows` (matrix rows; labels per matrix row,
   * 1 = churned). Tree i depends only on (data, params, params.seed, i).
   */
  trainTrees(
    m: BinnedMatrix, isCategorical: Uint8Array, labels: Uint8Array, trainRows: Uint32Array, params: TrainParams,
    treeIndices: number[], onTree?: (i: number) => void,
  ): TrainBatchResult {
    if (labels.length !== m.rows) throw new Error('labels must have one entry per matrix row');
    if (trainRows.length === 0) throw new UserError('engine.noTrainingRows');
    for (let i = 0; i < trainRows.length; i++) {
      if (trainRows[i] >= m.rows) throw new Error(`training row ${trainRows[i]} outside the matrix`);
    }
    this.setData(m, isCategorical);
    const k = this.k;
    const F = m.features.length;
    k.heapReset(this.resident!.mark);
    const labelsPtr = this.alloc(labels.length);
    this.write(labels, labelsPtr);
    const rowsPtr = this.alloc(trainRows.length * 4);
    this.write(trainRows, rowsPtr);
    const single = params.mode === 'tree';
    const status = k.prepareTrain(
      labelsPtr, rowsPtr, trainRows.length, CRITERION[params.criterion], Math.max(0, params.maxDepth | 0),
      Math.max(1, params.minLeaf | 0), Math.max(2, params.minSplit | 0), Math.max(0, params.minGain || 0),
      resolveMtry(params.mtry, F, params.mode), BALANCE[params.balance], Math.max(1, params.oversampleK | 0),
      params.sampleFraction > 0 ? params.sampleFraction : 1, single ? 1 : 0, params.vote === 'hard' ? 1 : 0,
    );
    if (status !== 0) throw new UserError('engine.outOfMemory', { mb: Math.round(k.memory.buffer.byteLength / 1048576) });
    let churners = 0;
    for (let i = 0; i < trainRows.length; i++) churners += labels[trainRows[i]] === 1 ? 1 : 0;
    const [leafA, leafB] = leafCorrectionFactors(params, churners / trainRows.length);
    k.setLeafCorrection(leafA, leafB);
    this.lastTrainSize = trainRows.length;

    const [seedLo, seedHi] = seedWords(params.seed);
    const trees: TreeArrays[] = [];
    for (const index of treeIndices) {
      const n = k.trainTree(index >>> 0, seedLo, seedHi);
      if (n < 0) throw new UserError('engine.outOfMemory', { mb: Math.round(k.memory.buffer.byteLength / 1048576) });
      trees.push(this.readTree(n, k.treeMaskWords()));
      onTree?.(index);
    }
    const buf = k.memory.buffer as ArrayBuffer;
    const n = trainRows.length;
    return {
      trees,
      oobSum: new Float64Array(buf, k.oobSumPtr(), n).slice(),
      oobCount: new Uint32Array(buf, k.oobCountPtr(), n).slice(),
      importance: new Float64Array(buf, k.importancePtr(), F).slice(),
    };
  }

  /** How often each training position was drawn for the most recently trained tree. */
  lastDrawCounts(): Uint32Array {
    return new Uint32Array(this.k.memory.buffer as ArrayBuffer, this.k.drawCountsPtr(), this.lastTrainSize).slice();
  }

  private readTree(n: number, maskWords: number): TreeArrays {
    const k = this.k;
    const buf = k.memory.buffer as ArrayBuffer;
    return {
      feature: new Int32Array(buf, k.nodeFeaturePtr(), n).slice(),
      split: new Int32Array(buf, k.nodeSplitPtr(), n).slice(),
      left: new Int32Array(buf, k.nodeLeftPtr(), n).slice(),
      right: new Int32Array(buf, k.nodeRightPtr(), n).slice(),
      missingLeft: new Uint8Array(buf, k.nodeMissingLeftPtr(), n).slice(),
      value: new Float64Array(buf, k.nodeValuePtr(), n).slice(),
      cover: new Float64Array(buf, k.nodeCoverPtr(), n).slice(),
      count: new Int32Array(buf, k.nodeCountPtr(), n).slice(),
      catMasks: new Uint32Array(buf, k.catMasksPtr(), maskWords).slice(),
    };
  }

  /**
   * Churn probability per row of `m`: mean leaf value (soft) or share of trees voting churn (hard).
   * A malformed tree (bad index, cycle, bad mask offset) raises engine.badTree; it never hangs.
   */
  predict(trees: PredictTree[], m: BinnedMatrix, vote: 'soft' | 'hard'): Float64Array {
    if (trees.length === 0) throw new UserError('engine.noTrees');
    const sum = this.predictSum(trees, m, vote);
    for (let i = 0; i < sum.length; i++) sum[i] /= trees.length;
    return sum;
  }

  /**
   * Per row, the sum over `trees` of leaf values (soft, each rounded to a multiple of 2^-32) or of
   * votes (hard). Every partial sum is exact, so sums over any split of a forest add up to the same
   * bits (parallel prediction by trees). `firstTree` numbers trees in error messages.
   */
  predictSum(trees: PredictTree[], m: BinnedMatrix, vote: 'soft' | 'hard', firstTree = 0): Float64Array {
    const isCat = categoricalFlags(m);
    this.setData(m, isCat);
    const k = this.k;
    const r = this.resident!;
    k.heapReset(r.mark);
    let maxNodes = 1;
    let maxWords = 8;
    trees.forEach((t, i) => {
      const n = t.feature.length;
      if (n < 1 || t.split.length < n || t.left.length < n || t.right.length < n || t.missingLeft.length < n || t.value.length < n) {
        throw new UserError('engine.badTree', { tree: firstTree + i + 1 });
      }
      maxNodes = Math.max(maxNodes, n);
      maxWords = Math.max(maxWords, t.catMasks.length);
    });
    const out = this.alloc(m.rows * 8);
    const slots = this.treeSlots(maxNodes, maxWords);
    const { fp, sp, lp, rp, mp, vp, cp } = slots;
    const ids = this.alloc(m.rows * 4);
    const rowOf = this.alloc(m.rows * 4);
    const stack = this.alloc((2 * maxNodes + 2) * 12);
    const scratch = this.alloc(m.rows * 4);
    const identity = new Uint32Array(k.memory.buffer as ArrayBuffer, rowOf, m.rows);
    for (let i = 0; i < m.rows; i++) identity[i] = i;
    const F = m.features.length;
    const idView = new Uint32Array(k.memory.buffer as ArrayBuffer, ids, m.rows);
    idView.set(identity);
    trees.forEach((t, i) => {
      const n = t.feature.length;
      this.writeTree(t, slots);
      this.write(t.value.subarray(0, n), vp);
      // The row order in ids does not matter: every call routes all rows and adds into out[row].
      const status = k.routeRows(fp, sp, lp, rp, mp, vp, cp, n, t.catMasks.length, r.binsPtr, m.rows, F, r.isCatPtr, ids, m.rows, rowOf, out, 0, vote === 'hard' ? ROUTE_HARD : ROUTE_SOFT_QUANTIZED, stack, scratch);
      if (status !== 0) throw new UserError('engine.badTree', { tree: firstTree + i + 1 });
    });
    return new Float64Array(k.memory.buffer as ArrayBuffer, out, m.rows).slice();
  }
  /**
   * Exact TreeSHAP (path-dependent) for rows [rowStart, rowEnd) of `m`: phi (rows × features,
   * row-major), the base value and the forest's raw output per row, all averaged over trees, so that
   * base + Σ phi = raw for every row (up to rounding). Leaf outputs are exactly what predict adds
   * (soft values rounded to 2^-32, or hard votes), so raw is bit-identical to predict's output and
   * the contributions explain the hard vote itself for a hard-voting forest.
   * The background ("average customer") is the training sample each tree saw, unweighted: node
   * weights are TreeArrays.count, not the class-weighted cover, so a model balanced by class weights
   * starts its explanations from the real average prediction, not from the balanced 50:50 world.
   * Every row's φ is the sum of the trees' φ in tree order, so treeContributions over any split of
   * the forest, added up by sumTreeContributions, gives the same bits.
   * A malformed tree raises engine.badTree; it never hangs.
   */
  contributions(
    trees: TreeArrays[], m: BinnedMatrix, vote: 'soft' | 'hard', rowStart = 0, rowEnd = m.rows, firstTree = 0,
  ): ContributionsResult {
    const { phi, base, raw } = this.shapRun(trees, m, vote, rowStart, rowEnd, firstTree, false);
    const T = trees.length;
    for (let i = 0; i < phi.length; i++) phi[i] /= T;
    for (let i = 0; i < raw.length; i++) raw[i] /= T;
    let b = 0;
    for (let i = 0; i < T; i++) b += base[i];
    return { phi, base: b / T, raw };
  }

  /**
   * Each tree's own TreeSHAP values for every row of `m`, unaveraged: phi is rows × trees ×
   * features, base the trees' expected outputs, raw the per-row sum of the trees' outputs (exact, as
   * predictSum). For splitting one customer's explanation by trees across workers.
   */
  treeContributions(trees: TreeArrays[], m: BinnedMatrix, vote: 'soft' | 'hard', firstTree = 0): TreeContributions {
    return this.shapRun(trees, m, vote, 0, m.rows, firstTree, true);
  }

  private shapRun(
    trees: TreeArrays[], m: BinnedMatrix, vote: 'soft' | 'hard', rowStart: number, rowEnd: number, firstTree: number, perTree: boolean,
  ): TreeContributions {
    if (trees.length === 0) throw new UserError('engine.noTrees');
    if (!(rowStart >= 0 && rowEnd <= m.rows && rowStart <= rowEnd)) throw new Error(`rows ${rowStart}..${rowEnd} outside the matrix`);
    const F = m.features.length;
    const T = trees.length;
    const isCat = categoricalFlags(m);
    const preps = trees.map((t, i) => shapTree(t, isCat, vote, firstTree + i));
    this.setData(m, isCat);
    const k = this.k;
    const r = this.resident!;
    k.heapReset(r.mark);
    let maxNodes = 1;
    let maxWords = 8;
    let maxDepth = 0;
    let maxQ = 1;
    trees.forEach((t, i) => {
      maxNodes = Math.max(maxNodes, t.feature.length);
      maxWords = Math.max(maxWords, t.catMasks.length);
      maxDepth = Math.max(maxDepth, preps[i].depth);
      maxQ = Math.max(maxQ, preps[i].quadrature);
    });
    const n = rowEnd - rowStart;
    const stride = perTree ? T * F : F;
    const phiPtr = this.alloc(n * stride * 8);
    const workPtr = this.alloc(k.treeShapWorkBytes(maxQ, maxDepth, F));
    const slots = this.treeSlots(maxNodes, maxWords);
    const { fp, sp, lp, rp, mp, vp: op, cp } = slots;
    const shp = this.alloc(maxNodes * 8);
    const flp = this.alloc(maxNodes);
    // Raw output through the same routing as predict, for just these rows.
    const out = this.alloc(n * 8);
    const ids = this.alloc(n * 4);
    const rowOf = this.alloc(n * 4);
    const stack = this.alloc((2 * maxNodes + 2) * 12);
    const scratch = this.alloc(n * 4);
    const idView = new Uint32Array(k.memory.buffer as ArrayBuffer, ids, n);
    const rowView = new Uint32Array(k.memory.buffer as ArrayBuffer, rowOf, n);
    for (let i = 0; i < n; i++) {
      idView[i] = i;
      rowView[i] = rowStart + i;
    }
    const base = new Float64Array(T);
    trees.forEach((t, i) => {
      const nodes = t.feature.length;
      const p = preps[i];
      base[i] = p.expected;
      this.writeTree(t, slots);
      this.write(p.out, op);
      this.write(p.share, shp);
      this.write(p.flags, flp);
      const phiAt = phiPtr + (perTree ? i * F * 8 : 0);
      let status = k.treeShapRows(fp, sp, lp, rp, mp, op, shp, flp, cp, nodes, r.binsPtr, m.rows, F, r.isCatPtr, rowStart, rowEnd, phiAt, stride, workPtr, maxDepth, p.quadrature);
      if (status === 0) {
        // t.value, not p.out: routeRows applies the soft rounding and the hard vote itself.
        this.write(t.value.subarray(0, nodes), op);
        status = k.routeRows(fp, sp, lp, rp, mp, op, cp, nodes, t.catMasks.length, r.binsPtr, m.rows, F, r.isCatPtr, ids, n, rowOf, out, 0, vote === 'hard' ? ROUTE_HARD : ROUTE_SOFT_QUANTIZED, stack, scratch);
      }
      if (status !== 0) throw new UserError('engine.badTree', { tree: firstTree + i + 1 });
    });
    const buf = k.memory.buffer as ArrayBuffer;
    return { phi: new Float64Array(buf, phiPtr, n * stride).slice(), base, raw: new Float64Array(buf, out, n).slice() };
  }
}

/** One tree set's unaveraged TreeSHAP (see WasmEngine.treeContributions). */
export interface TreeContributions {
  /** rows × trees × features. */
  phi: Float64Array;
  /** Per tree: its expected output. */
  base: Float64Array;
  /** Per row: the sum of the trees' outputs. */
  raw: Float64Array;
}

/**
 * The forest's contributions from its trees' own values, `parts` in tree order (each part a run of
 * consecutive trees for the same rows): per row, the trees' φ added in tree order from 0 and then
 * averaged, as WasmEngine.contributions does, so the result has the same bits however the forest
 * was split.
 */
export function sumTreeContributions(parts: TreeContributions[], rows: number, features: number): ContributionsResult {
  const F = features;
  const phi = new Float64Array(rows * F);
  const raw = new Float64Array(rows);
  let T = 0;
  let base = 0;
  for (const p of parts) {
    const trees = p.base.length;
    T += trees;
    for (let i = 0; i < trees; i++) base += p.base[i];
    for (let r = 0; r < rows; r++) {
      raw[r] += p.raw[r];
      for (let i = 0; i < trees; i++) {
        const src = (r * trees + i) * F;
        for (let f = 0; f < F; f++) phi[r * F + f] += p.phi[src + f];
      }
    }
  }
  for (let i = 0; i < phi.length; i++) phi[i] /= T;
  for (let i = 0; i < rows; i++) raw[i] /= T;
  return { phi, base: base / T, raw };
}

export interface ContributionsResult {
  /** rows × features, row-major: each feature's contribution to the row's raw output. */
  phi: Float64Array;
  /** Expected raw output over the training rows the trees saw (unweighted; see contributions). */
  base: number;
  /** The forest's raw output per row, exactly as predict computes it. */
  raw: Float64Array;
}

/** Instantiate the kernel (bytes, a compiled module, or a URL/path of engine.wasm). */
export async function loadEngine(source: KernelSource): Promise<WasmEngine> {
  return new WasmEngine(await instantiateKernel(source));
}
