// Column roles for `train`: check every named column exists, settle the positive value, and pick
// the features (all other columns, minus those that cannot help: id-like, constant, all missing).
import { UserError } from '../lib/errors.ts';
import type { Column, Table } from '../lib/table/types.ts';
import { MISSING_CODE } from '../lib/table/types.ts';

export type LeftOutReason = 'id' | 'constant' | 'empty';

export interface ColumnChoice {
  positive: string;
  /** True when the positive value was detected rather than given. */
  positiveDetected: boolean;
  id: string | null;
  features: string[];
  leftOut: { column: string; reason: LeftOutReason }[];
}

export interface ColumnRequest {
  target: string;
  positive: string | undefined;
  id: string | null;
  drop: string[];
}

const MAX_LISTED = 12;

export function chooseColumns(table: Table, req: ColumnRequest): ColumnChoice {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const need = (column: string, flag: string): Column => {
    const c = byName.get(column);
    if (!c) throw new UserError('cli.unknownColumn', { column, flag, available: listNames(table) });
    return c;
  };
  const targetCol = need(req.target, '--target');
  if (req.id !== null) need(req.id, '--id');
  for (const d of req.drop) need(d, '--drop');
  if (req.id !== null && req.id === req.target) throw new UserError('cli.sameColumn', { column: req.id });

  let positive = req.positive;
  const positiveDetected = positive === undefined;
  if (positive === undefined) positive = detectPositive(targetCol);

  const excluded = new Set([req.target, ...(req.id !== null ? [req.id] : []), ...req.drop]);
  const features: string[] = [];
  const leftOut: ColumnChoice['leftOut'] = [];
  for (const c of table.columns) {
    if (excluded.has(c.name)) continue;
    const reason = uselessReason(c, table.rowCount);
    if (reason) leftOut.push({ column: c.name, reason });
    else features.push(c.name);
  }
  if (features.length === 0) throw new UserError('cli.noFeatures');
  return { positive, positiveDetected, id: req.id, features, leftOut };
}

/** Why a column cannot help a forest, or null if it can. */
export function uselessReason(c: Column, rows: number): LeftOutReason | null {
  if (c.semantic === 'id' || c.semantic === 'text') return 'id';
  let present = 0;
  let first = NaN;
  let varies = false;
  if (c.kind === 'numeric') {
    for (let r = 0; r < rows; r++) {
      const v = c.values[r];
      if (v !== v) continue;
      if (present === 0) first = v;
      else if (v !== first) varies = true;
      present++;
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const v = c.codes[r];
      if (v === MISSING_CODE) continue;
      if (present === 0) first = v;
      else if (v !== first) varies = true;
      present++;
    }
    // Every row its own category: an identifier (names, account numbers), useless to a tree.
    if (rows >= 50 && c.levels.length >= 0.95 * present && present > 0) return 'id';
  }
  if (present === 0) return 'empty';
  if (!varies) return 'constant';
  return null;
}

// Values that mean "churned" in the files people export (English, Chinese, 0/1, booleans).
const POSITIVE_WORDS = ['yes', 'y', 'true', 't', '1', '1.0', 'churn', 'churned', 'exited', 'left', 'attrited customer', 'attrited', 'lost', 'inactive', 'closed', '是', '流失', '已流失', '是否流失'];

/** The target's churn value: 1 for a numeric 0/1 target, else a level that reads as "yes/churned". */
export function detectPositive(col: Column): string {
  if (col.kind === 'numeric') {
    let hasOne = false;
    const seen = new Set<number>();
    for (const v of col.values) {
      if (v !== v) continue;
      seen.add(v);
      if (v === 1) hasOne = true;
      if (seen.size > 20) break;
    }
    if (hasOne) return '1';
    throw new UserError('cli.positiveNotDetected', { column: col.name, values: [...seen].slice(0, 8).join(', ') });
  }
  const lower = col.levels.map((l) => l.trim().toLowerCase());
  for (const w of POSITIVE_WORDS) {
    const i = lower.indexOf(w);
    if (i >= 0) return col.levels[i];
  }
  throw new UserError('cli.positiveNotDetected', { column: col.name, values: col.levels.slice(0, 8).join(', ') });
}

function listNames(table: Table): string {
  const names = table.columns.map((c) => c.name);
  return names.length <= MAX_LISTED ? names.join(', ') : `${names.slice(0, MAX_LISTED).join(', ')} … (${names.length})`;
}
