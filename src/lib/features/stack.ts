// Several past cutoffs stacked into one training table (one row per customer per cutoff), the way
// the founding study trained on monthly snapshots; plus a time-based plan of which cutoffs to use.
import type { CategoricalColumn, Column, NumericColumn, Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { UserError } from '../errors.ts';
import { formatMonth } from './month.ts';
import { prepareLog, type LogRoles, type PreparedLog } from './prepare.ts';
import { featuresAtCutoff, type FeatureOptions, type FeatureReport, type FeatureResult } from './build.ts';

export interface StackedResult {
  /** The customer id column, a `cutoff` column ("YYYY-MM"), then the same columns as buildFeatureTable. */
  table: Table;
  reports: FeatureReport[];
}

export function stackPrepared(prep: PreparedLog, options: Partial<FeatureOptions>, cutoffs: readonly number[]): StackedResult {
  if (cutoffs.length === 0) throw new UserError('features.noCutoffs');
  const parts: FeatureResult[] = cutoffs.map((cutoff) => featuresAtCutoff(prep, { ...options, cutoff }));
  const rowCount = parts.reduce((a, p) => a + p.table.rowCount, 0);

  // Customer ids: one shared dictionary, in order of first appearance across the stack.
  const levels: string[] = [];
  const levelOf = new Map<string, number>();
  const idCodes = new Int32Array(rowCount);
  const cutoffCodes = new Int32Array(rowCount);
  let row = 0;
  parts.forEach((p, pi) => {
    const id = p.table.columns[0] as CategoricalColumn;
    for (let i = 0; i < p.table.rowCount; i++, row++) {
      const text = id.levels[id.codes[i]];
      let code = levelOf.get(text);
      if (code === undefined) {
        code = levels.length;
        levelOf.set(text, code);
        levels.push(text);
      }
      idCodes[row] = code;
      cutoffCodes[row] = pi;
    }
  });
  const columns: Column[] = [
    { kind: 'categorical', name: prep.roles.customer, codes: idCodes, levels, semantic: 'id' },
    { kind: 'categorical', name: 'cutoff', codes: cutoffCodes, levels: cutoffs.map(formatMonth), semantic: 'category' },
  ];
  const template = parts[0].table.columns;
  for (let j = 1; j < template.length; j++) {
    const first = template[j];
    if (first.kind === 'numeric') {
      const values = new Float64Array(rowCount);
      let at = 0;
      for (const p of parts) {
        values.set((p.table.columns[j] as NumericColumn).values, at);
        at += p.table.rowCount;
      }
      columns.push({ kind: 'numeric', name: first.name, values, semantic: first.semantic });
    } else {
      // carried text columns: each cutoff has its own dictionary; merge them by text
      const merged: string[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(rowCount);
      let at = 0;
      for (const p of parts) {
        const c = p.table.columns[j] as CategoricalColumn;
        const remap = c.levels.map((text) => {
          let k = index.get(text);
          if (k === undefined) { k = merged.length; index.set(text, k); merged.push(text); }
          return k;
        });
        for (let i = 0; i < c.codes.length; i++) codes[at + i] = c.codes[i] === MISSING_CODE ? MISSING_CODE : remap[c.codes[i]];
        at += p.table.rowCount;
      }
      columns.push({ kind: 'categorical', name: first.name, codes, levels: merged, semantic: first.semantic });
    }
  }
  return { table: { rowCount, columns }, reports: parts.map((p) => p.report) };
}

/** Features at several cutoffs (month indices) stacked into one table with a `cutoff` column. */
export function stackCutoffs(log: Table, roles: LogRoles, options: Partial<FeatureOptions>, cutoffs: readonly number[]): StackedResult {
  return stackPrepared(prepareLog(log, roles, { dayFirst: options.dayFirst, carry: options.carry }), options, cutoffs);
}

export interface TimeSplitPlan {
  /** Past cutoffs to train on (oldest first); their horizons end before the validation cutoff's window ends. */
  train: number[];
  /** The latest labelled cutoff, for validation; null if the data are too short to label anything. */
  validation: number | null;
  /** The latest month: its future is unknown; these are the customers to act on. */
  scoring: number;
  /** The same months as "YYYY-MM". */
  labels: { train: string[]; validation: string | null; scoring: string };
}

/**
 * Which cutoffs to train, validate and score on. Validation is the latest labelled month; a training
 * cutoff T must satisfy T + H ≤ validation (its labels are known before validation's features end),
 * and T − W + 1 ≥ first month (a full window of data), most recent first, up to maxTrain of them.
 */
export function timeSplitPlan(
  report: Pick<FeatureReport, 'firstMonth' | 'lastMonth' | 'window' | 'horizon'>,
  maxTrain = 6,
): TimeSplitPlan {
  const { firstMonth, lastMonth, window: W, horizon: H } = report;
  const validationMonth = lastMonth - H;
  const validation = validationMonth >= firstMonth ? validationMonth : null;
  const train: number[] = [];
  if (validation !== null) {
    const earliest = Math.min(firstMonth + W - 1, validation - H); // allow a short first window if the data are short
    for (let T = validation - H; T >= Math.max(earliest, firstMonth) && train.length < maxTrain; T--) train.unshift(T);
  }
  return {
    train,
    validation,
    scoring: lastMonth,
    labels: { train: train.map(formatMonth), validation: validation === null ? null : formatMonth(validation), scoring: formatMonth(lastMonth) },
  };
}
