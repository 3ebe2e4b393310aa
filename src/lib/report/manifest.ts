// The audit manifest: everything an auditor needs to check and repeat a ChurnLens analysis, as one
// plain JSON object. `manifestSha256` is the SHA-256 of the canonical JSON of the whole manifest
// except `generated` (wall-clock times, thread count, the reader's language) and the hash itself, so
// the same file trained with the same settings and seed gives the same manifestSha256: that equality
// is the proof that the numbers were reproduced.
import type { Locale } from '../i18n/index.ts';
import type { Metrics, ModelFile, TrainParams, TrainedModel } from '../engine/types.ts';
import { PRESETS, PRESET_NAMES, type PresetName } from '../engine/presets.ts';
import { computeMetrics, confusion } from '../evaluate/metrics.ts';
import { downsamplePr, downsampleRoc, prCurve, rocCurve } from '../evaluate/curves.ts';
import { liftTable } from '../evaluate/lift.ts';
import { reliabilityBins } from '../evaluate/calibration.ts';
import { assignTiers, tierCounts } from '../evaluate/tiers.ts';
import { profitCurvePoints, type RetentionInput, type RetentionPlan } from '../action/retention.ts';
import { canonicalSha256 } from './canonical-json.ts';
import { cliTrainLine } from './cli-line.ts';
import { reproduceText } from './reproduce.ts';

export const AUDIT_FORMAT = 'churnlens-audit';
export const AUDIT_VERSION = 1;
/** Points kept per curve: plenty for a printed chart, small enough to read in the JSON. */
export const CURVE_POINTS = 200;
const PROFIT_POINTS = 100;

export interface ManifestInput {
  appVersion: string;
  file: { name: string; bytes: number; sha256: string; encoding: string; delimiter: string; rows: number; columns: number };
  target: { column: string; positive: string };
  idColumn: string | null;
  featureColumns: string[];
  excludedColumns: { name: string; reason: string }[];
  /** Features the CLI would leave out on its own (see CliLineInput.forcedFeatures). */
  forcedFeatures?: string[];
  trained: TrainedModel;
  threshold: number;
  tierCuts: { atRisk: number; churned: number };
  retention?: {
    input: RetentionInput;
    plan: RetentionPlan;
    /** Name of the column the per-customer value came from (when valueSaved is an array). */
    valueColumn?: string | null;
    /** ISO currency code the money amounts are in ('' or absent = plain numbers). */
    currency?: string;
  } | null;
  locale: Locale;
  /** When the report was made (default: now). Not part of the hash. */
  now?: Date;
}

/** Metrics with NaN written as null (JSON has no NaN), plus the confusion matrix they come from. */
export interface ManifestMetrics {
  rows: number;
  positives: number;
  threshold: number;
  auc: number | null;
  prAuc: number | null;
  recall: number;
  precision: number;
  f1: number;
  accuracy: number;
  specificity: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ManifestLiftRow {
  fraction: number;
  count: number;
  positives: number;
  rate: number;
  lift: number;
  cumLift: number;
  cumPositivesShare: number;
}

export interface ManifestCalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

export interface ManifestRetention {
  formula: string;
  inputs: {
    customersScored: number;
    costPerContact: number;
    successRate: number;
    offerCost: number;
    /** A constant value per saved customer, or null when it came per customer from `valueColumn`. */
    valueSavedConstant: number | null;
    valueColumn: string | null;
    acquisitionCost: number;
    stayerTakeRate: number;
    capacity: number | null;
    budget: number | null;
    currency: string;
  };
  outputs: {
    candidates: number;
    maxK: number;
    recommendedK: number;
    limitedBy: RetentionPlan['limitedBy'];
    expectedProfit: number;
    expectedCost: number;
    expectedCustomersKept: number;
    expectedValueKept: number;
  };
  /** Profit over the number of customers contacted (thinned; the recommended k is always a point). */
  profitCurve: { k: number[]; profit: number[] };
}

export type Settings = Omit<TrainParams, 'threads'>;

export interface AuditManifest {
  format: typeof AUDIT_FORMAT;
  version: typeof AUDIT_VERSION;
  appVersion: string;
  data: {
    fileName: string;
    bytes: number;
    sha256: string;
    encoding: string;
    delimiter: string;
    rows: number;
    columns: number;
    target: { column: string; positive: string };
    idColumn: string | null;
    featureColumns: string[];
    excludedColumns: { name: string; reason: string }[];
    /** Rows left out of training and evaluation because the target was missing. */
    rowsWithoutTarget: number;
  };
  model: {
    /** The fingerprint stored inside the model file, and whether it names this very file. */
    dataFingerprint: { sha256: string; rows: number; columns: number };
    fingerprintMatches: boolean;
    /** SHA-256 of the canonical JSON of what scoring uses: features, trees, base rates. */
    modelSha256: string;
    trees: number;
    nodes: number;
    features: number;
    baseRateCorrected: boolean;
    trainedBaseRate: number;
    trueBaseRate: number;
    trainRows: number;
    testRows: number;
  };
  settings: {
    /** The preset these settings equal (seed and test share aside), or 'custom'. */
    preset: PresetName | 'custom';
    params: Settings;
    threshold: number;
    tierCuts: { atRisk: number; churned: number };
  };
  metrics: { test: ManifestMetrics | null; oob: ManifestMetrics | null };
  curves: {
    /** The evaluation set the curves are drawn from: held-out test rows, else out-of-bag rows. */
    source: 'test' | 'oob' | null;
    roc: { fpr: number[]; tpr: number[] };
    pr: { recall: number[]; precision: number[] };
    lift: ManifestLiftRow[];
    calibration: ManifestCalibrationBin[];
  };
  importance: { feature: string; impurity: number | null; permutation: number | null }[];
  tiers: { atRisk: number; churned: number; rows: number; normal: number; atRiskCount: number; churnedCount: number };
  retention: ManifestRetention | null;
  reproduce: {
    en: string;
    zh: string;
    cli: string;
    /** False when the app used a setting the CLI has no option for (listed in cliUnsupported). */
    cliExact: boolean;
    cliUnsupported: { name: string; value: string | number }[];
  };
  /** Not hashed: when and where this report was made. */
  generated: { at: string; modelCreatedAt: string; trainingMs: number; threads: number; locale: Locale };
  manifestSha256: string;
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

function manifestMetrics(m: Metrics, labels: ArrayLike<number>, probs: ArrayLike<number>): ManifestMetrics {
  const c = confusion(labels, probs, m.threshold);
  return {
    rows: m.rows,
    positives: m.positives,
    threshold: m.threshold,
    auc: num(m.auc),
    prAuc: num(m.prAuc),
    recall: m.recall,
    precision: m.precision,
    f1: m.f1,
    accuracy: m.accuracy,
    specificity: m.specificity,
    ...c,
  };
}

/** Labels of a row subset, aligned with that subset's probabilities. */
function subsetLabels(labels: Uint8Array, rows: Uint32Array): Uint8Array {
  const y = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = labels[rows[i]];
  return y;
}

function hasScore(probs: Float64Array): boolean {
  for (let i = 0; i < probs.length; i++) if (!Number.isNaN(probs[i])) return true;
  return false;
}

/** The named preset these settings are, ignoring the seed, the test share and threads (not part of a preset's idea). */
export function presetOf(p: TrainParams): PresetName | 'custom' {
  for (const name of PRESET_NAMES) {
    const q = PRESETS[name];
    const same = (Object.keys(q) as (keyof TrainParams)[]).every((k) => k === 'seed' || k === 'testFraction' || k === 'threads' || q[k] === p[k]);
    if (same) return name;
  }
  return 'custom';
}

/**
 * SHA-256 of what scoring depends on (features with their bins, trees, base-rate correction), so two
 * models with equal fingerprints give every customer the same probability, however they were saved.
 */
export function modelFingerprint(model: ModelFile): string {
  return canonicalSha256({
    features: model.features,
    trees: model.trees,
    baseRateCorrected: model.baseRateCorrected,
    trainedBaseRate: model.trainedBaseRate,
    trueBaseRate: model.trueBaseRate,
  });
}

/** Everything except `generated` and `manifestSha256`, the part the hash covers. */
export function hashedContent(m: AuditManifest | Omit<AuditManifest, 'manifestSha256'>): Record<string, unknown> {
  const { generated: _g, manifestSha256: _h, ...rest } = m as AuditManifest;
  return rest;
}

/** Recompute the hash of a manifest (e.g. one read back from a file) and compare it with the stored one. */
export function verifyManifest(m: AuditManifest): boolean {
  return canonicalSha256(hashedContent(m)) === m.manifestSha256;
}

export function buildManifest(input: ManifestInput): AuditManifest {
  const { trained, threshold, tierCuts } = input;
  const model = trained.model;
  const { threads, ...params } = model.params;

  const testY = subsetLabels(trained.labels, trained.testRows);
  const trainY = subsetLabels(trained.labels, trained.trainRows);
  const testOk = trained.testRows.length > 0 && hasScore(trained.testProb);
  const oobOk = trained.trainRows.length > 0 && hasScore(trained.oobProb);
  const test = testOk ? manifestMetrics(computeMetrics(testY, trained.testProb, threshold), testY, trained.testProb) : null;
  const oob = oobOk ? manifestMetrics(computeMetrics(trainY, trained.oobProb, threshold), trainY, trained.oobProb) : null;

  const source: 'test' | 'oob' | null = testOk ? 'test' : oobOk ? 'oob' : null;
  const [cy, cp] = source === 'test' ? [testY, trained.testProb] : source === 'oob' ? [trainY, trained.oobProb] : [new Uint8Array(0), new Float64Array(0)];
  const roc = downsampleRoc(rocCurve(cy, cp), CURVE_POINTS);
  const pr = downsamplePr(prCurve(cy, cp), CURVE_POINTS);

  const names = model.features.map((f) => f.name);
  const perm = model.importance.permutation;
  const importance = names.map((feature, i) => ({
    feature,
    impurity: num(model.importance.impurity[i]),
    permutation: perm ? num(perm[i]) : null,
  }));

  const counts = tierCounts(assignTiers(trained.rowProb, tierCuts));

  let nodes = 0;
  for (const t of model.trees) nodes += t.feature.length;
  const modelSha256 = modelFingerprint(model);

  const preset = presetOf(model.params);
  const drop = input.excludedColumns.map((c) => c.name).filter((n) => n !== input.target.column && n !== input.idColumn);
  const cli = cliTrainLine({
    fileName: input.file.name,
    target: input.target.column,
    positive: input.target.positive,
    idColumn: input.idColumn,
    drop,
    forcedFeatures: input.forcedFeatures,
    params: model.params,
    threshold,
  });
  const textParams = {
    fileName: input.file.name,
    sha256: input.file.sha256,
    rows: input.file.rows,
    columns: input.file.columns,
    target: input.target.column,
    positive: input.target.positive,
    idColumn: input.idColumn,
    featureColumns: input.featureColumns,
    preset,
    params: model.params,
    threshold,
    version: input.appVersion,
  };

  const body: Omit<AuditManifest, 'manifestSha256'> = {
    format: AUDIT_FORMAT,
    version: AUDIT_VERSION,
    appVersion: input.appVersion,
    data: {
      fileName: input.file.name,
      bytes: input.file.bytes,
      sha256: input.file.sha256,
      encoding: input.file.encoding,
      delimiter: input.file.delimiter,
      rows: input.file.rows,
      columns: input.file.columns,
      target: { column: input.target.column, positive: input.target.positive },
      idColumn: input.idColumn,
      featureColumns: [...input.featureColumns],
      excludedColumns: input.excludedColumns.map((c) => ({ name: c.name, reason: c.reason })),
      rowsWithoutTarget: trained.excludedRows,
    },
    model: {
      dataFingerprint: { ...model.data },
      fingerprintMatches:
        model.data.sha256 === input.file.sha256 && model.data.rows === input.file.rows && model.data.columns === input.file.columns,
      modelSha256,
      trees: model.trees.length,
      nodes,
      features: model.features.length,
      baseRateCorrected: model.baseRateCorrected,
      trainedBaseRate: model.trainedBaseRate,
      trueBaseRate: model.trueBaseRate,
      trainRows: trained.trainRows.length,
      testRows: trained.testRows.length,
    },
    settings: { preset, params, threshold, tierCuts: { atRisk: tierCuts.atRisk, churned: tierCuts.churned } },
    metrics: { test, oob },
    curves: {
      source,
      roc: { fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr) },
      pr: { recall: Array.from(pr.recall), precision: Array.from(pr.precision) },
      lift: source ? liftTable(cy, cp, 10).map((r) => ({ ...r })) : [],
      calibration: source
        ? reliabilityBins(cy, cp, 10).map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, meanPredicted: num(b.meanPredicted), observedRate: num(b.observedRate) }))
        : [],
    },
    importance,
    tiers: {
      atRisk: tierCuts.atRisk,
      churned: tierCuts.churned,
      rows: trained.rowProb.length,
      normal: counts[0],
      atRiskCount: counts[1],
      churnedCount: counts[2],
    },
    retention: input.retention ? retentionSection(input.retention) : null,
    reproduce: {
      en: reproduceText('en', textParams),
      zh: reproduceText('zh', textParams),
      cli: cli.command,
      cliExact: cli.exact,
      cliUnsupported: cli.unsupported,
    },
    generated: {
      at: (input.now ?? new Date()).toISOString(),
      modelCreatedAt: model.createdAt,
      trainingMs: trained.elapsedMs,
      threads,
      locale: input.locale,
    },
  };
  return { ...body, manifestSha256: canonicalSha256(hashedContent(body)) };
}

function retentionSection(r: NonNullable<ManifestInput['retention']>): ManifestRetention {
  const { input, plan } = r;
  const curve = profitCurvePoints(plan, PROFIT_POINTS);
  const constant = typeof input.valueSaved === 'number';
  return {
    formula: plan.formula,
    inputs: {
      customersScored: input.probs.length,
      costPerContact: input.costPerContact,
      successRate: input.successRate,
      offerCost: input.offerCost,
      valueSavedConstant: constant ? (input.valueSaved as number) : null,
      valueColumn: constant ? null : (r.valueColumn ?? null),
      acquisitionCost: input.acquisitionCost ?? 0,
      stayerTakeRate: input.stayerTakeRate ?? 0,
      capacity: input.capacity ?? null,
      budget: input.budget ?? null,
      currency: r.currency ?? '',
    },
    outputs: {
      candidates: plan.order.length,
      maxK: plan.maxK,
      recommendedK: plan.recommendedK,
      limitedBy: plan.limitedBy,
      expectedProfit: plan.expectedProfit,
      expectedCost: plan.expectedCost,
      expectedCustomersKept: plan.expectedCustomersKept,
      expectedValueKept: plan.expectedValueKept,
    },
    profitCurve: { k: Array.from(curve.k), profit: Array.from(curve.profit) },
  };
}

/** The manifest as a file: pretty-printed JSON (same content as the hashed canonical form, plus `generated`). */
export function manifestToJson(m: AuditManifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

/** "churnlens-audit-<first 12 hex of the data SHA-256>.json". */
export function manifestFileName(m: AuditManifest): string {
  return `churnlens-audit-${m.data.sha256.slice(0, 12)}.json`;
}
