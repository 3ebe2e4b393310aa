// Customer value views for the Act screen: expected loss per customer, how concentrated value is
// (the Pareto 80/20 question), and how much of the most valuable 20% is at risk.
// Rows whose value is NaN are not customers with a known value and are left out of every sum.
// Negative values (loss-making customers) are kept as they are: they lower the total.

/** prob × value per row (NaN when either is NaN). */
export function expectedLoss(probs: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
  if (probs.length !== values.length) throw new RangeError('probs and values differ in length');
  const out = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) out[i] = probs[i] * values[i];
  return out;
}

function sortedDesc(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const s = new Float64Array(n);
  n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) s[n++] = values[i];
  return s.sort().reverse();
}

/** Size of the top group: round(share × n), at least 1 when there is anyone. */
export function topCount(n: number, share: number): number {
  return n === 0 ? 0 : Math.min(n, Math.max(1, Math.round(share * n)));
}

/**
 * Mask of the top `share` of customers by value. Ties at the cut are broken by row order (earlier
 * rows first), so the group always has exactly topCount rows and never depends on sort stability.
 */
export function topValueMask(values: ArrayLike<number>, share = 0.2): Uint8Array {
  const sorted = sortedDesc(values);
  const k = topCount(sorted.length, share);
  const mask = new Uint8Array(values.length);
  if (k === 0) return mask;
  const cut = sorted[k - 1];
  let above = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > cut) { mask[i] = 1; above++; }
  let atCut = k - above;
  for (let i = 0; i < values.length && atCut > 0; i++) if (values[i] === cut) { mask[i] = 1; atCut--; }
  return mask;
}

export interface ParetoSummary {
  /** Customers with a known value. */
  customers: number;
  total: number;
  topShare: number;
  topCount: number;
  topValue: number;
  /** Share of the total value held by the top group (NaN when the total is not positive). */
  topValueShare: number;
}

export function paretoSummary(values: ArrayLike<number>, topShare = 0.2): ParetoSummary {
  const sorted = sortedDesc(values);
  const k = topCount(sorted.length, topShare);
  let total = 0;
  let top = 0;
  for (let i = 0; i < sorted.length; i++) {
    total += sorted[i];
    if (i < k) top += sorted[i];
  }
  return { customers: sorted.length, total, topShare, topCount: k, topValue: top, topValueShare: total > 0 ? top / total : NaN };
}

/** Lorenz-style curve: after contacting the top customerShare of customers by value, the share of value covered. */
export function paretoCurve(values: ArrayLike<number>, points = 100): { customerShare: Float64Array; valueShare: Float64Array } {
  const sorted = sortedDesc(values);
  const n = sorted.length;
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + sorted[i];
  const total = cum[n];
  const customerShare = new Float64Array(points + 1);
  const valueShare = new Float64Array(points + 1);
  for (let i = 0; i <= points; i++) {
    const k = Math.round((i * n) / points);
    customerShare[i] = n ? k / n : i / points;
    valueShare[i] = total > 0 ? cum[k] / total : NaN;
  }
  return { customerShare, valueShare };
}

export interface CoreAtRisk {
  /** Customers in the top `share` by value. */
  coreCount: number;
  coreValue: number;
  /** Of those, how many have tier >= 1 (at risk or churned), their value and expected loss (Σ p·value). */
  atRiskCount: number;
  atRiskValue: number;
  atRiskExpectedLoss: number;
  /** 1 for core customers at risk. */
  mask: Uint8Array;
}

export function coreAtRisk(values: ArrayLike<number>, tiers: ArrayLike<number>, probs: ArrayLike<number>, share = 0.2): CoreAtRisk {
  if (values.length !== tiers.length || values.length !== probs.length) throw new RangeError('values, tiers and probs differ in length');
  const core = topValueMask(values, share);
  const mask = new Uint8Array(values.length);
  let coreCount = 0, coreValue = 0, atRiskCount = 0, atRiskValue = 0, atRiskExpectedLoss = 0;
  for (let i = 0; i < values.length; i++) {
    if (!core[i]) continue;
    coreCount++;
    coreValue += values[i];
    if (tiers[i] >= 1) {
      mask[i] = 1;
      atRiskCount++;
      atRiskValue += values[i];
      if (!Number.isNaN(probs[i])) atRiskExpectedLoss += probs[i] * values[i];
    }
  }
  return { coreCount, coreValue, atRiskCount, atRiskValue, atRiskExpectedLoss, mask };
}
