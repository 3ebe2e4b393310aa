// Resident data, training parameters and the training workspace (pointers into linear memory).
// Everything is laid out once per data set (setData) and once per training batch (prepareTrain).
import { heapAlloc } from './heap';

export const MISSING: i32 = 255;

// ---- data (column-major bins[f * rows + r]) ----
export let binsPtr: usize = 0;
export let rows: i32 = 0;
export let nFeat: i32 = 0;
export let isCatPtr: usize = 0;

export function setData(bins: usize, nRows: i32, features: i32, isCat: usize): void {
  binsPtr = bins;
  rows = nRows;
  nFeat = features;
  isCatPtr = isCat;
}

// ---- parameters ----
export const CRIT_ENTROPY: i32 = 0;
export const CRIT_GINI: i32 = 1;
export const BAL_NONE: i32 = 0;
export const BAL_WEIGHTS: i32 = 1;
export const BAL_BOOTSTRAP: i32 = 2;
export const BAL_OVERSAMPLE: i32 = 3;

export let criterion: i32 = CRIT_ENTROPY;
export let maxDepth: i32 = 0;
export let minLeaf: i32 = 1;
export let minSplit: i32 = 2;
export let minGain: f64 = 0;
export let mtry: i32 = 1;
export let balance: i32 = BAL_NONE;
export let oversampleK: i32 = 1;
export let sampleFraction: f64 = 1;
export let singleTree: bool = false;
export let hardVote: bool = false;
/**
 * Prior-shift factors applied to every node value once a tree is built (before its out-of-bag
 * votes are counted): v' = v·a / (v·a + (1−v)·b). a = b = 1 leaves values as trained.
 * Balancing makes leaves estimate churn at the balanced base rate; correcting each leaf (rather
 * than the forest's average) keeps soft-vote probabilities honest, since deep trees' leaves are
 * nearly pure and an average of pure leaves is not the posterior the correction assumes.
 */
export let leafA: f64 = 1;
export let leafB: f64 = 1;

export function setLeafCorrection(a: f64, b: f64): void {
  leafA = a > 0 && isFinite(a) ? a : 1;
  leafB = b > 0 && isFinite(b) ? b : 1;
}

/** Class weights (1 unless balance = weights). */
export let cw0: f64 = 1;
export let cw1: f64 = 1;
/** True when both class weights are 1: entropy then uses the integer x·ln x table. */
export let unitWeights: bool = true;

// ---- training rows ----
export let labelsPtr: usize = 0; // u8 per matrix row
export let trainRowsPtr: usize = 0; // u32 matrix row per training position
export let nTrain: i32 = 0;
export let posListPtr: usize = 0; // training positions of churners
export let nPos: i32 = 0;
export let negListPtr: usize = 0;
export let nNeg: i32 = 0;
/** Draw size of one bootstrap (total over both classes for the balanced bootstrap). */
export let drawSize: i32 = 0;
/** Oversampled pool size (churners K times); draws map into positions through pos/neg lists. */
export let poolSize: i32 = 0;

// ---- per-tree workspace ----
export let multPtr: usize = 0; // u32 per training position: times drawn for the current tree
export let sampleRowsPtr: usize = 0; // u32 matrix row per distinct drawn row (partitioned by nodes)
export let samplePackedPtr: usize = 0; // u64 per sample: (count << 32) | churnCount
export let nSamples: i32 = 0;
export let scratchRowsPtr: usize = 0; // u32 per sample: right side while partitioning
export let scratchPackedPtr: usize = 0; // u64 per sample
export let xlogxPtr: usize = 0; // f64 x·ln(x) for integer x
export let xlogxLen: i32 = 0;
export let featPermPtr: usize = 0; // u32 feature permutation (partial Fisher-Yates)
export let histPtr: usize = 0; // u64 × 256
export let goLeftPtr: usize = 0; // u8 × 256: does bin b go left under the chosen split
export let catOrderPtr: usize = 0; // u32 × 256: occupied category bins sorted by churn rate
export let catRatePtr: usize = 0; // f64 × 256
export let bestMaskPtr: usize = 0; // u32 × 8
export let occupiedPtr: usize = 0; // 4 × u64 bitmap of the occupied bins of the current histogram

// ---- tree output (struct of arrays, node 0 = root) ----
export let nodeCap: i32 = 0;
export let nodeFeaturePtr: usize = 0;
export let nodeSplitPtr: usize = 0;
export let nodeLeftPtr: usize = 0;
export let nodeRightPtr: usize = 0;
export let nodeMissingLeftPtr: usize = 0;
export let nodeValuePtr: usize = 0;
export let nodeCoverPtr: usize = 0;
export let nodeCountPtr: usize = 0;
export let catMasksPtr: usize = 0;
export let maskCap: i32 = 0; // u32 words
export let stackPtr: usize = 0; // i32 × 6 per entry: node, start, end, depth, churn count, other count

// ---- accumulated over the batch ----
export let oobSumPtr: usize = 0; // f64 per training position
export let oobCountPtr: usize = 0; // u32 per training position
export let oobIdsPtr: usize = 0; // u32 per training position: this tree's OOB positions
export let importancePtr: usize = 0; // f64 per feature

/**
 * Lay out the workspace for training on `trainRows` (already copied to `trainRows`).
 * Returns 0 on success, 1 when memory cannot grow.
 */
export function prepareTrain(
  labels: usize,
  trainRows: usize,
  n: i32,
  crit: i32,
  depth: i32,
  leaf: i32,
  split: i32,
  gain: f64,
  tries: i32,
  bal: i32,
  k: i32,
  fraction: f64,
  tree: bool,
  hard: bool,
): i32 {
  labelsPtr = labels;
  trainRowsPtr = trainRows;
  nTrain = n;
  criterion = crit;
  maxDepth = depth;
  minLeaf = leaf < 1 ? 1 : leaf;
  minSplit = split < 2 ? 2 : split;
  minGain = gain;
  mtry = tries < 1 ? 1 : tries > nFeat ? nFeat : tries;
  balance = bal;
  oversampleK = bal == BAL_OVERSAMPLE ? (k < 1 ? 1 : k) : 1;
  sampleFraction = fraction > 0 ? fraction : 1;
  singleTree = tree;
  hardVote = hard;

  posListPtr = heapAlloc(<usize>n << 2);
  negListPtr = heapAlloc(<usize>n << 2);
  if (posListPtr == 0 || negListPtr == 0) return 1;
  nPos = 0;
  nNeg = 0;
  for (let i = 0; i < n; i++) {
    const r = load<u32>(trainRows + (<usize>i << 2));
    if (load<u8>(labels + r) == 1) {
      store<u32>(posListPtr + (<usize>nPos << 2), i);
      nPos++;
    } else {
      store<u32>(negListPtr + (<usize>nNeg << 2), i);
      nNeg++;
    }
  }
  cw0 = 1;
  cw1 = 1;
  if (bal == BAL_WEIGHTS && nPos > 0 && nNeg > 0) {
    cw1 = <f64>n / (2.0 * <f64>nPos);
    cw0 = <f64>n / (2.0 * <f64>nNeg);
  }
  unitWeights = cw0 == 1 && cw1 == 1;

  poolSize = nNeg + nPos * oversampleK;
  drawSize = <i32>Math.round(sampleFraction * <f64>poolSize);
  if (drawSize < 1) drawSize = 1;
  // Largest total count a node can hold: every draw, or every pool row in single-tree mode.
  const maxCount = tree ? poolSize : drawSize + 1;

  multPtr = heapAlloc(<usize>n << 2);
  sampleRowsPtr = heapAlloc(<usize>n << 2);
  samplePackedPtr = heapAlloc(<usize>n << 3);
  scratchRowsPtr = heapAlloc(<usize>n << 2);
  scratchPackedPtr = heapAlloc(<usize>n << 3);
  xlogxLen = maxCount + 1;
  xlogxPtr = heapAlloc(<usize>xlogxLen << 3);
  featPermPtr = heapAlloc(<usize>nFeat << 2);
  histPtr = heapAlloc(256 << 3);
  goLeftPtr = heapAlloc(256);
  catOrderPtr = heapAlloc(256 << 2);
  catRatePtr = heapAlloc(256 << 3);
  bestMaskPtr = heapAlloc(32);
  occupiedPtr = heapAlloc(32);
  // Node arrays start at a typical size and grow geometrically (growNodes); a tree never has more
  // than 2n - 1 nodes. The depth-first stacks (training and row routing) never hold more than
  // depth + 2 <= n + 2 entries.
  nodeCap = 0;
  maskCap = 0;
  if (!growNodes(min(2 * n + 1, 1024 + (n >> 2)))) return 1;
  if (!growMasks(64)) return 1;
  stackPtr = heapAlloc((<usize>n + 2) * 24);
  oobSumPtr = heapAlloc(<usize>n << 3);
  oobCountPtr = heapAlloc(<usize>n << 2);
  oobIdsPtr = heapAlloc(<usize>n << 2);
  importancePtr = heapAlloc(<usize>nFeat << 3);
  if (
    multPtr == 0 || sampleRowsPtr == 0 || scratchRowsPtr == 0 || scratchPackedPtr == 0 || samplePackedPtr == 0 || xlogxPtr == 0 || featPermPtr == 0 ||
    histPtr == 0 || occupiedPtr == 0 || goLeftPtr == 0 || catOrderPtr == 0 || catRatePtr == 0 || bestMaskPtr == 0 ||
    stackPtr == 0 || oobSumPtr == 0 || oobCountPtr == 0 || oobIdsPtr == 0 || importancePtr == 0
  ) return 1;

  store<f64>(xlogxPtr, 0);
  for (let x = 1; x < xlogxLen; x++) {
    const v = <f64>x;
    store<f64>(xlogxPtr + (<usize>x << 3), v * Math.log(v));
  }
  return 0;
}

@inline function moved(old: usize, bytesOld: usize, bytesNew: usize): usize {
  const p = heapAlloc(bytesNew);
  if (p != 0 && bytesOld > 0) memory.copy(p, old, bytesOld);
  return p;
}

/** Make room for `cap` nodes, keeping the nodes so far. False when memory cannot grow. */
export function growNodes(cap: i32): bool {
  const o = <usize>nodeCap;
  const c = <usize>cap;
  nodeFeaturePtr = moved(nodeFeaturePtr, o << 2, c << 2);
  nodeSplitPtr = moved(nodeSplitPtr, o << 2, c << 2);
  nodeLeftPtr = moved(nodeLeftPtr, o << 2, c << 2);
  nodeRightPtr = moved(nodeRightPtr, o << 2, c << 2);
  nodeMissingLeftPtr = moved(nodeMissingLeftPtr, o, c);
  nodeValuePtr = moved(nodeValuePtr, o << 3, c << 3);
  nodeCoverPtr = moved(nodeCoverPtr, o << 3, c << 3);
  nodeCountPtr = moved(nodeCountPtr, o << 2, c << 2);
  nodeCap = cap;
  return nodeFeaturePtr != 0 && nodeSplitPtr != 0 && nodeLeftPtr != 0 && nodeRightPtr != 0 &&
    nodeMissingLeftPtr != 0 && nodeValuePtr != 0 && nodeCoverPtr != 0 && nodeCountPtr != 0;
}

/** Make room for `words` category-mask words. */
export function growMasks(words: i32): bool {
  catMasksPtr = moved(catMasksPtr, <usize>maskCap << 2, <usize>words << 2);
  maskCap = words;
  return catMasksPtr != 0;
}
