// End to end: the real CLI trains on the shipped churn sample, scores it, and reads the model back.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelFile } from '../../src/lib/engine/model-file.ts';
import { MLC, TELCO, readCsv, runCli } from './run-cli.ts';

const MLC_ROWS = 5000;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'churnlens-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const withoutCreatedAt = (text: string) => {
  const m = JSON.parse(text);
  delete m.createdAt;
  return m;
};

describe('churnlens train + score on mlc_churn.csv', { timeout: 180_000 }, () => {
  let model1: string;

  it('trains 20 trees, prints test and OOB metrics, writes a model the app can load', async () => {
    model1 = join(dir, 'm1.json');
    const r = await runCli(['train', MLC, '--target', 'churn', '--trees', '20', '--threads', '2', '--seed', '7', '--out', model1]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('set'))!;
    expect(header.split(/\s{2,}/)).toEqual(['set', 'rows', 'AUC', 'recall', 'precision', 'F1']);
    const test = lines.find((l) => l.startsWith('test'))!.split(/\s{2,}/);
    const oob = lines.find((l) => l.startsWith('out-of-bag'))!.split(/\s{2,}/);
    // 10% stratified test of 5000 rows; every training row is out of bag for some of 20 trees.
    expect(Number(test[1])).toBe(500);
    expect(Number(oob[1])).toBeGreaterThan(4400);
    // This data set is easy for forests (published RF AUCs are above 0.9).
    expect(Number(test[2])).toBeGreaterThan(0.85);
    expect(Number(oob[2])).toBeGreaterThan(0.85);
    for (const m of [test, oob]) for (const v of m.slice(2)) expect(Number(v)).toBeGreaterThanOrEqual(0);
    // No --threshold: the best F1 on the test rows, as the app starts, said so and recorded.
    const chosen = /at threshold ([0-9.]+), the best F1 on the held-out test rows/.exec(r.stdout);
    expect(chosen).not.toBeNull();
    // The positive value was detected and said so.
    expect(r.stderr).toContain('churned = "yes"');

    const model = parseModelFile(readFileSync(model1, 'utf8'));
    expect(model.trees).toHaveLength(20);
    expect(model.target).toEqual({ column: 'churn', positive: 'yes' });
    expect(model.idColumn).toBeNull();
    expect(model.params.seed).toBe(7);
    expect(model.features.map((f) => f.name)).toContain('number_customer_service_calls');
    expect(model.features.map((f) => f.name)).not.toContain('churn');
    expect(model.data.rows).toBe(MLC_ROWS);
    expect(model.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.metrics.test!.threshold.toFixed(4)).toBe(chosen![1]);
    expect(model.metrics.test!.f1.toFixed(4)).toBe(Number(test[5]).toFixed(4));
    // The same model at an explicit --threshold 0.5 (same seed and data): that threshold is used and
    // said, and its test F1 is no better than the chosen one's.
    const fixedRun = await runCli(['train', MLC, '--target', 'churn', '--trees', '20', '--threads', '2', '--seed', '7', '--threshold', '0.5', '--out', join(dir, 'half.json')]);
    expect(fixedRun.code).toBe(0);
    expect(fixedRun.stdout).toContain('(recall, precision and F1 at threshold 0.5)');
    const half = parseModelFile(readFileSync(join(dir, 'half.json'), 'utf8')).metrics.test!;
    expect(half.threshold).toBe(0.5);
    expect(half.auc).toBe(model.metrics.test!.auc);
    expect(half.f1).toBeLessThanOrEqual(model.metrics.test!.f1);
    expect(model.metrics.test?.auc.toFixed(4)).toBe(Number(test[2]).toFixed(4));
  });

  it('is deterministic: same data, settings and seed give the same model, whatever the threads', async () => {
    const again = join(dir, 'm1-again.json');
    const oneThread = join(dir, 'm1-one-thread.json');
    const [a, b] = await Promise.all([
      runCli(['train', MLC, '--target', 'churn', '--trees', '20', '--threads', '2', '--seed', '7', '--out', again]),
      runCli(['train', MLC, '--target', 'churn', '--trees', '20', '--threads', '1', '--seed', '7', '--out', oneThread]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const ref = withoutCreatedAt(readFileSync(model1, 'utf8'));
    const twice = withoutCreatedAt(readFileSync(again, 'utf8'));
    expect(JSON.stringify(twice)).toBe(JSON.stringify(ref));
    const one = withoutCreatedAt(readFileSync(oneThread, 'utf8'));
    one.params.threads = ref.params.threads;
    expect(JSON.stringify(one.trees)).toBe(JSON.stringify(ref.trees));
    expect(JSON.stringify(one)).toBe(JSON.stringify(ref));
  });

  it('--threshold sets the cut of the printed and stored metrics', async () => {
    const low = join(dir, 'm-threshold.json');
    const r = await runCli(['train', MLC, '--target', 'churn', '--trees', '20', '--threads', '2', '--seed', '7', '--threshold', '0.2', '--out', low]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('threshold 0.2');
    const a = parseModelFile(readFileSync(model1, 'utf8')).metrics.test!;
    const b = parseModelFile(readFileSync(low, 'utf8')).metrics.test!;
    expect(b.threshold).toBe(0.2);
    // Same forest (same seed), lower cut: AUC unchanged, at least as many churners caught.
    expect(b.auc).toBe(a.auc);
    expect(b.recall).toBeGreaterThanOrEqual(a.recall);
    expect(b.recall).toBeGreaterThan(0);
  });

  it('a different seed gives a different forest', async () => {
    const other = join(dir, 'm-seed8.json');
    const r = await runCli(['train', MLC, '--target', 'churn', '--trees', '20', '--threads', '2', '--seed', '8', '--out', other]);
    expect(r.code).toBe(0);
    expect(JSON.stringify(JSON.parse(readFileSync(other, 'utf8')).trees)).not.toBe(JSON.stringify(JSON.parse(readFileSync(model1, 'utf8')).trees));
  });

  it('scores every input row, in order, into a BOM-prefixed CSV with probabilities and tiers', async () => {
    const out = join(dir, 'scores.csv');
    const r = await runCli(['score', model1, MLC, '--out', out]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual(['row', 'churn_probability', 'risk_tier']);
    expect(rows.length - 1).toBe(MLC_ROWS);
    const input = readCsv(readFileSync(MLC, 'utf8'));
    const churnCol = input[0].indexOf('churn');
    let sumChurners = 0;
    let sumStayers = 0;
    let churners = 0;
    // The model carries the tier cut points chosen at training time; the CLI applies exactly those.
    const cuts = JSON.parse(readFileSync(model1, 'utf8')).tierCuts as { atRisk: number; churned: number };
    expect(cuts.atRisk).toBeLessThanOrEqual(cuts.churned);
    for (let i = 1; i <= MLC_ROWS; i++) {
      const [row, p, tier] = rows[i];
      expect(Number(row)).toBe(i);
      const prob = Number(p);
      expect(prob).toBeGreaterThanOrEqual(0);
      expect(prob).toBeLessThanOrEqual(1);
      expect(tier).toBe(prob >= cuts.churned ? 'churned' : prob >= cuts.atRisk ? 'at_risk' : 'normal');
      if (input[i][churnCol] === 'yes') {
        sumChurners += prob;
        churners++;
      } else sumStayers += prob;
    }
    // Scores line up with the input rows: churners score far higher on average than stayers.
    expect(sumChurners / churners).toBeGreaterThan(2 * (sumStayers / (MLC_ROWS - churners)));
  });

  it('info summarises the saved model', async () => {
    const r = await runCli(['info', model1]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('churn (churned = "yes")');
    expect(r.stdout).toMatch(/trees\s+20 \(\d+ nodes\)/);
    expect(r.stdout).toContain('5000 rows');
    expect(r.stdout).toContain('number_customer_service_calls');
    expect(r.stdout).toMatch(/seed\s+7/);
  });
});

describe('churnlens train --preset mahout', { timeout: 180_000 }, () => {
  it('reproduces the founding study settings', async () => {
    const out = join(dir, 'mahout.json');
    const r = await runCli(['train', MLC, '--target', 'churn', '--preset', 'mahout', '--threads', '2', '--out', out]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const m = parseModelFile(readFileSync(out, 'utf8'));
    expect(m.trees).toHaveLength(40);
    expect(m.params).toMatchObject({ trees: 40, mtry: 4, minLeaf: 50, criterion: 'entropy', balance: 'oversample', oversampleK: 20, vote: 'hard', testFraction: 0.1 });
    // Oversampling shifts the base rate; probabilities are corrected back and the model says so.
    expect(m.baseRateCorrected).toBe(true);
    expect(m.trainedBaseRate).toBeGreaterThan(m.trueBaseRate);
    expect(m.metrics.test?.auc).toBeGreaterThan(0.8);
  });

  it('explicit options override the preset', async () => {
    const out = join(dir, 'mahout-10.json');
    const r = await runCli(['train', MLC, '--target', 'churn', '--preset', 'mahout', '--trees', '10', '--balance', 'oversample:5', '--out', out]);
    expect(r.code).toBe(0);
    const m = parseModelFile(readFileSync(out, 'utf8'));
    expect(m.trees).toHaveLength(10);
    expect(m.params).toMatchObject({ trees: 10, oversampleK: 5, vote: 'hard', minLeaf: 50 });
  });
});

describe('churnlens with an id column (Telco sample)', { timeout: 180_000 }, () => {
  it('keeps the id out of the features and writes it, exactly, first in the scores', async () => {
    const model = join(dir, 'telco.json');
    const r = await runCli(['train', TELCO, '--target', 'Churn', '--positive', 'Yes', '--id', 'customerID', '--drop', 'gender', '--trees', '10', '--threads', '2', '--out', model]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const m = parseModelFile(readFileSync(model, 'utf8'));
    expect(m.idColumn).toBe('customerID');
    const names = m.features.map((f) => f.name);
    expect(names).not.toContain('customerID');
    expect(names).not.toContain('gender');
    expect(names).toContain('Contract');

    const out = join(dir, 'telco-scores.csv');
    const s = await runCli(['score', model, TELCO, '--out', out]);
    expect(s.code).toBe(0);
    const rows = readCsv(readFileSync(out, 'utf8').slice(1));
    const input = readCsv(readFileSync(TELCO, 'utf8'));
    expect(rows[0]).toEqual(['customerID', 'churn_probability', 'risk_tier']);
    expect(rows.length).toBe(input.length);
    expect(rows.slice(1).map((x) => x[0])).toEqual(input.slice(1).map((x) => x[0]));
  });
});
