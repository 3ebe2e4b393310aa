// Small hand-made transaction logs for the txlog screen tests.
import type { CategoricalColumn, NumericColumn, Table } from '../../../src/lib/table/types.ts';

export function cat(name: string, values: string[], semantic: CategoricalColumn['semantic'] = 'category'): CategoricalColumn {
  const levels: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    let k = levels.indexOf(v);
    if (k < 0) k = levels.push(v) - 1;
    return k;
  });
  return { kind: 'categorical', name, codes, levels, semantic };
}

export function num(name: string, values: number[], semantic: NumericColumn['semantic'] = 'number'): NumericColumn {
  return { kind: 'numeric', name, values: Float64Array.from(values), semantic };
}

/**
 * Eight months, 2024-01..2024-08, five customers (first seen in this order):
 *   A every month; B Jan–Jun; C Jan–Jul; D only Jan; E Jul–Aug.
 * With W = 6, H = 1: validation cutoff 2024-07, one training cutoff 2024-06, scoring month 2024-08.
 */
export const ACTIVE: Record<string, number[]> = {
  A: [1, 2, 3, 4, 5, 6, 7, 8],
  B: [1, 2, 3, 4, 5, 6],
  C: [1, 2, 3, 4, 5, 6, 7],
  D: [1],
  E: [7, 8],
};

export function monthlyLog(): Table {
  const ids: string[] = [];
  const dates: string[] = [];
  const amounts: number[] = [];
  const types: string[] = [];
  const balances: number[] = [];
  const regions: string[] = [];
  for (let m = 1; m <= 8; m++) {
    for (const id of Object.keys(ACTIVE)) {
      if (!ACTIVE[id].includes(m)) continue;
      ids.push(id);
      dates.push(`2024-0${m}-15`);
      amounts.push(100 + m);
      types.push(m % 2 ? 'purchase' : 'recharge');
      balances.push(500 - m);
      regions.push(id < 'C' ? 'north' : 'south');
    }
  }
  return {
    rowCount: ids.length,
    columns: [
      cat('Txn Date', dates, 'text'),
      cat('Customer ID', ids, 'id'),
      num('Amount', amounts),
      cat('Type', types),
      num('Balance', balances),
      cat('Region', regions),
    ],
  };
}

/** Dates 01/02/2024 … 01/08/2024 (text): day-first they are 1 Feb … 1 Aug, month-first all in January. */
export function ambiguousLog(): Table {
  const ids: string[] = [];
  const dates: string[] = [];
  const amounts: number[] = [];
  for (let m = 2; m <= 8; m++) {
    for (const id of ['X1', 'X2', 'X3']) {
      ids.push(id);
      dates.push(`01/0${m}/2024`);
      amounts.push(10 * m);
    }
  }
  return { rowCount: ids.length, columns: [cat('customer_id', ids, 'id'), cat('date', dates, 'text'), num('amount', amounts)] };
}
