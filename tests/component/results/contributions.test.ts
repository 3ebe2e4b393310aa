// @vitest-environment node
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  binRow, explainCustomer, rankContributions, contributionsForRows, setExplainPool, shapContributions, toReportedScale,
} from '../../../src/ui/customers/contributions.ts';
import { createInlinePool } from '../../../src/lib/engine/pool-inline.ts';
import { topReasons, reasonText } from '../../../src/ui/customers/reasons.ts';
import { applyBinning } from '../../../src/lib/engine/binning.ts';
import { fixtureModel, fixtureTable } from './fixture.ts';

const model = fixtureModel();
const table = fixtureTable();
afterAll(() => setExplainPool(null));
// Explanations run in the app's engine workers; here an in-process pool stands in for them.
beforeAll(() => setExplainPool(createInlinePool(readFileSync('src/lib/engine/wasm/engine.wasm'))));

// Hand-computed Shapley values of the fixture (feature T = tenure, C = contract). Tree 0 (covers
// 10 → 3 | 7 → 3 | 4): E = 0.3·0.8 + 0.7·(3/7·0.5 + 4/7·0.1) = 0.43. Tree 1 (5 | 5): E = 0.4.
// Base = (0.43 + 0.4) / 2 = 0.415. Leaf values are rounded to 2^-32 as in predict: 1e-9 tolerance.
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9);

describe('TreeSHAP contributions from the engine', () => {
  it('row 0 (tenure 2, Monthly): hand-computed Shapley values', async () => {
    // Tree 0: v(∅) 0.43, v(T) 0.8, v(C) 0.3·0.8 + 0.7·0.5 = 0.59, v(TC) 0.8
    //   φT = ½(0.37 + 0.21) = 0.29, φC = ½(0.16 + 0) = 0.08.  Tree 1: φC = 0.6 − 0.4 = 0.2.
    const c = await shapContributions(model, binRow(table, model.features, 0));
    near(c.base, 0.415);
    near(c.values[0], 0.29 / 2);
    near(c.values[1], (0.08 + 0.2) / 2);
    near(c.prediction, 0.7);
  });

  it('follows right branches, categorical masks and missing values', async () => {
    // Row 2 (tenure 30, Yearly). Tree 0: v(∅) 0.43, v(T) 19/70, v(C) 0.31, v(TC) 0.1
    //   φT = ½(19/70 − 0.43 + 0.1 − 0.31) = −129/700, φC = ½(0.31 − 0.43 + 0.1 − 19/70) = −102/700.
    //   Tree 1: φC = −0.2.
    const c = await shapContributions(model, binRow(table, model.features, 2));
    near(c.values[0], -129 / 1400);
    near(c.values[1], (-102 / 700 - 0.2) / 2);
    near(c.prediction, 0.15);
    // Row 9: tenure missing goes right at the root (missingLeft 0), Yearly: the same values as row 2.
    const m = await shapContributions(model, binRow(table, model.features, 9));
    expect(Array.from(m.values)).toEqual(Array.from(c.values));
  });

  it('adds up to the forest output on every row', async () => {
    for (let r = 0; r < table.rowCount; r++) {
      const c = await shapContributions(model, binRow(table, model.features, r));
      const sum = c.base + c.values.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - c.prediction)).toBeLessThan(1e-12);
    }
  });

  it('bins one row exactly as the engine bins the whole table', async () => {
    const all = applyBinning(table, model.features);
    for (let r = 0; r < table.rowCount; r++) {
      const one = binRow(table, model.features, r);
      for (let f = 0; f < model.features.length; f++) expect(one[f]).toBe(all.bins[f * table.rowCount + r]);
    }
  });

  it('gives the same contributions for a batch of rows', async () => {
    const rows = Uint32Array.from([2, 0, 9]);
    const batch = await contributionsForRows(model, table, rows);
    for (const [i, r] of Array.from(rows).entries()) {
      const single = await shapContributions(model, binRow(table, model.features, r));
      expect(Array.from(batch.values.subarray(i * 2, i * 2 + 2))).toEqual(Array.from(single.values));
    }
  });

  it('ranks by absolute size and writes reasons in both languages', async () => {
    expect(rankContributions(Float64Array.from([0.1, -0.3, 0, 0.2]))).toEqual([1, 3, 0]);
    const c = await shapContributions(model, binRow(table, model.features, 0));
    const en = topReasons(model, table, 0, c.values, 'en', 3).map((r) => reasonText(r, 'en'));
    expect(en).toEqual(['tenure = 2 raises risk by 14.5 points', 'contract = Monthly raises risk by 14 points']);
    const c2 = await shapContributions(model, binRow(table, model.features, 2));
    const zh = topReasons(model, table, 2, c2.values, 'zh', 1).map((r) => reasonText(r, 'zh'));
    expect(zh).toEqual(['contract = Yearly，使流失风险降低 17.3 个百分点']);
  });
});

describe('reported scale of a balanced model', () => {
  it('maps base and prediction through the base-rate correction and keeps the sum exact', async () => {
    const balanced = { ...model, baseRateCorrected: true, trainedBaseRate: 0.5, trueBaseRate: 0.2 };
    const raw = await shapContributions(balanced, binRow(table, balanced.features, 0));
    const c = toReportedScale(raw, balanced);
    // p' = p·(0.2/0.5) / (p·0.4 + (1−p)·1.6): 0.415 → 0.166/(0.166+0.936); 0.7 → 0.28/(0.28+0.48)
    near(c.base, 0.166 / 1.102);
    near(c.prediction, 0.28 / 0.76);
    expect(c.base + c.values[0] + c.values[1]).toBeCloseTo(c.prediction, 12);
    // shares are kept: tenure 0.145, contract 0.14
    near(c.values[0] / c.values[1], 0.145 / 0.14);
    expect(toReportedScale(raw, model)).toBe(raw);
  });
});

describe('contribution sample for the global view', () => {
  it('samples evenly and ranks numeric values within the sample', async () => {
    const { evenSample, contributionSample } = await import('../../../src/ui/results/contribution-sample.ts');
    const { fixtureTrained } = await import('./fixture.ts');
    expect(Array.from(evenSample(Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 4))).toEqual([0, 2, 5, 7]);
    const s = await contributionSample(fixtureTrained(), table, 100);
    // test rows 0..7; tenure 2, 3, 30, 10, 40, 12, 25, 60 → ranks 0, 1/7, 5/7, 2/7, 6/7, 3/7, 4/7, 1
    expect(Array.from(s.rows)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const tenureRanks = Array.from(s.rows, (_, i) => s.valueRank[i * 2]);
    [0, 1, 5, 2, 6, 3, 4, 7].forEach((k, i) => expect(tenureRanks[i]).toBeCloseTo(k / 7, 12));
    expect(Number.isNaN(s.valueRank[1])).toBe(true); // contract is categorical
    // mean |φ| of tenure: rows 0, 1 (≤ 5, Monthly) 0.145; rows 3, 5 (> 5, Monthly) 87/1400, since
    // tree 0 gives ½(19/70 − 0.43 + 0.5 − 0.59); rows 2, 4, 6, 7 (> 5, Yearly) 129/1400
    near(s.meanAbs[0], (2 * 0.145 + 2 * (87 / 1400) + 4 * (129 / 1400)) / 8);
  });

  it('shrinks the sample as the forest grows, and gives none past what the workers should spend', async () => {
    const { sampleSizeFor } = await import('../../../src/ui/results/contribution-sample.ts');
    expect(sampleSizeFor(1000)).toBe(800);
    expect(sampleSizeFor(1_000_000)).toBe(400);
    expect(sampleSizeFor(4_000_000)).toBe(100);
    expect(sampleSizeFor(5_000_000)).toBe(0);
  });
});

describe('the customer panel\'s requests', () => {
  it('a newer request replaces an older one still waiting; the one being computed still answers', async () => {
    const first = explainCustomer(model, table, 0);
    const second = explainCustomer(model, table, 2);
    const third = explainCustomer(model, table, 9);
    expect((await first)!.prediction).toBeCloseTo(0.7, 9);
    expect(await second).toBeNull();
    const last = (await third)!;
    const direct = await shapContributions(model, binRow(table, model.features, 9));
    expect(Array.from(last.values)).toEqual(Array.from(direct.values));
  });

  it('a table without one of the model\'s columns rejects with the binning error', async () => {
    const partial = { ...table, columns: table.columns.filter((c) => c.name !== model.features[0].name) };
    await expect(explainCustomer(model, partial, 0)).rejects.toMatchObject({ key: expect.any(String) });
  });
});

describe('reason texts for the scores export', () => {
  it('gives every row its top reasons, in row order', async () => {
    const { reasonTextsForTable } = await import('../../../src/ui/customers/reasons.ts');
    const progress: number[] = [];
    const { texts, explained } = await reasonTextsForTable(model, table, 'en', (done) => progress.push(done));
    expect(texts.length).toBe(10);
    expect(texts[0]).toEqual(['tenure = 2 raises risk by 14.5 points', 'contract = Monthly raises risk by 14 points']);
    expect(texts[2]).toEqual(['contract = Yearly lowers risk by 17.3 points', 'tenure = 30 lowers risk by 9.2 points']);
    expect(progress).toEqual([10]);
    // the probability the reasons add up to is the panel's prediction for the same row
    for (const r of [0, 2, 9]) expect(explained[r]).toBe(toReportedScale(await shapContributions(model, binRow(table, model.features, r)), model).prediction);
  });
});
