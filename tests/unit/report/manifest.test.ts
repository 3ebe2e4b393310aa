// The audit manifest of a hand-built model: fingerprint, settings, hand-computed metrics, and the
// manifest hash that must ignore wall-clock details but follow every setting.
import { describe, expect, it } from 'vitest';
import { buildManifest, manifestToJson, presetOf, verifyManifest, type AuditManifest } from '../../../src/lib/report/manifest.ts';
import { planRetention } from '../../../src/lib/action/retention.ts';
import { presetParams } from '../../../src/lib/engine/presets.ts';
import { handInput, handTrained, SHA } from './fixture.ts';

describe('audit manifest', () => {
  it('holds the data fingerprint, the settings and the model fingerprint', () => {
    const m = buildManifest(handInput());
    expect(m.format).toBe('churnlens-audit');
    expect(m.version).toBe(1);
    expect(m.appVersion).toBe('0.1.0');
    expect(m.data).toMatchObject({ sha256: SHA, rows: 10, columns: 5, fileName: 'customers q3.csv', bytes: 321, encoding: 'utf-8', delimiter: ',' });
    expect(m.data.target).toEqual({ column: 'churn', positive: 'yes' });
    expect(m.data.idColumn).toBe('id');
    expect(m.data.featureColumns).toEqual(['tenure', 'contract']);
    expect(m.data.excludedColumns).toEqual([{ name: 'notes', reason: 'text' }]);
    expect(m.data.rowsWithoutTarget).toBe(1);
    expect(m.settings.params.seed).toBe(7);
    expect(m.settings.params.criterion).toBe('gini');
    expect(m.settings.params.testFraction).toBe(0.8);
    expect('threads' in m.settings.params).toBe(false);
    expect(m.generated.threads).toBe(1);
    expect(m.settings.threshold).toBe(0.5);
    expect(m.settings.tierCuts).toEqual({ atRisk: 0.35, churned: 0.7 });
    expect(m.settings.preset).toBe('custom');
    expect(m.model.dataFingerprint).toEqual({ sha256: SHA, rows: 10, columns: 5 });
    expect(m.model.fingerprintMatches).toBe(true);
    expect(m.model).toMatchObject({ trees: 1, nodes: 3, features: 2, trainRows: 1, testRows: 8 });
    expect(m.model.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says when the model was trained on other data', () => {
    const m = buildManifest(handInput({ file: { name: 'x.csv', bytes: 1, sha256: 'cd'.repeat(32), encoding: 'utf-8', delimiter: ',', rows: 10, columns: 5 } }));
    expect(m.model.fingerprintMatches).toBe(false);
  });

  it('reports test and OOB metrics at the threshold, checked by hand', () => {
    const m = buildManifest(handInput());
    // at 0.5: flagged 0.9, 0.8, 0.7, 0.6 → tp 3 (0.9, 0.8, 0.6), fp 1 (0.7); missed 0.3; tn 0.4, 0.2, 0.1
    expect(m.metrics.test).toMatchObject({ rows: 8, positives: 4, tp: 3, fp: 1, fn: 1, tn: 3, recall: 0.75, precision: 0.75, accuracy: 0.75, specificity: 0.75, f1: 0.75, threshold: 0.5 });
    // churner/stayer pairs ranked right: 4 + 4 + 3 + 2 of 16
    expect(m.metrics.test!.auc).toBeCloseTo(13 / 16, 12);
    // average precision: (1 + 1 + 3/4 + 4/6) / 4
    expect(m.metrics.test!.prAuc).toBeCloseTo((1 + 1 + 0.75 + 4 / 6) / 4, 12);
    // one OOB row, a churner at 0.55: caught; AUC undefined with one class → null, not NaN
    expect(m.metrics.oob).toMatchObject({ rows: 1, positives: 1, tp: 1, fp: 0, recall: 1, precision: 1 });
    expect(m.metrics.oob!.auc).toBeNull();
    expect(m.curves.source).toBe('test');
    // ROC from (0,0) to (1,1) through the 8 distinct scores
    expect(m.curves.roc.fpr).toEqual([0, 0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 1]);
    expect(m.curves.roc.tpr).toEqual([0, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1, 1]);
    expect(m.curves.pr.precision[0]).toBe(1);
    // top tenth of 8 rows = round(0.8) = 1 row, a churner: rate 1, lift 1 / 0.5 = 2
    expect(m.curves.lift).toHaveLength(10);
    expect(m.curves.lift[0]).toMatchObject({ count: 1, positives: 1, rate: 1, lift: 2, cumLift: 2 });
    expect(m.curves.lift[9].cumPositivesShare).toBe(1);
    expect(m.curves.calibration).toHaveLength(10);
    // bin [0.9, 1]: one row at 0.9, a churner
    expect(m.curves.calibration[9]).toMatchObject({ count: 1, meanPredicted: 0.9, observedRate: 1 });
    expect(m.curves.calibration[5]).toMatchObject({ count: 0, meanPredicted: null, observedRate: null });
  });

  it('lists importances with feature names, and tier counts over every row', () => {
    const m = buildManifest(handInput());
    expect(m.importance).toEqual([
      { feature: 'tenure', impurity: 0.75, permutation: 0.05 },
      { feature: 'contract', impurity: 0.25, permutation: -0.01 },
    ]);
    // 0.9 0.8 0.7 ≥ 0.7 churned; 0.6 0.4 0.55 0.35 at risk; 0.3 0.2 0.1 normal
    expect(m.tiers).toEqual({ atRisk: 0.35, churned: 0.7, rows: 10, normal: 3, atRiskCount: 4, churnedCount: 3 });
  });

  it('writes the reproduce statement in both languages and the CLI line', () => {
    const m = buildManifest(handInput());
    expect(m.reproduce.en).toContain(SHA);
    expect(m.reproduce.en).toContain('“churn” with churn value “yes”');
    expect(m.reproduce.en).toContain('seed 7');
    expect(m.reproduce.en).toContain('ChurnLens 0.1.0 reproduces these numbers exactly.');
    expect(m.reproduce.en).toContain('“tenure”, “contract”');
    expect(m.reproduce.zh).toContain(SHA);
    expect(m.reproduce.zh).toContain('随机种子 7');
    expect(m.reproduce.zh).toContain('ChurnLens 0.1.0 可精确复现这些数字');
    expect(m.reproduce.cli).toBe(
      "node bin/churnlens.mjs train 'customers q3.csv' --target churn --positive yes --id id --drop notes --trees 1 --mtry sqrt " +
        '--criterion gini --max-depth 0 --min-leaf 1 --min-split 2 --balance none --vote soft --test-fraction 0.8 --seed 7 --threshold 0.5 --out model.json',
    );
    expect(m.reproduce.cliExact).toBe(true);
  });

  it('records the retention plan inputs and outputs', () => {
    const trained = handTrained();
    // gain = p·s·V − c with s 0.5, V 100, c 10: positive for p > 0.2
    const input = { probs: trained.rowProb, costPerContact: 10, successRate: 0.5, offerCost: 0, valueSaved: 100, capacity: 5 };
    const plan = planRetention(input);
    const m = buildManifest(handInput({ trained, retention: { input, plan, currency: 'CNY' } }));
    const r = m.retention!;
    expect(r.inputs).toMatchObject({ customersScored: 10, costPerContact: 10, successRate: 0.5, offerCost: 0, valueSavedConstant: 100, valueColumn: null, capacity: 5, budget: null, currency: 'CNY', acquisitionCost: 0, stayerTakeRate: 0 });
    // capacity 5: the five best are 0.9, 0.8, 0.7, 0.6, 0.55 → Σp = 3.55; profit = 50·3.55 − 50
    expect(r.outputs.recommendedK).toBe(5);
    expect(r.outputs.limitedBy).toBe('capacity');
    expect(r.outputs.expectedProfit).toBeCloseTo(50 * 3.55 - 50, 9);
    expect(r.outputs.expectedCost).toBeCloseTo(50, 9);
    expect(r.outputs.expectedCustomersKept).toBeCloseTo(0.5 * 3.55, 9);
    expect(r.outputs.expectedValueKept).toBeCloseTo(50 * 3.55, 9);
    expect(r.profitCurve.k).toContain(5);
    expect(r.formula).toBe(plan.formula);
    expect(buildManifest(handInput()).retention).toBeNull();
  });
});

describe('manifest hash', () => {
  it('is the same for two builds that differ only in times, threads and language', () => {
    const a = buildManifest(handInput());
    const t = handTrained();
    t.elapsedMs = 99_999;
    t.model.createdAt = '2030-12-31T23:59:59.000Z';
    t.model.params.threads = 8;
    const b = buildManifest(handInput({ trained: t, now: new Date('2031-01-01T00:00:00Z'), locale: 'zh' }));
    expect(b.generated.at).not.toBe(a.generated.at);
    expect(b.generated.trainingMs).toBe(99_999);
    expect(b.manifestSha256).toBe(a.manifestSha256);
  });

  it('changes when the seed changes (and with any other setting or result)', () => {
    const a = buildManifest(handInput());
    const t = handTrained();
    t.model.params.seed = 8;
    const b = buildManifest(handInput({ trained: t }));
    expect(b.manifestSha256).not.toBe(a.manifestSha256);
    expect(buildManifest(handInput({ threshold: 0.4 })).manifestSha256).not.toBe(a.manifestSha256);
    const t2 = handTrained();
    t2.testProb[0] = 0.91;
    expect(buildManifest(handInput({ trained: t2 })).manifestSha256).not.toBe(a.manifestSha256);
  });

  it('model hash follows the trees but not the settings record', () => {
    const a = buildManifest(handInput());
    const t = handTrained();
    t.model.trees[0].value[1] = 0.81;
    expect(buildManifest(handInput({ trained: t })).model.modelSha256).not.toBe(a.model.modelSha256);
    const t2 = handTrained();
    t2.model.params.seed = 99;
    expect(buildManifest(handInput({ trained: t2 })).model.modelSha256).toBe(a.model.modelSha256);
  });

  it('survives a round trip through the JSON file and detects tampering', () => {
    const m = buildManifest(handInput());
    const back = JSON.parse(manifestToJson(m)) as AuditManifest;
    expect(verifyManifest(back)).toBe(true);
    back.metrics.test!.recall = 0.8;
    expect(verifyManifest(back)).toBe(false);
    const again = JSON.parse(manifestToJson(m)) as AuditManifest;
    again.generated.at = '1999-01-01T00:00:00.000Z';
    expect(verifyManifest(again)).toBe(true);
  });
});

describe('presetOf', () => {
  it('names a preset whatever the seed, test share and threads, else custom', () => {
    expect(presetOf({ ...presetParams('mahout'), seed: 5, testFraction: 0.2, threads: 3 })).toBe('mahout');
    expect(presetOf(presetParams('tree'))).toBe('tree');
    expect(presetOf(presetParams('recommended'))).toBe('recommended');
    expect(presetOf({ ...presetParams('recommended'), trees: 101 })).toBe('custom');
  });
});
