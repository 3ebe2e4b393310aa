// Profile of a numeric (or date) column: summary statistics, a ≤ 20-bin histogram with churn
// rates, and information gain / AUC on the target. Values are sorted once per class
// (churners, stayers, unlabelled) and merged, which gives median, distinct count, quantile
// bin edges and the Mann–Whitney AUC without sorting row indices.
import type { NumericColumn } from '../table/types.ts';
import { informationGain, sortedAuc } from './entropy.ts';
import { sortFloat64 } from '../util/sort-float64.ts';
import type { ColumnProfile, GroupStats, HistogramBin } from './types.ts';

const HISTOGRAM_BINS = 20;
const GAIN_BINS = 10;

function merge(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Float64Array(a.length + b.length);
  let i = 0, j = 0, o = 0;
  while (i < a.length && j < b.length) out[o++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[o++] = a[i++];
  while (j < b.length) out[o++] = b[j++];
  return out;
}

export function profileNumeric(col: NumericColumn, y: Uint8Array | null): Omit<ColumnProfile, 'flags'> & { flagsInput: { distinct: number; missing: number } } {
  const v = col.values;
  const n = v.length;
  let missing = 0;
  let nPos = 0;
  let nNeg = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) { missing++; continue; }
    sum += x;
    if (y) { if (y[i] === 1) nPos++; else if (y[i] === 0) nNeg++; }
  }
  const present = n - missing;
  const pos = new Float64Array(y ? nPos : 0);
  const neg = new Float64Array(y ? nNeg : 0);
  const rest = new Float64Array(present - pos.length - neg.length);
  let ip = 0, ineg = 0, ir = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) continue;
    const c = y ? y[i] : 255;
    if (c === 1) pos[ip++] = x;
    else if (c === 0) neg[ineg++] = x;
    else rest[ir++] = x;
  }
  sortFloat64(pos);
  sortFloat64(neg);
  sortFloat64(rest);
  const sorted = merge(merge(pos, neg), rest);
  let distinct = present > 0 ? 1 : 0;
  for (let i = 1; i < present; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const base = {
    name: col.name,
    kind: 'numeric' as const,
    semantic: col.semantic,
    rows: n,
    missing,
    distinct,
    flagsInput: { distinct, missing },
  };
  if (present === 0) return base;
  const min = sorted[0];
  const max = sorted[present - 1];
  const median = present % 2 ? sorted[(present - 1) >> 1] : (sorted[present / 2 - 1] + sorted[present / 2]) / 2;
  const histogram = buildHistogram(v, y, sorted, distinct, min, max);
  const out: Omit<ColumnProfile, 'flags'> & { flagsInput: { distinct: number; missing: number } } = {
    ...base, min, max, mean: sum / present, median, histogram,
  };
  if (y) {
    out.missingGroup = missingGroup(v, y);
    const edges = quantileEdges(sorted, distinct);
    const gp = new Float64Array(edges.length + 2);
    const gl = new Float64Array(edges.length + 2);
    const missingBin = edges.length + 1;
    for (let i = 0; i < n; i++) {
      const c = y[i];
      if (c === 255) continue;
      const x = v[i];
      const b = x !== x ? missingBin : upperBin(edges, x);
      gl[b]++;
      gp[b] += c;
    }
    out.informationGain = informationGain(gp, gl);
    const auc = sortedAuc(pos, neg);
    out.auc = Math.max(auc, 1 - auc);
  }
  return out;
}

/** Number of edges below x, i.e. bin b holds edges[b-1] < x ≤ edges[b]. */
function upperBin(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Upper edges of ≤ 10 quantile bins (distinct values when there are at most 10). */
function quantileEdges(sorted: Float64Array, distinct: number): Float64Array {
  const n = sorted.length;
  const edges: number[] = [];
  if (distinct <= GAIN_BINS) {
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) edges.push(sorted[i]);
    edges.pop(); // the largest value falls in the last bin
    return Float64Array.from(edges);
  }
  for (let k = 1; k < GAIN_BINS; k++) {
    const e = sorted[Math.min(n - 1, Math.floor((k * n) / GAIN_BINS) - 1)];
    if (e < sorted[n - 1] && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
  }
  return Float64Array.from(edges);
}

function missingGroup(v: Float64Array, y: Uint8Array): GroupStats {
  let count = 0, positives = 0, labelled = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === v[i]) continue;
    count++;
    if (y[i] !== 255) { labelled++; positives += y[i]; }
  }
  return { count, positives, labelled, churnRate: labelled ? positives / labelled : undefined };
}

function buildHistogram(v: Float64Array, y: Uint8Array | null, sorted: Float64Array, distinct: number, min: number, max: number): HistogramBin[] {
  let lo: Float64Array;
  let hi: Float64Array;
  let binOf: (x: number) => number;
  if (distinct <= HISTOGRAM_BINS) {
    const vals: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) vals.push(sorted[i]);
    lo = Float64Array.from(vals);
    hi = lo;
    binOf = (x) => {
      let a = 0, b = vals.length - 1;
      while (a < b) { const m = (a + b) >> 1; if (vals[m] < x) a = m + 1; else b = m; }
      return a;
    };
  } else {
    const width = (max - min) / HISTOGRAM_BINS;
    lo = new Float64Array(HISTOGRAM_BINS);
    hi = new Float64Array(HISTOGRAM_BINS);
    for (let b = 0; b < HISTOGRAM_BINS; b++) { lo[b] = min + b * width; hi[b] = b === HISTOGRAM_BINS - 1 ? max : min + (b + 1) * width; }
    binOf = (x) => Math.min(HISTOGRAM_BINS - 1, Math.floor((x - min) / width));
  }
  const bins = lo.length;
  const count = new Float64Array(bins);
  const pos = new Float64Array(bins);
  const lab = new Float64Array(bins);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) continue;
    const b = binOf(x);
    count[b]++;
    if (y && y[i] !== 255) { lab[b]++; pos[b] += y[i]; }
  }
  const out: HistogramBin[] = [];
  for (let b = 0; b < bins; b++) {
    const bin: HistogramBin = { lo: lo[b], hi: hi[b], count: count[b] };
    if (y) { bin.positives = pos[b]; bin.labelled = lab[b]; if (lab[b] > 0) bin.churnRate = pos[b] / lab[b]; }
    out.push(bin);
  }
  return out;
}
