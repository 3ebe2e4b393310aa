// The data profile: what each column holds and how it relates to churn.
import type { SemanticType } from '../table/types.ts';
import type { ColumnFormat } from '../ingest/types.ts';

export interface TargetChoice {
  column: string;
  /** The value (exact cell text) that means "churned". */
  positive: string;
}

/** Counts of a group of rows (a histogram bin, a category, the missing cells). */
export interface GroupStats {
  count: number;
  /** Churners among `count` (only with a target; rows with a missing target are not counted). */
  positives?: number;
  /** Rows of `count` whose target is known. */
  labelled?: number;
  /** positives / labelled. */
  churnRate?: number;
}

export interface HistogramBin extends GroupStats {
  /** Inclusive lower edge; for one-value bins lo === hi. */
  lo: number;
  /** Upper edge: exclusive, except for the last bin which includes it. */
  hi: number;
}

export interface CategoryCount extends GroupStats {
  value: string;
}

export interface ColumnFlags {
  idLike: boolean;
  constant: boolean;
  allMissing: boolean;
  /** Predicts the target almost perfectly on its own: probably recorded after the churn happened. */
  leakage: boolean;
  /** More than 1000 distinct values (and not an identifier). */
  highCardinality: boolean;
}

export interface ColumnProfile {
  name: string;
  kind: 'numeric' | 'categorical';
  semantic: SemanticType;
  rows: number;
  missing: number;
  distinct: number;
  min?: number;
  max?: number;
  mean?: number;
  median?: number;
  /** Numeric columns: ≤ 20 bins (one per value when there are at most 20 values). */
  histogram?: HistogramBin[];
  /** Categorical columns: the 10 most frequent values. */
  top?: CategoryCount[];
  /** The missing cells as their own group (churn rate of rows with no value). */
  missingGroup?: GroupStats;
  /** Information gain on the target in bits (numeric columns in ≤ 10 quantile bins, missing its own bin). */
  informationGain?: number;
  /** informationGain / entropy of the target: 0 = tells nothing, 1 = determines churn. */
  normalizedGain?: number;
  /** Area under the ROC curve of this column alone, oriented so it is ≥ 0.5. */
  auc?: number;
  flags: ColumnFlags;
  /**
   * Text columns: values that differ only in upper/lower case or outer spaces ("North / north"), up
   * to three examples. They count as different categories, which is rarely what the data means.
   */
  caseVariants?: string[];
  format?: ColumnFormat;
}

export interface TargetSummary extends TargetChoice {
  labelled: number;
  positives: number;
  churnRate: number;
  /** Entropy of the target in bits. */
  entropy: number;
}

export interface TableProfile {
  rows: number;
  columns: ColumnProfile[];
  target?: TargetSummary;
}

export type ExclusionReason = 'target' | 'id' | 'constant' | 'allMissing' | 'leakage' | 'highCardinality' | 'text';

export interface FeatureSuggestion {
  features: string[];
  excluded: { column: string; reason: ExclusionReason }[];
}
