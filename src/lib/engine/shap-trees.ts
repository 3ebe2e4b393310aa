// What the TreeSHAP kernel (assembly/treeshap.ts) reads besides the tree itself: every fact that
// does not depend on the row, worked out once per tree and kept while the tree lives (a worker
// explains one customer after another with the same forest).
import { UserError } from '../errors.ts';
import type { TreeArrays } from './types.ts';

/** Node flags: the node's feature is also split on by an ancestor / in its left / right subtree. */
export const REPEAT_ABOVE = 1;
export const REPEAT_LEFT = 2;
export const REPEAT_RIGHT = 4;

export interface ShapTree {
  /** Leaf outputs minus the commonest one; internal nodes 1 if a leaf below is non-zero, else 0. */
  out: Float64Array;
  /** The tree's expected output over its background (before the shift). */
  expected: number;
  /** count[node] / count[parent] (0 when the parent's count is 0); the root's is 1. */
  share: Float64Array;
  flags: Uint8Array;
  /** Deepest leaf. */
  depth: number;
  /** Gauss–Legendre nodes: ⌈K/2⌉ for the most distinct features K on a root-to-leaf path (≥ 1). */
  quadrature: number;
}

const QUANTUM = 4294967296; // 2^32, as predict's soft rounding (ROUTE_SOFT_QUANTIZED)

const cache = new WeakMap<TreeArrays, { key: string; prep: ShapTree }>();

/**
 * The kernel's view of tree `index` (numbered from 0 in error messages as tree index + 1), checked
 * first: every index in range, children after their parents, no node reached twice, features
 * known, categorical mask offsets inside the masks, counts ≥ 0, leaf values in [0, 1].
 * Malformed trees raise engine.badTree.
 */
export function shapTree(t: TreeArrays, isCat: Uint8Array, vote: 'soft' | 'hard', index: number): ShapTree {
  const key = `${vote}:${isCat.join('')}`;
  const hit = cache.get(t);
  if (hit && hit.key === key) return hit.prep;
  const depth = checkTree(t, isCat, index);
  const { out, expected } = leafOutputs(t, vote);
  const { flags, distinct } = repeats(t, isCat.length);
  const share = new Float64Array(t.feature.length);
  share[0] = 1;
  for (let i = 0; i < t.feature.length; i++) {
    if (t.feature[i] < 0 || depth[i] < 0) continue;
    const w = t.count[i];
    share[t.left[i]] = w > 0 ? t.count[t.left[i]] / w : 0;
    share[t.right[i]] = w > 0 ? t.count[t.right[i]] / w : 0;
  }
  let maxDepth = 0;
  for (let i = 0; i < depth.length; i++) if (depth[i] > maxDepth) maxDepth = depth[i];
  const prep = { out, expected, share, flags, depth: maxDepth, quadrature: Math.max(1, Math.ceil(distinct / 2)) };
  cache.set(t, { key, prep });
  return prep;
}

/** Depth of every node (-1: not reachable from the root), after checking the structure. */
function checkTree(t: TreeArrays, isCat: Uint8Array, index: number): Int32Array {
  const n = t.feature.length;
  const bad = (): never => {
    throw new UserError('engine.badTree', { tree: index + 1 });
  };
  if (n < 1 || t.split.length < n || t.left.length < n || t.right.length < n || t.missingLeft.length < n || t.value.length < n || t.count.length < n) bad();
  const depth = new Int32Array(n).fill(-1);
  depth[0] = 0;
  for (let i = 0; i < n; i++) {
    const f = t.feature[i];
    if (depth[i] < 0) continue;
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
    // A categorical split's offset must leave room for its 8 mask words (the kernel reads them unchecked).
    if (isCat[f] && !(t.split[i] >= 0 && t.split[i] <= t.catMasks.length - 8)) bad();
    depth[l] = depth[r] = depth[i] + 1;
  }
  return depth;
}

/**
 * Leaf outputs as predict adds them (soft values rounded to 2^-32, or hard votes), minus the
 * commonest one: a constant shift moves only the expected value, never φ, and lets the kernel skip
 * every leaf whose shifted output is 0 and every subtree with nothing else. That holds only when
 * every node's children share all of its background (counts add up, as in every trained tree);
 * a tree whose counts do not is explained unshifted. The expected value uses TreeSHAP's own weights
 * (child count / node count), so base + Σφ equals the output exactly either way.
 */
function leafOutputs(t: TreeArrays, vote: 'soft' | 'hard'): { out: Float64Array; expected: number } {
  const n = t.feature.length;
  const out = new Float64Array(n);
  const e = new Float64Array(n);
  const seen = new Map<number, number>();
  let shift = 0;
  let best = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    if (t.feature[i] >= 0) {
      if (!(t.count[i] > 0 && t.count[t.left[i]] + t.count[t.right[i]] === t.count[i])) whole = false;
      continue;
    }
    const v = t.value[i];
    const o = vote === 'hard' ? (v > 0.5 ? 1 : 0) : Math.round(v * QUANTUM) / QUANTUM;
    out[i] = o;
    const c = (seen.get(o) ?? 0) + 1;
    seen.set(o, c);
    if (c > best || (c === best && o < shift)) [best, shift] = [c, o];
  }
  if (!whole) shift = 0;
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
 * REPEAT_* flags per node, and the most distinct features on any root-to-leaf path. One
 * depth-first pass with an explicit stack (a degenerate tree may be thousands of levels deep).
 */
function repeats(t: TreeArrays, features: number): { flags: Uint8Array; distinct: number } {
  const n = t.feature.length;
  const flags = new Uint8Array(n);
  const parent = new Int32Array(n).fill(-1);
  const onPath = new Int32Array(features);
  // lastChild[f]: the child, on the current path, of the nearest ancestor split on f.
  const lastChild = new Int32Array(features).fill(-1);
  const savedChild = new Int32Array(n);
  const stack: number[] = [0];
  let distinct = 0;
  let most = 0;
  const leaveEdge = (x: number): void => {
    const p = parent[x];
    if (p >= 0) lastChild[t.feature[p]] = savedChild[x];
  };
  while (stack.length) {
    const x = stack.pop()!;
    if (x < 0) {
      const node = ~x;
      const f = t.feature[node];
      if (--onPath[f] === 0) distinct--;
      leaveEdge(node);
      continue;
    }
    const p = parent[x];
    if (p >= 0) {
      const fp = t.feature[p];
      savedChild[x] = lastChild[fp];
      lastChild[fp] = x;
    }
    const f = t.feature[x];
    if (f < 0) {
      if (distinct > most) most = distinct;
      leaveEdge(x);
      continue;
    }
    if (onPath[f] > 0) {
      flags[x] |= REPEAT_ABOVE;
      const y = lastChild[f];
      const a = parent[y];
      flags[a] |= y === t.left[a] ? REPEAT_LEFT : REPEAT_RIGHT;
    } else distinct++;
    onPath[f]++;
    parent[t.left[x]] = x;
    parent[t.right[x]] = x;
    stack.push(~x, t.right[x], t.left[x]);
  }
  return { flags, distinct: most };
}
