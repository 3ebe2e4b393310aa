// Independent reference for TreeSHAP tests: Shapley values by enumerating every coalition S of
// features, with v(S) = the tree's conditional expectation over its training rows (follow the row
// where the split feature is in S, otherwise average the children weighted by their row counts,
// TreeArrays.count, the engine's background), using the engine's
// routing rule (numeric: bin <= t, missing bin to the flagged side; categorical: bit of the bin in
// the split's mask). Exponential in the feature count: small trees only.
import type { TreeArrays } from '../../src/lib/engine/types.ts';

const MISSING = 255;

/** What predict adds for a leaf: soft value rounded to a multiple of 2^-32, or the hard vote. */
export function leafOut(v: number, vote: 'soft' | 'hard'): number {
  return vote === 'hard' ? (v > 0.5 ? 1 : 0) : Math.round(v * 4294967296) / 4294967296;
}

function goesLeft(t: TreeArrays, node: number, x: Uint8Array, isCat: Uint8Array): boolean {
  const f = t.feature[node];
  const b = x[f];
  const s = t.split[node];
  if (isCat[f]) return ((t.catMasks[s + (b >>> 5)] >>> (b & 31)) & 1) === 1;
  return b === MISSING ? t.missingLeft[node] === 1 : b <= s;
}

/** v(S) for the coalition given as a bit mask over features. */
export function coalitionValue(t: TreeArrays, node: number, x: Uint8Array, isCat: Uint8Array, mask: number, vote: 'soft' | 'hard'): number {
  const f = t.feature[node];
  if (f < 0) return leafOut(t.value[node], vote);
  const l = t.left[node];
  const r = t.right[node];
  if (mask & (1 << f)) return coalitionValue(t, goesLeft(t, node, x, isCat) ? l : r, x, isCat, mask, vote);
  // A node no background row reached gives its children weight 0 (as the engine's shares do).
  const w = t.count[node];
  if (!(w > 0)) return 0;
  return (t.count[l] / w) * coalitionValue(t, l, x, isCat, mask, vote) + (t.count[r] / w) * coalitionValue(t, r, x, isCat, mask, vote);
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Exact Shapley values of one row (x = bins per feature) for one tree, and v(∅), v(all). */
export function bruteShap(t: TreeArrays, x: Uint8Array, isCat: Uint8Array, vote: 'soft' | 'hard'): { phi: Float64Array; base: number; full: number } {
  const M = isCat.length;
  const all = (1 << M) - 1;
  const v = new Float64Array(1 << M);
  for (let s = 0; s <= all; s++) v[s] = coalitionValue(t, 0, x, isCat, s, vote);
  const phi = new Float64Array(M);
  const fm = factorial(M);
  for (let i = 0; i < M; i++) {
    for (let s = 0; s <= all; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let b = s; b; b &= b - 1) size++;
      phi[i] += ((factorial(size) * factorial(M - size - 1)) / fm) * (v[s | (1 << i)] - v[s]);
    }
  }
  return { phi, base: v[0], full: v[all] };
}
