import { describe, expect, it } from 'vitest';
import { parseCsvFile } from '../../../src/lib/ingest/node.ts';
import { groupedAuc, informationGain, sortedAuc } from '../../../src/lib/profile/entropy.ts';
import { byInformationGain, profileTable, suggestFeatureColumns } from '../../../src/lib/profile/profile.ts';
import type { Table } from '../../../src/lib/table/types.ts';
import { parseText } from '../ingest/helpers.ts';

const root = new URL('../../../', import.meta.url).pathname;

describe('entropy and AUC', () => {
  it('computes information gain by hand: groups 3/4, 1/4 and a missing group 2/2 of a 6/10 target', () => {
    // H(0.6) − 0.8·H(0.75) = 0.3219280948873623 (computed in Python).
    expect(informationGain([3, 1, 2], [4, 4, 2])).toBeCloseTo(0.3219280948873623, 12);
    expect(informationGain([0, 5], [5, 5])).toBeCloseTo(1, 12);
    expect(informationGain([2, 2], [4, 4])).toBe(0);
  });

  it('computes AUC with ties counted as one half', () => {
    // churners 3, 4 vs stayers 1, 3: pairs 1, ½, 1, 1 → 3.5 / 4.
    expect(sortedAuc(Float64Array.of(3, 4), Float64Array.of(1, 3))).toBe(0.875);
    // group rates 0.75 and 0.25: churners 3 in the high group, 1 in the low; stayers 1 high, 3 low.
    expect(groupedAuc([3, 1], [4, 4])).toBe((3 * 3 + 0.5 * 3 * 1 + 0.5 * 1 * 3) / 16);
  });
});

describe('profileTable', () => {
  it('gives the hand-computed gain, statistics and churn rates on a small table', async () => {
    const f = await parseText(
      'plan,age,churn\nA,20,1\nA,30,1\nA,40,1\nA,50,0\nB,20,1\nB,30,0\nB,40,0\nB,50,0\n,,1\n,,1\n',
    );
    const p = profileTable(f.table, { column: 'churn', positive: '1' });
    expect(p.target).toMatchObject({ labelled: 10, positives: 6, churnRate: 0.6 });
    expect(p.target!.entropy).toBeCloseTo(0.9709505944546686, 12);
    const plan = p.columns[0];
    expect(plan.informationGain).toBeCloseTo(0.3219280948873623, 12);
    expect(plan.missing).toBe(2);
    expect(plan.missingGroup).toEqual({ count: 2, positives: 2, labelled: 2, churnRate: 1 });
    expect(plan.top).toEqual([
      { value: 'A', count: 4, positives: 3, labelled: 4, churnRate: 0.75 },
      { value: 'B', count: 4, positives: 1, labelled: 4, churnRate: 0.25 },
    ]);
    const age = p.columns[1];
    expect(age).toMatchObject({ min: 20, max: 50, mean: 35, median: 35, distinct: 4, missing: 2 });
    // One bin per value (4 values): 20 → churn 2/2, 30 → 1/2, 40 → 1/2, 50 → 0/2.
    expect(age.histogram!.map((b) => [b.lo, b.count, b.churnRate])).toEqual([[20, 2, 1], [30, 2, 0.5], [40, 2, 0.5], [50, 2, 0]]);
    // Bins {20}{30}{40}{50}{missing}: H(0.6) − 0.2·(0+1+1+0+0) = 0.5709505944546686.
    expect(age.informationGain).toBeCloseTo(0.5709505944546686, 12);
    expect(p.columns[2].informationGain).toBeUndefined();
  });

  it('matches scikit-learn on the Telco data (mutual information in bits, ROC AUC)', async () => {
    const f = await parseCsvFile(root + 'public/samples/Telco-Customer-Churn.csv');
    const p = profileTable(f.table, { column: 'Churn', positive: 'Yes' });
    const c = (n: string) => p.columns.find((x) => x.name === n)!;
    // sklearn.metrics.mutual_info_score(Contract, y) / ln 2
    expect(c('Contract').informationGain).toBeCloseTo(0.14203773193805108, 10);
    expect(c('PaymentMethod').informationGain).toBeCloseTo(0.06422686246078264, 10);
    // roc_auc_score(y, tenure) = 0.26013…, oriented: 1 − that.
    expect(c('tenure').auc).toBeCloseTo(1 - 0.2601328244713711, 10);
    expect(c('MonthlyCharges').auc).toBeCloseTo(0.6207856895706255, 10);
    expect(byInformationGain(p)[0].name).toBe('Contract');
    expect(c('customerID').flags.idLike).toBe(true);
    expect(c('TotalCharges').missing).toBe(11);
    for (const col of p.columns) expect(col.flags.leakage, col.name).toBe(false);
  });

  it('matches pandas on the bank data (median, mean) and scikit-learn (AUC of Age)', async () => {
    const f = await parseCsvFile(root + 'public/samples/Churn_Modelling.csv');
    const p = profileTable(f.table, { column: 'Exited', positive: '1' });
    const age = p.columns.find((x) => x.name === 'Age')!;
    expect(age.median).toBe(37);
    expect(age.mean).toBeCloseTo(38.9218, 10);
    expect(age.auc).toBeCloseTo(0.7320707498986938, 10);
    expect(age.histogram!.length).toBe(20);
    expect(age.histogram!.reduce((s, b) => s + b.count, 0)).toBe(10_000);
    expect(p.columns.find((x) => x.name === 'Balance')!.median).toBeCloseTo(97198.54, 6);
    const s = suggestFeatureColumns(f.table, { column: 'Exited', positive: '1' }, p);
    expect(s.excluded).toEqual([
      { column: 'RowNumber', reason: 'id' },
      { column: 'CustomerId', reason: 'id' },
      { column: 'Surname', reason: 'id' },
      { column: 'Exited', reason: 'target' },
    ]);
    expect(s.features).toContain('Age');
    expect(s.features.length).toBe(10);
  });

  it('flags a copied target as leakage and leaves it out of the suggested features', async () => {
    const f = await parseCsvFile(root + 'tests/fixtures/mlc_churn.csv');
    const churn = f.table.columns.find((c) => c.name === 'churn')!;
    const copy = { ...churn, name: 'churn_flag_copy' };
    // A numeric score recorded after the fact: perfectly ordered by the label.
    const y = churn.kind === 'categorical' ? churn.codes : new Int32Array(0);
    const yes = churn.kind === 'categorical' ? churn.levels.indexOf('yes') : -1;
    const after = { kind: 'numeric' as const, name: 'days_since_cancel', semantic: 'number' as const, values: Float64Array.from(y, (c, i) => (c === yes ? 100 + (i % 7) : i % 5)) };
    const table: Table = { rowCount: f.table.rowCount, columns: [...f.table.columns, copy, after] };
    const target = { column: 'churn', positive: 'yes' };
    const p = profileTable(table, target);
    const byName = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(byName('churn_flag_copy').flags.leakage).toBe(true);
    expect(byName('churn_flag_copy').normalizedGain).toBeCloseTo(1, 12);
    expect(byName('days_since_cancel').flags.leakage).toBe(true);
    expect(byName('days_since_cancel').auc).toBe(1);
    expect(byName('total_day_minutes').flags.leakage).toBe(false);
    const s = suggestFeatureColumns(table, target, p);
    expect(s.excluded).toContainEqual({ column: 'churn_flag_copy', reason: 'leakage' });
    expect(s.excluded).toContainEqual({ column: 'days_since_cancel', reason: 'leakage' });
    expect(s.features).toContain('total_day_minutes');
  });

  it('flags constant, all-missing and high-cardinality columns', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `same,,code${i % 1500},${i % 2}`);
    const f = await parseText(['const,empty,code,label', ...rows].join('\n'));
    const p = profileTable(f.table, { column: 'label', positive: '1' });
    expect(p.columns[0].flags).toMatchObject({ constant: true, allMissing: false });
    expect(p.columns[1].flags).toMatchObject({ allMissing: true, constant: false });
    expect(p.columns[2].flags).toMatchObject({ highCardinality: true, idLike: false });
    expect(p.columns[2].distinct).toBe(1500);
    const s = suggestFeatureColumns(f.table, { column: 'label', positive: '1' }, p);
    expect(s.features).toEqual([]);
    expect(s.excluded.map((e) => e.reason)).toEqual(['constant', 'allMissing', 'highCardinality', 'target']);
  });

  it('profiles without a target: no gain, no churn rates', async () => {
    const f = await parseText('x,c\n1,a\n2,b\n3,a\n');
    const p = profileTable(f.table);
    expect(p.target).toBeUndefined();
    expect(p.columns[0].informationGain).toBeUndefined();
    expect(p.columns[0].histogram!.map((b) => b.count)).toEqual([1, 1, 1]);
    expect(p.columns[0].histogram![0].churnRate).toBeUndefined();
    expect(p.columns[1].top).toEqual([{ value: 'a', count: 2 }, { value: 'b', count: 1 }]);
  });

  it('passes the ingest formats through (percent columns)', async () => {
    const f = await parseText('rate,y\n10%,1\n20%,0\n');
    const p = profileTable(f.table, { column: 'y', positive: '1' }, f.report.formats);
    expect(p.columns[0].format).toEqual({ percent: true });
  });
});
