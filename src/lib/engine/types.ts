// Contracts of the engine layer (binning, training, prediction, model file).
// The UI and the CLI use only these types and the functions of src/lib/engine/index.ts.

/** Bin code of a missing (or, at scoring time, unknown-category) value in every feature. */
export const MISSING_BIN = 255;
/** Most value bins a feature may have (bins 0..254); 255 is the missing bin. */
export const MAX_VALUE_BINS = 255;

export interface NumericFeature {
  name: string;
  kind: 'numeric';
  /**
   * Upper edges of the value bins, strictly increasing, length = valueBins - 1.
   * A value x goes to bin i = the smallest i with x <= edges[i], or edges.length if none.
   * So a split "bin <= t" is exactly "x <= edges[t]" in real units.
   */
  edges: number[];
}

export interface CategoricalFeature {
  name: string;
  kind: 'categorical';
  /** Every category seen in training, exactly as read. */
  categories: string[];
  /** Bin of each category (same length as categories). Rare categories share one pooled bin. */
  binOf: number[];
  /** Number of value bins used (≤ 255). */
  valueBins: number;
}

export type FeatureSpec = NumericFeature | CategoricalFeature;

/** The binned training/scoring matrix. Column-major: bins[f * rows + r]. */
export interface BinnedMatrix {
  rows: number;
  features: FeatureSpec[];
  bins: Uint8Array;
}

export type Balance = 'none' | 'weights' | 'bootstrap' | 'oversample';

export interface TrainParams {
  /** 'forest' = random forest; 'tree' = one tree on all training rows, all features (readable rules). */
  mode: 'forest' | 'tree';
  trees: number;
  /** Features tried at each split. */
  mtry: number | 'sqrt' | 'log2' | 'all';
  criterion: 'entropy' | 'gini';
  /** 0 = unlimited. */
  maxDepth: number;
  minLeaf: number;
  minSplit: number;
  /** Minimum weighted impurity decrease for a split to be kept. */
  minGain: number;
  /** none; weights = class weights (inverse frequency); bootstrap = balanced bootstrap; oversample = churners ×K in training rows. */
  balance: Balance;
  oversampleK: number;
  /** soft = mean of leaf churn fractions; hard = majority vote (share of trees voting churn). */
  vote: 'soft' | 'hard';
  /** Bootstrap sample size as a fraction of the training rows. */
  sampleFraction: number;
  seed: number;
  /** Held-out fraction for the stratified train/test split (0 = no test set). */
  testFraction: number;
  /** Worker threads (0 = all cores). Results never depend on it. */
  threads: number;
}

/** One tree as flat arrays (node 0 is the root). */
export interface TreeArrays {
  /** Split feature index, or -1 for a leaf. */
  feature: Int32Array;
  /** Numeric split: bin t (left if bin <= t). Categorical split: offset into catMasks (8 words per split). */
  split: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** 1 if missing values go left. */
  missingLeft: Uint8Array;
  /** Weighted churn fraction of the training rows at the node (the leaf value for leaves). */
  value: Float64Array;
  /** Weighted training rows at the node (used by TreeSHAP and for rule text). */
  cover: Float64Array;
  /** Unweighted count of distinct training rows (incl. bootstrap duplicates) at the node. */
  count: Int32Array;
  /** Bitsets of bins going left for categorical splits: 8 × u32 = 256 bits per split. */
  catMasks: Uint32Array;
}

export interface TrainProgress {
  treesDone: number;
  treesTotal: number;
}

export interface ForestResult {
  trees: TreeArrays[];
  /** Per training row (in the order of the trainRows argument): OOB churn probability, NaN if never out of bag. */
  oob: Float64Array;
  /** Mean impurity decrease per feature, normalised to sum 1. */
  impurityImportance: Float64Array;
  /** Churn rate of the (weighted, resampled) data the trees saw, vs the true training rate. */
  trainedBaseRate: number;
  trueBaseRate: number;
}

export interface Metrics {
  auc: number;
  prAuc: number;
  recall: number;
  precision: number;
  f1: number;
  accuracy: number;
  specificity: number;
  threshold: number;
  rows: number;
  positives: number;
}

/** The saved model (JSON). See src/lib/engine/model-file.ts for validation. */
export interface ModelFile {
  format: 'churnlens-model';
  version: 1;
  createdAt: string;
  appVersion: string;
  target: { column: string; positive: string };
  idColumn: string | null;
  features: FeatureSpec[];
  params: TrainParams;
  /**
   * True when the forest's output must still be corrected back to trueBaseRate (balanced hard vote):
   * p' = p·a / (p·a + (1−p)·b) with a = true/trained, b = (1−true)/(1−trained).
   */
  baseRateCorrected: boolean;
  /**
   * True when balancing was undone leaf by leaf during training (balanced soft vote): the stored
   * leaf values, and so every score, are already at the true base rate; nothing more to correct.
   */
  leafValuesCorrected?: boolean;
  trainedBaseRate: number;
  trueBaseRate: number;
  /** Trees as typed arrays; `threshold` holds the real-unit threshold of numeric splits. */
  trees: SerializedTree[];
  importance: { impurity: number[]; permutation?: number[] };
  metrics: { test?: Metrics; oob?: Metrics };
  /**
   * Default risk-tier cut points (evaluate/tiers.ts defaultTierCuts on the honestly scored labelled
   * rows), so the app and the CLI give a new file the same tiers. Absent in older files.
   */
  tierCuts?: { atRisk: number; churned: number };
  data: { sha256: string; rows: number; columns: number };
}

/**
 * A tree as the model holds it: the kernel's typed arrays (shared, never copied per node into JS
 * numbers: a forest on a million rows has ~10M nodes) plus `threshold`, the real-unit threshold of
 * each numeric split, NaN where there is none (leaves, categorical splits, "x <= +infinity"). In the
 * JSON file these are plain arrays and NaN is null (JSON.stringify writes NaN as null).
 */
export interface SerializedTree extends TreeArrays {
  threshold: Float64Array;
}

/** What the app and the CLI ask for. */
export interface TrainRequest {
  target: string;
  /** The target value that means "churned"; every other non-missing value means "stayed". */
  positive: string;
  idColumn: string | null;
  /** Columns used as features (never the target or the id). */
  featureColumns: string[];
  params: TrainParams;
  /** SHA-256 (hex) of the source file, recorded in the model. */
  dataSha256: string;
  /**
   * Fixed train/test rows instead of the stratified random split (e.g. a transaction log's
   * time-based split: earlier cutoffs train, a later one validates). params.testFraction is ignored.
   */
  split?: { train: Uint32Array; test: Uint32Array };
}

/** Result of training on a Table: the model plus everything the results screens need. */
export interface TrainedModel {
  model: ModelFile;
  /** Per table row: 1 churned, 0 stayed, 255 = target missing (row excluded from training and evaluation). */
  labels: Uint8Array;
  trainRows: Uint32Array;
  testRows: Uint32Array;
  /** Churn probability per test row (aligned with testRows), from the whole forest. */
  testProb: Float64Array;
  /** OOB churn probability per training row (aligned with trainRows); NaN if never out of bag / single tree. */
  oobProb: Float64Array;
  /**
   * Honest score for every table row: test rows get their test prediction, training rows their OOB
   * prediction when they have one, any other row (target missing; single-tree mode) the full model.
   */
  rowProb: Float64Array;
  /** 0 = full model, 1 = held-out test prediction, 2 = out-of-bag prediction. */
  rowProbSource: Uint8Array;
  excludedRows: number;
  elapsedMs: number;
}
