// Per-customer reasons for a saved model: exact TreeSHAP contributions for every row of a table,
// computed by the wasm engine in the pool's workers.
//
// Scales: φ explains the forest's raw output (mean leaf value, or share of trees voting churn), so
// base + Σφ = raw for every row. Leaf-corrected models (balanced soft vote) report raw as is. A
// baseRateCorrected model (balanced hard vote) reports p' = correct(raw), a monotone map of raw;
// reportedScale() rescales one row's φ so they run from correct(base) to p' with signs kept.
import type { Table } from '../table/types.ts';
import type { EnginePool, RowProgress } from './forest.ts';
import type { ModelFile } from './types.ts';
import { binTable } from './binning.ts';
import { correctProbabilities, correctProbability, needsCorrection } from './base-rate.ts';
import { modelTrees } from './score.ts';
import { rankContributions } from '../explain/reasons.ts';

export interface TableExplanation {
  /** Feature names, in the order of phi's columns (the model's features). */
  features: string[];
  /** Expected raw output over the training data the trees saw. */
  base: number;
  /** The forest's raw output per row (before any base-rate correction). */
  raw: Float64Array;
  /** rows × features, row-major, on the raw scale: base + Σ_f phi[r·F + f] = raw[r]. */
  phi: Float64Array;
  /** The probability the model reports per row (raw, or raw corrected to the true base rate). */
  prob: Float64Array;
}

export interface ExplainOptions {
  onProgress?: (p: RowProgress) => void;
  signal?: AbortSignal;
}

/** TreeSHAP for every row of `table`, binned by the model's own features (as scoreTable bins). */
export async function explainTable(pool: EnginePool, model: ModelFile, table: Table, opts: ExplainOptions = {}): Promise<TableExplanation> {
  const { matrix } = binTable(table, model.features);
  const { phi, base, raw } = await pool.contributions(modelTrees(model), matrix, model.params.vote, opts);
  const prob = model.baseRateCorrected ? correctProbabilities(raw, model.trainedBaseRate, model.trueBaseRate) : new Float64Array(raw);
  return { features: model.features.map((f) => f.name), base, raw, phi, prob };
}

export interface TopReason {
  /** Feature index (column of phi). */
  index: number;
  feature: string;
  contribution: number;
}

/** The k features with the largest |φ| in one row (ties by feature order; zero contributions never listed). */
export function topReasons(phiRow: ArrayLike<number>, features: readonly string[], k = 3): TopReason[] {
  return rankContributions(phiRow, k).map((index) => ({ index, feature: features[index], contribution: phiRow[index] }));
}

export interface ScaledContributions {
  base: number;
  values: Float64Array;
  /** base + Σ values: the row's reported probability. */
  prediction: number;
}

/**
 * One row's contributions on the probability scale the model reports. For a baseRateCorrected
 * model every φ is multiplied by (correct(raw) − correct(base)) / (raw − base): the monotone
 * correction keeps each sign and the exact sum; other models are returned unchanged.
 */
export function reportedScale(
  model: Pick<ModelFile, 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>, base: number, raw: number, phiRow: ArrayLike<number>,
): ScaledContributions {
  const values = Float64Array.from(phiRow);
  if (!model.baseRateCorrected || !needsCorrection(model.trainedBaseRate, model.trueBaseRate)) return { base, values, prediction: raw };
  const fix = (p: number) => correctProbability(p, model.trainedBaseRate, model.trueBaseRate);
  const b = fix(base);
  const p = fix(raw);
  const k = Math.abs(raw - base) > 1e-15 ? (p - b) / (raw - base) : 0;
  for (let f = 0; f < values.length; f++) values[f] *= k;
  return { base: b, values, prediction: p };
}
