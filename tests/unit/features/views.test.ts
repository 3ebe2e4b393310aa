import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { monthlyActivity } from '../../../src/lib/features/activity.ts';
import { rulesReport } from '../../../src/lib/features/rules.ts';
import { stackCutoffs, timeSplitPlan } from '../../../src/lib/features/stack.ts';
import { detectLogRoles } from '../../../src/lib/features/roles.ts';
import { monthIndex } from '../../../src/lib/features/month.ts';
import { tableFromCsv, tableFromRows, num, ids, col, numberColumn, textColumn } from './table-helpers.ts';

const csv = readFileSync(new URL('../../fixtures/features/hand-log.csv', import.meta.url), 'utf8');
const roles = { customer: 'customer', date: 'date', amount: 'amount', kind: 'kind', balance: 'balance' };
const log = tableFromCsv(csv);

describe('monthlyActivity', () => {
  const a = monthlyActivity(log, roles);
  it('counts active and new customers per month', () => {
    expect(a.labels).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
    expect(Array.from(a.active)).toEqual([2, 2, 3, 2, 2, 2, 2, 3]);
    expect(Array.from(a.newCustomers)).toEqual([2, 1, 1, 0, 0, 0, 0, 1]);
    expect(Array.from(a.transactions)).toEqual([2, 3, 3, 2, 3, 2, 4, 3]);
  });
  it('churn rate: active in m, silent in m+1..m+H; unknown at the end', () => {
    const r = Array.from(a.churnRate);
    expect(r.slice(0, 7)).toEqual([1 / 2, 0, 1 / 3, 0, 0, 0, 1 / 2]);
    expect(Number.isNaN(r[7])).toBe(true);
    const h2 = Array.from(monthlyActivity(log, roles, { horizon: 2 }).churnRate);
    // D4 buys in March, then nothing in April or May: churned within 2 months even though it returns in August
    expect(h2.slice(0, 6)).toEqual([1 / 2, 0, 1 / 3, 0, 0, 0]);
    expect(h2.slice(6).every(Number.isNaN)).toBe(true);
  });
});

describe('rulesReport', () => {
  it('lists who triggers which rule and since when', () => {
    const r = rulesReport(log, roles);
    expect(r.cutoff).toBe(monthIndex(2024, 7));
    expect(r.hits).toEqual([
      { customer: 'E5', rule: 'declining', months: 5, since: monthIndex(2024, 3), sinceLabel: '2024-03' },
      { customer: 'D4', rule: 'below_threshold', months: 4, since: monthIndex(2024, 4), sinceLabel: '2024-04' },
    ]);
    expect(r.counts).toEqual({ declining: 1, below_threshold: 1, either: 2 });
  });
  it('watches one kind when asked', () => {
    const r = rulesReport(log, roles, { ruleKind: 'purchase' });
    expect(r.series).toBe('purchase');
    expect(r.hits.map((h) => [h.customer, h.rule, h.sinceLabel])).toEqual([
      ['E5', 'declining', '2024-03'],
      ['00017', 'declining', '2024-04'],
      ['D4', 'below_threshold', '2024-04'],
    ]);
  });
});

describe('stackCutoffs and timeSplitPlan', () => {
  it('stacks one row per customer per cutoff with a cutoff column', () => {
    const { table, reports } = stackCutoffs(log, roles, {}, [monthIndex(2024, 6), monthIndex(2024, 7)]);
    expect(table.rowCount).toBe(7);
    expect(ids(table, 'customer')).toEqual(['00017', 'C3', 'E5', 'D4', '00017', 'E5', 'D4']);
    expect(ids(table, 'cutoff')).toEqual(['2024-06', '2024-06', '2024-06', '2024-06', '2024-07', '2024-07', '2024-07']);
    expect(Array.from(num(table, 'churned'))).toEqual([0, 1, 0, 1, 1, 0, 0]);
    expect(Array.from(num(table, 'all_last'))).toEqual([60, 0, 60, 0, 40, 50, 0]);
    expect(reports.map((r) => r.population)).toEqual([4, 3]);
  });

  it('plans train cutoffs whose labels end before validation', () => {
    const short = timeSplitPlan({ firstMonth: monthIndex(2024, 1), lastMonth: monthIndex(2024, 8), window: 6, horizon: 1 });
    expect(short.labels).toEqual({ train: ['2024-06'], validation: '2024-07', scoring: '2024-08' });
    const long = timeSplitPlan({ firstMonth: monthIndex(2023, 7), lastMonth: monthIndex(2024, 12), window: 6, horizon: 1 });
    expect(long.labels.train).toEqual(['2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10']);
    expect(long.labels.validation).toBe('2024-11');
    const h3 = timeSplitPlan({ firstMonth: monthIndex(2023, 7), lastMonth: monthIndex(2024, 12), window: 6, horizon: 3 }, 2);
    expect(h3.labels).toEqual({ train: ['2024-05', '2024-06'], validation: '2024-09', scoring: '2024-12' });
    const tiny = timeSplitPlan({ firstMonth: monthIndex(2024, 1), lastMonth: monthIndex(2024, 1), window: 6, horizon: 1 });
    expect(tiny.validation).toBeNull();
    expect(tiny.train).toEqual([]);
  });
});

describe('detectLogRoles', () => {
  it('finds roles by English names', () => {
    const t = tableFromRows(
      ['transaction_date', 'customer_id', 'card_id', 'card_type', 'kind', 'amount', 'balance', 'branch'],
      [
        ['2024-01-01', 'C00001', 'C00001-1', 'main', 'recharge', 100, 100, 'North'],
        ['2024-01-02', 'C00002', 'C00002-1', 'sub', 'purchase', 50, 50, 'South'],
      ],
      ['amount', 'balance'],
    );
    expect(detectLogRoles(t)).toEqual({ date: 'transaction_date', customer: 'customer_id', amount: 'amount', kind: 'kind', balance: 'balance' });
  });

  it('finds roles by Chinese names', () => {
    const t = tableFromRows(
      ['卡号', '交易时间', '类型', '金额', '余额'],
      [
        ['0001', '2024/3/5 10:00', '充值', '500', '500'],
        ['0002', '2024/3/6 11:00', '消费', '200', '300'],
      ],
      ['金额', '余额'],
    );
    expect(detectLogRoles(t)).toEqual({ customer: '卡号', date: '交易时间', kind: '类型', amount: '金额', balance: '余额' });
  });

  it('finds short and card-based names', () => {
    const a = tableFromRows(['cust_id', 'txn_date', 'type', 'amt'], [['7', '20240305', 'buy', '3'], ['8', '20240306', 'refund', '-3']], ['amt']);
    expect(detectLogRoles(a)).toEqual({ customer: 'cust_id', date: 'txn_date', kind: 'type', amount: 'amt' });
    const b = tableFromRows(['card_no', '日期', '金额'], [['0001', '05.03.2024', '10'], ['0002', '06.03.2024', '20']], ['金额']);
    expect(detectLogRoles(b)).toEqual({ customer: 'card_no', date: '日期', amount: '金额' });
  });

  it('falls back to values when names say nothing', () => {
    const n = 40;
    const t = {
      rowCount: n,
      columns: [
        textColumn('a', Array.from({ length: n }, (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`)),
        textColumn('b', Array.from({ length: n }, (_, i) => `K${i % 25}`)),
        numberColumn('c', Array.from({ length: n }, (_, i) => i * 3.5)),
      ],
    };
    expect(detectLogRoles(t)).toEqual({ date: 'a', customer: 'b', amount: 'c' });
    expect(col(t, 'a').kind).toBe('categorical');
  });
});
