// Which groups (region, plan, channel …) churn more than the rest, beyond chance?
// For each level of a categorical column we compare its churn rate with the churn rate of all other
// labelled rows, one-sided (is it higher?):
// - two-proportion z-test (pooled) when both groups are large: n·p̂ and n·(1−p̂) >= 10 in each;
// - otherwise an exact binomial test of the segment's churners against the rest's churn rate
//   (the rest is then by far the larger group, so its rate is nearly known).
// With many segments some look high by luck, so p-values are corrected across the tested segments
// with Benjamini–Hochberg (false discovery rate), and a segment is flagged when q <= alpha and its
// churn rate is above the rest's. Rows whose label is not 0/1 count in `rows`, mean risk and value at
// risk but not in the test. Missing cells form their own segment (level null).
import type { CategoricalColumn } from '../table/types.ts';
import { benjaminiHochberg, binomialUpperTail, normalUpperTail } from './significance.ts';

export interface SegmentStat {
  /** Category text, or null for missing cells. */
  level: string | null;
  rows: number;
  /** Rows with a known label (1/0). */
  n: number;
  churners: number;
  churnRate: number;
  /** Churn rate of all other labelled rows. */
  restRate: number;
  /** Mean predicted probability over rows with a probability (NaN if none). */
  meanProb: number;
  /** Σ prob: churners the model expects in this segment. */
  expectedChurners: number;
  /** Σ prob × value (NaN when no values were given). */
  valueAtRisk: number;
  test: 'z' | 'binomial' | 'none';
  /** One-sided p-value (NaN when not tested: no labelled rows in the segment or in the rest). */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value. */
  qValue: number;
  flagged: boolean;
}

export interface SegmentInput {
  column: CategoricalColumn;
  labels: ArrayLike<number>;
  probs: ArrayLike<number>;
  values?: ArrayLike<number>;
  /** False discovery rate (default 0.05). */
  alpha?: number;
}

export interface SegmentReport {
  column: string;
  alpha: number;
  overallRate: number;
  segments: SegmentStat[];
}

/** One-sided p-value that a segment's churn rate (x of n) exceeds the rest's (x2 of n2). */
export function segmentPValue(x: number, n: number, x2: number, n2: number): { test: 'z' | 'binomial' | 'none'; p: number } {
  if (n === 0 || n2 === 0) return { test: 'none', p: NaN };
  const pooled = (x + x2) / (n + n2);
  const large = Math.min(n, n2) * Math.min(pooled, 1 - pooled) >= 10;
  if (large) {
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / n2));
    return { test: 'z', p: normalUpperTail((x / n - x2 / n2) / se) };
  }
  return { test: 'binomial', p: binomialUpperTail(x, n, x2 / n2) };
}

export function segmentChurn(input: SegmentInput): SegmentReport {
  const { column, labels, probs, values } = input;
  const alpha = input.alpha ?? 0.05;
  const rowsN = column.codes.length;
  if (labels.length !== rowsN || probs.length !== rowsN || (values && values.length !== rowsN)) {
    throw new RangeError('column, labels, probs and values differ in length');
  }
  const L = column.levels.length + 1; // last slot = missing
  const rows = new Float64Array(L), n = new Float64Array(L), churners = new Float64Array(L);
  const probRows = new Float64Array(L), sumProb = new Float64Array(L), risk = new Float64Array(L);
  for (let i = 0; i < rowsN; i++) {
    const c = column.codes[i];
    const s = c < 0 ? L - 1 : c;
    rows[s]++;
    const y = labels[i];
    if (y === 0 || y === 1) {
      n[s]++;
      churners[s] += y;
    }
    const p = probs[i];
    if (!Number.isNaN(p)) {
      probRows[s]++;
      sumProb[s] += p;
      if (values && !Number.isNaN(values[i])) risk[s] += p * values[i];
    }
  }
  let totalN = 0, totalX = 0;
  for (let s = 0; s < L; s++) { totalN += n[s]; totalX += churners[s]; }

  const segments: SegmentStat[] = [];
  const pValues: number[] = [];
  for (let s = 0; s < L; s++) {
    if (rows[s] === 0) continue; // no missing cells: no "missing" segment
    const restN = totalN - n[s];
    const restX = totalX - churners[s];
    const t = segmentPValue(churners[s], n[s], restX, restN);
    pValues.push(t.p);
    segments.push({
      level: s === L - 1 ? null : column.levels[s],
      rows: rows[s],
      n: n[s],
      churners: churners[s],
      churnRate: n[s] ? churners[s] / n[s] : NaN,
      restRate: restN ? restX / restN : NaN,
      meanProb: probRows[s] ? sumProb[s] / probRows[s] : NaN,
      expectedChurners: sumProb[s],
      valueAtRisk: values ? risk[s] : NaN,
      test: t.test,
      pValue: t.p,
      qValue: NaN,
      flagged: false,
    });
  }
  const q = benjaminiHochberg(pValues);
  segments.forEach((seg, i) => {
    seg.qValue = q[i];
    seg.flagged = q[i] <= alpha && seg.churnRate > seg.restRate;
  });
  return { column: column.name, alpha, overallRate: totalN ? totalX / totalN : NaN, segments };
}
