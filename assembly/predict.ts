// Route many rows through one tree at once: depth-first over the nodes, partitioning the row list of
// each node in place (the same access pattern as training, far faster than walking rows one by one
// through column-major data). Every index is checked and at most nNodes nodes are visited, so a
// tampered tree (child out of range, a cycle, a bad mask offset) yields an error, never a hang.
import { MISSING } from './state';

export const ROUTE_SOFT: i32 = 0;
export const ROUTE_HARD: i32 = 1;
/** Soft values quantized to multiples of 2^-32 (exact sums in any order; OOB). */
export const ROUTE_SOFT_QUANTIZED: i32 = 2;

const OOB_UNIT: f64 = 4294967296.0; // 2^32

/**
 * ids[0..n) are indices into out (and into counts, if not 0); rowOf[id] is the matrix row.
 * Adds the tree's prediction to out[id] (and 1 to counts[id]). ids are permuted.
 * stack needs 12 × (2 × nNodes + 2) bytes, scratch 4 × n bytes. Returns 0, or -1 if the tree is
 * malformed.
 */
export function routeRows(
  feature: usize, split: usize, left: usize, right: usize, missingLeft: usize, value: usize,
  masks: usize, nNodes: i32, nMaskWords: i32,
  bins: usize, rows: i32, nFeat: i32, isCat: usize,
  ids: usize, n: i32, rowOf: usize, out: usize, counts: usize, mode: i32, stack: usize, scratch: usize,
): i32 {
  if (nNodes < 1) return -1;
  let sp = 0;
  store<i32>(stack, 0);
  store<i32>(stack, 0, 4);
  store<i32>(stack, n, 8);
  sp = 1;
  let visited = 0;
  while (sp > 0) {
    sp--;
    const e = stack + <usize>sp * 12;
    const node = load<i32>(e);
    const start = load<i32>(e, 4);
    const end = load<i32>(e, 8);
    if (++visited > nNodes) return -1;
    const f = load<i32>(feature + (<usize>node << 2));
    if (f < 0) {
      const v = load<f64>(value + (<usize>node << 3));
      if (!(v >= 0 && v <= 1)) return -1;
      const add = mode == ROUTE_HARD ? (v > 0.5 ? 1.0 : 0.0) : mode == ROUTE_SOFT_QUANTIZED ? Math.round(v * OOB_UNIT) / OOB_UNIT : v;
      for (let i = start; i < end; i++) {
        const id = <usize>load<u32>(ids + (<usize>i << 2));
        const p = out + (id << 3);
        store<f64>(p, load<f64>(p) + add);
        if (counts != 0) {
          const c = counts + (id << 2);
          store<u32>(c, load<u32>(c) + 1);
        }
      }
      continue;
    }
    if (f >= nFeat) return -1;
    const l = load<i32>(left + (<usize>node << 2));
    const r = load<i32>(right + (<usize>node << 2));
    if (l <= 0 || l >= nNodes || r <= 0 || r >= nNodes) return -1;
    const s = load<i32>(split + (<usize>node << 2));
    const col = bins + <usize>f * <usize>rows;
    // Branch-free stable partition: left ids stay in place, right ones go through scratch.
    let i = start;
    let j = 0;
    if (load<u8>(isCat + <usize>f) != 0) {
      if (s < 0 || s > nMaskWords - 8) return -1;
      const m = masks + (<usize>s << 2);
      for (let k = start; k < end; k++) {
        const id = load<u32>(ids + (<usize>k << 2));
        const b = <u32>load<u8>(col + <usize>load<u32>(rowOf + (<usize>id << 2)));
        const gl = <i32>((load<u32>(m + (<usize>(b >> 5) << 2)) >> (b & 31)) & 1);
        store<u32>(ids + (<usize>i << 2), id);
        store<u32>(scratch + (<usize>j << 2), id);
        i += gl;
        j += 1 - gl;
      }
    } else {
      const t = <u32>s;
      const missing: u32 = load<u8>(missingLeft + <usize>node) != 0 ? <u32>MISSING : 256;
      for (let k = start; k < end; k++) {
        const id = load<u32>(ids + (<usize>k << 2));
        const b = <u32>load<u8>(col + <usize>load<u32>(rowOf + (<usize>id << 2)));
        const gl = <i32>(b <= t) | <i32>(b == missing);
        store<u32>(ids + (<usize>i << 2), id);
        store<u32>(scratch + (<usize>j << 2), id);
        i += gl;
        j += 1 - gl;
      }
    }
    memory.copy(ids + (<usize>i << 2), scratch, <usize>j << 2);
    const e2 = stack + <usize>sp * 12;
    store<i32>(e2, r);
    store<i32>(e2, i, 4);
    store<i32>(e2, end, 8);
    store<i32>(e2, l, 12);
    store<i32>(e2, start, 16);
    store<i32>(e2, i, 20);
    sp += 2;
  }
  return 0;
}
