// Exact TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent Individualized Feature Attribution for
// Tree Ensembles", Algorithm 2, path-dependent), for one tree over a range of rows of a binned matrix.
// The host calls it once per tree and scales the sums by 1/trees; base value + Σ φ = the forest's
// raw output for every row.
//
// A path element is 32 bytes: feature i32 (+4 pad), zero fraction f64, one fraction f64, weight f64.
// Each recursion level copies its parent's path into its own segment of one preallocated buffer of
// (D+2)(D+3)/2 elements, so nothing is allocated per row or per node.
//
// Speed (the work is O(leaves × depth²) per row and tree): a leaf with output 0 adds nothing, so the
// host shifts outputs so that the commonest one is 0 (which moves only the base value) and marks
// each internal node with whether any leaf below it is non-zero; all-zero subtrees are skipped.
// At a leaf, path elements split into those the row agrees with (one fraction 1) and those it does
// not (one fraction 0); the sum for the latter is one shared O(depth) sum divided by the element's
// zero fraction, and the loops multiply by a table of reciprocals instead of dividing.
import { MISSING } from './state';

const EL: usize = 32;

// The tree and matrix being explained (set by treeShapRows, read by the recursion).
let tFeature: usize = 0;
let tSplit: usize = 0;
let tLeft: usize = 0;
let tRight: usize = 0;
let tMissingLeft: usize = 0;
let tOut: usize = 0; // f64 per node: the leaf output (soft value or hard vote)
let tCover: usize = 0; // f64 per node
let tMasks: usize = 0;
let tNodes: i32 = 0;
let mBins: usize = 0;
let mRows: i32 = 0;
let mIsCat: usize = 0;
let nFeatures: i32 = 0;
let curRow: i32 = 0;
let phiRow: usize = 0; // f64 per feature for the current row
let malformed: bool = false;

// 1/k for k = 0..MAX_INV-1 in a static segment (not on the bump heap); deeper paths divide.
const MAX_INV: i32 = 1024;
const invTable: usize = memory.data(8192, 16);
let invReady: bool = false;
function inv(k: i32): f64 {
  return k < MAX_INV ? load<f64>(invTable + (<usize>k << 3)) : 1.0 / <f64>k;
}

@inline function pFeature(p: usize, i: i32): i32 { return load<i32>(p + <usize>i * EL); }
@inline function pZero(p: usize, i: i32): f64 { return load<f64>(p + <usize>i * EL, 8); }
@inline function pOne(p: usize, i: i32): f64 { return load<f64>(p + <usize>i * EL, 16); }
@inline function pW(p: usize, i: i32): f64 { return load<f64>(p + <usize>i * EL, 24); }
@inline function setW(p: usize, i: i32, w: f64): void { store<f64>(p + <usize>i * EL, w, 24); }

function extendPath(p: usize, depth: i32, zero: f64, one: f64, feature: i32): void {
  const e = p + <usize>depth * EL;
  store<i32>(e, feature);
  store<f64>(e, zero, 8);
  store<f64>(e, one, 16);
  store<f64>(e, depth == 0 ? 1.0 : 0.0, 24);
  const id1 = inv(depth + 1);
  const a = one * id1;
  const b = zero * id1;
  if (one != 0) {
    // `up` carries the new weight of element i+1 in a register instead of through memory.
    let up = pW(p, depth);
    for (let i = depth - 1; i >= 0; i--) {
      const w = pW(p, i);
      setW(p, i + 1, up + a * w * <f64>(i + 1));
      up = b * w * <f64>(depth - i);
    }
    setW(p, 0, up);
  } else {
    // a cold branch: nothing moves up a level
    for (let i = depth - 1; i >= 0; i--) setW(p, i, b * pW(p, i) * <f64>(depth - i));
  }
}

function unwindPath(p: usize, depth: i32, index: i32): void {
  const one = pOne(p, index);
  const zero = pZero(p, index);
  let next = pW(p, depth);
  const d1 = <f64>(depth + 1);
  for (let i = depth - 1; i >= 0; i--) {
    if (one != 0) {
      const tmp = pW(p, i);
      const w = (next * d1) / (<f64>(i + 1) * one);
      setW(p, i, w);
      next = tmp - (w * zero * <f64>(depth - i)) / d1;
    } else {
      setW(p, i, (pW(p, i) * d1) / (zero * <f64>(depth - i)));
    }
  }
  for (let i = index; i < depth; i++) {
    const a = p + <usize>i * EL;
    store<i32>(a, load<i32>(a + EL));
    store<f64>(a, load<f64>(a + EL, 8), 8);
    store<f64>(a, load<f64>(a + EL, 16), 16);
  }
}

/**
 * Unwound path sum for an element with a non-zero one fraction. Written so the loop-carried chain
 * is one multiply and one subtract: next ← w_i − next·z(depth−i)/((i+1)·one), with the running
 * total next·(depth+1)/((i+1)·one) off the chain.
 */
function unwoundPathSumOne(p: usize, depth: i32, one: f64, zero: f64): f64 {
  let next = pW(p, depth);
  let total: f64 = 0;
  const invOne = 1.0 / one;
  const a = <f64>(depth + 1) * invOne;
  const b = zero * invOne;
  for (let i = depth - 1; i >= 0; i--) {
    const r = inv(i + 1);
    total += next * (a * r);
    next = pW(p, i) - next * (b * <f64>(depth - i) * r);
  }
  return total;
}

/** Σ_i w_i (depth+1)/(depth−i): the unwound path sum of any element with one fraction 0, times its zero fraction. */
function unwoundZeroShared(p: usize, depth: i32): f64 {
  let total: f64 = 0;
  for (let i = depth - 1; i >= 0; i--) total += pW(p, i) * inv(depth - i);
  return total * <f64>(depth + 1);
}

/** The engine's routing rule (as in predict.ts): does the current row go left at `node`? */
function goesLeft(node: i32, f: i32): bool {
  const b = <i32>load<u8>(mBins + <usize>f * <usize>mRows + <usize>curRow);
  const s = load<i32>(tSplit + (<usize>node << 2));
  if (load<u8>(mIsCat + <usize>f) != 0) {
    const word = load<u32>(tMasks + (<usize>(s + (b >> 5)) << 2));
    return ((word >> (<u32>b & 31)) & 1) != 0;
  }
  return b == MISSING ? load<u8>(tMissingLeft + <usize>node) != 0 : b <= s;
}

/**
 * `parent` is the parent's path segment. The last child visited extends the parent's path in place
 * (the parent needs it no more), so only the first child pays for a copy.
 */
function recurse(node: i32, depth: i32, parent: usize, zero: f64, one: f64, feature: i32, budget: i32, inPlace: bool): void {
  if (budget <= 0 || node <= 0 && depth > 0 || node >= tNodes) {
    malformed = true;
    return;
  }
  // Leaf output, or for an internal node: 0 when every leaf below outputs 0 (nothing to add).
  const v = load<f64>(tOut + (<usize>node << 3));
  if (v == 0) return;
  let p = parent;
  if (!inPlace) {
    p = parent + <usize>(depth + 1) * EL;
    memory.copy(p, parent, <usize>depth * EL);
  }
  extendPath(p, depth, zero, one, feature);
  const f = load<i32>(tFeature + (<usize>node << 2));
  if (f < 0) {
    let shared: f64 = -1;
    for (let i = 1; i <= depth; i++) {
      const o = pOne(p, i);
      const z = pZero(p, i);
      let w: f64 = 0;
      if (o != 0) w = unwoundPathSumOne(p, depth, o, z);
      else if (z != 0) {
        if (shared < 0) shared = unwoundZeroShared(p, depth);
        w = shared / z;
      }
      const q = phiRow + (<usize>pFeature(p, i) << 3);
      store<f64>(q, load<f64>(q) + w * (o - z) * v);
    }
    return;
  }
  if (f >= nFeatures) {
    malformed = true;
    return;
  }
  const left = load<i32>(tLeft + (<usize>node << 2));
  const right = load<i32>(tRight + (<usize>node << 2));
  if (left <= node || right <= node || left >= tNodes || right >= tNodes) {
    malformed = true;
    return;
  }
  const hot = goesLeft(node, f) ? left : right;
  const cold = hot == left ? right : left;
  const w = load<f64>(tCover + (<usize>node << 3));
  const hotZero = w > 0 ? load<f64>(tCover + (<usize>hot << 3)) / w : 0;
  const coldZero = w > 0 ? load<f64>(tCover + (<usize>cold << 3)) / w : 0;
  let inZero: f64 = 1;
  let inOne: f64 = 1;
  let d = depth;
  let k = 0;
  for (; k <= d; k++) if (pFeature(p, k) == f) break;
  if (k != d + 1) {
    inZero = pZero(p, k);
    inOne = pOne(p, k);
    unwindPath(p, d, k);
    d -= 1;
  }
  recurse(hot, d + 1, p, hotZero * inZero, inOne, f, budget - 1, false);
  recurse(cold, d + 1, p, coldZero * inZero, 0, f, budget - 1, true);
}

/**
 * `out` holds each leaf's output and, for each internal node, any non-zero number if some leaf
 * below it has a non-zero output, else 0 (such subtrees add nothing and are skipped).
 * Add one tree's SHAP values for rows [rowStart, rowEnd) of the matrix (bins column-major, `rows`
 * rows, nFeat features) to phi (f64, row-major rows × nFeat, relative to rowStart).
 * `path` must hold (maxDepth+2)(maxDepth+3)/2 path elements of 32 bytes, maxDepth ≥ the tree's depth.
 * Returns 0, or -1 when the tree is malformed (bad child index, cycle, deeper than maxDepth).
 */
export function treeShapRows(
  feature: usize, split: usize, left: usize, right: usize, missingLeft: usize, out: usize, cover: usize,
  masks: usize, nNodes: i32,
  bins: usize, rows: i32, nFeat: i32, isCat: usize,
  rowStart: i32, rowEnd: i32, phi: usize, path: usize, maxDepth: i32,
): i32 {
  tFeature = feature; tSplit = split; tLeft = left; tRight = right; tMissingLeft = missingLeft;
  tOut = out; tCover = cover; tMasks = masks; tNodes = nNodes;
  mBins = bins; mRows = rows; mIsCat = isCat; nFeatures = nFeat;
  malformed = false;
  if (!invReady) {
    invReady = true;
    store<f64>(invTable, 0);
    for (let k = 1; k < MAX_INV; k++) store<f64>(invTable + (<usize>k << 3), 1.0 / <f64>k);
  }
  for (let r = rowStart; r < rowEnd; r++) {
    curRow = r;
    phiRow = phi + <usize>(r - rowStart) * <usize>nFeat * 8;
    recurse(0, 0, path, 1, 1, -1, maxDepth + 1, false);
    if (malformed) return -1;
  }
  return 0;
}
