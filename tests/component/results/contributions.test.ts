// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { binRow, pathContributions, rankContributions, contributionsForRows, toReportedScale } from '../../../src/ui/customers/contributions.ts';
import { topReasons, reasonText } from '../../../src/ui/customers/reasons.ts';
import { applyBinning } from '../../../src/lib/engine/binning.ts';
import { fixtureModel, fixtureTable } from './fixture.ts';

const model = fixtureModel();
const table = fixtureTable();

describe('Saabas path contributions', () => {
  it('credits each step of the path to its split feature (hand-computed)', () => {
    // Row 0: tenure 2 (≤ 5), Monthly. Tree 0: 0.4 → 0.8 (tenure +0.4). Tree 1: 0.35 → 0.6 (contract +0.25).
    const c = pathContributions(model, binRow(table, model.features, 0));
    expect(c.base).toBeCloseTo(0.375, 12);
    expect(c.values[0]).toBeCloseTo(0.2, 12);
    expect(c.values[1]).toBeCloseTo(0.125, 12);
    expect(c.prediction).toBeCloseTo(0.7, 12);
  });

  it('follows right branches, categorical masks and missing values', () => {
    // Row 2: tenure 30, Yearly. Tree 0: 0.4 → 0.3 (tenure −0.1) → 0.1 (contract −0.2). Tree 1: 0.35 → 0.2 (contract −0.15).
    const c = pathContributions(model, binRow(table, model.features, 2));
    expect(c.values[0]).toBeCloseTo(-0.05, 12);
    expect(c.values[1]).toBeCloseTo(-0.175, 12);
    expect(c.prediction).toBeCloseTo(0.15, 12);
    // Row 9: tenure missing goes right at the root (missingLeft 0), Yearly: the same path as row 2.
    const m = pathContributions(model, binRow(table, model.features, 9));
    expect(Array.from(m.values)).toEqual(Array.from(c.values));
  });

  it('adds up to the mean leaf value on every row', () => {
    for (let r = 0; r < table.rowCount; r++) {
      const c = pathContributions(model, binRow(table, model.features, r));
      const sum = c.base + c.values.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(c.prediction, 12);
    }
  });

  it('bins one row exactly as the engine bins the whole table', () => {
    const all = applyBinning(table, model.features);
    for (let r = 0; r < table.rowCount; r++) {
      const one = binRow(table, model.features, r);
      for (let f = 0; f < model.features.length; f++) expect(one[f]).toBe(all.bins[f * table.rowCount + r]);
    }
  });

  it('gives the same contributions for a batch of rows', () => {
    const rows = Uint32Array.from([2, 0, 9]);
    const batch = contributionsForRows(model, table, rows);
    rows.forEach((r, i) => {
      const single = pathContributions(model, binRow(table, model.features, r));
      expect(Array.from(batch.values.subarray(i * 2, i * 2 + 2))).toEqual(Array.from(single.values));
    });
  });

  it('ranks by absolute size and writes reasons in both languages', () => {
    expect(rankContributions(Float64Array.from([0.1, -0.3, 0, 0.2]))).toEqual([1, 3, 0]);
    const c = pathContributions(model, binRow(table, model.features, 0));
    const en = topReasons(model, table, 0, c.values, 'en', 3).map((r) => reasonText(r, 'en'));
    expect(en).toEqual(['tenure = 2 raises risk by 20 points', 'contract = Monthly raises risk by 12.5 points']);
    const c2 = pathContributions(model, binRow(table, model.features, 2));
    const zh = topReasons(model, table, 2, c2.values, 'zh', 1).map((r) => reasonText(r, 'zh'));
    expect(zh).toEqual(['contract = Yearly，使流失风险降低 17.5 个百分点']);
  });
});

describe('reported scale of a balanced model', () => {
  it('maps base and prediction through the base-rate correction and keeps the sum exact', () => {
    const balanced = { ...model, baseRateCorrected: true, trainedBaseRate: 0.5, trueBaseRate: 0.2 };
    const raw = pathContributions(balanced, binRow(table, balanced.features, 0));
    const c = toReportedScale(raw, balanced);
    // p' = p·(0.2/0.5) / (p·0.4 + (1−p)·1.6): 0.375 → 0.15/(0.15+1.0) = 0.130435; 0.7 → 0.28/(0.28+0.48) = 0.368421
    expect(c.base).toBeCloseTo(0.15 / 1.15, 12);
    expect(c.prediction).toBeCloseTo(0.28 / 0.76, 12);
    expect(c.base + c.values[0] + c.values[1]).toBeCloseTo(c.prediction, 12);
    // shares are kept: tenure 0.2 of 0.325, contract 0.125 of 0.325
    expect(c.values[0] / c.values[1]).toBeCloseTo(0.2 / 0.125, 12);
    expect(toReportedScale(raw, model)).toBe(raw);
  });
});

describe('contribution sample for the global view', () => {
  it('samples evenly and ranks numeric values within the sample', async () => {
    const { evenSample, contributionSample } = await import('../../../src/ui/results/contribution-sample.ts');
    const { fixtureTrained } = await import('./fixture.ts');
    expect(Array.from(evenSample(Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 4))).toEqual([0, 2, 5, 7]);
    const s = contributionSample(fixtureTrained(), table, 100);
    // test rows 0..7; tenure 2, 3, 30, 10, 40, 12, 25, 60 → ranks 0, 1/7, 5/7, 2/7, 6/7, 3/7, 4/7, 1
    expect(Array.from(s.rows)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const tenureRanks = Array.from(s.rows, (_, i) => s.valueRank[i * 2]);
    [0, 1, 5, 2, 6, 3, 4, 7].forEach((k, i) => expect(tenureRanks[i]).toBeCloseTo(k / 7, 12));
    expect(Number.isNaN(s.valueRank[1])).toBe(true); // contract is categorical
    // mean |contribution| of tenure: rows ≤ 5 get +0.2, the others −0.05 → (2·0.2 + 6·0.05) / 8
    expect(s.meanAbs[0]).toBeCloseTo((2 * 0.2 + 6 * 0.05) / 8, 12);
  });
});

describe('reason texts for the scores export', () => {
  it('gives every row its top reasons, in row order', async () => {
    const { reasonTextsForTable } = await import('../../../src/ui/customers/reasons.ts');
    const progress: number[] = [];
    const all = await reasonTextsForTable(model, table, 'en', (done) => progress.push(done));
    expect(all.length).toBe(10);
    expect(all[0]).toEqual(['tenure = 2 raises risk by 20 points', 'contract = Monthly raises risk by 12.5 points']);
    expect(all[2]).toEqual(['contract = Yearly lowers risk by 17.5 points', 'tenure = 30 lowers risk by 5 points']);
    expect(progress).toEqual([10]);
  });
});
