import { describe, expect, it } from 'vitest';
import { buildFeatureTable } from '../../../src/lib/features/build.ts';
import { parseAmountText } from '../../../src/lib/features/amounts.ts';
import { monthIndex } from '../../../src/lib/features/month.ts';
import { tableFromRows, num, ids } from './table-helpers.ts';
import { isUserError } from '../../../src/lib/errors.ts';

const header = ['when', 'who', 'amt'];
const rows: (string | null)[][] = [
  ['2024-01-05', 'a', '100'],
  ['2024-01-06', 'a', '-30'], // refund: kept, counted
  ['not a date', 'a', '10'], // row 2: bad date
  ['2024-02-30', 'b', '10'], // row 3: impossible date
  [null, 'b', '10'], // row 4: missing date
  ['2024-02-01', null, '10'], // missing customer
  ['2024-02-01', 'b', 'abc'], // bad amount
  ['2024-02-01', 'b', ''], // missing amount
  ['2024-02-02', 'b', '1,250.50'],
  ['2024-02-03', 'b', '(20.50)'], // accounting negative
  ['2024-03-01', 'a', '5'],
];

describe('a log with bad dates, bad amounts and refunds', () => {
  const { table, report } = buildFeatureTable(tableFromRows(header, rows), { customer: 'who', date: 'when', amount: 'amt' }, { window: 2, cutoff: monthIndex(2024, 2) });

  it('counts each dropped row once, under its first problem', () => {
    expect(report.droppedRows).toEqual({ badDate: 3, badAmount: 2, missingCustomer: 1 });
    expect(report.badDateRows).toEqual([2, 3, 4]);
    expect(report.rows).toBe(11);
    expect(report.keptRows).toBe(5);
  });

  it('keeps negative amounts in the sums and counts them', () => {
    expect(report.negativeAmounts).toBe(2);
    expect(ids(table, 'who')).toEqual(['a', 'b']);
    expect(Array.from(num(table, 'all_total'))).toEqual([70, 1230]);
    expect(Array.from(num(table, 'churned'))).toEqual([0, 1]);
  });

  it('reads money written as text', () => {
    expect(parseAmountText('¥1,234.50')).toBe(1234.5);
    expect(parseAmountText('12.5元')).toBe(12.5);
    expect(parseAmountText('-3')).toBe(-3);
    expect(parseAmountText('(3)')).toBe(-3);
    expect(Number.isNaN(parseAmountText('1.2.3'))).toBe(true);
  });

  it('a log with no usable row is a user error saying why', () => {
    try {
      buildFeatureTable(tableFromRows(header, [['x', 'a', '1']]), { customer: 'who', date: 'when', amount: 'amt' });
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e) && e.key).toBe('features.noValidRows');
      if (isUserError(e)) expect(e.params).toMatchObject({ rows: 1, badDate: 1 });
    }
  });

  it('an unknown column or kind is a user error', () => {
    expect(() => buildFeatureTable(tableFromRows(header, rows), { customer: 'nobody', date: 'when', amount: 'amt' })).toThrow(/features.unknownColumn.*nobody/);
    expect(() => buildFeatureTable(tableFromRows(header, rows), { customer: 'who', date: 'when', amount: 'amt' }, { ruleKind: 'fuel' })).toThrow(/features.unknownKind/);
  });
});
