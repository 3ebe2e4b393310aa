// Cumulative gains and lift: "if we call the top x% by risk, what share of churners do we reach,
// and how many times better than calling at random is that?" Groups are equal-sized slices of the
// labelled rows ranked by decreasing probability. A tie block split by a group boundary shares its
// churners pro rata (see positivesInTop), so the table does not depend on the input order of ties,
// and `positives` may then be fractional.
import { rankTable, positivesInTop, type RankTable } from './rank-table.ts';

export interface LiftRow {
  /** Cumulative share of rows up to the end of this group (0.1, 0.2, … for deciles). */
  fraction: number;
  /** Rows in this group. */
  count: number;
  /** Churners in this group. */
  positives: number;
  /** Churn rate in this group. */
  rate: number;
  /** Share of all churners found in this group and the ones above it (the gains curve). */
  cumPositivesShare: number;
  /** Group churn rate / overall churn rate. */
  lift: number;
  /** Churn rate of the top `fraction` / overall churn rate. */
  cumLift: number;
}

export function liftFromRank(r: RankTable, groups = 10): LiftRow[] {
  if (!(groups >= 1) || !Number.isInteger(groups)) throw new RangeError('groups must be a positive integer');
  const n = r.positives + r.negatives;
  if (n === 0) return [];
  const base = r.positives / n;
  const out: LiftRow[] = [];
  let prevRows = 0;
  let prevPos = 0;
  for (let g = 1; g <= groups; g++) {
    const rows = Math.round((g * n) / groups);
    const cumPos = positivesInTop(r, rows);
    const count = rows - prevRows;
    const positives = cumPos - prevPos;
    const rate = count === 0 ? 0 : positives / count;
    out.push({
      fraction: rows / n,
      count,
      positives,
      rate,
      cumPositivesShare: r.positives === 0 ? 0 : cumPos / r.positives,
      lift: base === 0 ? 0 : rate / base,
      cumLift: base === 0 || rows === 0 ? 0 : cumPos / rows / base,
    });
    prevRows = rows;
    prevPos = cumPos;
  }
  return out;
}

export function liftTable(labels: ArrayLike<number>, probs: ArrayLike<number>, groups = 10): LiftRow[] {
  return liftFromRank(rankTable(labels, probs), groups);
}

/** Churn rate among the top 10% by risk divided by the overall churn rate (0 when there are no churners). */
export function topDecileLift(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  const t = liftTable(labels, probs, 10);
  return t.length ? t[0].cumLift : 0;
}

/** Gains curve for a chart: points at 0, 1/points, …, 1 of rows contacted → share of churners reached. */
export function gainsCurve(labels: ArrayLike<number>, probs: ArrayLike<number>, points = 100): { fraction: Float64Array; cumPositivesShare: Float64Array } {
  return gainsFromRank(rankTable(labels, probs), points);
}

export function gainsFromRank(r: RankTable, points = 100): { fraction: Float64Array; cumPositivesShare: Float64Array } {
  const n = r.positives + r.negatives;
  const fraction = new Float64Array(points + 1);
  const cumPositivesShare = new Float64Array(points + 1);
  for (let i = 0; i <= points; i++) {
    const rows = Math.round((i * n) / points);
    fraction[i] = n === 0 ? i / points : rows / n;
    cumPositivesShare[i] = r.positives === 0 ? 0 : positivesInTop(r, rows) / r.positives;
  }
  return { fraction, cumPositivesShare };
}
