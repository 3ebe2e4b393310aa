// Month-by-month activity for the log chart: active customers and the churn rate by the same
// inactivity definition as the labels (active in m, no transaction in m+1..m+H).
import type { Table } from '../table/types.ts';
import { formatMonth } from './month.ts';
import { prepareLog, type LogRoles, type PreparedLog } from './prepare.ts';

export interface MonthlyActivity {
  /** Month indices, first to last month of the log, and the same as "YYYY-MM". */
  months: Int32Array;
  labels: string[];
  /** Customers with at least one transaction in the month. */
  active: Int32Array;
  /** Customers with their first transaction in the month. */
  newCustomers: Int32Array;
  transactions: Float64Array;
  amount: Float64Array;
  /** Share of the month's active customers with no transaction in the next H months; NaN when the data end before m+H. */
  churnRate: Float64Array;
  horizon: number;
}

export function activityFromPanel(prep: PreparedLog, horizon = 1): MonthlyActivity {
  const { customers, months, stride, kinds, count, sum } = prep.panel;
  const active = new Int32Array(months);
  const newCustomers = new Int32Array(months);
  const transactions = new Float64Array(months);
  const amount = new Float64Array(months);
  const churned = new Int32Array(months);
  for (let c = 0; c < customers; c++) {
    const base = c * months * stride + kinds;
    let seen = false;
    // nextActive: the nearest later active month, scanning backwards
    let nextActive = Infinity;
    for (let m = months - 1; m >= 0; m--) {
      const k = count[base + m * stride];
      if (k === 0) continue;
      active[m]++;
      transactions[m] += k;
      amount[m] += sum[base + m * stride];
      if (m + horizon <= months - 1 && nextActive > m + horizon) churned[m]++;
      nextActive = m;
    }
    for (let m = 0; m < months && !seen; m++) {
      if (count[base + m * stride] > 0) {
        newCustomers[m]++;
        seen = true;
      }
    }
  }
  const churnRate = new Float64Array(months);
  for (let m = 0; m < months; m++) churnRate[m] = m + horizon <= months - 1 && active[m] > 0 ? churned[m] / active[m] : NaN;
  const monthIdx = Int32Array.from({ length: months }, (_, m) => prep.firstMonth + m);
  return { months: monthIdx, labels: Array.from(monthIdx, formatMonth), active, newCustomers, transactions, amount, churnRate, horizon };
}

export function monthlyActivity(log: Table, roles: LogRoles, opts: { horizon?: number; dayFirst?: boolean } = {}): MonthlyActivity {
  return activityFromPanel(prepareLog(log, roles, { dayFirst: opts.dayFirst }), opts.horizon ?? 1);
}
