// One customer's monthly amounts (all transactions together) from the prepared log, for sparklines.
import type { PreparedLog } from '../../lib/features/index.ts';

const indexCache = new WeakMap<PreparedLog, Map<string, number>>();

function customerIndex(prep: PreparedLog): Map<string, number> {
  let m = indexCache.get(prep);
  if (!m) {
    m = new Map(prep.customerIds.map((id, i) => [id, i]));
    indexCache.set(prep, m);
  }
  return m;
}

/** Month indices first..last month of the log and the customer's summed amounts; empty arrays for an unknown id. */
export function customerMonthlySeries(prep: PreparedLog, customerId: string): { months: number[]; amounts: number[] } {
  const c = customerIndex(prep).get(customerId);
  if (c === undefined) return { months: [], amounts: [] };
  const { months, stride, kinds, sum } = prep.panel;
  const base = c * months * stride + kinds;
  const monthsOut = new Array<number>(months);
  const amounts = new Array<number>(months);
  for (let m = 0; m < months; m++) {
    monthsOut[m] = prep.firstMonth + m;
    amounts[m] = sum[base + m * stride];
  }
  return { months: monthsOut, amounts };
}
