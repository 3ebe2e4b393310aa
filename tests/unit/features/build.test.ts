import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildFeatureTable, featuresAtCutoff } from '../../../src/lib/features/build.ts';
import { prepareLog } from '../../../src/lib/features/prepare.ts';
import { monthIndex } from '../../../src/lib/features/month.ts';
import { SERIES_STATS } from '../../../src/lib/features/feature-names.ts';
import { tableFromCsv, num, ids, col } from './table-helpers.ts';

const csv = readFileSync(new URL('../../fixtures/features/hand-log.csv', import.meta.url), 'utf8');
const roles = { customer: 'customer', date: 'date', amount: 'amount', kind: 'kind', balance: 'balance' };
const JUL = monthIndex(2024, 7);

function build(opts = {}) {
  return buildFeatureTable(tableFromCsv(csv), roles, opts);
}

/** Values of one customer's row as { column: value }. */
function rowOf(table: ReturnType<typeof build>['table'], id: string): Record<string, number> {
  const r = ids(table, 'customer').indexOf(id);
  expect(r).toBeGreaterThanOrEqual(0);
  const out: Record<string, number> = {};
  for (const c of table.columns.slice(1)) if (c.kind === 'numeric') out[c.name] = c.values[r];
  return out;
}

describe('buildFeatureTable on a hand-built log (cutoff 2024-07, W=6, H=1)', () => {
  const { table, report, inactiveAll } = build();

  it('uses the latest month whose horizon is inside the data as default cutoff', () => {
    expect(report.firstMonth).toBe(monthIndex(2024, 1));
    expect(report.lastMonth).toBe(monthIndex(2024, 8));
    expect(report.defaultCutoff).toBe(JUL);
    expect(report.cutoff).toBe(JUL);
  });

  it('population = customers with a transaction in Feb..Jul; ids keep their exact text', () => {
    // B2 only buys in August (= T+H): not in the population. C3 only in January: inactive all window.
    expect(ids(table, 'customer')).toEqual(['00017', 'E5', 'D4']);
    expect(report.population).toBe(3);
    expect(inactiveAll).toEqual([{ customer: 'C3', lastActiveMonth: monthIndex(2024, 1) }]);
    expect(report.inactiveCount).toBe(1);
  });

  it('labels: churned = no transaction in August', () => {
    expect(Array.from(num(table, 'churned'))).toEqual([1, 0, 0]);
    expect(report.labelled).toBe(3);
    expect(report.churners).toBe(1);
  });

  it('column names: all, then each kind in order of appearance, then balance, rules, label', () => {
    const names = table.columns.map((c) => c.name);
    expect(names[0]).toBe('customer');
    expect(names.slice(1, 1 + SERIES_STATS.length)).toEqual(SERIES_STATS.map((s) => `all_${s}`));
    expect(names).toContain('purchase_total');
    expect(names).toContain('recharge_below_months');
    expect(names.slice(-4)).toEqual(['end_balance', 'rule_declining', 'rule_below_threshold', 'churned']);
    expect(names.length).toBe(1 + 3 * SERIES_STATS.length + 4);
  });

  it('customer 00017, purchases: 100 120 90 80 60 40 over Feb..Jul', () => {
    const r = rowOf(table, '00017');
    expect(r.purchase_total).toBe(490);
    expect(r.purchase_mean).toBeCloseTo(490 / 6, 12);
    expect(r.purchase_last).toBe(40);
    expect(r.purchase_trend).toBeCloseTo(-14, 12); // Σ(j-2.5)x_j = -245 over Σ(j-2.5)² = 17.5
    expect(r.purchase_ratio_3m).toBeCloseTo(180 / 310, 12);
    expect(r.purchase_active_months).toBe(6);
    expect(r.purchase_recency).toBe(0);
    expect(r.purchase_tenure).toBe(6); // first purchase in January
    expect(r.purchase_longest_gap).toBe(0);
    expect(r.purchase_declining_months).toBe(4); // Apr<Mar, May<Apr, Jun<May, Jul<Jun; Mar>Feb stops it
    expect(r.purchase_below_months).toBe(0);
  });

  it('customer 00017, recharges: 200 in Feb, 300 in May', () => {
    const r = rowOf(table, '00017');
    expect(r.recharge_total).toBe(500);
    expect(r.recharge_mean).toBeCloseTo(500 / 6, 12);
    expect(r.recharge_last).toBe(0);
    expect(r.recharge_trend).toBeCloseTo(-20, 12); // (-2.5*200 + 0.5*300) / 17.5
    expect(r.recharge_ratio_3m).toBeCloseTo(1.5, 12);
    expect(r.recharge_active_months).toBe(2);
    expect(r.recharge_recency).toBe(2);
    expect(r.recharge_tenure).toBe(5);
    expect(r.recharge_longest_gap).toBe(2);
    expect(r.recharge_declining_months).toBe(0);
    expect(r.recharge_below_months).toBe(2);
  });

  it('customer 00017, all transactions: 300 120 90 380 60 40', () => {
    const r = rowOf(table, '00017');
    expect(r.all_total).toBe(990);
    expect(r.all_mean).toBe(165);
    expect(r.all_last).toBe(40);
    expect(r.all_trend).toBeCloseTo(-34, 12); // -595 / 17.5
    expect(r.all_ratio_3m).toBeCloseTo(480 / 510, 12);
    expect(r.all_active_months).toBe(6);
    expect(r.all_recency).toBe(0);
    expect(r.all_tenure).toBe(6);
    expect(r.all_declining_months).toBe(2);
    expect(r.all_below_months).toBe(0);
  });

  it('end balance = last balance by date up to T, ties broken by row order', () => {
    // July rows: 07-20 (510), 07-20 (500), then 07-05 (530) later in the file: 07-20's second row wins.
    expect(rowOf(table, '00017').end_balance).toBe(500);
    expect(Number.isNaN(rowOf(table, 'E5').end_balance)).toBe(true);
  });

  it('customer D4: one purchase of 50 in March, then nothing up to T', () => {
    const r = rowOf(table, 'D4');
    expect(r.all_total).toBe(50);
    expect(r.all_last).toBe(0);
    expect(r.all_trend).toBeCloseTo(-75 / 17.5, 12);
    expect(r.all_ratio_3m).toBe(0);
    expect(r.all_active_months).toBe(1);
    expect(r.all_recency).toBe(4);
    expect(r.all_tenure).toBe(4);
    expect(r.all_longest_gap).toBe(4);
    expect(r.all_declining_months).toBe(0);
    expect(r.all_below_months).toBe(4); // Apr..Jul at or below 0; March (50) ends the run
    expect(Number.isNaN(r.recharge_recency)).toBe(true);
    expect(Number.isNaN(r.recharge_ratio_3m)).toBe(true); // 0/0: missing
    expect(r.rule_below_threshold).toBe(1);
    expect(r.rule_declining).toBe(0);
  });

  it('customer E5: falling every month since joining in February', () => {
    const r = rowOf(table, 'E5');
    expect(r.all_trend).toBeCloseTo(-10, 12);
    expect(r.all_ratio_3m).toBeCloseTo(2 / 3, 12);
    expect(r.all_tenure).toBe(5);
    expect(r.all_declining_months).toBe(5); // runs stop at the customer's first month
    expect(r.rule_declining).toBe(1);
    expect(r.rule_below_threshold).toBe(0);
    expect(r.recharge_below_months).toBe(6); // never recharged: Feb..Jul
  });

  it('rule parameters are configurable, and rules can watch one kind', () => {
    const a = build({ declineMonths: 5, belowMonths: 5 });
    expect(Array.from(num(a.table, 'rule_declining'))).toEqual([0, 1, 0]);
    expect(Array.from(num(a.table, 'rule_below_threshold'))).toEqual([0, 0, 0]);
    const b = build({ ruleKind: 'purchase' });
    expect(Array.from(num(b.table, 'rule_declining'))).toEqual([1, 1, 0]); // 00017's purchases fell 4 months
    const c = build({ belowAmount: 50, belowMonths: 2 });
    // 00017: Jul 40, Jun 60 → run 1; E5: Jul 50, Jun 60 → 1; D4: 4 months at 0
    expect(Array.from(num(c.table, 'all_below_months'))).toEqual([1, 1, 6 - 1]);
  });
});

describe('labels at the edges', () => {
  it('a customer whose only transaction is in T+H is not in the population at T', () => {
    const { table } = build({ cutoff: JUL });
    expect(ids(table, 'customer')).not.toContain('B2');
    const aug = build({ cutoff: monthIndex(2024, 8) });
    expect(ids(aug.table, 'customer')).toContain('B2');
  });

  it('data ending before T+H give empty labels', () => {
    const aug = build({ cutoff: monthIndex(2024, 8) });
    expect(Array.from(num(aug.table, 'churned')).every(Number.isNaN)).toBe(true);
    expect(aug.report.labelled).toBe(0);
    expect(aug.report.churners).toBe(0);
    const h2 = build({ cutoff: JUL, horizon: 2 });
    expect(Array.from(num(h2.table, 'churned')).every(Number.isNaN)).toBe(true);
    expect(build({ horizon: 2 }).report.cutoff).toBe(monthIndex(2024, 6));
  });

  it('a horizon of 2 months: churned only if silent in both', () => {
    const { table } = build({ cutoff: monthIndex(2024, 6), horizon: 2 });
    // Window Jan..Jun now includes C3 (January only), silent in Jul and Aug; D4 comes back in Aug.
    expect(ids(table, 'customer')).toEqual(['00017', 'C3', 'E5', 'D4']);
    expect(Array.from(num(table, 'churned'))).toEqual([0, 1, 0, 0]);
  });

  it('rejects a cutoff outside the data', () => {
    expect(() => build({ cutoff: monthIndex(2024, 9) })).toThrow(/features.cutoffOutOfRange/);
    expect(() => build({ window: 0 })).toThrow(/features.badOption/);
  });
});

describe('no feature reads a transaction after T', () => {
  it('adding, changing and removing August rows changes nothing but labels', () => {
    const base = build({ cutoff: JUL });
    const lines = csv.trim().split('\n');
    const perturbed = [
      ...lines.filter((l) => !l.startsWith('2024-08')),
      '2024-08-01,00017,purchase,9999,99999',
      '2024-08-31,D4,recharge,5000,5000',
      '2024-09-15,E5,purchase,-70,1',
      '2025-01-01,00017,purchase,1,2',
    ].join('\n');
    const other = buildFeatureTable(tableFromCsv(perturbed), roles, { cutoff: JUL });
    expect(ids(other.table, 'customer')).toEqual(ids(base.table, 'customer'));
    for (const c of base.table.columns.slice(1)) {
      if (c.name === 'churned') continue;
      expect(Array.from(num(other.table, c.name)), c.name).toEqual(Array.from(num(base.table, c.name)));
    }
    expect(Array.from(num(other.table, 'churned'))).toEqual([0, 1, 0]); // 00017 and D4 now active in August, E5 not
  });

  it('on random logs, randomising everything after T leaves the features unchanged', () => {
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 5; trial++) {
      const before: string[] = [];
      for (let i = 0; i < 300; i++) {
        const m = 1 + Math.floor(rand() * 9);
        before.push(`2023-${String(m).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')},c${Math.floor(rand() * 30)},${rand() < 0.5 ? 'a' : 'b'},${Math.round(rand() * 200 - 20)},${Math.round(rand() * 1000)}`);
      }
      const after = () => Array.from({ length: 100 }, () =>
        `2023-${10 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')},c${Math.floor(rand() * 40)},${rand() < 0.5 ? 'a' : 'b'},${Math.round(rand() * 500)},${Math.round(rand() * 1000)}`);
      const head = 'date,customer,kind,amount,balance';
      const cut = monthIndex(2023, 9);
      const a = buildFeatureTable(tableFromCsv([head, ...before, ...after()].join('\n')), roles, { cutoff: cut, window: 4 });
      const b = buildFeatureTable(tableFromCsv([head, ...after(), ...before].join('\n')), roles, { cutoff: cut, window: 4 });
      // same customers (possibly in another order): compare per customer
      const ia = ids(a.table, 'customer');
      const ib = ids(b.table, 'customer');
      expect([...ia].sort()).toEqual([...ib].sort());
      for (const c of a.table.columns.slice(1)) {
        if (c.name === 'churned') continue;
        const va = num(a.table, c.name);
        const vb = num(b.table, c.name);
        ia.forEach((id, r) => expect(vb[ib.indexOf(id)], `${c.name} ${id}`).toEqual(va[r]));
      }
    }
  });
});

describe('the prepared panel', () => {
  it('sums and counts per customer, month and kind', () => {
    const prep = prepareLog(tableFromCsv(csv), roles);
    const { panel } = prep;
    const c = prep.customerIds.indexOf('00017');
    const k = prep.kindNames.indexOf('purchase');
    const jul = JUL - prep.firstMonth;
    const at = (kind: number) => (c * panel.months + jul) * panel.stride + kind;
    expect(panel.sum[at(k)]).toBe(40);
    expect(panel.count[at(k)]).toBe(3);
    expect(panel.count[at(panel.kinds)]).toBe(3);
    expect(panel.balance![c * panel.months + jul]).toBe(500);
    expect(col(featuresAtCutoff(prep, {}).table, 'customer').kind).toBe('categorical');
  });
});
