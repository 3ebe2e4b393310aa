// The "Build features" step: a training table from past cutoffs stacked (time-based: every training
// cutoff's horizon ends before the validation cutoff's features do), plus the scoring table at the
// latest month, whose labels are unknown. Pure apart from yielding to the event loop between steps.
import type { Column, Table } from '../../lib/table/types.ts';
import { UserError, type MessageParams } from '../../lib/errors.ts';
import {
  featuresAtCutoff,
  formatMonth,
  stackPrepared,
  timeSplitPlan,
  type FeatureOptions,
  type FeatureReport,
  type LogRoles,
  type PreparedLog,
  type TimeSplitPlan,
} from '../../lib/features/index.ts';
import { inactiveThroughWindow, type InactiveAt } from './rules-view.ts';

export interface TxLogSettings {
  window: number;
  horizon: number;
  /** Validation cutoff T (month index); training cutoffs come before it. */
  cutoff: number;
  declineMonths: number;
  belowAmount: number;
  belowMonths: number;
  /** Kind the rules watch; undefined = all transactions. */
  ruleKind?: string;
  carry: string[];
}

export interface TxLogReport {
  roles: LogRoles;
  dayFirst: boolean | null;
  settings: TxLogSettings;
  plan: TimeSplitPlan;
  /** True when training and validation rows come from different cutoffs; false for a single cutoff (short data). */
  timeSplit: boolean;
  /** Per training-table row: its cutoff month index. */
  rowCutoff: Int32Array;
  /** Training-table rows from the training cutoffs, and from the validation cutoff (empty without a time split). */
  trainRows: Uint32Array;
  validationRows: Uint32Array;
  /** One FeatureReport per stacked cutoff (oldest first), and the scoring month's. */
  cutoffReports: FeatureReport[];
  scoringReport: FeatureReport;
  /** Customers with no transaction in the whole window ending at the latest month: churned, no model needed. */
  inactiveAtScoring: InactiveAt[];
  /** The monthly panel behind it all, for customerMonthlySeries (sparklines in the customers view). */
  prepared: PreparedLog;
}

export interface TxLogFeatures {
  table: Table;
  target: 'churned';
  positive: '1';
  idColumn: string;
  scoringTable: Table | null;
  report: TxLogReport;
  description: string;
}

export function featureOptions(s: TxLogSettings, dayFirst: boolean | null): Partial<FeatureOptions> {
  return {
    window: s.window,
    horizon: s.horizon,
    declineMonths: s.declineMonths,
    belowAmount: s.belowAmount,
    belowMonths: s.belowMonths,
    ruleKind: s.ruleKind,
    carry: s.carry,
    dayFirst: dayFirst ?? undefined,
  };
}

/** Cutoffs for a validation cutoff T: the plan timeSplitPlan makes for data ending at T+H, scored at the real last month. */
export function planFor(prep: PreparedLog, s: Pick<TxLogSettings, 'window' | 'horizon' | 'cutoff'>): TimeSplitPlan {
  const p = timeSplitPlan({ firstMonth: prep.firstMonth, lastMonth: s.cutoff + s.horizon, window: s.window, horizon: s.horizon });
  return { ...p, scoring: prep.lastMonth, labels: { ...p.labels, scoring: formatMonth(prep.lastMonth) } };
}

/** The cutoffs whose horizon lies inside the data: the choices for the validation cutoff. */
export function cutoffChoices(prep: PreparedLog, horizon: number): number[] {
  const out: number[] = [];
  for (let T = prep.firstMonth; T + horizon <= prep.lastMonth; T++) out.push(T);
  return out;
}

export type Step = (key: string, params?: MessageParams) => void;

// 20 ms rather than 0: long enough for the browser to paint the progress line before the next step blocks.
const nextTick = () => new Promise<void>((r) => setTimeout(r, 20));

/** Drop the stack's `cutoff` column: a month label is no predictor, and the scoring table has none. */
function withoutCutoffColumn(t: Table): { table: Table; rowCutoff: Int32Array; cutoffLevels: string[] } {
  const cut = t.columns[1];
  if (cut.name !== 'cutoff' || cut.kind !== 'categorical') throw new Error('stacked table without a cutoff column');
  const columns: Column[] = t.columns.filter((_, j) => j !== 1);
  return { table: { rowCount: t.rowCount, columns }, rowCutoff: Int32Array.from(cut.codes), cutoffLevels: cut.levels };
}

export async function buildTxLogFeatures(prep: PreparedLog, s: TxLogSettings, step: Step): Promise<Omit<TxLogFeatures, 'description'>> {
  const opts = featureOptions(s, prep.dayFirst);
  const plan = planFor(prep, s);
  if (plan.validation === null) throw new UserError('txlog.tooShort', { first: formatMonth(prep.firstMonth), last: formatMonth(prep.lastMonth), horizon: s.horizon });
  const timeSplit = plan.train.length > 0;
  const cutoffs = timeSplit ? [...plan.train, plan.validation] : [plan.validation];

  step('txlog.step.training', { count: cutoffs.length, from: formatMonth(cutoffs[0]), to: formatMonth(cutoffs[cutoffs.length - 1]) });
  await nextTick();
  const stacked = stackPrepared(prep, opts, cutoffs);
  const { table, rowCutoff: codes } = withoutCutoffColumn(stacked.table);
  const rowCutoff = Int32Array.from(codes, (k) => cutoffs[k]);
  const train: number[] = [];
  const validation: number[] = [];
  if (timeSplit) for (let i = 0; i < rowCutoff.length; i++) (rowCutoff[i] === plan.validation ? validation : train).push(i);
  else for (let i = 0; i < rowCutoff.length; i++) train.push(i);

  step('txlog.step.scoring', { month: formatMonth(prep.lastMonth) });
  await nextTick();
  const scoring = featuresAtCutoff(prep, { ...opts, cutoff: prep.lastMonth });
  const inactiveAtScoring = inactiveThroughWindow(prep, s.window, prep.lastMonth);

  return {
    table,
    target: 'churned',
    positive: '1',
    idColumn: prep.roles.customer,
    scoringTable: scoring.table.rowCount > 0 ? scoring.table : null,
    report: {
      roles: prep.roles,
      dayFirst: prep.dayFirst,
      settings: { ...s, carry: s.carry.slice() },
      plan,
      timeSplit,
      rowCutoff,
      trainRows: Uint32Array.from(train),
      validationRows: Uint32Array.from(validation),
      cutoffReports: stacked.reports,
      scoringReport: scoring.report,
      inactiveAtScoring,
      prepared: prep,
    },
  };
}
