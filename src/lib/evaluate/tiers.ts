// Risk tiers of the founding study: normal / about to churn / churned (正常 / 濒临流失 / 已流失).
// Machine values: 0 normal, 1 at risk, 2 churned. A NaN probability is tier 0 (no evidence of risk).
import { rankTable, type RankTable } from './rank-table.ts';
import { sweepFromRank } from './curves.ts';

export const TIER_NORMAL = 0;
export const TIER_AT_RISK = 1;
export const TIER_CHURNED = 2;
/** Stable English names used in exports and automation (the UI translates them). */
export const TIER_NAMES = ['normal', 'at_risk', 'churned'] as const;
export type TierName = (typeof TIER_NAMES)[number];

export interface TierCuts {
  /** prob >= atRisk → at least "at risk". */
  atRisk: number;
  /** prob >= churned → "churned". */
  churned: number;
}

export function assignTiers(probs: ArrayLike<number>, cuts: TierCuts): Uint8Array {
  const out = new Uint8Array(probs.length);
  const { atRisk, churned } = cuts;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    out[i] = p >= churned ? TIER_CHURNED : p >= atRisk ? TIER_AT_RISK : TIER_NORMAL;
  }
  return out;
}

/** Rows per tier: [normal, atRisk, churned]. */
export function tierCounts(tiers: ArrayLike<number>): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < tiers.length; i++) c[tiers[i]]++;
  return c;
}

/** Precision the "churned" tier should reach: 7 in 10 flagged really leave. */
export const CHURNED_TARGET_PRECISION = 0.7;
/** Recall the two risk tiers together should reach: 3 in 4 churners are in them. */
export const AT_RISK_TARGET_RECALL = 0.75;

export interface DefaultTierCuts extends TierCuts {
  /** Message key (results domain) explaining how the cuts were chosen, with its parameters. */
  explanation: { key: string; params: Record<string, number> };
}

/**
 * Cuts a user can start from, each with a reason a manager understands:
 * - "churned" is the lowest threshold at which at least 70% of the flagged customers really churned
 *   (the widest group we can call "churned" and be right 7 times in 10). If no threshold gets there
 *   the model cannot single out near-certain churners, and we fall back to probability 0.7.
 * - "at risk" is the highest threshold at which the two risk tiers together hold 75% of all churners
 *   (recall 0.75: we watch 3 in 4 future churners). It is never above the churned cut; when the churned
 *   tier alone already reaches 75% recall, the at-risk tier starts where the churned tier does (and is empty).
 * - Without labelled churners (scoring new data) the cuts come from the probabilities alone:
 *   churned 0.7, at risk = 1.5 × the mean predicted probability (an "elevated" risk), capped at the churned cut.
 * Labels are 1 churned / 0 stayed; any other value (255 = unknown) and NaN probabilities are ignored.
 */
export function defaultTierCuts(labels: ArrayLike<number>, probs: ArrayLike<number>): DefaultTierCuts {
  return defaultTierCutsFromRank(rankTable(labels, probs), probs);
}

/** defaultTierCuts given the rank table of the same labels and scores. */
export function defaultTierCutsFromRank(rank: RankTable, probs: ArrayLike<number>): DefaultTierCuts {
  if (rank.positives === 0) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < probs.length; i++) if (!Number.isNaN(probs[i])) { s += probs[i]; n++; }
    const mean = n ? s / n : 0;
    const churned = CHURNED_TARGET_PRECISION;
    const atRisk = Math.min(churned, 1.5 * mean);
    return { atRisk, churned, explanation: { key: 'results.tiers.defaultNoLabels', params: { churned, atRisk, meanProb: mean } } };
  }
  const sweep = sweepFromRank(rank);
  let churned = sweep.thresholdForPrecision(CHURNED_TARGET_PRECISION);
  const precisionReached = !Number.isNaN(churned);
  if (!precisionReached) churned = CHURNED_TARGET_PRECISION;
  const recallCut = sweep.thresholdForRecall(AT_RISK_TARGET_RECALL);
  const cr = sweep.ratesAt(churned);
  let atRisk = recallCut;
  if (!(atRisk < churned)) {
    // The churned tier alone already catches the target share of churners (a sharp model), which
    // would leave "about to churn" empty. It then covers the next band instead: half of the
    // churners the churned tier still misses.
    const next = sweep.thresholdForRecall(cr.recall + (1 - cr.recall) / 2);
    atRisk = next < churned ? next : churned / 2;
  }
  const ar = sweep.ratesAt(atRisk);
  const params = {
    churned,
    atRisk,
    churnedPrecision: cr.precision,
    churnedRecall: cr.recall,
    atRiskRecall: ar.recall,
    targetPrecision: CHURNED_TARGET_PRECISION,
    targetRecall: AT_RISK_TARGET_RECALL,
  };
  const key = precisionReached ? 'results.tiers.defaultFromLabels' : 'results.tiers.defaultLowPrecision';
  return { atRisk, churned, explanation: { key, params } };
}
