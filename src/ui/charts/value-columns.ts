// Which numeric columns can serve as a customer's value (revenue, balance, charges), and a guess
// at the likeliest one from its name.
import type { NumericColumn, Table } from '../../lib/table/types.ts';

// Name fragments in order of preference: what the customer brings in (revenue, balance, monthly
// charges) before what merely correlates with wealth (salary, income).
const VALUE_HINTS = ['revenue', 'balance', 'monthly', 'charge', 'arpu', 'spend', 'value', 'profit', 'margin', 'amount', 'bill', 'fee',
  '收入', '余额', '月', '费用', '消费', '价值', '利润', '金额', 'salary', 'income', '工资'];

export function valueColumns(table: Table, exclude: string[] = []): NumericColumn[] {
  return table.columns.filter((c): c is NumericColumn => c.kind === 'numeric' && c.semantic === 'number' && !exclude.includes(c.name));
}

/** Name of the numeric column most likely to hold the customer's value, or '' if none looks like one. */
export function guessValueColumn(table: Table, exclude: string[] = []): string {
  const cols = valueColumns(table, exclude);
  for (const hint of VALUE_HINTS) {
    const hit = cols.find((c) => c.name.toLowerCase().includes(hint));
    if (hit) return hit.name;
  }
  return '';
}

/** Values per row: the column's values, or a constant for everyone. */
export function valuesOf(table: Table, column: string, constant: number): Float64Array {
  const col = table.columns.find((c) => c.name === column);
  if (col && col.kind === 'numeric') return col.values;
  return new Float64Array(table.rowCount).fill(constant);
}
