// Does a file opened as a customer table look like a transaction log? A date, a customer and an
// amount column, and customers that appear on several rows. Only used to offer the log path.
import type { Table } from '../../lib/table/types.ts';
import { detectLogRoles } from '../../lib/features/index.ts';

export interface LogLook {
  customer: string;
  date: string;
  amount: string;
}

// A customer table has one row per customer; a log has several. Below this share of distinct ids the
// rows clearly repeat customers (a handful of duplicates in a customer table does not count).
const MAX_DISTINCT_SHARE = 0.8;

export function looksLikeLog(table: Table): LogLook | null {
  if (table.rowCount < 2) return null;
  const g = detectLogRoles(table);
  if (!g.customer || !g.date || !g.amount) return null;
  const col = table.columns.find((c) => c.name === g.customer);
  if (!col) return null;
  const distinct = col.kind === 'categorical' ? col.levels.length : new Set(col.values).size;
  if (distinct > MAX_DISTINCT_SHARE * table.rowCount) return null;
  return { customer: g.customer, date: g.date, amount: g.amount };
}
