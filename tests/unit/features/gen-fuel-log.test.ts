import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateFuelLog, FUEL_LOG_HEADER } from '../../../scripts/gen-fuel-log.ts';
import { buildFeatureTable } from '../../../src/lib/features/build.ts';
import { detectLogRoles } from '../../../src/lib/features/roles.ts';
import { tableFromCsv, num } from './table-helpers.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('fuel-card log generator', () => {
  it('same seed → same bytes; another seed → other bytes', () => {
    const a = generateFuelLog({ customers: 300, seed: 7 });
    const b = generateFuelLog({ customers: 300, seed: 7 });
    const c = generateFuelLog({ customers: 300, seed: 8 });
    expect(sha(a.csv)).toBe(sha(b.csv));
    expect(sha(a.csv)).not.toBe(sha(c.csv));
  });

  it('has the study’s shape: cards, kinds, balances, 18 months, churners', () => {
    const { csv, churners, abrupt } = generateFuelLog({ customers: 400 });
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(FUEL_LOG_HEADER.join(','));
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['recharge', 'purchase', 'points_earned', 'points_spent']));
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['main', 'sub']));
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[0]) && /^C\d{5}$/.test(r[1]) && r[2].startsWith(r[1] + '-'))).toBe(true);
    expect(rows.every((r) => Number(r[6]) >= 0)).toBe(true); // the account never goes overdrawn
    expect(new Set(rows.map((r) => r[0].slice(0, 7))).size).toBe(18);
    expect(rows.map((r) => r[0])).toEqual(rows.map((r) => r[0]).sort()); // sorted by date, like an export
    expect(churners).toBeGreaterThan(40);
    expect(abrupt).toBeGreaterThan(0);
    expect(abrupt).toBeLessThan(churners);
  });

  it('the shipped sample is exactly what the generator writes, and it builds features', () => {
    const shipped = readFileSync(new URL('../../../public/samples/fuel-card-log.csv', import.meta.url), 'utf8');
    const fresh = generateFuelLog();
    expect(sha(shipped)).toBe(sha(fresh.csv));
    expect(shipped.length).toBeLessThan(15e6);
    const table = tableFromCsv(shipped, ['amount', 'balance']);
    const roles = detectLogRoles(table);
    expect(roles).toEqual({ date: 'transaction_date', customer: 'customer_id', amount: 'amount', kind: 'kind', balance: 'balance' });
    const { report, table: features } = buildFeatureTable(table, roles as Required<typeof roles>);
    expect(report.lastMonth - report.firstMonth + 1).toBe(18);
    expect(report.population).toBeGreaterThan(3000);
    const rate = report.churners / report.labelled;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.3);
    expect(num(features, 'churned').length).toBe(report.population);
  });
});
