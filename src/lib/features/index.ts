// Transaction-log mode: log Table + role mapping → monthly panel → per-customer features and labels.
export { parseDateColumn, parseDateText, detectDayOrder, excelSerialToDays, type DateParseResult } from './dates.ts';
export { parseAmountText, amountValues } from './amounts.ts';
export { monthOfDay, monthIndex, formatMonth, parseMonth, daysFromCivil } from './month.ts';
export { detectLogRoles, type LogRoleGuess } from './roles.ts';
export { prepareLog, type LogRoles, type PreparedLog, type DroppedRows } from './prepare.ts';
export { buildPanel, type MonthlyPanel } from './panel.ts';
export { SERIES_STATS, sanitiseName, seriesPrefixes } from './feature-names.ts';
export {
  buildFeatureTable,
  featuresAtCutoff,
  defaultCutoff,
  DEFAULT_FEATURE_OPTIONS,
  type FeatureOptions,
  type FeatureReport,
  type FeatureResult,
  type InactiveCustomer,
} from './build.ts';
export { stackCutoffs, stackPrepared, timeSplitPlan, type StackedResult, type TimeSplitPlan } from './stack.ts';
export { monthlyActivity, activityFromPanel, type MonthlyActivity } from './activity.ts';
export { rulesReport, rulesFromPrepared, type RulesReport, type RuleHit } from './rules.ts';
