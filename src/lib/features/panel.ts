// The monthly panel: per customer × calendar month × kind, the sum and count of transactions, and
// the balance at month end. Flat typed arrays, one pass over the rows, no per-transaction objects.

export interface MonthlyPanel {
  customers: number;
  /** Number of calendar months covered, from the panel's first month (relative month 0). */
  months: number;
  /** Number of kinds; slot `kinds` (one past the last kind) holds all transactions together. */
  kinds: number;
  /** kinds + 1: cells per customer-month. */
  stride: number;
  /** Sum of amounts at ((customer * months) + month) * stride + kind. */
  sum: Float64Array;
  /** Number of transactions at the same index as `sum`. */
  count: Uint32Array;
  /** Balance at month end at customer * months + month (last by date, ties by row order); NaN if none that month. */
  balance: Float64Array | null;
  /** Index of the customer's last log row in the month (by date, ties by row order) at customer * months + month; -1 if none. */
  lastRow: Int32Array;
}

export interface PanelInput {
  customers: number;
  months: number;
  kinds: number;
  /** Per row: customer number, or -1 to skip the row. */
  customer: Int32Array;
  /** Per row: month relative to the panel's first month. */
  month: Int32Array;
  /** Per row: kind number, or -1 when the kind is missing (the row counts in "all" only). */
  kind: Int32Array | null;
  amount: Float64Array;
  /** Per row: days with time of day, to order balances within a month. */
  time: Float64Array;
  balance: Float64Array | null;
}

export function buildPanel(inp: PanelInput): MonthlyPanel {
  const { customers, months, kinds } = inp;
  const stride = kinds + 1;
  const cells = customers * months * stride;
  const sum = new Float64Array(cells);
  const count = new Uint32Array(cells);
  const n = inp.customer.length;
  const { customer, month, kind, amount } = inp;
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    if (c < 0) continue;
    const base = (c * months + month[i]) * stride;
    const a = amount[i];
    sum[base + kinds] += a;
    count[base + kinds]++;
    if (kind !== null) {
      const k = kind[i];
      if (k >= 0) {
        sum[base + k] += a;
        count[base + k]++;
      }
    }
  }
  const lastRow = new Int32Array(customers * months).fill(-1);
  {
    const time = inp.time;
    const at = new Float64Array(customers * months).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const c = customer[i];
      if (c < 0) continue;
      const cell = c * months + month[i];
      if (time[i] >= at[cell]) {
        at[cell] = time[i];
        lastRow[cell] = i;
      }
    }
  }
  let balance: Float64Array | null = null;
  if (inp.balance !== null) {
    const bal = inp.balance;
    const time = inp.time;
    balance = new Float64Array(customers * months).fill(NaN);
    const at = new Float64Array(customers * months).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const c = customer[i];
      const b = bal[i];
      if (c < 0 || Number.isNaN(b)) continue;
      const cell = c * months + month[i];
      // >= so that, on equal timestamps, the later row (the later entry in the log) wins
      if (time[i] >= at[cell]) {
        at[cell] = time[i];
        balance[cell] = b;
      }
    }
  }
  return { customers, months, kinds, stride, sum, count, balance, lastRow };
}
