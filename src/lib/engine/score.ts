// Scoring new data with a saved model: bin by the model's own edges and categories (by column
// name), predict with the pool, correct the base rate exactly as at training time.
import type { Table } from '../table/types.ts';
import type { EnginePool } from './forest.ts';
import type { ModelFile, TreeArrays } from './types.ts';
import { binTable } from './binning.ts';
import { correctProbabilities } from './base-rate.ts';

export interface ScoreWarning {
  key: string;
  params: Record<string, string | number>;
}

export interface ScoreResult {
  /** Churn probability per table row. */
  prob: Float64Array;
  warnings: ScoreWarning[];
}

/** The model's trees as the engine takes them (the same arrays: model trees are kernel trees). */
export function modelTrees(model: ModelFile): TreeArrays[] {
  return model.trees;
}

export async function scoreTable(pool: EnginePool, model: ModelFile, table: Table): Promise<ScoreResult> {
  const { matrix, unseen, retyped } = binTable(table, model.features);
  const raw = await pool.predict(modelTrees(model), matrix, model.params.vote);
  const prob = model.baseRateCorrected ? correctProbabilities(raw, model.trainedBaseRate, model.trueBaseRate) : raw;
  const warnings: ScoreWarning[] = [];
  for (const [column, count] of unseen) warnings.push({ key: 'model.warn.unseenCategories', params: { column, count } });
  for (const column of retyped) warnings.push({ key: 'model.warn.retyped', params: { column } });
  return { prob, warnings };
}
