import { describe, expect, it } from 'vitest';
import { buildFeatureTable } from '../../../src/lib/features/build.ts';
import { stackCutoffs } from '../../../src/lib/features/stack.ts';
import { monthIndex } from '../../../src/lib/features/month.ts';
import { runFeatures } from '../../../src/cli/commands/features.ts';
import { tableFromRows, tableFromCsv, ids, num, col } from './table-helpers.ts';

const header = ['date', 'customer', 'amount', 'branch', 'age'];
const rows = [
  ['2024-01-05', 'a', '10', 'North', '30'],
  ['2024-02-05', 'a', '10', 'South', '31'], // a moves in February
  ['2024-03-05', 'a', '10', 'East', '31'], // after T = February: must not be seen
  ['2024-02-09', 'b', '10', 'West', ''],
  ['2024-02-01', 'b', '10', 'North', '40'], // earlier date, later row: West (9th) is the last
  ['2024-03-01', 'b', '10', 'North', '40'],
];
const roles = { customer: 'customer', date: 'date', amount: 'amount' };

describe('carried customer attributes', () => {
  const log = tableFromRows(header, rows, ['age']);

  it('copy each customer’s value on the last transaction up to T', () => {
    const { table } = buildFeatureTable(log, roles, { cutoff: monthIndex(2024, 2), carry: ['branch', 'age', 'amount'] });
    expect(table.columns.slice(0, 3).map((c) => c.name)).toEqual(['customer', 'branch', 'age']); // role columns are not carried
    expect(ids(table, 'branch')).toEqual(['South', 'West']);
    const branch = col(table, 'branch');
    expect(branch.kind === 'categorical' && branch.levels).toEqual(['South', 'West']);
    const age = num(table, 'age');
    expect(age[0]).toBe(31);
    expect(Number.isNaN(age[1])).toBe(true);
  });

  it('stack with merged dictionaries', () => {
    const { table } = stackCutoffs(log, roles, { carry: ['branch'] }, [monthIndex(2024, 1), monthIndex(2024, 2), monthIndex(2024, 3)]);
    expect(ids(table, 'customer')).toEqual(['a', 'a', 'b', 'a', 'b']);
    expect(ids(table, 'branch')).toEqual(['North', 'South', 'West', 'East', 'North']);
  });

  it('the CLI carries columns with --carry', async () => {
    const files = new Map<string, string>();
    const csv = [header.join(','), ...rows.map((r) => r.join(','))].join('\n');
    await runFeatures(['log.csv', '--customer', 'customer', '--date', 'date', '--amount', 'amount', '--carry', 'branch', '--cutoff', '2024-02', '--out', 'o.csv'], {
      stdout: () => {},
      readTable: async () => tableFromCsv(csv, ['amount', 'age']),
      writeFile: async (p, t) => { files.set(p, t); },
      toCsv: (h, rs) => [h, ...rs].map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n'),
    });
    const lines = files.get('o.csv')!.split('\n');
    expect(lines[0].startsWith('customer,branch,all_total')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['a,South', 'b,West']);
  });
});
