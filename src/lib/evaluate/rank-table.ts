// The one sorted structure every ranking metric is read from: the distinct scores in
// decreasing order with the cumulative churners (tp) and stayers (fp) scoring at or above each.
// Built by sorting churner and stayer scores separately with the native typed-array sort
// (no comparator, no index array) and merging, so 1M rows sort in well under a second.
// Ties are one step: every row sharing a score is flagged or not flagged together, which is
// what makes ROC AUC count ties as 1/2 and average precision group ties (as scikit-learn does).

export interface RankTable {
  /** Distinct scores, strictly decreasing. */
  thresholds: Float64Array;
  /** tp[k] = churners with score >= thresholds[k]. */
  tp: Float64Array;
  /** fp[k] = stayers with score >= thresholds[k]. */
  fp: Float64Array;
  positives: number;
  negatives: number;
}

/** Scores of labelled rows, split by label and sorted ascending (unless `sort` is false). Rows whose label is not 0/1 or whose score is NaN are skipped. */
export function splitScores(labels: ArrayLike<number>, probs: ArrayLike<number>, sort = true): { pos: Float64Array; neg: Float64Array } {
  if (labels.length !== probs.length) throw new RangeError(`labels (${labels.length}) and probs (${probs.length}) differ in length`);
  let p = 0;
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    if (Number.isNaN(probs[i])) continue;
    if (labels[i] === 1) p++;
    else if (labels[i] === 0) n++;
  }
  const pos = new Float64Array(p);
  const neg = new Float64Array(n);
  p = 0;
  n = 0;
  for (let i = 0; i < labels.length; i++) {
    const s = probs[i];
    if (Number.isNaN(s)) continue;
    if (labels[i] === 1) pos[p++] = s;
    else if (labels[i] === 0) neg[n++] = s;
  }
  if (sort) {
    pos.sort();
    neg.sort();
  }
  return { pos, neg };
}

/**
 * The threshold with the best F1 (ties: the higher threshold), 0.5 when no threshold catches any
 * churner. The app starts the Results screen there and the CLI reports its metrics there unless
 * told otherwise: with rare churners, a fixed 0.5 often flags nobody.
 */
export function bestF1Threshold(rank: RankTable): number {
  const { tp, fp, thresholds, positives } = rank;
  let best = 0.5;
  let bestF1 = 0;
  for (let k = 0; k < tp.length; k++) {
    const f1 = (2 * tp[k]) / (tp[k] + fp[k] + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = thresholds[k];
    }
  }
  return best;
}

export function rankTable(labels: ArrayLike<number>, probs: ArrayLike<number>): RankTable {
  const { pos, neg } = splitScores(labels, probs);
  return mergeRanks(pos, neg);
}

/** Elements sorted (or merged) between two pauses: a few milliseconds of work. */
const RUN = 1 << 16;

/**
 * rankTable with turns for the event loop: the same table, built by sorting runs of 64k scores and
 * merging them with `pause()` between slices. A page that sorts the ~900k out-of-bag scores of a
 * million-row model in one piece freezes for a third of a second.
 */
export async function rankTablePaced(labels: ArrayLike<number>, probs: ArrayLike<number>, pause: () => Promise<void>): Promise<RankTable> {
  const { pos, neg } = splitScores(labels, probs, false);
  const sortedPos = await sortPaced(pos, pause);
  const sortedNeg = await sortPaced(neg, pause);
  await pause();
  return mergeRanks(sortedPos, sortedNeg);
}

/** Ascending sort in runs and merge passes; returns `a` or a new array holding the sorted values. */
async function sortPaced(a: Float64Array, pause: () => Promise<void>): Promise<Float64Array> {
  const n = a.length;
  for (let s = 0; s < n; s += RUN) {
    a.subarray(s, Math.min(n, s + RUN)).sort();
    await pause();
  }
  if (n <= RUN) return a;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  for (let w = RUN; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        const end = Math.min(hi, k + RUN);
        while (k < end) dst[k++] = j >= hi || (i < mid && src[i] <= src[j]) ? src[i++] : src[j++];
        await pause();
      }
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/** The rank table of churner and stayer scores, each sorted ascending. */
function mergeRanks(pos: Float64Array, neg: Float64Array): RankTable {
  const cap = pos.length + neg.length;
  const thresholds = new Float64Array(cap);
  const tp = new Float64Array(cap);
  const fp = new Float64Array(cap);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let k = 0;
  let ctp = 0;
  let cfp = 0;
  while (i >= 0 || j >= 0) {
    const a = i >= 0 ? pos[i] : -Infinity;
    const b = j >= 0 ? neg[j] : -Infinity;
    const t = a > b ? a : b;
    while (i >= 0 && pos[i] === t) { ctp++; i--; }
    while (j >= 0 && neg[j] === t) { cfp++; j--; }
    thresholds[k] = t;
    tp[k] = ctp;
    fp[k] = cfp;
    k++;
  }
  return {
    thresholds: thresholds.slice(0, k),
    tp: tp.slice(0, k),
    fp: fp.slice(0, k),
    positives: pos.length,
    negatives: neg.length,
  };
}

/**
 * Index of the last step whose threshold is >= t (so rows flagged at threshold t are exactly
 * the rows counted at that step), or -1 when no score reaches t. Binary search: O(log n).
 */
export function stepAt(rank: RankTable, t: number): number {
  const th = rank.thresholds;
  let lo = 0;
  let hi = th.length; // answer in [lo-1, hi-1]; invariant: th[i] >= t for i < lo, th[i] < t for i >= hi
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (th[mid] >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Expected churners among the top m rows when rows are taken in score order; a tie block cut by
 * m contributes its churners pro rata (the expectation over every order of the tied rows), so
 * results never depend on the input order of tied rows.
 */
export function positivesInTop(rank: RankTable, m: number): number {
  if (m <= 0) return 0;
  const { tp, fp } = rank;
  const steps = tp.length;
  if (steps === 0) return 0;
  if (m >= tp[steps - 1] + fp[steps - 1]) return tp[steps - 1];
  // first step whose cumulative row count reaches m
  let lo = 0;
  let hi = steps - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tp[mid] + fp[mid] >= m) hi = mid;
    else lo = mid + 1;
  }
  const prevRows = lo > 0 ? tp[lo - 1] + fp[lo - 1] : 0;
  const prevTp = lo > 0 ? tp[lo - 1] : 0;
  const blockRows = tp[lo] + fp[lo] - prevRows;
  return prevTp + ((tp[lo] - prevTp) * (m - prevRows)) / blockRows;
}
