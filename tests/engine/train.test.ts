import { afterAll, describe, expect, it } from 'vitest';
import { defaultTierCuts } from '../../src/lib/evaluate/tiers.ts';
import { honestLabelled } from '../../src/lib/evaluate/honest.ts';
import { createInlinePool } from '../../src/lib/engine/pool-inline.ts';
import { trainModel, SOURCE_FULL, SOURCE_OOB, SOURCE_TEST } from '../../src/lib/engine/train.ts';
import { scoreTable } from '../../src/lib/engine/score.ts';
import { modelToJson, parseModelFile } from '../../src/lib/engine/model-file.ts';
import { correctProbabilities } from '../../src/lib/engine/base-rate.ts';
import { applyBinning } from '../../src/lib/engine/binning.ts';
import { modelRules } from '../../src/lib/engine/rules.ts';
import { PRESETS } from '../../src/lib/engine/presets.ts';
import type { ModelFile, TrainParams, TrainRequest } from '../../src/lib/engine/types.ts';
import { rocAuc } from '../../src/lib/evaluate/metrics.ts';
import { isCancelled, isUserError } from '../../src/lib/errors.ts';
import { churnTable, CHURN_FEATURES } from './train-fixture.ts';

const pool = createInlinePool();
afterAll(() => pool.dispose());
const table = churnTable();

function request(params: Partial<TrainParams> = {}): TrainRequest {
  return {
    target: 'churn',
    positive: 'yes',
    idColumn: null,
    featureColumns: CHURN_FEATURES,
    params: { ...PRESETS.recommended, trees: 40, ...params },
    dataSha256: 'c0ffee'.padEnd(64, '0'),
  };
}

/** The trees as the model file writes them. */
const treesJson = (model: ModelFile): string => JSON.stringify((JSON.parse(modelToJson(model)) as { trees: unknown }).trees);

describe('trainModel (recommended forest on the churn fixture)', async () => {
  const phases: string[] = [];
  const tm = await trainModel(pool, table, request(), {
    onProgress: (p) => phases.push(p.phase),
    createdAt: '2026-11-28T00:00:00.000Z',
  });
  const m = tm.model;

  it('splits 10% stratified and learns a useful forest', () => {
    // 707 churners of 5000: round(70.7) = 71 and round(429.3) = 429 go to test
    expect(tm.testRows.length).toBe(500);
    expect(tm.trainRows.length).toBe(4500);
    expect(m.metrics.test!.positives).toBe(71);
    expect(m.metrics.test!.rows).toBe(500);
    expect(m.metrics.test!.auc).toBeGreaterThan(0.85);
    expect(m.metrics.oob!.auc).toBeGreaterThan(0.85);
    expect(m.trees).toHaveLength(40);
    expect(phases[0]).toBe('binning');
    expect(phases).toContain('training');
    expect(phases.at(-1)).toBe('evaluating');
  });

  it('records the base rates; balanced by class weights, leaves corrected, probabilities calibrated', () => {
    expect(m.trueBaseRate).toBeCloseTo(636 / 4500, 12);
    expect(m.baseRateCorrected).toBe(false);
    expect(m.leafValuesCorrected).toBe(true);
    // class weights make both classes weigh the same in every bootstrap
    expect(Math.abs(m.trainedBaseRate - 0.5)).toBeLessThan(0.01);
    let s = 0;
    for (const p of tm.rowProb) s += p;
    expect(s / tm.rowProb.length).toBeGreaterThan(0.11);
    expect(s / tm.rowProb.length).toBeLessThan(0.19);
  });

  it('gives every row an honest score and says where it came from', () => {
    expect(tm.rowProb.every((p) => p >= 0 && p <= 1)).toBe(true);
    tm.testRows.forEach((r, i) => {
      expect(tm.rowProbSource[r]).toBe(SOURCE_TEST);
      expect(tm.rowProb[r]).toBe(tm.testProb[i]);
    });
    let oob = 0;
    tm.trainRows.forEach((r, i) => {
      if (tm.oobProb[i] === tm.oobProb[i]) {
        oob++;
        expect(tm.rowProbSource[r]).toBe(SOURCE_OOB);
        expect(tm.rowProb[r]).toBe(tm.oobProb[i]);
      } else expect(tm.rowProbSource[r]).toBe(SOURCE_FULL);
    });
    // with 40 trees nearly every row is out of bag at least once (1 - 0.368^40 ≈ 1)
    expect(oob).toBeGreaterThan(4490);
    expect(tm.excludedRows).toBe(0);
  });

  it('computes importance: permutation names the known drivers, impurity favours many categories', () => {
    const perm = m.importance.permutation!;
    const imp = m.importance.impurity;
    expect(perm).toHaveLength(CHURN_FEATURES.length);
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const rank = (xs: number[]) => CHURN_FEATURES.slice().sort((a, b) => xs[CHURN_FEATURES.indexOf(b)] - xs[CHURN_FEATURES.indexOf(a)]);
    expect(rank(perm)[0]).toBe('number_customer_service_calls');
    expect(rank(perm).slice(0, 4)).toContain('international_plan');
    // 'state' has 51 categories: impurity importance ranks it high (a known bias), while shuffling
    // it barely changes the AUC — which is why permutation importance is the honest one.
    expect(rank(imp).slice(0, 3)).toContain('state');
    expect(perm[CHURN_FEATURES.indexOf('state')]).toBeLessThan(0.01);
  });

  it('writes a model file that validates and records the request', () => {
    const back = parseModelFile(modelToJson(m));
    expect(back).toEqual(m);
    expect(back.data).toEqual({ sha256: 'c0ffee'.padEnd(64, '0'), rows: 5000, columns: 20 });
    expect(back.target).toEqual({ column: 'churn', positive: 'yes' });
    expect(back.createdAt).toBe('2026-11-28T00:00:00.000Z');
    expect(back.features.map((f) => f.name)).toEqual(CHURN_FEATURES);
  });

  it('scores identically after save and load', async () => {
    const text = modelToJson(m);
    const loaded = parseModelFile(text);
    // the typed in-memory trees write back to the very same bytes
    expect(modelToJson(loaded)).toBe(text);
    const { prob, warnings } = await scoreTable(pool, loaded, table);
    expect(warnings).toEqual([]);
    // test rows were scored by the full forest at training time: bit-identical after the round trip
    tm.testRows.forEach((r, i) => expect(prob[r]).toBe(tm.testProb[i]));
    // and the full forest on the in-memory trees agrees everywhere
    const raw = await pool.predict(m.trees, applyBinning(table, m.features), 'soft');
    expect(Array.from(prob)).toEqual(Array.from(raw));
  });

  it('is deterministic: same data, settings and seed give the same trees and scores', async () => {
    const again = await trainModel(pool, table, request(), { createdAt: '2030-01-01T00:00:00.000Z' });
    expect(treesJson(again.model)).toBe(treesJson(m));
    expect(Array.from(again.rowProb)).toEqual(Array.from(tm.rowProb));
    expect(again.model.importance).toEqual(m.importance);
    const other = await trainModel(pool, table, request({ seed: 7 }));
    expect(treesJson(other.model)).not.toBe(treesJson(m));
  });
});

describe('trainModel variants', () => {
  it('tree mode: one readable tree, leaves of at least 1% of training rows, no OOB', async () => {
    const tm = await trainModel(pool, table, request({ ...PRESETS.tree }));
    const m = tm.model;
    expect(m.trees).toHaveLength(1);
    expect(m.params.minLeaf).toBe(45); // ceil(1% of 4500)
    expect(tm.oobProb.every((p) => Number.isNaN(p))).toBe(true);
    expect(m.metrics.oob).toBeUndefined();
    tm.trainRows.forEach((r) => expect(tm.rowProbSource[r]).toBe(SOURCE_FULL));
    const rules = modelRules(m);
    expect(rules.reduce((s, r) => s + r.rows, 0)).toBe(4500);
    expect(Math.min(...rules.map((r) => r.rows))).toBeGreaterThanOrEqual(45);
    expect(rules.every((r) => r.conditions.length <= 5)).toBe(true);
    expect(m.metrics.test!.auc).toBeGreaterThan(0.75);
  });

  it('mahout preset: hard vote shares, oversampling corrected back', async () => {
    const tm = await trainModel(pool, table, request({ ...PRESETS.mahout }));
    const m = tm.model;
    expect(m.params.vote).toBe('hard');
    expect(m.baseRateCorrected).toBe(true);
    expect(m.trainedBaseRate).toBeGreaterThan(0.7); // churners ×20: 12720 / (12720 + 3864)
    expect(m.metrics.test!.auc).toBeGreaterThan(0.8);
    // churners are in every oversampled bootstrap, so OOB metrics would cover stayers only
    expect(m.metrics.oob).toBeUndefined();
  });

  it('class weights, soft vote: every leaf corrected back to the true base rate; scores need nothing more', async () => {
    const tm = await trainModel(pool, table, request({ balance: 'weights', testFraction: 0 }));
    const m = tm.model;
    expect(m.baseRateCorrected).toBe(false);
    expect(m.leafValuesCorrected).toBe(true);
    expect(m.trainedBaseRate).toBeCloseTo(0.5, 2);
    expect(tm.testRows.length).toBe(0);
    expect(m.metrics.test).toBeUndefined();
    expect(m.importance.permutation).toBeUndefined();
    expect(m.metrics.oob!.auc).toBeGreaterThan(0.85);
    // The root of every tree is back at the true churn share of what it saw (≈ the true base rate,
    // not the balanced 0.5), and the model's scores are the plain mean of the stored leaves.
    for (const t of m.trees) expect(Math.abs(t.value[0] - m.trueBaseRate)).toBeLessThan(0.05);
    const raw = await pool.predict(m.trees, applyBinning(table, m.features), 'soft');
    const { prob } = await scoreTable(pool, parseModelFile(modelToJson(m)), table);
    expect(Array.from(prob)).toEqual(Array.from(raw));
    // Honest probabilities: the mean OOB score is near the true base rate (output correction of the
    // averaged forest would give about a third of it here; see presets.ts).
    let sum = 0;
    let k = 0;
    for (const r of tm.trainRows) if (tm.rowProb[r] === tm.rowProb[r]) (sum += tm.rowProb[r]), k++;
    expect(Math.abs(sum / k - m.trueBaseRate)).toBeLessThan(0.04);
    expect(rocAuc(tm.labels, tm.rowProb)).toBeGreaterThan(0.85);
  });

  it('hard vote with balancing: the vote share is corrected at the output, also after save and load', async () => {
    const tm = await trainModel(pool, table, request({ balance: 'weights', vote: 'hard', testFraction: 0 }));
    const m = tm.model;
    expect(m.baseRateCorrected).toBe(true);
    expect(m.leafValuesCorrected).toBe(false);
    const raw = await pool.predict(m.trees, applyBinning(table, m.features), 'hard');
    const { prob } = await scoreTable(pool, parseModelFile(modelToJson(m)), table);
    const p = raw[0];
    const a = p * (m.trueBaseRate / m.trainedBaseRate);
    const b = (1 - p) * ((1 - m.trueBaseRate) / (1 - m.trainedBaseRate));
    expect(prob[0]).toBeCloseTo(a / (a + b), 12);
    expect(Array.from(prob)).toEqual(Array.from(correctProbabilities(raw, m.trainedBaseRate, m.trueBaseRate)));
  });

  it('stores the default tier cuts of the honestly scored rows, kept through save and load', async () => {
    const tm = await trainModel(pool, table, request({ trees: 10 }));
    const honest = honestLabelled(tm);
    const want = defaultTierCuts(honest.labels, honest.probs);
    expect(tm.model.tierCuts).toEqual({ atRisk: want.atRisk, churned: want.churned });
    expect(parseModelFile(modelToJson(tm.model)).tierCuts).toEqual(tm.model.tierCuts);
    const bad = JSON.parse(modelToJson(tm.model));
    bad.tierCuts = { atRisk: 0.9, churned: 0.2 };
    expect(() => parseModelFile(JSON.stringify(bad))).toThrow(/model\.tampered/);
  });

  it('a fixed (time-based) split is used as given: labelled rows only, each in one set', async () => {
    const n = table.rowCount;
    const train = Uint32Array.from({ length: Math.floor(n * 0.7) }, (_, i) => i);
    const test = Uint32Array.from({ length: n - train.length }, (_, i) => train.length + i);
    const tm = await trainModel(pool, table, { ...request({ trees: 10 }), split: { train, test } });
    expect(Array.from(tm.trainRows)).toEqual(Array.from(train));
    expect(Array.from(tm.testRows)).toEqual(Array.from(test));
    expect(tm.model.metrics.test!.rows).toBe(test.length);
  });

  it('excludes rows whose target is missing and scores them with the full model', async () => {
    const t = churnTable();
    const churn = t.columns.find((c) => c.name === 'churn')!;
    if (churn.kind !== 'categorical') throw new Error('kind');
    churn.codes[3] = -1;
    churn.codes[10] = -1;
    const tm = await trainModel(pool, t, request({ trees: 10 }));
    expect(tm.excludedRows).toBe(2);
    expect(tm.labels[3]).toBe(255);
    expect(tm.rowProbSource[3]).toBe(SOURCE_FULL);
    expect(tm.rowProb[10]).toBeGreaterThanOrEqual(0);
    expect(tm.trainRows.length + tm.testRows.length).toBe(4998);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await trainModel(pool, table, request(), { signal: ac.signal }).catch((x) => x);
    expect(isCancelled(e)).toBe(true);
  });

  it('rejects the target as a feature and bad settings', async () => {
    const e1 = await trainModel(pool, table, { ...request(), featureColumns: ['churn', 'state'] }).catch((x) => x);
    expect(isUserError(e1) && e1.key).toBe('model.targetAsFeature');
    const e2 = await trainModel(pool, table, request({ trees: 0 })).catch((x) => x);
    expect(isUserError(e2) && [e2.key, e2.params.name]).toEqual(['model.badParams', 'trees']);
    const e3 = await trainModel(pool, table, { ...request(), featureColumns: [] }).catch((x) => x);
    expect(isUserError(e3) && e3.key).toBe('model.noFeatures');
  });
});

describe('missing values as the signal', () => {
  it('a split that separates missing from known values survives save/load and reads as a rule', async () => {
    // x is missing for churners, uniform noise otherwise: the only useful split is "missing or not"
    const n = 600;
    const x = new Float64Array(n);
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const churn = i % 4 === 0;
      codes[i] = churn ? 0 : 1;
      x[i] = churn ? NaN : (i * 37) % 50;
    }
    const t = {
      rowCount: n,
      columns: [
        { kind: 'numeric' as const, name: 'x', values: x, semantic: 'number' as const },
        { kind: 'categorical' as const, name: 'y', codes, levels: ['yes', 'no'], semantic: 'category' as const },
      ],
    };
    const tm = await trainModel(pool, t, { ...request({ ...PRESETS.tree }), featureColumns: ['x'], target: 'y' });
    const m = tm.model;
    const spec = m.features[0];
    if (spec.kind !== 'numeric') throw new Error('kind');
    expect(m.trees[0].feature[0]).toBe(0);
    // every known value goes one way, missing the other: no real threshold exists
    expect(m.trees[0].split[0]).toBe(spec.edges.length);
    expect(m.trees[0].threshold[0]).toBeNaN();
    expect((JSON.parse(modelToJson(m)) as { trees: { threshold: unknown[] }[] }).trees[0].threshold[0]).toBeNull();
    expect(parseModelFile(modelToJson(m)).trees[0]).toEqual(m.trees[0]);
    const texts = modelRules(m).map((r) => r.conditions.map((c) => c.op).join());
    expect(texts).toContain('missing');
    expect(texts).toContain('not missing');
    expect(m.metrics.test!.auc).toBe(1);
  });
});
