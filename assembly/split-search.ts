// Best split of one node: build a histogram of (count, churn count) per bin for each sampled
// feature over the node's rows, then scan the occupied bins. Numeric: bin <= t. Categorical:
// occupied categories ordered by churn rate, prefix sets (optimal for two classes). The missing
// bin is tried on both sides whenever the node has missing rows.
import { below } from './prng';
import { nodeCost } from './impurity';
import {
  MISSING, binsPtr, bestMaskPtr, catOrderPtr, occupiedPtr, catRatePtr, cw0, cw1, featPermPtr, histPtr,
  isCatPtr, minLeaf, mtry, nFeat, rows, samplePackedPtr, sampleRowsPtr,
} from './state';

export let bestFeature: i32 = -1;
export let bestThreshold: i32 = 0;
export let bestIsCat: bool = false;
export let bestMissingLeft: bool = false;
export let bestCost: f64 = 0;
export let bestLeftP: i32 = 0;
export let bestLeftQ: i32 = 0;

const LOW: u64 = 0xffffffff;

/** Below this many samples, occupied bins are marked per row; above, found from the histogram. */
const MARK_PER_ROW: i32 = 128;

/**
 * Accumulate the histogram of feature f over samples [start, end) and the 256-bit bitmap of
 * occupied bins, so scans visit occupied bins in ascending order without touching empty ones.
 * The bitmap lives in locals while rows stream (a bitmap in memory would chain every row's
 * read-modify-write); big nodes instead track the bin range and read occupancy off the histogram.
 */
function buildHistogram(f: i32, start: i32, end: i32): void {
  const col = binsPtr + <usize>f * <usize>rows;
  const hist = histPtr;
  const sampleRows = sampleRowsPtr;
  const packed = samplePackedPtr;
  let o0: u64 = 0;
  let o1: u64 = 0;
  let o2: u64 = 0;
  let o3: u64 = 0;
  if (end - start < MARK_PER_ROW) {
    for (let s = start; s < end; s++) {
      const b = <usize>load<u8>(col + <usize>load<u32>(sampleRows + (<usize>s << 2)));
      const h = hist + (b << 3);
      store<u64>(h, load<u64>(h) + load<u64>(packed + (<usize>s << 3)));
      const bit = (<u64>1) << (<u64>b & 63);
      const w = b >> 6;
      o0 |= select<u64>(bit, 0, w == 0);
      o1 |= select<u64>(bit, 0, w == 1);
      o2 |= select<u64>(bit, 0, w == 2);
      o3 |= select<u64>(bit, 0, w == 3);
    }
  } else {
    let lo: usize = 255;
    let hi: usize = 0;
    for (let s = start; s < end; s++) {
      const b = <usize>load<u8>(col + <usize>load<u32>(sampleRows + (<usize>s << 2)));
      const h = hist + (b << 3);
      store<u64>(h, load<u64>(h) + load<u64>(packed + (<usize>s << 3)));
      lo = min(lo, b);
      hi = max(hi, b);
    }
    for (let b = lo; b <= hi; b++) {
      const bit = (<u64>(load<u64>(hist + (b << 3)) != 0)) << (<u64>b & 63);
      const w = b >> 6;
      o0 |= select<u64>(bit, 0, w == 0);
      o1 |= select<u64>(bit, 0, w == 1);
      o2 |= select<u64>(bit, 0, w == 2);
      o3 |= select<u64>(bit, 0, w == 3);
    }
  }
  store<u64>(occupiedPtr, o0);
  store<u64>(occupiedPtr, o1, 8);
  store<u64>(occupiedPtr, o2, 16);
  store<u64>(occupiedPtr, o3, 24);
}

/** Occupied-bin bitmap word w; the missing bin (bit 255) is left out when skipMissing. */
@inline function occupiedWord(w: i32, skipMissing: bool): u64 {
  const bits = load<u64>(occupiedPtr + (<usize>w << 3));
  return skipMissing && w == 3 ? bits & 0x7fffffffffffffff : bits;
}

@inline function occupiedCount(): i32 {
  return <i32>(
    popcnt<u64>(load<u64>(occupiedPtr)) + popcnt<u64>(load<u64>(occupiedPtr, 8)) +
    popcnt<u64>(load<u64>(occupiedPtr, 16)) + popcnt<u64>(load<u64>(occupiedPtr, 24))
  );
}

/** Zero the histogram entries of occupied bins and the bitmap. */
function clearHistogram(): void {
  for (let w = 0; w < 4; w++) {
    let bits = occupiedWord(w, false);
    while (bits != 0) {
      const t = (w << 6) + <i32>ctz<u64>(bits);
      bits &= bits - 1;
      store<u64>(histPtr + (<usize>t << 3), 0);
    }
  }
  memory.fill(occupiedPtr, 0, 32);
}

@inline function missingGoesLeftByWeight(lp: i32, lq: i32, rp: i32, rq: i32): bool {
  return cw1 * <f64>lp + cw0 * <f64>lq >= cw1 * <f64>rp + cw0 * <f64>rq;
}

/** Try both sides for the missing rows of a candidate left set; true if the best improved. */
@inline function consider(
  f: i32, t: i32, isCat: bool, lP: i32, lQ: i32, rP: i32, rQ: i32, mP: i32, mQ: i32,
): bool {
  let improved = false;
  const mC = mP + mQ;
  if (lP + lQ >= minLeaf && rP + rQ + mC >= minLeaf) {
    const c = nodeCost(lP, lQ) + nodeCost(rP + mP, rQ + mQ);
    if (c < bestCost) {
      bestCost = c;
      bestFeature = f;
      bestThreshold = t;
      bestIsCat = isCat;
      bestMissingLeft = mC > 0 ? false : missingGoesLeftByWeight(lP, lQ, rP, rQ);
      bestLeftP = lP;
      bestLeftQ = lQ;
      improved = true;
    }
  }
  if (mC > 0 && lP + lQ + mC >= minLeaf && rP + rQ >= minLeaf) {
    const c = nodeCost(lP + mP, lQ + mQ) + nodeCost(rP, rQ);
    if (c < bestCost) {
      bestCost = c;
      bestFeature = f;
      bestThreshold = t;
      bestIsCat = isCat;
      bestMissingLeft = true;
      bestLeftP = lP + mP;
      bestLeftQ = lQ + mQ;
      improved = true;
    }
  }
  return improved;
}

// Running best of one numeric scan.
let sBest: f64 = 0;
let sT: i32 = -1;
let sMissingLeft: bool = false;
let sLP: i32 = 0;
let sLQ: i32 = 0;

/** Evaluate threshold t with (lP, lQ) non-missing rows on the left, missing rows on either side. */
@inline function evalThreshold(t: i32, lP: i32, lQ: i32, tP: i32, tQ: i32, mP: i32, mQ: i32): void {
  const mC = mP + mQ;
  const rP = tP - lP;
  const rQ = tQ - lQ;
  if (lP + lQ >= minLeaf && rP + rQ + mC >= minLeaf) {
    const c = nodeCost(lP, lQ) + nodeCost(rP + mP, rQ + mQ);
    if (c < sBest) {
      sBest = c;
      sT = t;
      sMissingLeft = false;
      sLP = lP;
      sLQ = lQ;
    }
  }
  if (mC > 0 && lP + lQ + mC >= minLeaf && rP + rQ >= minLeaf) {
    const c = nodeCost(lP + mP, lQ + mQ) + nodeCost(rP, rQ);
    if (c < sBest) {
      sBest = c;
      sT = t;
      sMissingLeft = true;
      sLP = lP + mP;
      sLQ = lQ + mQ;
    }
  }
}

const PURE_NEG: i32 = 1;
const PURE_POS: i32 = 2;
const MIXED: i32 = 3;

/**
 * Scan thresholds "bin <= t" over the occupied non-missing bins in ascending order.
 * With minLeaf 1, a threshold between two bins that are pure in the same class is skipped: both
 * impurities are concave, so the best cut lies on a class boundary (Fayyad & Irani 1992); the run's
 * end points, which are evaluated, are at least as good.
 */
function scanNumeric(f: i32, nodeP: i32, nodeQ: i32, mP: i32, mQ: i32): void {
  const tP = nodeP - mP;
  const tQ = nodeQ - mQ;
  const skipRuns = minLeaf == 1;
  sBest = bestCost;
  sT = -1;
  let lP = 0;
  let lQ = 0;
  let prevT = -1;
  let prevStatus = 0;
  for (let w = 0; w < 4; w++) {
    let bits = occupiedWord(w, true);
    while (bits != 0) {
      const t = (w << 6) + <i32>ctz<u64>(bits);
      bits &= bits - 1;
      const h = load<u64>(histPtr + (<usize>t << 3));
      const p = <i32>(h & LOW);
      const q = <i32>(h >> 32) - p;
      const status = p == 0 ? PURE_NEG : q == 0 ? PURE_POS : MIXED;
      if (prevT >= 0 && !(skipRuns && status == prevStatus && status != MIXED)) evalThreshold(prevT, lP, lQ, tP, tQ, mP, mQ);
      lP += p;
      lQ += q;
      prevT = t;
      prevStatus = status;
    }
  }
  // Every non-missing row left: a split only when there are missing rows to send right.
  if (prevT >= 0 && mP + mQ > 0) evalThreshold(prevT, lP, lQ, tP, tQ, mP, mQ);
  if (sT < 0) return;
  bestCost = sBest;
  bestFeature = f;
  bestThreshold = sT;
  bestIsCat = false;
  bestMissingLeft = mP + mQ > 0 ? sMissingLeft : missingGoesLeftByWeight(sLP, sLQ, nodeP - sLP, nodeQ - sLQ);
  bestLeftP = sLP;
  bestLeftQ = sLQ;
}

function scanCategorical(f: i32, nodeP: i32, nodeQ: i32, mP: i32, mQ: i32): void {
  // Occupied categories, insertion-sorted by weighted churn rate (ties keep bin order).
  let n = 0;
  for (let w = 0; w < 4; w++) {
    let bits = occupiedWord(w, true);
    while (bits != 0) {
      const b = (w << 6) + <i32>ctz<u64>(bits);
      bits &= bits - 1;
      const h = load<u64>(histPtr + (<usize>b << 3));
      const p = <f64>(<i32>(h & LOW));
      const q = <f64>(<i32>(h >> 32)) - p;
      const wp = cw1 * p;
      const rate = wp / (wp + cw0 * q);
      let i = n;
      while (i > 0 && load<f64>(catRatePtr + (<usize>(i - 1) << 3)) > rate) {
        store<f64>(catRatePtr + (<usize>i << 3), load<f64>(catRatePtr + (<usize>(i - 1) << 3)));
        store<u32>(catOrderPtr + (<usize>i << 2), load<u32>(catOrderPtr + (<usize>(i - 1) << 2)));
        i--;
      }
      store<f64>(catRatePtr + (<usize>i << 3), rate);
      store<u32>(catOrderPtr + (<usize>i << 2), <u32>b);
      n++;
    }
  }
  const tP = nodeP - mP;
  const tQ = nodeQ - mQ;
  let lP = 0;
  let lQ = 0;
  let bestK = -1;
  for (let k = 0; k < n; k++) {
    const h = load<u64>(histPtr + (<usize>load<u32>(catOrderPtr + (<usize>k << 2)) << 3));
    const p = <i32>(h & LOW);
    lP += p;
    lQ += <i32>(h >> 32) - p;
    if (consider(f, 0, true, lP, lQ, tP - lP, tQ - lQ, mP, mQ)) bestK = k;
  }
  if (bestK < 0) return;
  memory.fill(bestMaskPtr, 0, 32);
  for (let k = 0; k <= bestK; k++) setMaskBit(load<u32>(catOrderPtr + (<usize>k << 2)));
}

@inline function setMaskBit(b: u32): void {
  const w = bestMaskPtr + (<usize>(b >> 5) << 2);
  store<u32>(w, load<u32>(w) | (1 << (b & 31)));
}

/**
 * Search the best split of samples [start, end) holding nodeP churn and nodeQ other counts.
 * Features are drawn without replacement until mtry non-constant ones were evaluated.
 * Leaves the result in the best* globals (bestFeature = -1 if no valid split).
 */
export function findBestSplit(start: i32, end: i32, nodeP: i32, nodeQ: i32): void {
  bestFeature = -1;
  bestCost = Infinity;
  let visited = 0;
  let drawn = 0;
  while (drawn < nFeat && visited < mtry) {
    const j = drawn + <i32>below(<u32>(nFeat - drawn));
    const pj = featPermPtr + (<usize>j << 2);
    const pd = featPermPtr + (<usize>drawn << 2);
    const f = <i32>load<u32>(pj);
    store<u32>(pj, load<u32>(pd));
    store<u32>(pd, f);
    drawn++;

    buildHistogram(f, start, end);
    if (occupiedCount() == 1) {
      // Constant in this node: not counted against mtry (as scikit-learn does).
      clearHistogram();
      continue;
    }
    visited++;
    const mh = load<u64>(histPtr + (<usize>MISSING << 3));
    const mP = <i32>(mh & LOW);
    const mQ = <i32>(mh >> 32) - mP;
    if (load<u8>(isCatPtr + <usize>f) != 0) scanCategorical(f, nodeP, nodeQ, mP, mQ);
    else scanNumeric(f, nodeP, nodeQ, mP, mQ);
    clearHistogram();
  }
}
