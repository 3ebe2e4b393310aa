// The reproducibility proof, end to end on the shipped churn sample: the real ingest and engine
// train the same model twice (one worker, then two), and the two audit manifests have the same
// manifestSha256; then the command line printed in the report, run as a user would run it, writes
// a model with the same fingerprint and the same test metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvFile } from '../../../src/lib/ingest/node.ts';
import { createNodePool } from '../../../src/lib/engine/pool-node.ts';
import { trainModel } from '../../../src/lib/engine/train.ts';
import { presetParams } from '../../../src/lib/engine/presets.ts';
import { parseModelFile } from '../../../src/lib/engine/model-file.ts';
import type { TrainedModel, TrainParams } from '../../../src/lib/engine/types.ts';
import type { ParsedFile } from '../../../src/lib/ingest/types.ts';
import { chooseColumns } from '../../../src/cli/columns.ts';
import { buildManifest, modelFingerprint, type AuditManifest, type ManifestInput } from '../../../src/lib/report/manifest.ts';
import { MLC, runCli } from '../../cli/run-cli.ts';
import { shellWords } from './shell-words.ts';

let dir: string;
let parsed: ParsedFile;
let cols: ReturnType<typeof chooseColumns>;
const params: TrainParams = { ...presetParams('recommended'), trees: 12, seed: 2026 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'churnlens-report-'));
  parsed = await parseCsvFile(MLC);
  cols = chooseColumns(parsed.table, { target: 'churn', positive: undefined, id: null, drop: [] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function train(threads: number): Promise<TrainedModel> {
  const pool = createNodePool(threads);
  try {
    return await trainModel(pool, parsed.table, {
      target: 'churn',
      positive: cols.positive,
      idColumn: null,
      featureColumns: cols.features,
      params: { ...params, threads },
      dataSha256: parsed.sha256,
    });
  } finally {
    pool.dispose();
  }
}

function manifestOf(trained: TrainedModel, now: string): AuditManifest {
  const input: ManifestInput = {
    appVersion: trained.model.appVersion,
    file: {
      name: MLC,
      bytes: statSync(MLC).size,
      sha256: parsed.sha256,
      encoding: parsed.report.encoding,
      delimiter: parsed.report.delimiter,
      rows: parsed.report.rows,
      columns: parsed.report.columns,
    },
    target: { column: 'churn', positive: cols.positive },
    idColumn: null,
    featureColumns: cols.features,
    excludedColumns: cols.leftOut.map((l) => ({ name: l.column, reason: l.reason })),
    trained,
    threshold: 0.4,
    tierCuts: { atRisk: 0.3, churned: 0.6 },
    locale: 'en',
    now: new Date(now),
  };
  return buildManifest(input);
}

describe('reproducing an analysis', () => {
  let first: AuditManifest;

  it('gives the same manifest SHA-256 when the same file is trained again with the same settings', async () => {
    const a = await train(1);
    const b = await train(2);
    first = manifestOf(a, '2026-01-01T00:00:00Z');
    const second = manifestOf(b, '2026-06-30T12:00:00Z');
    expect(first.data.sha256).toBe(parsed.sha256);
    expect(first.data.rows).toBe(5000);
    expect(first.model.fingerprintMatches).toBe(true);
    expect(first.metrics.test!.rows).toBe(500);
    expect(second.generated.threads).toBe(2);
    expect(second.model.modelSha256).toBe(first.model.modelSha256);
    expect(second.manifestSha256).toBe(first.manifestSha256);
    // curves are thinned and no per-customer array is copied in: the file stays small
    expect(JSON.stringify(first).length).toBeLessThan(100_000);
  });

  it('gives a different manifest SHA-256 with another seed', async () => {
    const pool = createNodePool(2);
    try {
      const c = await trainModel(pool, parsed.table, {
        target: 'churn', positive: cols.positive, idColumn: null, featureColumns: cols.features,
        params: { ...params, seed: 2027 }, dataSha256: parsed.sha256,
      });
      expect(manifestOf(c, '2026-01-01T00:00:00Z').manifestSha256).not.toBe(first.manifestSha256);
    } finally {
      pool.dispose();
    }
  });

  it('the report’s command line trains the very same model', async () => {
    expect(first.reproduce.cliExact).toBe(true);
    const words = shellWords(first.reproduce.cli);
    expect(words.slice(0, 3)).toEqual(['node', 'bin/churnlens.mjs', 'train']);
    const out = join(dir, 'cli-model.json');
    const args = words.slice(2).map((w) => (w === 'model.json' ? out : w));
    const r = await runCli(args);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const model = parseModelFile(readFileSync(out, 'utf8'));
    expect(model.data.sha256).toBe(first.data.sha256);
    expect(modelFingerprint(model)).toBe(first.model.modelSha256);
    expect(model.metrics.test!.recall).toBe(first.metrics.test!.recall);
    expect(model.metrics.test!.precision).toBe(first.metrics.test!.precision);
    expect(model.metrics.test!.auc).toBe(first.metrics.test!.auc);
  });
});
