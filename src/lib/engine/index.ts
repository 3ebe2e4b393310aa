// Public API of the engine layer: what the UI and the CLI may use. Pools: the browser build uses
// createBrowserPool (module workers) or createInlinePool; Node code (CLI, benchmarks) imports
// createNodePool from './pool-node.ts' directly, so no node: module ever reaches the browser bundle.
export type * from './types.ts';
export { MISSING_BIN, MAX_VALUE_BINS } from './types.ts';
export type { EnginePool } from './forest.ts';
export { createBrowserPool } from './pool-browser.ts';
export { createInlinePool } from './pool-inline.ts';

export { learnBinning, applyBinning, binTable, numericBin, selectRows, defaultMinCategoryCount } from './binning.ts';
export type { BinningOptions, BinningReport } from './binning.ts';
export { makeLabels, MISSING_LABEL } from './labels.ts';
export type { Labels } from './labels.ts';
export { stratifiedSplit } from './split.ts';
export { mulberry32 } from '../util/random.ts';
export type { Split } from './split.ts';
export { PRESETS, PRESET_NAMES, defaultParams, presetParams } from './presets.ts';
export type { PresetName } from './presets.ts';
export { correctProbabilities, correctProbability, needsCorrection } from './base-rate.ts';
export {
  serializeModel,
  serializeTree,
  modelToJson,
  parseModelFile,
  MODEL_FORMAT,
  MODEL_VERSION,
  APP_VERSION,
  MAX_TREES,
  MAX_TOTAL_NODES,
} from './model-file.ts';
export type { ModelParts, ModelLimits } from './model-file.ts';
export { trainModel, effectiveParams, treeMinLeaf, METRICS_THRESHOLD, SOURCE_FULL, SOURCE_TEST, SOURCE_OOB } from './train.ts';
export type { TrainOptions, TrainPhase } from './train.ts';
export { scoreTable, modelTrees } from './score.ts';
export type { ScoreResult, ScoreWarning } from './score.ts';
export { permutationImportance } from './permutation.ts';
export { treeToRules, modelRules, ruleText, conditionText, formatValue, formatRate } from './rules.ts';
export type { Rule, RuleCondition, RuleOp, RuleOptions } from './rules.ts';
export { explainTable, topReasons, reportedScale } from './shap.ts';
export type { TableExplanation, ExplainOptions, TopReason, ScaledContributions } from './shap.ts';
export type { RowProgress, ContributionsResult } from './forest.ts';
