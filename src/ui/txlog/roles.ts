// The role mapping the screen edits: plain strings ('' = not used), pre-filled from detectLogRoles.
import type { Column, Table } from '../../lib/table/types.ts';
import { cellText } from '../../lib/table/types.ts';
import { detectLogRoles, daysFromCivil, monthOfDay, type LogRoles } from '../../lib/features/index.ts';

export interface RoleChoice {
  customer: string;
  date: string;
  amount: string;
  kind: string;
  balance: string;
}

export const ROLE_KEYS = ['customer', 'date', 'amount', 'kind', 'balance'] as const;
export const OPTIONAL_ROLES = new Set<keyof RoleChoice>(['kind', 'balance']);

export function initialRoles(log: Table): RoleChoice {
  const g = detectLogRoles(log);
  return { customer: g.customer ?? '', date: g.date ?? '', amount: g.amount ?? '', kind: g.kind ?? '', balance: g.balance ?? '' };
}

/** LogRoles when the three required roles are set to three different columns; null otherwise. */
export function completeRoles(r: RoleChoice): LogRoles | null {
  if (!r.customer || !r.date || !r.amount) return null;
  if (new Set([r.customer, r.date, r.amount]).size < 3) return null;
  const out: LogRoles = { customer: r.customer, date: r.date, amount: r.amount };
  if (r.kind && r.kind !== r.customer && r.kind !== r.date && r.kind !== r.amount) out.kind = r.kind;
  if (r.balance && r.balance !== r.customer && r.balance !== r.date && r.balance !== r.amount && r.balance !== r.kind) out.balance = r.balance;
  return out;
}

/** Columns worth copying per customer: categories with a few values (branch, region, card type). */
export function carryCandidates(log: Table, roles: RoleChoice): Column[] {
  const used = new Set(Object.values(roles).filter(Boolean));
  return log.columns.filter((c) => !used.has(c.name) && c.kind === 'categorical' && c.semantic === 'category' && c.levels.length >= 2 && c.levels.length <= 50);
}

const pad = (n: number) => (n < 10 ? '0' : '') + n;

/**
 * A cell as the preview shows it: dates as YYYY-MM-DD (with the time when there is one), the rest as
 * read. `asWritten`: a date column whose day/month order is still unanswered shows MM/DD/YYYY, the
 * way the file wrote it, rather than one of the two readings.
 */
export function previewCell(col: Column, row: number, asWritten = false): string {
  if (col.kind === 'numeric' && col.semantic === 'date') {
    const v = col.values[row];
    if (Number.isNaN(v)) return '';
    const day = Math.floor(v);
    const mi = monthOfDay(day);
    const y = Math.floor(mi / 12);
    const m = mi - y * 12 + 1;
    const d = day - daysFromCivil(y, m, 1) + 1;
    if (asWritten) return `${pad(m)}/${pad(d)}/${y}`;
    let s = `${y}-${pad(m)}-${pad(d)}`;
    const secs = Math.round((v - day) * 86400);
    if (secs > 0) s += ` ${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}`;
    return s;
  }
  return cellText(col, row);
}
