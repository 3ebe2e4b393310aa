// Exact TreeSHAP (path-dependent, as Lundberg, Erion & Lee 2018), for one tree over a range of rows
// of a binned matrix, in O(nodes × q) per row instead of Algorithm 2's O(leaves × depth²).
//
// For a leaf ℓ with output v and the distinct features m on its path, each with a zero fraction z_m
// (share of the background reaching ℓ through m's splits) and a one fraction o_m ∈ {0, 1} (does the
// row follow m's splits), the leaf adds to feature i
//   v · (o_i − z_i) · Σ_S |S|!(k−|S|−1)!/k! Π_{m∈S} o_m Π_{m∉S, m≠i} z_m
//   = v · (o_i − z_i) · ∫₀¹ Π_{m≠i} f_m(t) dt,   f_m(t) = z_m(1 − t) + o_m t,
// since |S|!(k−|S|−1)!/k! = ∫₀¹ t^|S| (1−t)^(k−|S|−1) dt. The integrand is a polynomial of degree
// k − 1, so q = ⌈K/2⌉ Gauss–Legendre nodes (K = most distinct features on any path of the tree)
// integrate it exactly. Every factor f_m(t) is positive at the nodes, so the products lose no
// precision (no cancelling terms, no polynomial coefficients as in Linear TreeShap).
//
// The walk keeps, per node, P(t) = Π_m f_m(t) over the path's features at the q nodes (top down),
// and returns S(t) = Σ v·P over the leaves below (bottom up). A split on feature i fixes f_i for
// every leaf below it until the next split on i, so the sum over those leaves is
// S_child − Σ S of the first splits on i further down (kept per feature in `acc`), and φ_i gets
// (o_i − z_i) · Σ_q w_q (that sum)(t_q) / f_i(t_q) at the edge. Row-independent facts come from the
// host: leaf outputs shifted so the commonest is 0 (internal nodes: 0 when nothing below is
// non-zero, and such subtrees are skipped), each node's share of its parent's background, and
// whether a node's feature is also split on above or below it (else the `acc` work is skipped).
import { MISSING } from './state';
import { gaussLegendre01, MAX_QUADRATURE } from './shap-quadrature';

/** Flags per node: its feature is also split on by an ancestor / in the left / in the right subtree. */
const REPEAT_ABOVE: u8 = 1;
const REPEAT_LEFT: u8 = 2;
const REPEAT_RIGHT: u8 = 4;

// The tree and matrix being explained (set by treeShapRows, read by the walk).
let tFeature: usize = 0;
let tSplit: usize = 0;
let tLeft: usize = 0;
let tRight: usize = 0;
let tMissingLeft: usize = 0;
let tOut: usize = 0; // f64 per node
let tShare: usize = 0; // f64 per node: its background count / its parent's (root: 1)
let tFlags: usize = 0; // u8 per node
let tMasks: usize = 0;
let tNodes: i32 = 0;
let mBins: usize = 0;
let mRows: i32 = 0;
let mIsCat: usize = 0;
let nFeatures: i32 = 0;
let curRow: i32 = 0;
let malformed: bool = false;

// Quadrature (q nodes) and workspace, laid out by layoutWork.
let Q: i32 = 0;
let QB: usize = 0; // q × 8 bytes
let gT: usize = 0;
let gW: usize = 0;
let gOneMinusT: usize = 0;
let gWOverOneMinusT: usize = 0;
let levels: usize = 0; // per depth: P, S, saved acc (3 × QB)
let acc: usize = 0; // per feature: QB
let zeroNow: usize = 0; // per feature: current zero fraction (1 while unused)
let oneNow: usize = 0; // per feature: current one fraction (1 while unused)
let phiTree: usize = 0; // per feature: this tree's φ for the current row

@inline function at(p: usize, q: i32): usize { return p + (<usize>q << 3); }
@inline function level(d: i32): usize { return levels + <usize>d * 3 * QB; }

/** Bytes of workspace treeShapRows needs for `q` nodes, paths up to maxDepth and nFeat features. */
export function treeShapWorkBytes(q: i32, maxDepth: i32, nFeat: i32): usize {
  const qb = <usize>q << 3;
  return 4 * qb + <usize>(maxDepth + 2) * 3 * qb + <usize>nFeat * qb + 3 * (<usize>nFeat << 3);
}

function layoutWork(work: usize, q: i32, maxDepth: i32, nFeat: i32): void {
  QB = <usize>q << 3;
  gT = work;
  gW = gT + QB;
  gOneMinusT = gW + QB;
  gWOverOneMinusT = gOneMinusT + QB;
  if (Q != q || load<f64>(gW) == 0) gaussLegendre01(q, gT);
  Q = q;
  levels = gWOverOneMinusT + QB;
  acc = levels + <usize>(maxDepth + 2) * 3 * QB;
  zeroNow = acc + <usize>nFeat * QB;
  oneNow = zeroNow + (<usize>nFeat << 3);
  phiTree = oneNow + (<usize>nFeat << 3);
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
 * dst = scale · P · f_new / f_old at every node, for the factor of the feature split on: the old
 * factor z_old(1−t) + o_old t is replaced by z_new(1−t) + o_new t (one fractions are 0 or 1).
 */
function childProduct(P: usize, dst: usize, zOld: f64, oOld: f64, zNew: f64, oNew: f64, share: f64, scale: f64): void {
  if (oOld == 0) {
    // both factors z(1−t): their ratio is the child's share of the background
    const k = share * scale;
    for (let q = 0; q < Q; q++) store<f64>(at(dst, q), load<f64>(at(P, q)) * k);
  } else if (zOld == 1) {
    // the old factor is 1 (feature not on the path yet, or nothing filtered so far)
    if (oNew != 0) {
      for (let q = 0; q < Q; q++) store<f64>(at(dst, q), load<f64>(at(P, q)) * scale * (zNew * load<f64>(at(gOneMinusT, q)) + load<f64>(at(gT, q))));
    } else {
      const k = zNew * scale;
      for (let q = 0; q < Q; q++) store<f64>(at(dst, q), load<f64>(at(P, q)) * k * load<f64>(at(gOneMinusT, q)));
    }
  } else if (oNew != 0) {
    for (let q = 0; q < Q; q++) {
      const u = load<f64>(at(gOneMinusT, q));
      const t = load<f64>(at(gT, q));
      store<f64>(at(dst, q), (load<f64>(at(P, q)) * scale * (zNew * u + t)) / (zOld * u + t));
    }
  } else {
    const k = zNew * scale;
    for (let q = 0; q < Q; q++) {
      const u = load<f64>(at(gOneMinusT, q));
      store<f64>(at(dst, q), (load<f64>(at(P, q)) * k * u) / (zOld * u + load<f64>(at(gT, q))));
    }
  }
}

/**
 * (o − z) · ∫ H(t)/f(t) dt for H = S − A (A = 0 when `inner` is false) and f = z(1−t) + o t.
 * With o = 0 the z cancels: −Σ w_q/(1−t_q) · H_q.
 */
function edgeShare(S: usize, A: usize, inner: bool, z: f64, o: f64): f64 {
  let s: f64 = 0;
  if (o == 0) {
    if (inner) for (let q = 0; q < Q; q++) s += load<f64>(at(gWOverOneMinusT, q)) * (load<f64>(at(S, q)) - load<f64>(at(A, q)));
    else for (let q = 0; q < Q; q++) s += load<f64>(at(gWOverOneMinusT, q)) * load<f64>(at(S, q));
    return -s;
  }
  if (inner) {
    for (let q = 0; q < Q; q++) {
      s += (load<f64>(at(gW, q)) * (load<f64>(at(S, q)) - load<f64>(at(A, q)))) / (z * load<f64>(at(gOneMinusT, q)) + load<f64>(at(gT, q)));
    }
  } else {
    for (let q = 0; q < Q; q++) {
      s += (load<f64>(at(gW, q)) * load<f64>(at(S, q))) / (z * load<f64>(at(gOneMinusT, q)) + load<f64>(at(gT, q)));
    }
  }
  return (1 - z) * s;
}

/** Level d holds this node's P; fills level d's S (Σ v·P over the leaves below; 0 if none). */
function visit(node: i32, d: i32, budget: i32): void {
  const P = level(d);
  const S = P + QB;
  const saved = S + QB;
  const f = load<i32>(tFeature + (<usize>node << 2));
  if (f < 0) {
    const v = load<f64>(at(tOut, node));
    for (let q = 0; q < Q; q++) store<f64>(at(S, q), load<f64>(at(P, q)) * v);
    return;
  }
  const left = load<i32>(tLeft + (<usize>node << 2));
  const right = load<i32>(tRight + (<usize>node << 2));
  if (budget <= 0 || f >= nFeatures || left <= node || right <= node || left >= tNodes || right >= tNodes) {
    malformed = true;
    return;
  }
  const hot = goesLeft(node, f) ? left : right;
  const flags = load<u8>(tFlags + <usize>node);
  const zOld = load<f64>(at(zeroNow, f));
  const oOld = load<f64>(at(oneNow, f));
  const A = acc + <usize>f * QB;
  const above = (flags & REPEAT_ABOVE) != 0;
  const keep = above && (flags & (REPEAT_LEFT | REPEAT_RIGHT)) != 0;
  if (keep) memory.copy(saved, A, QB);
  const P2 = level(d + 1);
  const S2 = P2 + QB;
  let any = false;
  for (let side = 0; side < 2; side++) {
    const c = side == 0 ? left : right;
    const v = load<f64>(at(tOut, c));
    if (v == 0) continue;
    const share = load<f64>(at(tShare, c));
    const zNew = zOld * share;
    const oNew = c == hot ? oOld : 0;
    if (zNew == 0 && oNew == 0) continue; // f(t) = 0: nothing below adds anything
    const inner = (flags & (side == 0 ? REPEAT_LEFT : REPEAT_RIGHT)) != 0;
    if (load<i32>(tFeature + (<usize>c << 2)) < 0) {
      childProduct(P, S2, zOld, oOld, zNew, oNew, share, v);
    } else {
      childProduct(P, P2, zOld, oOld, zNew, oNew, share, 1);
      if (inner) memory.fill(A, 0, QB);
      store<f64>(at(zeroNow, f), zNew);
      store<f64>(at(oneNow, f), oNew);
      visit(c, d + 1, budget - 1);
      if (malformed) return;
    }
    if (oNew != zNew) {
      const q = at(phiTree, f);
      store<f64>(q, load<f64>(q) + edgeShare(S2, A, inner, zNew, oNew));
    }
    if (any) for (let q = 0; q < Q; q++) store<f64>(at(S, q), load<f64>(at(S, q)) + load<f64>(at(S2, q)));
    else memory.copy(S, S2, QB);
    any = true;
  }
  store<f64>(at(zeroNow, f), zOld);
  store<f64>(at(oneNow, f), oOld);
  if (!any) memory.fill(S, 0, QB);
  if (above) {
    // this node is a first split on f below the enclosing split on f: its leaves are not the enclosing edge's
    if (keep) for (let q = 0; q < Q; q++) store<f64>(at(A, q), load<f64>(at(saved, q)) + load<f64>(at(S, q)));
    else for (let q = 0; q < Q; q++) store<f64>(at(A, q), load<f64>(at(A, q)) + load<f64>(at(S, q)));
  }
}

/**
 * Add one tree's SHAP values for rows [rowStart, rowEnd) of the matrix (bins column-major, `rows`
 * rows, nFeat features): row r's values go to phi + (r − rowStart)·rowStride f64s, one per feature.
 * Each row's values for this tree are summed apart and then added, so a caller that keeps every
 * tree's values apart (rowStride = trees × nFeat, zeroed phi) and adds them in tree order gets
 * exactly what one call per tree into the same phi gives.
 * `out`: each leaf's output and, for each internal node, any non-zero number if some leaf below it
 * has a non-zero output, else 0. `share`: count[node]/count[parent], 0 when the parent's count is 0.
 * `flags`: REPEAT_* per node. `q` = ⌈K/2⌉ for the most distinct features K on a path (≥ 1);
 * `work` holds treeShapWorkBytes(q, maxDepth, nFeat), maxDepth ≥ the tree's depth.
 * Returns 0, or -1 when the tree is malformed (bad child index, deeper than maxDepth) or q is out of range.
 */
export function treeShapRows(
  feature: usize, split: usize, left: usize, right: usize, missingLeft: usize, out: usize, share: usize, flags: usize,
  masks: usize, nNodes: i32,
  bins: usize, rows: i32, nFeat: i32, isCat: usize,
  rowStart: i32, rowEnd: i32, phi: usize, rowStride: i32, work: usize, maxDepth: i32, q: i32,
): i32 {
  if (q < 1 || q > MAX_QUADRATURE || nNodes < 1) return -1;
  tFeature = feature; tSplit = split; tLeft = left; tRight = right; tMissingLeft = missingLeft;
  tOut = out; tShare = share; tFlags = flags; tMasks = masks; tNodes = nNodes;
  mBins = bins; mRows = rows; mIsCat = isCat; nFeatures = nFeat;
  malformed = false;
  layoutWork(work, q, maxDepth, nFeat);
  for (let i = 0; i < nFeat; i++) {
    store<f64>(at(zeroNow, i), 1);
    store<f64>(at(oneNow, i), 1);
  }
  const P0 = level(0);
  for (let i = 0; i < Q; i++) store<f64>(at(P0, i), 1);
  // A leaf at the root, or nothing non-zero anywhere: no feature changes the output.
  if (load<i32>(tFeature) < 0 || load<f64>(tOut) == 0) return 0;
  for (let r = rowStart; r < rowEnd; r++) {
    curRow = r;
    memory.fill(phiTree, 0, <usize>nFeat << 3);
    visit(0, 0, maxDepth + 1);
    if (malformed) return -1;
    const row = phi + <usize>(r - rowStart) * <usize>rowStride * 8;
    for (let i = 0; i < nFeat; i++) store<f64>(at(row, i), load<f64>(at(row, i)) + load<f64>(at(phiTree, i)));
  }
  return 0;
}
