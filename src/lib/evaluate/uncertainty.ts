// How far the headline figures could move by chance: 95% ranges for AUC, recall and precision on
// the held-out rows. A test set of a few hundred customers with a few dozen churners is common, and
// "recall 74%" from 30 churners means anything from about 56% to 86%.

export interface Range {
  lo: number;
  hi: number;
}

const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion k/n (recall: caught churners of all churners; precision:
 * churners among the flagged). Null when n is 0. Unlike p ± z·se it stays inside [0, 1] and is
 * sensible at 0 or n successes.
 */
export function wilsonInterval(k: number, n: number, z = Z95): Range | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / d;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Standard error of an AUC from the numbers of churners and stayers (Hanley & McNeil 1982), the
 * usual quick estimate when the scores behind it are not resampled.
 */
export function aucStandardError(auc: number, positives: number, negatives: number): number {
  if (!(positives > 0 && negatives > 0)) return NaN;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const v = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  return Math.sqrt(Math.max(0, v));
}

/** AUC ± 1.96 standard errors, kept inside [0, 1]; null without both churners and stayers. */
export function aucInterval(auc: number, positives: number, negatives: number, z = Z95): Range | null {
  const se = aucStandardError(auc, positives, negatives);
  if (!Number.isFinite(se)) return null;
  return { lo: Math.max(0, auc - z * se), hi: Math.min(1, auc + z * se) };
}

/** Fewer churners than this in the headline rows and the app says the figures can swing by chance. */
export const FEW_CHURNERS = 30;
