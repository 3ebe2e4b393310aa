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

/** Occupied bins of the last histogram, in first-seen order (missing bin included). */
let nOccupied: i32 = 0;

/**
 * Accumulate the histogram of feature f over samples [start, end), listing each bin the first time
 * it fills; returns lo | hi << 8 of occupied bins.
 */
@inline function buildHistogram(f: i32, start: i32, end: i32): u32 {
  const col = binsPtr + <usize>f * <usize>rows;
  const hist = histPtr;
  const sampleRows = sampleRowsPtr;
  const packed = samplePackedPtr;
  const occ = occupiedPtr;
  let lo: u32 = 255;
  let hi: u32 = 0;
  let n: u32 = 0;
  for (let s = start; s < end; s++) {
    const b = <u32>load<u8>(col + <usize>load<u32>(sampleRows + (<usize>s << 2)));
    const h = hist + (<usize>b << 3);
    const old = load<u64>(h);
    store<u64>(h, old + load<u64>(packed + (<usize>s << 3)));
    store<u8>(occ + <usize>n, <u8>b);
    n += <u32>(old == 0);
    lo = min(lo, b);
    hi = max(hi, b);
  }
  nOccupied = <i32>n;
  return lo | (hi << 8);
}

/** Sort the occupied non-missing bins ascending in place; returns their number. */
function sortOccupied(): i32 {
  let n = 0;
  for (let i = 0; i < nOccupied; i++) {
    const b = load<u8>(occupiedPtr + <usize>i);
    if (b == <u8>MISSING) continue;
    let j = n;
    while (j > 0 && load<u8>(occupiedPtr + <usize>(j - 1)) > b) {
      store<u8>(occupiedPtr + <usize>j, load<u8>(occupiedPtr + <usize>(j - 1)));
      j--;
    }
    store<u8>(occupiedPtr + <usize>j, b);
    n++;
  }
  return n;
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

function scanNumericSparse(f: i32, n: i32, nodeP: i32, nodeQ: i32, mP: i32, mQ: i32): void {
  const tP = nodeP - mP;
  const tQ = nodeQ - mQ;
  let lP = 0;
  let lQ = 0;
  for (let i = 0; i < n; i++) {
    const t = <i32>load<u8>(occupiedPtr + <usize>i);
    const h = load<u64>(histPtr + (<usize>t << 3));
    const p = <i32>(h & LOW);
    lP += p;
    lQ += <i32>(h >> 32) - p;
    consider(f, t, false, lP, lQ, tP - lP, tQ - lQ, mP, mQ);
  }
}

function scanNumeric(f: i32, lo: i32, hiNM: i32, nodeP: i32, nodeQ: i32, mP: i32, mQ: i32): void {
  const tP = nodeP - mP;
  const tQ = nodeQ - mQ;
  let lP = 0;
  let lQ = 0;
  for (let t = lo; t <= hiNM; t++) {
    const h = load<u64>(histPtr + (<usize>t << 3));
    if (h == 0) continue;
    const p = <i32>(h & LOW);
    lP += p;
    lQ += <i32>(h >> 32) - p;
    consider(f, t, false, lP, lQ, tP - lP, tQ - lQ, mP, mQ);
  }
}

function scanCategorical(f: i32, nodeP: i32, nodeQ: i32, mP: i32, mQ: i32): void {
  // Occupied categories, insertion-sorted by weighted churn rate (ties keep bin order).
  let n = 0;
  const nOcc = sortOccupied();
  for (let o = 0; o < nOcc; o++) {
    const b = <i32>load<u8>(occupiedPtr + <usize>o);
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

    const range = buildHistogram(f, start, end);
    const lo = <i32>(range & 255);
    const hi = <i32>(range >> 8);
    if (lo == hi) {
      // Constant in this node: not counted against mtry (as scikit-learn does).
      store<u64>(histPtr + (<usize>lo << 3), 0);
      continue;
    }
    visited++;
    const mh = load<u64>(histPtr + (<usize>MISSING << 3));
    const mP = <i32>(mh & LOW);
    const mQ = <i32>(mh >> 32) - mP;
    // Few occupied bins spread over a wide range (small nodes): walk the sorted list, not the range.
    const sparse = (hi - lo) > (nOccupied << 2);
    if (load<u8>(isCatPtr + <usize>f) != 0) {
      scanCategorical(f, nodeP, nodeQ, mP, mQ);
    } else if (sparse) {
      scanNumericSparse(f, sortOccupied(), nodeP, nodeQ, mP, mQ);
    } else {
      let hiNM = hi;
      if (hiNM == MISSING) {
        hiNM = MISSING - 1;
        while (hiNM > lo && load<u64>(histPtr + (<usize>hiNM << 3)) == 0) hiNM--;
      }
      scanNumeric(f, lo, hiNM, nodeP, nodeQ, mP, mQ);
    }
    if (sparse) {
      for (let i = 0; i < nOccupied; i++) store<u64>(histPtr + (<usize>load<u8>(occupiedPtr + <usize>i) << 3), 0);
    } else {
      memory.fill(histPtr + (<usize>lo << 3), 0, <usize>(hi - lo + 1) << 3);
    }
    store<u64>(histPtr + (<usize>MISSING << 3), 0);
  }
}
