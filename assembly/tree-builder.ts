// Grow one tree depth-first. The samples of a node are contiguous in the sample arrays and are
// partitioned in place when the node splits; node data go to struct-of-arrays in linear memory.
import { costToImpurityUnits, nodeCost } from './impurity';
import { ROUTE_HARD, ROUTE_SOFT_QUANTIZED, routeRows } from './predict';
import { drawSample } from './sampling';
import { seedStream } from './prng';
import {
  bestCost, bestFeature, bestIsCat, bestLeftP, bestLeftQ, bestMissingLeft, bestThreshold, findBestSplit,
} from './split-search';
import {
  MISSING, binsPtr, bestMaskPtr, catMasksPtr, cw0, cw1, featPermPtr, goLeftPtr, hardVote, importancePtr,
  isCatPtr, maxDepth, minGain, minLeaf, minSplit, multPtr, nFeat, nTrain, nodeCountPtr, nodeCoverPtr,
  nodeFeaturePtr, nodeLeftPtr, nodeMissingLeftPtr, nodeRightPtr, nodeSplitPtr, nodeValuePtr,
  growMasks, growNodes, maskCap, nodeCap, oobCountPtr, oobIdsPtr, oobSumPtr, rows, scratchPackedPtr, scratchRowsPtr, samplePackedPtr, sampleRowsPtr, stackPtr, trainRowsPtr, leafA, leafB } from './state';

// OOB sums (see predict.ts) and importances are added in multiples of a fixed unit, so every partial sum is an exact
// f64 and merging batches from any number of workers in any grouping gives identical bits.
// Exact while a sum stays below 2^53 units: 2^21 trees for OOB, 8192 for importance (≤ 1 per tree).
const IMPORTANCE_UNIT: f64 = 1099511627776.0; // 2^40

@inline function quantize(v: f64, unit: f64): f64 {
  return Math.round(v * unit) / unit;
}

let nNodes: i32 = 0;
let nMaskWords: i32 = 0;

export function treeNodes(): i32 {
  return nNodes;
}
export function treeMaskWords(): i32 {
  return nMaskWords;
}

@inline function push(sp: i32, node: i32, start: i32, end: i32, depth: i32, p: i32, q: i32): i32 {
  const e = stackPtr + <usize>sp * 24;
  store<i32>(e, node);
  store<i32>(e, start, 4);
  store<i32>(e, end, 8);
  store<i32>(e, depth, 12);
  store<i32>(e, p, 16);
  store<i32>(e, q, 20);
  return sp + 1;
}

/** For a categorical split: store its mask and fill goLeft[b]. */
function chooseCategories(): void {
  if (bestMissingLeft) {
    const w = bestMaskPtr + 28;
    store<u32>(w, load<u32>(w) | (<u32>1 << 31));
  }
  for (let b = 0; b < 256; b++) {
    const word = load<u32>(bestMaskPtr + (<usize>(b >> 5) << 2));
    store<u8>(goLeftPtr + <usize>b, <u8>((word >> (<u32>b & 31)) & 1));
  }
  memory.copy(catMasksPtr + (<usize>nMaskWords << 2), bestMaskPtr, 32);
}

/**
 * Partition samples [start, end) so the left child's come first (stable, branch-free: each sample is
 * written to both the left cursor in place and the right scratch, and one cursor advances); returns
 * the boundary. Numeric splits compare (missing = 255 goes left only if chosen); categorical ones
 * look up goLeft.
 */
function partition(f: i32, start: i32, end: i32): i32 {
  const col = binsPtr + <usize>f * <usize>rows;
  const sr = sampleRowsPtr;
  const sp = samplePackedPtr;
  const xr = scratchRowsPtr;
  const xp = scratchPackedPtr;
  let i = start;
  let j = 0;
  if (bestIsCat) {
    const go = goLeftPtr;
    for (let s = start; s < end; s++) {
      const row = load<u32>(sr + (<usize>s << 2));
      const pk = load<u64>(sp + (<usize>s << 3));
      const gl = <i32>load<u8>(go + <usize>load<u8>(col + <usize>row));
      store<u32>(sr + (<usize>i << 2), row);
      store<u64>(sp + (<usize>i << 3), pk);
      store<u32>(xr + (<usize>j << 2), row);
      store<u64>(xp + (<usize>j << 3), pk);
      i += gl;
      j += 1 - gl;
    }
  } else {
    const t = <u32>bestThreshold;
    const missing: u32 = bestMissingLeft ? <u32>MISSING : 256;
    for (let s = start; s < end; s++) {
      const row = load<u32>(sr + (<usize>s << 2));
      const pk = load<u64>(sp + (<usize>s << 3));
      const b = <u32>load<u8>(col + <usize>row);
      const gl = <i32>(b <= t) | <i32>(b == missing);
      store<u32>(sr + (<usize>i << 2), row);
      store<u64>(sp + (<usize>i << 3), pk);
      store<u32>(xr + (<usize>j << 2), row);
      store<u64>(xp + (<usize>j << 3), pk);
      i += gl;
      j += 1 - gl;
    }
  }
  memory.copy(sr + (<usize>i << 2), xr, <usize>j << 2);
  memory.copy(sp + (<usize>i << 3), xp, <usize>j << 3);
  return i;
}

/** Train tree `index` of the forest; returns its node count (node arrays hold the tree), -1 when out of memory. */
export function trainTree(index: u32, seedLo: u32, seedHi: u32): i32 {
  seedStream(seedLo, seedHi, index);
  const nSamples = drawSample();
  for (let f = 0; f < nFeat; f++) store<u32>(featPermPtr + (<usize>f << 2), f);

  let rootP = 0;
  let rootQ = 0;
  for (let s = 0; s < nSamples; s++) {
    const h = load<u64>(samplePackedPtr + (<usize>s << 3));
    const p = <i32>(h & 0xffffffff);
    rootP += p;
    rootQ += <i32>(h >> 32) - p;
  }
  const rootWeight = cw1 * <f64>rootP + cw0 * <f64>rootQ;
  nNodes = 1;
  nMaskWords = 0;
  let sp = push(0, 0, 0, nSamples, 0, rootP, rootQ);
  while (sp > 0) {
    sp--;
    const e = stackPtr + <usize>sp * 24;
    const node = load<i32>(e);
    const start = load<i32>(e, 4);
    const end = load<i32>(e, 8);
    const depth = load<i32>(e, 12);
    const p = load<i32>(e, 16);
    const q = load<i32>(e, 20);
    const wp = cw1 * <f64>p;
    const w = wp + cw0 * <f64>q;
    const n4 = <usize>node << 2;
    store<i32>(nodeFeaturePtr + n4, -1);
    store<i32>(nodeSplitPtr + n4, 0);
    store<i32>(nodeLeftPtr + n4, -1);
    store<i32>(nodeRightPtr + n4, -1);
    store<u8>(nodeMissingLeftPtr + <usize>node, 0);
    store<f64>(nodeValuePtr + (<usize>node << 3), w > 0 ? wp / w : 0);
    store<f64>(nodeCoverPtr + (<usize>node << 3), w);
    store<i32>(nodeCountPtr + n4, p + q);

    if (p == 0 || q == 0 || p + q < minSplit || p + q < 2 * minLeaf || (maxDepth > 0 && depth >= maxDepth)) continue;
    findBestSplit(start, end, p, q);
    if (bestFeature < 0) continue;
    const parentCost = nodeCost(p, q);
    const gain = costToImpurityUnits(parentCost - bestCost) / rootWeight;
    if (gain + 1e-12 < minGain) continue;

    const f = bestFeature;
    if (nNodes + 2 > nodeCap && !growNodes(min(2 * nNodes + 2, 2 * nTrain + 1))) return -1;
    if (bestIsCat && nMaskWords + 8 > maskCap && !growMasks(2 * maskCap)) return -1;
    if (bestIsCat) chooseCategories();
    const mid = partition(f, start, end);
    const left = nNodes;
    const right = nNodes + 1;
    nNodes += 2;
    store<i32>(nodeFeaturePtr + n4, f);
    if (bestIsCat) {
      store<i32>(nodeSplitPtr + n4, nMaskWords);
      nMaskWords += 8;
    } else {
      store<i32>(nodeSplitPtr + n4, bestThreshold);
    }
    store<i32>(nodeLeftPtr + n4, left);
    store<i32>(nodeRightPtr + n4, right);
    store<u8>(nodeMissingLeftPtr + <usize>node, bestMissingLeft ? 1 : 0);
    const ip = importancePtr + (<usize>f << 3);
    store<f64>(ip, load<f64>(ip) + quantize(gain > 0 ? gain : 0, IMPORTANCE_UNIT));

    const lp = bestLeftP;
    const lq = bestLeftQ;
    sp = push(sp, right, mid, end, depth + 1, p - lp, q - lq);
    sp = push(sp, left, start, mid, depth + 1, lp, lq);
  }
  correctLeaves();
  addOutOfBag();
  return nNodes;
}

/** Apply the prior-shift factors (state.ts setLeafCorrection) to every node value. */
function correctLeaves(): void {
  if (leafA == 1 && leafB == 1) return;
  for (let i = 0; i < nNodes; i++) {
    const vp = nodeValuePtr + (<usize>i << 3);
    const v = load<f64>(vp);
    const a = v * leafA;
    const s = a + (1 - v) * leafB;
    store<f64>(vp, s > 0 ? a / s : v);
  }
}

/** Add this tree's prediction to every training position it did not draw. */
function addOutOfBag(): void {
  let n = 0;
  for (let i = 0; i < nTrain; i++) {
    if (load<u32>(multPtr + (<usize>i << 2)) != 0) continue;
    store<u32>(oobIdsPtr + (<usize>n << 2), i);
    n++;
  }
  if (n == 0) return;
  routeRows(
    nodeFeaturePtr, nodeSplitPtr, nodeLeftPtr, nodeRightPtr, nodeMissingLeftPtr, nodeValuePtr,
    catMasksPtr, nNodes, nMaskWords, binsPtr, rows, nFeat, isCatPtr,
    oobIdsPtr, n, trainRowsPtr, oobSumPtr, oobCountPtr, hardVote ? ROUTE_HARD : ROUTE_SOFT_QUANTIZED, stackPtr, scratchRowsPtr,
  );
}
