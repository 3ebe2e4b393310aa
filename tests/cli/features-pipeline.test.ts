// The transaction-log path of the CLI: features → train → score, each command's output feeding
// the next unchanged, with the customer ids kept exactly as written.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModelFile } from '../../src/lib/engine/model-file.ts';
import { readCsv, runCli } from './run-cli.ts';

const LOG = fileURLToPath(new URL('../../public/samples/fuel-card-log.csv', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'churnlens-cli-features-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('features → train → score', { timeout: 180_000 }, () => {
  it('runs the whole transaction-log path from the command line', async () => {
    const features = join(dir, 'features.csv');
    const f = await runCli(['features', LOG, '--customer', 'customer_id', '--date', 'transaction_date', '--amount', 'amount', '--kind', 'kind', '--balance', 'balance', '--out', features]);
    expect(f.stderr).not.toMatch(/\n\s+at /);
    expect(f.code).toBe(0);
    const table = readCsv(readFileSync(features, 'utf8').replace(/^\uFEFF/, ''));
    const header = table[0];
    expect(header[0]).toBe('customer_id');
    expect(header).toContain('churned');

    const model = join(dir, 'model.json');
    const t = await runCli(['train', features, '--target', 'churned', '--id', 'customer_id', '--trees', '15', '--threads', '2', '--out', model]);
    expect(t.stderr).not.toMatch(/\n\s+at /);
    expect(t.code).toBe(0);
    const m = parseModelFile(readFileSync(model, 'utf8'));
    expect(m.target.column).toBe('churned');
    expect(m.features.map((x) => x.name)).not.toContain('customer_id');
    // Customers fade out before they stop: the monthly features predict it well.
    expect(m.metrics.test!.auc).toBeGreaterThan(0.75);

    const scores = join(dir, 'scores.csv');
    const s = await runCli(['score', model, features, '--out', scores]);
    expect(s.code).toBe(0);
    const out = readCsv(readFileSync(scores, 'utf8').replace(/^\uFEFF/, ''));
    expect(out[0]).toEqual(['customer_id', 'churn_probability', 'risk_tier']);
    expect(out.slice(1).map((r) => r[0])).toEqual(table.slice(1).map((r) => r[0]));
  });
});
