// TreeSHAP through the pools and explainTable: the additivity identity on every row of the shipped
// sample, identical values from 2 node workers and from the calling thread, progress, cancelling.
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/lib/errors.ts';
import type { TrainedModel } from '../../src/lib/engine/types.ts';
import { createInlinePool, createNodePool } from '../../src/lib/engine/pool-node.ts';
import { trainModel } from '../../src/lib/engine/train.ts';
import { presetParams } from '../../src/lib/engine/presets.ts';
import { scoreTable } from '../../src/lib/engine/score.ts';
import { explainTable, reportedScale, topReasons } from '../../src/lib/engine/shap.ts';
import { churnTable, CHURN_FEATURES } from './train-fixture.ts';

const table = churnTable();
const inline = createInlinePool();
const two = createNodePool(2);
afterAll(() => two.dispose());

async function train(preset: 'recommended' | 'mahout'): Promise<TrainedModel> {
  return trainModel(inline, table, {
    target: 'churn', positive: 'yes', idColumn: null, featureColumns: CHURN_FEATURES,
    params: { ...presetParams(preset), trees: 20, threads: 1 }, dataSha256: '0'.repeat(64),
  });
}

describe('explainTable', { timeout: 120_000 }, () => {
  it('base + Σφ = raw within 1e-9 on every row of mlc_churn (20 trees, inline pool); prob is what scoreTable reports', async () => {
    const { model } = await train('recommended');
    const progress: number[] = [];
    const x = await explainTable(inline, model, table, { onProgress: (p) => progress.push(p.rowsDone) });
    const F = x.features.length;
    expect(x.features).toEqual(model.features.map((f) => f.name));
    expect(x.phi.length).toBe(5000 * F);
    let worst = 0;
    for (let r = 0; r < 5000; r++) {
      let s = x.base;
      for (let f = 0; f < F; f++) s += x.phi[r * F + f];
      worst = Math.max(worst, Math.abs(s - x.raw[r]));
    }
    expect(worst).toBeLessThan(1e-9);
    // The background is the training sample unweighted: a model balanced by class weights starts
    // from about the real churn rate (14.1% in this file), not from the balanced 50%.
    const meanRaw = x.raw.reduce((a, b) => a + b, 0) / 5000;
    expect(Math.abs(x.base - meanRaw)).toBeLessThan(0.03);
    expect(x.base).toBeLessThan(0.2);
    const scored = await scoreTable(inline, model, table);
    expect(Array.from(x.prob)).toEqual(Array.from(scored.prob));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(5000);
    expect(progress.length).toBeGreaterThan(2);

    // two node workers give bit-identical values
    const y = await explainTable(two, model, table);
    expect(new Uint8Array(y.phi.buffer)).toEqual(new Uint8Array(x.phi.buffer));
    expect(new Uint8Array(y.raw.buffer)).toEqual(new Uint8Array(x.raw.buffer));
    expect(y.base).toBe(x.base);

    // the top reasons are the largest |φ|, in order
    const row = x.phi.subarray(0, F);
    const top = topReasons(row, x.features, 3);
    const sorted = Array.from(row).map((v, i) => [Math.abs(v), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    expect(top.map((t) => t.index)).toEqual(sorted.slice(0, 3).map((s) => s[1]));
    expect(top[0].feature).toBe(x.features[top[0].index]);
  });

  it('a few rows are split by trees across two workers: the same bits as one worker and as the whole table', async () => {
    const { model } = await train('recommended');
    const whole = await explainTable(inline, model, table);
    const F = whole.features.length;
    const rows = [17, 4321, 4999];
    const few: typeof table = {
      rowCount: rows.length,
      columns: table.columns.map((c) => (c.kind === 'numeric' ? { ...c, values: Float64Array.from(rows, (r) => c.values[r]) } : { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) })),
    };
    const split = await explainTable(two, model, few);
    const single = await explainTable(inline, model, few);
    expect(new Uint8Array(split.phi.buffer)).toEqual(new Uint8Array(single.phi.buffer));
    expect(new Uint8Array(split.raw.buffer)).toEqual(new Uint8Array(single.raw.buffer));
    expect(split.base).toBe(whole.base);
    rows.forEach((r, i) => {
      expect(Array.from(split.phi.subarray(i * F, (i + 1) * F))).toEqual(Array.from(whole.phi.subarray(r * F, (r + 1) * F)));
      expect(split.raw[i]).toBe(whole.raw[r]);
    });
  });

  it('a base-rate-corrected (Mahout) model: φ explain raw; reportedScale runs from corrected base to the reported probability', async () => {
    const { model } = await train('mahout');
    expect(model.baseRateCorrected).toBe(true);
    const x = await explainTable(two, model, table);
    const F = x.features.length;
    let changed = 0;
    for (let r = 0; r < 200; r++) {
      const s = reportedScale(model, x.base, x.raw[r], x.phi.subarray(r * F, (r + 1) * F));
      expect(s.prediction).toBeCloseTo(x.prob[r], 12);
      const sum = s.values.reduce((a, b) => a + b, s.base);
      expect(Math.abs(sum - x.prob[r])).toBeLessThan(1e-9);
      for (let f = 0; f < F; f++) expect(Math.sign(s.values[f]) * Math.sign(x.phi[r * F + f])).toBeGreaterThanOrEqual(0);
      if (x.prob[r] !== x.raw[r]) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('can be cancelled between chunks', async () => {
    const { model } = await train('recommended');
    const ac = new AbortController();
    const run = explainTable(two, model, table, { signal: ac.signal, onProgress: (p) => p.rowsDone > 0 && ac.abort() });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    // the pool recovers for the next call
    const x = await explainTable(two, model, table);
    expect(x.raw.length).toBe(5000);
  });
});
