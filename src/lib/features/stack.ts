// Several past cutoffs stacked into one training table (one row per customer per cutoff), the way
// the founding study trained on monthly snapshots; plus a time-based plan of which cutoffs to use.
import type { CategoricalColumn, Column, Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { UserError } from '../errors.ts';
import { formatMonth } from './month.ts';
import { prepareLog, type LogRoles, type PreparedLog } from './prepare.ts';
import { featuresAtCutoff, populationCount, type FeatureOptions, type FeatureReport } from './build.ts';

export interface StackedResult {
  /** The customer id column, a `cutoff` column ("YYYY-MM"), then the same columns as buildFeatureTable. */
  table: Table;
  reports: FeatureReport[];
}

export function stackPrepared(prep: PreparedLog, options: Partial<FeatureOptions>, cutoffs: readonly number[]): StackedResult {
  if (cutoffs.length === 0) throw new UserError('features.noCutoffs');
  // Build one cutoff at a time straight into the final columns, so memory holds the stack plus one
  // cutoff's table, not every cutoff's table twice.
  const firstPart = featuresAtCutoff(prep, { ...options, cutoff: cutoffs[0] });
  const window = firstPart.report.window;
  const sizes = cutoffs.map((T, i) => (i === 0 ? firstPart.table.rowCount : populationCount(prep, window, T)));
  const rowCount = sizes.reduce((a, b) => a + b, 0);
  const template = firstPart.table.columns;

  const idLevels: string[] = [];
  const idIndex = new Map<string, number>();
  const idCodes = new Int32Array(rowCount);
  const cutoffCodes = new Int32Array(rowCount);
  // Per template column: numeric values, or categorical codes with a dictionary merged by text.
  const values = template.map((c) => (c.kind === 'numeric' ? new Float64Array(rowCount) : null));
  const codes = template.map((c, j) => (c.kind === 'categorical' && j > 0 ? new Int32Array(rowCount) : null));
  const dicts = template.map(() => ({ levels: [] as string[], index: new Map<string, number>() }));
  const merge = (d: { levels: string[]; index: Map<string, number> }, text: string) => {
    let k = d.index.get(text);
    if (k === undefined) {
      k = d.levels.length;
      d.index.set(text, k);
      d.levels.push(text);
    }
    return k;
  };

  const reports: FeatureReport[] = [];
  let at = 0;
  for (let pi = 0; pi < cutoffs.length; pi++) {
    const part = pi === 0 ? firstPart : featuresAtCutoff(prep, { ...options, cutoff: cutoffs[pi] });
    reports.push(part.report);
    const n = part.table.rowCount;
    const id = part.table.columns[0] as CategoricalColumn;
    const idRemap = id.levels.map((text) => merge({ levels: idLevels, index: idIndex }, text));
    for (let i = 0; i < n; i++) {
      idCodes[at + i] = idRemap[id.codes[i]];
      cutoffCodes[at + i] = pi;
    }
    for (let j = 1; j < template.length; j++) {
      const col = part.table.columns[j];
      if (col.kind === 'numeric') values[j]!.set(col.values, at);
      else {
        const remap = col.levels.map((text) => merge(dicts[j], text));
        const out = codes[j]!;
        for (let i = 0; i < n; i++) out[at + i] = col.codes[i] === MISSING_CODE ? MISSING_CODE : remap[col.codes[i]];
      }
    }
    at += n;
  }

  const columns: Column[] = [
    { kind: 'categorical', name: prep.roles.customer, codes: idCodes, levels: idLevels, semantic: 'id' },
    { kind: 'categorical', name: 'cutoff', codes: cutoffCodes, levels: cutoffs.map(formatMonth), semantic: 'category' },
  ];
  for (let j = 1; j < template.length; j++) {
    const c = template[j];
    columns.push(
      c.kind === 'numeric'
        ? { kind: 'numeric', name: c.name, values: values[j]!, semantic: c.semantic }
        : { kind: 'categorical', name: c.name, codes: codes[j]!, levels: dicts[j].levels, semantic: c.semantic },
    );
  }
  return { table: { rowCount, columns }, reports };
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
