// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { guessValueColumn } from '../../../src/ui/charts/value-columns.ts';
import type { Table } from '../../../src/lib/table/types.ts';

const num = (name: string) => ({ kind: 'numeric' as const, name, values: new Float64Array(1), semantic: 'number' as const });
const table = (...names: string[]): Table => ({ rowCount: 1, columns: names.map(num) });

describe('value column guess', () => {
  it('prefers balance and monthly charges over salary and totals', () => {
    expect(guessValueColumn(table('CreditScore', 'Age', 'Balance', 'EstimatedSalary'))).toBe('Balance');
    expect(guessValueColumn(table('tenure', 'MonthlyCharges', 'TotalCharges'))).toBe('MonthlyCharges');
    expect(guessValueColumn(table('年龄', '月消费金额'))).toBe('月消费金额');
    expect(guessValueColumn(table('age', 'tenure'))).toBe('');
    expect(guessValueColumn(table('Balance', 'x'), ['Balance'])).toBe('');
  });
});
