// Rows of the early-warning list: rule hits at the latest month plus customers already inactive
// through the whole window (churned without a model), with the filter and sort the table offers.
import { formatMonth, type PreparedLog, type RulesReport } from '../../lib/features/index.ts';

export type WarningKind = 'declining' | 'below_threshold' | 'inactive';

export interface WarningRow {
  customer: string;
  kind: WarningKind;
  /** Length of the run (rules) or months since the last transaction (inactive). */
  months: number;
  /** First month of the run, or the month after the last transaction (month index). */
  since: number;
  sinceLabel: string;
}

export interface InactiveAt {
  customer: string;
  lastActiveMonth: number;
}

/** Customers with a transaction before the window ending at T and none inside it. */
export function inactiveThroughWindow(prep: PreparedLog, window: number, T: number): InactiveAt[] {
  const { customers, months, stride, kinds, count } = prep.panel;
  const t = T - prep.firstMonth;
  const out: InactiveAt[] = [];
  for (let c = 0; c < customers; c++) {
    const base = c * months * stride + kinds;
    let last = -1;
    for (let m = t; m >= 0; m--) {
      if (count[base + m * stride] > 0) { last = m; break; }
    }
    if (last >= 0 && last <= t - window) out.push({ customer: prep.customerIds[c], lastActiveMonth: prep.firstMonth + last });
  }
  return out;
}

export function warningRows(rules: RulesReport, inactive: InactiveAt[]): WarningRow[] {
  const rows: WarningRow[] = rules.hits.map((h) => ({ customer: h.customer, kind: h.rule, months: h.months, since: h.since, sinceLabel: h.sinceLabel }));
  for (const x of inactive) {
    rows.push({ customer: x.customer, kind: 'inactive', months: rules.cutoff - x.lastActiveMonth, since: x.lastActiveMonth + 1, sinceLabel: formatMonth(x.lastActiveMonth + 1) });
  }
  return rows;
}

export type SortKey = 'customer' | 'kind' | 'months' | 'since';

const KIND_ORDER: Record<WarningKind, number> = { declining: 0, below_threshold: 1, inactive: 2 };

/** Filtered and sorted copy; ties keep the input order (Array.prototype.sort is stable). */
export function viewRows(rows: WarningRow[], filter: WarningKind | 'all', key: SortKey, descending: boolean): WarningRow[] {
  const out = filter === 'all' ? rows.slice() : rows.filter((r) => r.kind === filter);
  const dir = descending ? -1 : 1;
  out.sort((a, b) => {
    let d = 0;
    if (key === 'customer') d = a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0;
    else if (key === 'kind') d = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    else if (key === 'months') d = a.months - b.months;
    else d = a.since - b.since;
    return d * dir;
  });
  return out;
}
