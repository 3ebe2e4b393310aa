// Column roles for `train`: check every named column exists, settle the positive value, and pick
// the features with the same profile rules the app uses: all other columns, minus those the
// profile finds id-like, constant, all missing or free text. A column that alone predicts churn
// almost perfectly is kept (the user may know it is legitimate) but named in a warning.
import { UserError } from '../lib/errors.ts';
import type { Table } from '../lib/table/types.ts';
import { churnValue, guessIdColumn, profileTable, suggestFeatureColumns, targetValues } from '../lib/profile/index.ts';

export type LeftOutReason = 'id' | 'constant' | 'empty' | 'text';

export interface ColumnChoice {
  positive: string;
  /** True when the positive value was detected rather than given. */
  positiveDetected: boolean;
  id: string | null;
  /** True when the id column was detected (as the app does) rather than given. */
  idDetected: boolean;
  /** Share of the labelled rows that churned with this positive value (the profile's). */
  churnRate: number;
  features: string[];
  leftOut: { column: string; reason: LeftOutReason }[];
  /** Features the profile suspects of leaking the answer. */
  leakage: string[];
}

export interface ColumnRequest {
  target: string;
  positive: string | undefined;
  /** A column, null for none, undefined to detect it as the app does (an id-like name with unique values). */
  id: string | null | undefined;
  drop: string[];
}

const MAX_LISTED = 12;
const LEFT_OUT: Partial<Record<string, LeftOutReason>> = { id: 'id', constant: 'constant', allMissing: 'empty', text: 'text' };

export function chooseColumns(table: Table, req: ColumnRequest): ColumnChoice {
  const names = new Set(table.columns.map((c) => c.name));
  const need = (column: string, flag: string) => {
    if (!names.has(column)) throw new UserError('cli.unknownColumn', { column, flag, available: listNames(table) });
  };
  need(req.target, '--target');
  if (req.id) need(req.id, '--id');
  for (const d of req.drop) need(d, '--drop');
  if (req.id && req.id === req.target) throw new UserError('cli.sameColumn', { column: req.id });
  const idDetected = req.id === undefined;
  const detectedId = idDetected ? guessIdColumn(table, req.target) : null;
  const id = idDetected ? (detectedId !== null && !req.drop.includes(detectedId) ? detectedId : null) : req.id ?? null;

  const positiveDetected = req.positive === undefined;
  const positive = req.positive ?? detectPositive(table, req.target);

  const profile = profileTable(table, { column: req.target, positive });
  const suggestion = suggestFeatureColumns(table, { column: req.target, positive }, profile);
  const chosen = new Set([req.target, ...(id !== null ? [id] : []), ...req.drop]);
  const leftOut: ColumnChoice['leftOut'] = [];
  for (const e of suggestion.excluded) {
    const reason = LEFT_OUT[e.reason];
    if (reason && !chosen.has(e.column)) leftOut.push({ column: e.column, reason });
  }
  const out = new Set(leftOut.map((l) => l.column));
  const features = table.columns.map((c) => c.name).filter((n) => !chosen.has(n) && !out.has(n));
  if (features.length === 0) throw new UserError('cli.noFeatures');
  const leaking = new Set(suggestion.excluded.filter((e) => e.reason === 'leakage').map((e) => e.column));
  return {
    positive, positiveDetected, id, idDetected: idDetected && id !== null, churnRate: profile.target?.churnRate ?? 0,
    features, leftOut, leakage: features.filter((f) => leaking.has(f)),
  };
}

/**
 * The target's churn value, when the values say it plainly (Yes/No, 1/0, true/false, 是/否, "Attrited
 * Customer" …). A one-valued target yields that value, so training reports the single class.
 */
export function detectPositive(table: Table, target: string): string {
  const values = targetValues(table, target);
  if (values.length === 1) return values[0].value;
  if (values.length >= 2) {
    const { positive, sure } = churnValue(values);
    if (sure) return positive;
  }
  throw new UserError('cli.positiveNotDetected', {
    column: target,
    values: values.slice(0, 8).map((v) => v.value).join(', ') || '—',
  });
}

function listNames(table: Table): string {
  const names = table.columns.map((c) => c.name);
  return names.length <= MAX_LISTED ? names.join(', ') : `${names.slice(0, MAX_LISTED).join(', ')} … (${names.length})`;
}
