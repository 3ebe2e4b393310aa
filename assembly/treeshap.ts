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
// host: leaf outputs (shifted so the commonest is 0 where counts add up; internal nodes: 0 when
// nothing below is non-zero, and such subtrees are skipped), each node's share of its parent's background, and
// whether a node's feature is also split on above or below it (else the `acc` work is skipped).
//
// Rows go through a tree in batches of up to BATCH: the walk, the node data and the zero fractions
// are the same for every row, so each node's factor ratios and edge weights (the divisions) are
// worked out once per batch; per row only the one fractions (0 or 1) choose among them, without
// branches. A row's values never depend on the other rows of its batch.
import { MISSING } from './state';
import { gaussLegendre01, MAX_QUADRATURE } from './shap-quadrature';

/** Flags per node: its feature is also split on by an ancestor / in the left / in the right subtree. */
const REPEAT_ABOVE: u8 = 1;
const REPEAT_LEFT: u8 = 2;
const REPEAT_RIGHT: u8 = 4;

/** Rows per walk of a tree. */
const BATCH: i32 = 64;

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
let firstRow: i32 = 0; // matrix row of the batch's row 0
let nb: i32 = 0; // rows in the current batch
let malformed: bool = false;

// Quadrature (q nodes, padded to an even count) and workspace, laid out by layoutWork.
let Q: i32 = 0;
let QB: usize = 0; // padded q × 8 bytes: one Q-vector
let RB: usize = 0; // BATCH Q-vectors
let gT: usize = 0;
let gW: usize = 0;
let gOneMinusT: usize = 0;
let gWOverOneMinusT: usize = 0; // stored negated: the edge weight of a cold child
let levels: usize = 0;
let levelBytes: usize = 0;
let acc: usize = 0; // per feature: BATCH Q-vectors
let zeroNow: usize = 0; // per feature: current zero fraction (1 while unused), the same for every row
let oneNow: usize = 0; // per feature × BATCH: current one fraction, 0 or 1 (1 while unused)
let phiTree: usize = 0; // BATCH × features: this tree's φ per row

// A level of the walk (one per depth): per row P, S and saved acc; per row the side taken here and
// the one fraction of this node's feature before the split; the child in hand's ratios and weights.
const L_P: usize = 0;
@inline function lS(): usize { return RB; }
@inline function lSaved(): usize { return 2 * RB; }
@inline function lRatio(): usize { return 3 * RB; } // 3 Q-vectors: row off f already, on f and following, on f and leaving
@inline function lEdge(): usize { return 3 * RB + 3 * QB; } // 3 Q-vectors, as the ratios
@inline function lHot(): usize { return 3 * RB + 6 * QB; } // BATCH bytes
@inline function lOneOld(): usize { return 3 * RB + 6 * QB + <usize>BATCH; } // BATCH bytes

@inline function at(p: usize, q: i32): usize { return p + (<usize>q << 3); }
@inline function level(d: i32): usize { return levels + <usize>d * levelBytes; }
@inline function rowVec(base: usize, r: i32): usize { return base + <usize>r * QB; }

/** Nodes rounded up to an even count (two per SIMD step), times 8 bytes. */
@inline function paddedBytes(q: i32): usize { return <usize>((q + 1) & ~1) << 3; }

/** Bytes of one level, rounded up to keep the next level's vectors 16-byte aligned. */
@inline function levelSize(qb: usize): usize { return (3 * <usize>BATCH * qb + 6 * qb + 2 * <usize>BATCH + 15) & ~(<usize>15); }

/** Bytes of workspace treeShapRows needs for `q` nodes, paths up to maxDepth and nFeat features. */
export function treeShapWorkBytes(q: i32, maxDepth: i32, nFeat: i32): usize {
  const qb = paddedBytes(q);
  const F = <usize>nFeat;
  return 4 * qb + <usize>(maxDepth + 2) * levelSize(qb) + F * <usize>BATCH * qb + (F << 3) + F * <usize>BATCH + <usize>BATCH * (F << 3) + 16;
}

function layoutWork(work: usize, q: i32, maxDepth: i32, nFeat: i32): void {
  QB = paddedBytes(q);
  RB = <usize>BATCH * QB;
  gT = work;
  gW = gT + QB;
  gOneMinusT = gW + QB;
  gWOverOneMinusT = gOneMinusT + QB;
  if (Q != q || load<f64>(gW) == 0) {
    gaussLegendre01(q, gT, QB);
    for (let i = 0; i < q; i++) store<f64>(at(gWOverOneMinusT, i), -load<f64>(at(gWOverOneMinusT, i)));
    if ((q & 1) != 0) {
      // the padding node: weight 0 (adds nothing), t = 1/2 (keeps every factor positive)
      store<f64>(at(gT, q), 0.5);
      store<f64>(at(gOneMinusT, q), 0.5);
      store<f64>(at(gW, q), 0);
      store<f64>(at(gWOverOneMinusT, q), 0);
    }
  }
  Q = q;
  levels = gWOverOneMinusT + QB;
  levelBytes = levelSize(QB);
  const F = <usize>nFeat;
  acc = levels + <usize>(maxDepth + 2) * levelBytes;
  zeroNow = acc + F * RB;
  phiTree = zeroNow + (F << 3);
  oneNow = phiTree + <usize>BATCH * (F << 3);
}

/** The engine's routing rule (as in predict.ts): does matrix row `row` go left at `node`? */
@inline function goesLeft(node: i32, f: i32, row: i32, isCat: bool, s: i32, missingLeft: bool): bool {
  const b = <i32>load<u8>(mBins + <usize>f * <usize>mRows + <usize>row);
  if (isCat) {
    const word = load<u32>(tMasks + (<usize>(s + (b >> 5)) << 2));
    return ((word >> (<u32>b & 31)) & 1) != 0;
  }
  return select<bool>(missingLeft, b <= s, b == MISSING);
}

/**
 * For the child with share `share` of a node split on a feature with zero fraction zOld: the ratio
 * f_new/f_old of the feature's factor for a row already off this feature's splits (the share), for
 * a row on them that follows the child (hot) or not (cold); and the weight of the edge's share of
 * φ for each: a hot row's is (1 − z) w_q / (z(1−t_q) + t_q), a cold row's −w_q/(1−t_q) (the z in
 * (0 − z)/(z(1−t)) cancels). For a leaf child the weights come multiplied by the ratios, so a row's
 * edge share is one dot product with its P.
 */
function childFactors(L: usize, zOld: f64, share: f64, leaf: bool, needOff: bool, needHot: bool, needCold: bool): void {
  const zNew = zOld * share;
  const ratio = L + lRatio();
  const edge = L + lEdge();
  const sh = f64x2.splat(share);
  const zo = f64x2.splat(zOld);
  const zn = f64x2.splat(zNew);
  const k = f64x2.splat(1 - zNew);
  // Only the cases some row of the batch is in (a lone row needs one of the three).
  if (needOff) {
    for (let o: usize = 0; o < QB; o += 16) {
      const eCold = v128.load(gWOverOneMinusT + o);
      v128.store(ratio + o, sh);
      v128.store(edge + o, leaf ? f64x2.mul(eCold, sh) : eCold);
    }
  }
  if (needHot) {
    for (let o: usize = 0; o < QB; o += 16) {
      const u = v128.load(gOneMinusT + o);
      const t = v128.load(gT + o);
      const hotNew = f64x2.add(f64x2.mul(zn, u), t);
      const rHot = f64x2.div(hotNew, f64x2.add(f64x2.mul(zo, u), t));
      const eHot = f64x2.div(f64x2.mul(k, v128.load(gW + o)), hotNew);
      v128.store(ratio + QB + o, rHot);
      v128.store(edge + QB + o, leaf ? f64x2.mul(eHot, rHot) : eHot);
    }
  }
  if (needCold) {
    for (let o: usize = 0; o < QB; o += 16) {
      const u = v128.load(gOneMinusT + o);
      const rCold = f64x2.div(f64x2.mul(zn, u), f64x2.add(f64x2.mul(zo, u), v128.load(gT + o)));
      const eCold = v128.load(gWOverOneMinusT + o);
      v128.store(ratio + 2 * QB + o, rCold);
      v128.store(edge + 2 * QB + o, leaf ? f64x2.mul(eCold, rCold) : eCold);
    }
  }
}

/** Level d holds each row's P for this node; fills level d's S (Σ v·P over the leaves below; 0 if none). */
function visit(node: i32, d: i32, budget: i32): void {
  const L = level(d);
  const P = L + L_P;
  const S = L + lS();
  const saved = L + lSaved();
  const f = load<i32>(tFeature + (<usize>node << 2));
  if (f < 0) {
    const v = f64x2.splat(load<f64>(at(tOut, node)));
    for (let o: usize = 0; o < <usize>nb * QB; o += 16) v128.store(S + o, f64x2.mul(v128.load(P + o), v));
    return;
  }
  const left = load<i32>(tLeft + (<usize>node << 2));
  const right = load<i32>(tRight + (<usize>node << 2));
  if (budget <= 0 || f >= nFeatures || left <= node || right <= node || left >= tNodes || right >= tNodes) {
    malformed = true;
    return;
  }
  // Each row's side (1 = left) and its one fraction for f before this split.
  const hot = L + lHot();
  const oneOld = L + lOneOld();
  const ones = oneNow + <usize>f * <usize>BATCH;
  const isCat = load<u8>(mIsCat + <usize>f) != 0;
  const s = load<i32>(tSplit + (<usize>node << 2));
  const ml = load<u8>(tMissingLeft + <usize>node) != 0;
  // which cases occur in the batch: some row off f already / on f going left / on f going right
  let cases: u32 = 0;
  for (let r = 0; r < nb; r++) {
    const h: u32 = goesLeft(node, f, firstRow + r, isCat, s, ml) ? 1 : 0;
    const o1 = <u32>load<u8>(ones + <usize>r);
    store<u8>(hot + <usize>r, <u8>h);
    store<u8>(oneOld + <usize>r, <u8>o1);
    cases |= select<u32>(2 << (1 - h), 1, o1 != 0); // 1: off f, 2: on f and left, 4: on f and right
  }
  const flags = load<u8>(tFlags + <usize>node);
  const zOld = load<f64>(at(zeroNow, f));
  const A = acc + <usize>f * RB;
  const above = (flags & REPEAT_ABOVE) != 0;
  const keep = above && (flags & (REPEAT_LEFT | REPEAT_RIGHT)) != 0;
  const span = <usize>nb * QB;
  if (keep) for (let o: usize = 0; o < span; o += 16) v128.store(saved + o, v128.load(A + o));
  const L2 = level(d + 1);
  const P2 = L2 + L_P;
  const S2 = L2 + lS();
  const ratio = L + lRatio();
  const edge = L + lEdge();
  const phiF = at(phiTree, f);
  const phiStride = <usize>nFeatures << 3;
  // S is written by the first child that adds anything and added to by the second (no clearing pass)
  let first = true;
  for (let side = 0; side < 2; side++) {
    const c = side == 0 ? left : right;
    const v = load<f64>(at(tOut, c));
    if (v == 0) continue;
    const share = load<f64>(at(tShare, c));
    const isLeaf = load<i32>(tFeature + (<usize>c << 2)) < 0;
    const onSide: u32 = side == 0 ? 2 : 4; // bit of the rows on f that follow this child
    const onOther: u32 = side == 0 ? 4 : 2;
    childFactors(L, zOld, share, isLeaf, (cases & 1) != 0, (cases & onSide) != 0, (cases & onOther) != 0);
    const follow: u8 = side == 0 ? 1 : 0;
    if (isLeaf) {
      // S += v·P·ratio and φ_f += v·(P · weight·ratio), in one pass over P
      const vv = f64x2.splat(v);
      for (let r = 0; r < nb; r++) {
        const o1 = <u32>load<u8>(oneOld + <usize>r);
        const o2 = o1 & <u32>(load<u8>(hot + <usize>r) == follow);
        // 0: off f already (share); 1: on f and following; 2: on f, leaving it here
        const which = <usize>select<u32>(2 - o2, 0, o1 != 0) * QB;
        const k = ratio + which;
        const w = edge + which;
        const p = rowVec(P, r);
        const sr = rowVec(S, r);
        let sum = f64x2.splat(0);
        // Two copies on purpose: the first child writes S without reading it back (7 % on a 100k-row
        // forest); an @inline helper with `first` as a constant argument measured slower.
        if (first) {
          for (let o: usize = 0; o < QB; o += 16) {
            const x = v128.load(p + o);
            v128.store(sr + o, f64x2.mul(f64x2.mul(x, v128.load(k + o)), vv));
            sum = f64x2.add(sum, f64x2.mul(x, v128.load(w + o)));
          }
        } else {
          for (let o: usize = 0; o < QB; o += 16) {
            const x = v128.load(p + o);
            v128.store(sr + o, f64x2.add(v128.load(sr + o), f64x2.mul(f64x2.mul(x, v128.load(k + o)), vv)));
            sum = f64x2.add(sum, f64x2.mul(x, v128.load(w + o)));
          }
        }
        const ph = phiF + <usize>r * phiStride;
        store<f64>(ph, load<f64>(ph) + v * (f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1)));
      }
      first = false;
      continue;
    }
    const inner = (flags & (side == 0 ? REPEAT_LEFT : REPEAT_RIGHT)) != 0;
    for (let r = 0; r < nb; r++) {
      const o1 = <u32>load<u8>(oneOld + <usize>r);
      const o2 = o1 & <u32>(load<u8>(hot + <usize>r) == follow);
      const k = ratio + <usize>select<u32>(2 - o2, 0, o1 != 0) * QB;
      const p = rowVec(P, r);
      const q = rowVec(P2, r);
      for (let o: usize = 0; o < QB; o += 16) v128.store(q + o, f64x2.mul(v128.load(p + o), v128.load(k + o)));
      store<u8>(ones + <usize>r, <u8>o2);
    }
    if (inner) for (let o: usize = 0; o < span; o += 16) v128.store(A + o, f64x2.splat(0));
    store<f64>(at(zeroNow, f), zOld * share);
    visit(c, d + 1, budget - 1);
    if (malformed) return;
    // φ_f per row from this edge (its leaves: S2 less the later splits on f), and S += S2
    for (let r = 0; r < nb; r++) {
      const o1 = <u32>load<u8>(oneOld + <usize>r);
      const o2 = o1 & <u32>(load<u8>(hot + <usize>r) == follow);
      const w = edge + <usize>select<u32>(2 - o2, 0, o1 != 0) * QB;
      const s2 = rowVec(S2, r);
      const sr = rowVec(S, r);
      let sum = f64x2.splat(0);
      if (inner) {
        const a = rowVec(A, r);
        for (let o: usize = 0; o < QB; o += 16) {
          const x = v128.load(s2 + o);
          v128.store(sr + o, first ? x : f64x2.add(v128.load(sr + o), x));
          sum = f64x2.add(sum, f64x2.mul(v128.load(w + o), f64x2.sub(x, v128.load(a + o))));
        }
      } else if (first) {
        for (let o: usize = 0; o < QB; o += 16) {
          const x = v128.load(s2 + o);
          v128.store(sr + o, x);
          sum = f64x2.add(sum, f64x2.mul(v128.load(w + o), x));
        }
      } else {
        for (let o: usize = 0; o < QB; o += 16) {
          const x = v128.load(s2 + o);
          v128.store(sr + o, f64x2.add(v128.load(sr + o), x));
          sum = f64x2.add(sum, f64x2.mul(v128.load(w + o), x));
        }
      }
      const ph = phiF + <usize>r * phiStride;
      store<f64>(ph, load<f64>(ph) + (f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1)));
    }
    first = false;
  }
  if (first) for (let o: usize = 0; o < span; o += 16) v128.store(S + o, f64x2.splat(0));
  store<f64>(at(zeroNow, f), zOld);
  for (let r = 0; r < nb; r++) store<u8>(ones + <usize>r, load<u8>(oneOld + <usize>r));
  if (above) {
    // this node is a first split on f below the enclosing split on f: its leaves are not the enclosing edge's
    const from = keep ? saved : A;
    for (let o: usize = 0; o < span; o += 16) v128.store(A + o, f64x2.add(v128.load(from + o), v128.load(S + o)));
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
  // A leaf at the root, or nothing non-zero anywhere: no feature changes the output.
  if (load<i32>(tFeature) < 0 || load<f64>(tOut) == 0) return 0;
  for (let i = 0; i < nFeat; i++) store<f64>(at(zeroNow, i), 1);
  memory.fill(oneNow, 1, <usize>nFeat * <usize>BATCH);
  const P0 = level(0);
  for (let o: usize = 0; o < RB; o += 8) store<f64>(P0 + o, 1);
  for (let start = rowStart; start < rowEnd; start += BATCH) {
    firstRow = start;
    nb = min(BATCH, rowEnd - start);
    memory.fill(phiTree, 0, <usize>nb * (<usize>nFeat << 3));
    visit(0, 0, maxDepth + 1);
    if (malformed) return -1;
    for (let r = 0; r < nb; r++) {
      const row = phi + <usize>(start + r - rowStart) * <usize>rowStride * 8;
      const mine = phiTree + <usize>r * (<usize>nFeat << 3);
      for (let i = 0; i < nFeat; i++) store<f64>(at(row, i), load<f64>(at(row, i)) + load<f64>(at(mine, i)));
    }
  }
  return 0;
}
