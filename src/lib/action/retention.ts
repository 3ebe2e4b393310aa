// Whom to call, and how many: a retention campaign as expected profit (in the spirit of Verbeke et
// al.'s expected-maximum-profit measure for churn models). For customer i with churn probability p_i:
//
//   gain_i = p_i · s · (V_i + A − d)  −  c  −  (1 − p_i) · q · d
//
//   s  successRate        share of would-be churners the offer keeps
//   V_i valueSaved        value kept when a churner stays (e.g. margin over the next year)
//   A  acquisitionCost    replacing a lost customer would have cost this; set 0 if you do not replace
//   d  offerCost          incentive, paid by each customer who takes it
//   c  costPerContact     cost of the call/message itself, paid for everyone contacted
//   q  stayerTakeRate     share of contacted non-churners who take the offer anyway (default 0;
//                         1 is Verbeke's pessimistic case: every loyal customer takes the free gift)
//
// Customers are contacted in decreasing gain (ties by row order). Profit after k contacts is the sum
// of the first k gains; the recommended k maximises it within capacity (contacts) and budget (expected
// spend c + p·s·d + (1−p)·q·d, summed). Greedy by gain is exact without a budget; with a budget it is
// the usual practical rule (the exact answer would be a knapsack problem). Rows whose probability or
// value is NaN are never contacted.

import { downsampleIndices } from '../evaluate/curves.ts';

export interface RetentionInput {
  probs: ArrayLike<number>;
  costPerContact: number;
  successRate: number;
  offerCost: number;
  valueSaved: number | ArrayLike<number>;
  acquisitionCost?: number;
  stayerTakeRate?: number;
  /** Most customers the team can contact. */
  capacity?: number;
  /** Most money to spend (expected contact + offer cost). */
  budget?: number;
}

export const RETENTION_FORMULA = 'gain_i = p_i·s·(V_i + A − d) − c − (1 − p_i)·q·d';

export interface RetentionPlan {
  formula: string;
  /** Expected gain of contacting each row (NaN = cannot be scored). */
  gain: Float64Array;
  /** Rows with a gain, best first. */
  order: Uint32Array;
  /** profit[k] = expected profit of contacting order[0..k); length order.length + 1. */
  profit: Float64Array;
  /** cost[k] = expected spend of contacting order[0..k). */
  cost: Float64Array;
  /** Contacts allowed by capacity and budget. */
  maxK: number;
  recommendedK: number;
  /** Why the list stops: more calls would lose money, or capacity / budget ran out. */
  limitedBy: 'profit' | 'capacity' | 'budget';
  expectedProfit: number;
  expectedCost: number;
  /** Expected churners kept (Σ p·s) and the value they keep (Σ p·s·(V + A)), over the call list. */
  expectedCustomersKept: number;
  expectedValueKept: number;
  /** order.subarray(0, recommendedK). */
  callList: Uint32Array;
}

/** The profit curve thinned for a chart (≤ maxPoints, keeping k = 0 and k = all), with the recommended k always included. */
export function profitCurvePoints(plan: RetentionPlan, maxPoints = 500): { k: Uint32Array; profit: Float64Array; cost: Float64Array } {
  const idx = Array.from(downsampleIndices(plan.profit.length, maxPoints));
  if (!idx.includes(plan.recommendedK)) {
    idx.push(plan.recommendedK);
    idx.sort((a, b) => a - b);
  }
  return {
    k: Uint32Array.from(idx),
    profit: Float64Array.from(idx, (i) => plan.profit[i]),
    cost: Float64Array.from(idx, (i) => plan.cost[i]),
  };
}

function check(name: string, v: number, lo: number, hi = Infinity): void {
  if (!(v >= lo && v <= hi)) throw new RangeError(`${name} must be in [${lo}, ${hi}], got ${v}`);
}

export function planRetention(input: RetentionInput): RetentionPlan {
  const { probs, costPerContact: c, successRate: s, offerCost: d } = input;
  const A = input.acquisitionCost ?? 0;
  const q = input.stayerTakeRate ?? 0;
  check('successRate', s, 0, 1);
  check('stayerTakeRate', q, 0, 1);
  check('costPerContact', c, 0);
  check('offerCost', d, 0);
  check('acquisitionCost', A, 0);
  const n = probs.length;
  const V = input.valueSaved;
  const valueAt = typeof V === 'number' ? () => V : (i: number) => V[i];
  if (typeof V !== 'number' && V.length !== n) throw new RangeError('valueSaved and probs differ in length');

  const gain = new Float64Array(n);
  const spend = new Float64Array(n);
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    const g = p * s * (valueAt(i) + A - d) - c - (1 - p) * q * d;
    gain[i] = g;
    spend[i] = c + p * s * d + (1 - p) * q * d;
    if (!Number.isNaN(g)) valid++;
  }
  const order = new Uint32Array(valid);
  valid = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(gain[i])) order[valid++] = i;
  order.sort((a, b) => gain[b] - gain[a] || a - b);

  const profit = new Float64Array(valid + 1);
  const cost = new Float64Array(valid + 1);
  for (let k = 0; k < valid; k++) {
    profit[k + 1] = profit[k] + gain[order[k]];
    cost[k + 1] = cost[k] + spend[order[k]];
  }

  let maxK = valid;
  let limitedBy: RetentionPlan['limitedBy'] = 'profit';
  if (input.capacity !== undefined) {
    check('capacity', input.capacity, 0);
    maxK = Math.min(maxK, Math.floor(input.capacity));
  }
  if (input.budget !== undefined) {
    check('budget', input.budget, 0);
    let k = 0;
    while (k < maxK && cost[k + 1] <= input.budget + 1e-9 * Math.abs(input.budget)) k++;
    if (k < maxK) maxK = k;
  }
  let best = 0;
  for (let k = 1; k <= maxK; k++) if (profit[k] > profit[best]) best = k;
  if (best === maxK && maxK < valid && gain[order[maxK]] > 0) {
    limitedBy = input.capacity !== undefined && maxK === Math.floor(input.capacity) ? 'capacity' : 'budget';
  }

  let kept = 0;
  let valueKept = 0;
  for (let k = 0; k < best; k++) {
    const i = order[k];
    kept += probs[i] * s;
    valueKept += probs[i] * s * (valueAt(i) + A);
  }
  return {
    formula: RETENTION_FORMULA,
    gain,
    order,
    profit,
    cost,
    maxK,
    recommendedK: best,
    limitedBy,
    expectedProfit: profit[best],
    expectedCost: cost[best],
    expectedCustomersKept: kept,
    expectedValueKept: valueKept,
    callList: order.subarray(0, best),
  };
}
