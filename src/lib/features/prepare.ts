// From a Table holding a transaction log plus the user's role mapping to a monthly panel,
// counting what had to be dropped (and why) instead of failing on the first bad row.
import type { Column, Table } from '../table/types.ts';
import { MISSING_CODE, cellText } from '../table/types.ts';
import { UserError } from '../errors.ts';
import { parseDateColumn } from './dates.ts';
import { amountValues } from './amounts.ts';
import { monthOfDay, formatMonth } from './month.ts';
import { buildPanel, type MonthlyPanel } from './panel.ts';

export interface LogRoles {
  customer: string;
  date: string;
  amount: string;
  kind?: string;
  balance?: string;
}

export interface DroppedRows {
  /** Date missing or unreadable. */
  badDate: number;
  /** Amount missing or not a number. */
  badAmount: number;
  /** Customer id missing. */
  missingCustomer: number;
}

export interface PreparedLog {
  roles: LogRoles;
  /** Customer ids exactly as written, in order of first appearance; index = customer number in the panel. */
  customerIds: string[];
  /** Kinds exactly as written, in order of first appearance; empty without a kind column. */
  kindNames: string[];
  /** Month index (year*12 + month-1) of the panel's month 0, and of its last month. */
  firstMonth: number;
  lastMonth: number;
  /** Latest transaction date kept (days since 1970-01-01), e.g. to warn that the last month is partial. */
  lastDay: number;
  panel: MonthlyPanel;
  rows: number;
  keptRows: number;
  /** Each dropped row is counted once, under the first reason found in the order customer, date, amount. */
  dropped: DroppedRows;
  /** 0-based row indices of the first few rows dropped for a bad date. */
  badDateRows: number[];
  /** Kept rows with a negative amount (refunds, reversals): they stay in sums. */
  negativeAmounts: number;
  /** Day/month order used for d/m/y dates; null if the column had none. */
  dayFirst: boolean | null;
  /** Log columns copied to the feature table (each customer's value on their last transaction up to T). */
  carry: Column[];
}

export interface PrepareOptions {
  dayFirst?: boolean;
  /** Other log columns to carry per customer (e.g. branch, segment). */
  carry?: readonly string[];
}

/** Kinds beyond this are almost surely not a "kind" column (a product code, a free-text memo…). */
export const MAX_KINDS = 50;
/** A wider date range means a stray value (a year 1900 Excel serial, a typo), not a real log. */
export const MAX_MONTHS = 1200;

export function findColumn(table: Table, name: string): Column {
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new UserError('features.unknownColumn', { column: name });
  return col;
}

/** Map a column's values to dense numbers 0..k-1 in order of first appearance among `keep` rows; -1 for missing. */
function denseCodes(col: Column, keep: Uint8Array | null): { codes: Int32Array; names: string[] } {
  const n = keep ? keep.length : col.kind === 'numeric' ? col.values.length : col.codes.length;
  const codes = new Int32Array(n).fill(-1);
  const names: string[] = [];
  if (col.kind === 'categorical') {
    const remap = new Int32Array(col.levels.length).fill(-1);
    for (let i = 0; i < n; i++) {
      if (keep && !keep[i]) continue;
      const c = col.codes[i];
      if (c === MISSING_CODE) continue;
      let d = remap[c];
      if (d < 0) {
        d = remap[c] = names.length;
        names.push(col.levels[c]);
      }
      codes[i] = d;
    }
  } else {
    const seen = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (keep && !keep[i]) continue;
      const v = col.values[i];
      if (Number.isNaN(v)) continue;
      let d = seen.get(v);
      if (d === undefined) {
        d = names.length;
        seen.set(v, d);
        names.push(cellText(col, i));
      }
      codes[i] = d;
    }
  }
  return { codes, names };
}

function isMissing(col: Column, i: number): boolean {
  return col.kind === 'numeric' ? Number.isNaN(col.values[i]) : col.codes[i] === MISSING_CODE;
}

export function prepareLog(log: Table, roles: LogRoles, opts: PrepareOptions = {}): PreparedLog {
  const custCol = findColumn(log, roles.customer);
  const dateCol = findColumn(log, roles.date);
  const amountCol = findColumn(log, roles.amount);
  const kindCol = roles.kind ? findColumn(log, roles.kind) : null;
  const balanceCol = roles.balance ? findColumn(log, roles.balance) : null;
  const n = log.rowCount;
  const roleNames = new Set<string>(Object.values(roles).filter((v): v is string => typeof v === 'string'));
  const carry = (opts.carry ?? []).filter((name) => !roleNames.has(name)).map((name) => findColumn(log, name));

  const parsed = parseDateColumn(dateCol, { dayFirst: opts.dayFirst });
  if (parsed.ambiguous) throw new UserError('features.ambiguousDates', { column: roles.date, examples: parsed.examples.join(', ') });
  const days = parsed.days;
  const amount = amountValues(amountCol);
  const balance = balanceCol ? amountValues(balanceCol) : null;

  const keep = new Uint8Array(n);
  const dropped: DroppedRows = { badDate: 0, badAmount: 0, missingCustomer: 0 };
  const badDateRows: number[] = [];
  let negativeAmounts = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    if (isMissing(custCol, i)) { dropped.missingCustomer++; continue; }
    const d = days[i];
    if (Number.isNaN(d)) {
      if (badDateRows.length < 10) badDateRows.push(i);
      dropped.badDate++;
      continue;
    }
    const a = amount[i];
    if (!Number.isFinite(a)) { dropped.badAmount++; continue; }
    if (a < 0) negativeAmounts++;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
    keep[i] = 1;
  }
  const keptRows = n - dropped.badDate - dropped.badAmount - dropped.missingCustomer;
  if (keptRows === 0) throw new UserError('features.noValidRows', { rows: n, ...dropped });

  const firstMonth = monthOfDay(minDay);
  const lastMonth = monthOfDay(maxDay);
  const months = lastMonth - firstMonth + 1;
  if (months > MAX_MONTHS) throw new UserError('features.dateRangeTooWide', { first: formatMonth(firstMonth), last: formatMonth(lastMonth) });

  const cust = denseCodes(custCol, keep);
  const kinds = kindCol ? denseCodes(kindCol, keep) : null;
  if (kinds && kinds.names.length > MAX_KINDS) throw new UserError('features.tooManyKinds', { column: roles.kind!, count: kinds.names.length, max: MAX_KINDS });

  const month = new Int32Array(n);
  for (let i = 0; i < n; i++) if (keep[i]) month[i] = monthOfDay(days[i]) - firstMonth;

  const panel = buildPanel({
    customers: cust.names.length,
    months,
    kinds: kinds ? kinds.names.length : 0,
    customer: cust.codes, // dropped rows already carry -1
    month,
    kind: kinds ? kinds.codes : null,
    amount,
    time: days,
    balance,
  });
  return {
    roles,
    customerIds: cust.names,
    kindNames: kinds ? kinds.names : [],
    firstMonth,
    lastMonth,
    lastDay: maxDay,
    panel,
    rows: n,
    keptRows,
    dropped,
    badDateRows,
    negativeAmounts,
    dayFirst: parsed.dayFirst,
    carry,
  };
}
