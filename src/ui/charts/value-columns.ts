// Which numeric columns can serve as a customer's value (revenue, balance, charges), and a guess
// at the likeliest one from its name.
import type { NumericColumn, Table } from '../../lib/table/types.ts';

const VALUE_NAME = /(revenue|charge|balance|value|spend|amount|income|salary|profit|monthly|fee|bill|arpu|收入|余额|金额|费用|消费|价值|利润|月租)/i;

export function valueColumns(table: Table, exclude: string[] = []): NumericColumn[] {
  return table.columns.filter((c): c is NumericColumn => c.kind === 'numeric' && c.semantic === 'number' && !exclude.includes(c.name));
}

/** Name of the numeric column most likely to hold the customer's value, or '' if none looks like one. */
export function guessValueColumn(table: Table, exclude: string[] = []): string {
  const cols = valueColumns(table, exclude).filter((c) => VALUE_NAME.test(c.name));
  // prefer totals/charges over counts: the first match with the largest mean
  let best = '';
  let bestMean = -Infinity;
  for (const c of cols) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < c.values.length; i++) {
      const v = c.values[i];
      if (v === v) {
        s += v;
        n++;
      }
    }
    const mean = n ? s / n : -Infinity;
    if (mean > bestMean) {
      bestMean = mean;
      best = c.name;
    }
  }
  return best;
}

/** Values per row: the column's values, or a constant for everyone. */
export function valuesOf(table: Table, column: string, constant: number): Float64Array {
  const col = table.columns.find((c) => c.name === column);
  if (col && col.kind === 'numeric') return col.values;
  return new Float64Array(table.rowCount).fill(constant);
}
