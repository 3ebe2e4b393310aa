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
    const fp = this.alloc(maxNodes * 4);
    const sp = this.alloc(maxNodes * 4);
    const lp = this.alloc(maxNodes * 4);
    const rp = this.alloc(maxNodes * 4);
    const mp = this.alloc(maxNodes);
    const vp = this.alloc(maxNodes * 8);
    const cp = this.alloc(maxWords * 4);
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
      this.write(t.feature, fp);
      this.write(t.split.subarray(0, n), sp);
      this.write(t.left.subarray(0, n), lp);
      this.write(t.right.subarray(0, n), rp);
      this.write(t.missingLeft.subarray(0, n), mp);
      this.write(t.value.subarray(0, n), vp);
      this.write(t.catMasks, cp);
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
   * A malformed tree raises engine.badTree; it never hangs.
   */
  contributions(
    trees: TreeArrays[], m: BinnedMatrix, vote: 'soft' | 'hard', rowStart = 0, rowEnd = m.rows, firstTree = 0,
  ): ContributionsResult {
    if (trees.length === 0) throw new UserError('engine.noTrees');
    if (!(rowStart >= 0 && rowEnd <= m.rows && rowStart <= rowEnd)) throw new Error(`rows ${rowStart}..${rowEnd} outside the matrix`);
    const F = m.features.length;
    const isCat = categoricalFlags(m);
    const shapes = trees.map((t, i) => shapTreeShape(t, isCat, firstTree + i));
    this.setData(m, isCat);
    const k = this.k;
    const r = this.resident!;
    k.heapReset(r.mark);
    let maxNodes = 1;
    let maxWords = 8;
    let maxDepth = 0;
    trees.forEach((t, i) => {
      maxNodes = Math.max(maxNodes, t.feature.length);
      maxWords = Math.max(maxWords, t.catMasks.length);
      maxDepth = Math.max(maxDepth, shapes[i].depth);
    });
    const n = rowEnd - rowStart;
    const phiPtr = this.alloc(n * F * 8);
    new Float64Array(k.memory.buffer as ArrayBuffer, phiPtr, n * F).fill(0);
    const pathPtr = this.alloc((((maxDepth + 2) * (maxDepth + 3)) / 2) * 32);
    const fp = this.alloc(maxNodes * 4);
    const sp = this.alloc(maxNodes * 4);
    const lp = this.alloc(maxNodes * 4);
    const rp = this.alloc(maxNodes * 4);
    const mp = this.alloc(maxNodes);
    const op = this.alloc(maxNodes * 8);
    const cvp = this.alloc(maxNodes * 8);
    const cp = this.alloc(maxWords * 4);
    // Raw output through the same routing as predict, for just these rows.
    const out = this.alloc(n * 8);
    new Float64Array(k.memory.buffer as ArrayBuffer, out, n).fill(0);
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
    let base = 0;
    trees.forEach((t, i) => {
      const nodes = t.feature.length;
      const { out: leafOut, expected } = leafOutputs(t, vote);
      base += expected;
      this.write(t.feature, fp);
      this.write(t.split.subarray(0, nodes), sp);
      this.write(t.left.subarray(0, nodes), lp);
      this.write(t.right.subarray(0, nodes), rp);
      this.write(t.missingLeft.subarray(0, nodes), mp);
      this.write(leafOut, op);
      this.write(Float64Array.from(t.count.subarray(0, nodes)), cvp);
      this.write(t.catMasks, cp);
      let status = k.treeShapRows(fp, sp, lp, rp, mp, op, cvp, cp, nodes, r.binsPtr, m.rows, F, r.isCatPtr, rowStart, rowEnd, phiPtr, pathPtr, maxDepth);
      if (status === 0) {
        // t.value, not leafOut: routeRows applies the soft rounding and the hard vote itself.
        this.write(t.value.subarray(0, nodes), op);
        status = k.routeRows(fp, sp, lp, rp, mp, op, cp, nodes, t.catMasks.length, r.binsPtr, m.rows, F, r.isCatPtr, ids, n, rowOf, out, 0, vote === 'hard' ? ROUTE_HARD : ROUTE_SOFT_QUANTIZED, stack, scratch);
      }
      if (status !== 0) throw new UserError('engine.badTree', { tree: firstTree + i + 1 });
    });
    const T = trees.length;
    const buf = k.memory.buffer as ArrayBuffer;
    const phi = new Float64Array(buf, phiPtr, n * F).slice();
    const raw = new Float64Array(buf, out, n).slice();
    for (let i = 0; i < phi.length; i++) phi[i] /= T;
    for (let i = 0; i < n; i++) raw[i] /= T;
    return { phi, base: base / T, raw };
  }
}

export interface ContributionsResult {
  /** rows × features, row-major: each feature's contribution to the row's raw output. */
  phi: Float64Array;
  /** Expected raw output over the training rows the trees saw (unweighted; see contributions). */
  base: number;
  /** The forest's raw output per row, exactly as predict computes it. */
  raw: Float64Array;
}

const QUANTUM = 4294967296; // 2^32, as ROUTE_SOFT_QUANTIZED

/**
 * What treeShapRows reads as `out`, and the tree's expected output (node weights: t.count). Leaf outputs are those predict
 * adds, minus the commonest one: a constant shift moves only the expected value, never φ, and lets
 * the kernel skip every leaf whose shifted output is 0. Internal nodes carry 1 if some leaf below
 * has a non-zero shifted output, else 0 (the kernel then skips the subtree). The expected value
 * uses TreeSHAP's own weights (child count / node count), so base + Σφ equals the output exactly
 * even if counts did not add up.
 */
function leafOutputs(t: TreeArrays, vote: 'soft' | 'hard'): { out: Float64Array; expected: number } {
  const n = t.feature.length;
  const out = new Float64Array(n);
  const e = new Float64Array(n);
  const seen = new Map<number, number>();
  let shift = 0;
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (t.feature[i] >= 0) continue;
    const v = t.value[i];
    const o = vote === 'hard' ? (v > 0.5 ? 1 : 0) : Math.round(v * QUANTUM) / QUANTUM;
    out[i] = o;
    const c = (seen.get(o) ?? 0) + 1;
    seen.set(o, c);
    if (c > best || (c === best && o < shift)) [best, shift] = [c, o];
  }
  // Children come after their parents, so one backward pass sees every child before its parent.
  for (let i = n - 1; i >= 0; i--) {
    if (t.feature[i] < 0) {
      e[i] = out[i];
      out[i] -= shift;
    } else {
      const w = t.count[i];
      const l = t.left[i];
      const r = t.right[i];
      e[i] = w > 0 ? (t.count[l] / w) * e[l] + (t.count[r] / w) * e[r] : 0;
      out[i] = out[l] !== 0 || out[r] !== 0 ? 1 : 0;
    }
  }
  return { out, expected: e[0] };
}

/**
 * Checks a tree before TreeSHAP walks it (every index in range, children after their parents, no
 * node reached twice, categorical mask offsets inside the masks, leaf values in [0, 1]) and returns
 * its depth, which sizes the path buffer.
 */
function shapTreeShape(t: TreeArrays, isCat: Uint8Array, index: number): { depth: number } {
  const n = t.feature.length;
  const bad = (): never => {
    throw new UserError('engine.badTree', { tree: index + 1 });
  };
  if (n < 1 || t.split.length < n || t.left.length < n || t.right.length < n || t.missingLeft.length < n || t.value.length < n || t.count.length < n) bad();
  const depth = new Int32Array(n).fill(-1);
  depth[0] = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const f = t.feature[i];
    if (depth[i] < 0) continue; // unreachable: never visited
    if (f < 0) {
      const v = t.value[i];
      if (!(v >= 0 && v <= 1)) bad();
      continue;
    }
    if (f >= isCat.length) bad();
    const l = t.left[i];
    const r = t.right[i];
    if (l <= i || r <= i || l >= n || r >= n || l === r || depth[l] >= 0 || depth[r] >= 0) bad();
    if (!(t.count[i] >= 0 && t.count[l] >= 0 && t.count[r] >= 0)) bad();
    // A categorical split's offset must leave room for its 8 mask words (treeShapRows reads them unchecked).
    if (isCat[f] && !(t.split[i] >= 0 && t.split[i] <= t.catMasks.length - 8)) bad();
    depth[l] = depth[r] = depth[i] + 1;
    if (depth[l] > max) max = depth[l];
  }
  return { depth: max };
}

/** Instantiate the kernel (bytes, a compiled module, or a URL/path of engine.wasm). */
export async function loadEngine(source: KernelSource): Promise<WasmEngine> {
  return new WasmEngine(await instantiateKernel(source));
}
