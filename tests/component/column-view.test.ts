// What one row of the profile's column table shows, from a hand-written column profile.
import { describe, expect, it } from 'vitest';
import { columnView, maxChurnRate } from '../../src/ui/profile/column-view.ts';
import type { ColumnProfile } from '../../src/lib/profile/types.ts';

const flags = { idLike: false, constant: false, allMissing: false, leakage: false, highCardinality: false };

describe('column view', () => {
  it('numeric column: range and mean, one bar per bin, churn rate per bin, missing cells as their own bar', () => {
    const p: ColumnProfile = {
      name: 'tenure',
      kind: 'numeric',
      semantic: 'number',
      rows: 10,
      missing: 2,
      distinct: 5,
      min: 1,
      max: 1250.5,
      mean: 300.25,
      histogram: [
        { lo: 1, hi: 600, count: 6, labelled: 6, positives: 3, churnRate: 0.5 },
        { lo: 600, hi: 1250.5, count: 2, labelled: 2, positives: 0, churnRate: 0 },
      ],
      missingGroup: { count: 2, labelled: 2, positives: 2, churnRate: 1 },
      flags,
    };
    const v = columnView(p, 'en');
    expect(v.summary).toBe('1 to 1,250.5 · mean 300.25');
    expect(v.counts.map((b) => b.value)).toEqual([6, 2, 2]);
    expect(v.counts[0].tip).toBe('1 – 600 — customers: 6');
    expect(v.rates.map((b) => b.value)).toEqual([0.5, 0, 1]);
    expect(v.rates[2].tip).toBe('(missing) — churn rate 100.0%, customers: 2');
    expect(v.maxCount).toBe(6);
    expect(v.maxRate).toBe(1);
    expect(columnView(p, 'zh').summary).toBe('1 至 1,250.5 · 均值 300.25');
    expect(maxChurnRate(p)).toBe(1); // the missing cells' group
    expect(maxChurnRate({ ...p, missingGroup: undefined })).toBe(0.5);
  });

  it('categorical column without a target: top values with their share of known cells, no churn bars', () => {
    const p: ColumnProfile = {
      name: 'Contract',
      kind: 'categorical',
      semantic: 'category',
      rows: 8,
      missing: 0,
      distinct: 3,
      top: [
        { value: 'Month-to-month', count: 4 },
        { value: '<b>Two year</b>', count: 3 },
        { value: 'One year', count: 1 },
      ],
      flags,
    };
    const v = columnView(p, 'en');
    expect(v.summary).toBe('Month-to-month 50.0% · <b>Two year</b> 37.5% · One year 12.5%');
    expect(v.rates).toEqual([]);
    expect(v.counts.map((b) => b.tip)).toEqual(['Month-to-month — customers: 4', '<b>Two year</b> — customers: 3', 'One year — customers: 1']);
  });
});
