// How a customer's value reads in a reason: numbers as the locale writes them, dates as dates,
// categories as written, missing as "(missing)".
import { describe, expect, it } from 'vitest';
import { featureValueText, reasonText, rowReasons } from '../../../src/lib/explain/reasons.ts';
import type { Table } from '../../../src/lib/table/types.ts';

const day = (iso: string) => Date.parse(iso) / 86_400_000;

const table: Table = {
  rowCount: 2,
  columns: [
    { kind: 'numeric', name: 'opened', values: Float64Array.from([day('2024-02-26'), NaN]), semantic: 'date' },
    { kind: 'numeric', name: 'spend', values: Float64Array.from([19780, 3.5]), semantic: 'number' },
    { kind: 'categorical', name: 'plan', codes: Int32Array.from([0, -1]), levels: ['月付'], semantic: 'category' },
  ],
};

describe('feature values in reasons', () => {
  it('writes a date as a date, not as a count of days', () => {
    expect(featureValueText(table, 'opened', 0, 'en')).toBe('2024-02-26');
    expect(featureValueText(table, 'opened', 0, 'zh')).toBe('2024-02-26');
    expect(featureValueText(table, 'spend', 0, 'en')).toBe('19,780');
    expect(featureValueText(table, 'plan', 0, 'zh')).toBe('月付');
    expect(featureValueText(table, 'opened', 1, 'en')).toBe('(missing)');
    expect(featureValueText(table, 'plan', 1, 'zh')).toBe('（缺失）');
  });

  it('in the reason text, in both languages', () => {
    const [r] = rowReasons([{ name: 'opened' }, { name: 'spend' }, { name: 'plan' }], table, 0, [0.016, -0.001, 0.002], 'en', 1);
    expect(reasonText(r, 'en')).toBe('opened = 2024-02-26 raises risk by 1.6 points');
    expect(reasonText(r, 'zh')).toBe('opened = 2024-02-26，使流失风险升高 1.6 个百分点');
  });
});
