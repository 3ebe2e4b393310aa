import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { Table } from '../../../src/lib/table/types.ts';
import { buildScoresCsv } from '../../../src/lib/export/scores.ts';

const table: Table = {
  rowCount: 3,
  columns: [
    { kind: 'categorical', name: 'customer', codes: Int32Array.from([0, 1, 2]), levels: ['C-001', '-42', '=cmd|calc'], semantic: 'id' },
    { kind: 'numeric', name: 'minutes', values: Float64Array.from([12.5, NaN, -0.25]), semantic: 'number' },
    { kind: 'numeric', name: 'joined', values: Float64Array.from([0, 19723, NaN]), semantic: 'date' },
    { kind: 'categorical', name: 'churn', codes: Int32Array.from([0, 1, -1]), levels: ['是', '否'], semantic: 'category' },
    { kind: 'categorical', name: 'risk_tier', codes: Int32Array.from([0, 0, 0]), levels: ['gold, "vip"'], semantic: 'category' },
  ],
};

const parse = (s: string) => Papa.parse<string[]>(s.slice(1), { delimiter: ',', skipEmptyLines: true }).data;

describe('buildScoresCsv', () => {
  it('writes id, target, labels, probabilities, tiers and reasons in input order', () => {
    const csv = buildScoresCsv({
      table,
      idColumn: 'customer',
      target: 'churn',
      labels: Uint8Array.from([1, 0, 255]),
      prob: Float64Array.from([0.1 + 0.2, 1 / 3, 0]),
      probSource: Uint8Array.from([1, 2, 0]),
      tiers: Uint8Array.from([0, 1, 2]),
      extraColumns: [{ name: 'value', values: Float64Array.from([100, NaN, 2.5]) }],
      reasons: [['tenure < 3 months', '=bad'], [], ['calls ≥ 4']],
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(parse(csv)).toEqual([
      ['customer', 'churn', 'actual_churn', 'churn_probability', 'score_source', 'risk_tier', 'value', 'reason_1', 'reason_2', 'reason_3'],
      ['C-001', '是', '1', '0.30000000000000004', 'test', 'normal', '100', 'tenure < 3 months', "'=bad", ''],
      ['-42', '否', '0', '0.3333333333333333', 'oob', 'at_risk', '', '', '', ''],
      ["'=cmd|calc", '', '', '0', 'model', 'churned', '2.5', 'calls ≥ 4', '', ''],
    ]);
  });

  it('numbers rows without an id, keeps input columns exact and renames clashing output columns', () => {
    const csv = buildScoresCsv({
      table,
      idColumn: null,
      prob: Float64Array.from([0.5, 0.25, 0.75]),
      tiers: Uint8Array.from([1, 0, 2]),
      includeInputColumns: true,
    });
    expect(parse(csv)).toEqual([
      ['row', 'customer', 'minutes', 'joined', 'churn', 'risk_tier', 'churn_probability', 'risk_tier_churnlens'],
      ['1', 'C-001', '12.5', '1970-01-01', '是', 'gold, "vip"', '0.5', 'at_risk'],
      ['2', '-42', '', '2024-01-01', '否', 'gold, "vip"', '0.25', 'normal'],
      ['3', "'=cmd|calc", '-0.25', '', '', 'gold, "vip"', '0.75', 'churned'],
    ]);
  });

  it('rejects arrays that do not match the table', () => {
    expect(() => buildScoresCsv({ table, idColumn: null, prob: new Float64Array(2), tiers: new Uint8Array(3) })).toThrow(RangeError);
  });
});
