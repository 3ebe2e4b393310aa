// Walk one row down a tree. Every index is checked and the walk is bounded by the node count, so a
// tampered tree (child out of range, a cycle, a bad mask offset) yields an error, never a hang.
import { MISSING } from './state';

/** Leaf value for matrix row `row`, or -1 when the tree is malformed. */
export function leafValue(
  feature: usize, split: usize, left: usize, right: usize, missingLeft: usize, value: usize,
  masks: usize, nNodes: i32, nMaskWords: i32,
  bins: usize, rows: i32, nFeat: i32, isCat: usize, row: i32,
): f64 {
  let node = 0;
  for (let steps = 0; steps < nNodes; steps++) {
    const f = load<i32>(feature + (<usize>node << 2));
    if (f < 0) return load<f64>(value + (<usize>node << 3));
    if (f >= nFeat) return -1;
    const b = <i32>load<u8>(bins + <usize>f * <usize>rows + <usize>row);
    const s = load<i32>(split + (<usize>node << 2));
    let goLeft: bool;
    if (load<u8>(isCat + <usize>f) != 0) {
      if (s < 0 || s > nMaskWords - 8) return -1;
      const word = load<u32>(masks + (<usize>(s + (b >> 5)) << 2));
      goLeft = ((word >> (<u32>b & 31)) & 1) != 0;
    } else {
      goLeft = b == MISSING ? load<u8>(missingLeft + <usize>node) != 0 : b <= s;
    }
    const next = goLeft ? load<i32>(left + (<usize>node << 2)) : load<i32>(right + (<usize>node << 2));
    if (next <= 0 || next >= nNodes) return -1;
    node = next;
  }
  return -1;
}

/**
 * Add one tree's prediction for every row of the resident matrix to out (f64 per row):
 * the leaf value (soft) or a vote value > 0.5 (hard). Returns 0, or -1 if the tree is malformed.
 */
export function accumulateTree(
  feature: usize, split: usize, left: usize, right: usize, missingLeft: usize, value: usize,
  masks: usize, nNodes: i32, nMaskWords: i32,
  bins: usize, rows: i32, nFeat: i32, isCat: usize, hard: bool, out: usize,
): i32 {
  if (nNodes < 1) return -1;
  for (let r = 0; r < rows; r++) {
    const v = leafValue(feature, split, left, right, missingLeft, value, masks, nNodes, nMaskWords, bins, rows, nFeat, isCat, r);
    if (v < 0 || v > 1 || isNaN(v)) return -1;
    const p = out + (<usize>r << 3);
    store<f64>(p, load<f64>(p) + (hard ? (v > 0.5 ? 1.0 : 0.0) : v));
  }
  return 0;
}
