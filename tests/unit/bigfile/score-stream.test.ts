import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { createInlinePool } from '../../../src/lib/engine/pool-inline.ts';
import { trainModel } from '../../../src/lib/engine/train.ts';
import { scoreTable } from '../../../src/lib/engine/score.ts';
import { PRESETS } from '../../../src/lib/engine/presets.ts';
import type { ModelFile } from '../../../src/lib/engine/types.ts';
import { assignTiers, tierCounts } from '../../../src/lib/evaluate/tiers.ts';
import { buildScoresCsv, SCORE_SOURCE_NAMES } from '../../../src/lib/export/scores.ts';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import { parseCsvSample } from '../../../src/lib/ingest/sample.ts';
import type { ParsedFile } from '../../../src/lib/ingest/types.ts';
import { scoreCsvStream, type StreamScoreOptions } from '../../../src/lib/bigfile/score-stream.ts';
import type { ColumnLike } from '../../../src/lib/bigfile/conform.ts';
import { isCancelled } from '../../../src/lib/errors.ts';
import type { Table } from '../../../src/lib/table/types.ts';

const pool = createInlinePool();
afterAll(() => pool.dispose());

const MLC = readFileSync(new URL('../../fixtures/mlc_churn.csv', import.meta.url));
const bytes = new Uint8Array(MLC.buffer, MLC.byteOffset, MLC.byteLength);
const CUTS = { atRisk: 0.3, churned: 0.6 };

function likeOf(parsed: ParsedFile): Record<string, ColumnLike> {
  return Object.fromEntries(parsed.table.columns.map((c) => [c.name, { semantic: c.semantic, format: parsed.report.formats[c.name] }]));
}

async function train(table: Table, seed = 7) {
  const features = table.columns.map((c) => c.name).filter((n) => n !== 'churn');
  return trainModel(pool, table, { target: 'churn', positive: 'yes', idColumn: null, featureColumns: features, params: { ...PRESETS.recommended, trees: 15, seed }, dataSha256: '0'.repeat(64) });
}

async function stream(source: Uint8Array, opts: Omit<StreamScoreOptions, 'write'>) {
  let csv = '';
  const summary = await scoreCsvStream(pool, source, { ...opts, write: (t) => void (csv += t) });
  return { csv, summary };
}

function rowsOf(csv: string): Record<string, string>[] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
}

describe('scoring every row of a file in batches', async () => {
  const whole = await parseCsvBytes(bytes);
  const trained = await train(whole.table);
  const model: ModelFile = trained.model;
  const expected = (await scoreTable(pool, model, whole.table)).prob;

  it('gives scoreTable’s probabilities on the whole table, bit for bit, and its scores file byte for byte', async () => {
    const { csv, summary } = await stream(bytes, { model, like: likeOf(whole), idColumn: null, target: 'churn', tierCuts: CUTS, batchRows: 700 });
    const rows = rowsOf(csv);
    expect(rows.length).toBe(whole.table.rowCount);
    for (let i = 0; i < rows.length; i++) expect(Object.is(Number(rows[i].churn_probability), expected[i]), `row ${i}`).toBe(true);
    // The same file the whole-table export writes for these rows (BOM, header once, CRLF, full precision).
    const tiers = assignTiers(expected, CUTS);
    const reference = buildScoresCsv({ table: whole.table, idColumn: null, target: 'churn', prob: expected, probSource: new Uint8Array(expected.length), tiers });
    expect(csv).toBe(reference);
    expect(summary.rows).toBe(whole.table.rowCount);
    expect(summary.tiers).toEqual(tierCounts(tiers));
    expect(summary.fromSample).toBe(0);
    expect(summary.warnings).toEqual([]);
    expect(summary.sha256).toBe(whole.sha256);
  });

  it('keeps the 100 most at-risk rows, as a full sort ranks them', async () => {
    const { summary } = await stream(bytes, { model, like: likeOf(whole), idColumn: null, target: 'churn', tierCuts: CUTS, batchRows: 333 });
    const order = Array.from(expected.keys()).sort((a, b) => expected[b] - expected[a] || a - b).slice(0, 100);
    expect(summary.top.map((t) => t.row)).toEqual(order);
    expect(summary.top.map((t) => t.prob)).toEqual(order.map((r) => expected[r]));
    expect(summary.top[0].id).toBe(String(order[0] + 1));
  });

  it('gives the rows of the training sample the honest score the app shows, and the others the model’s', async () => {
    const sampled = await parseCsvSample(bytes, { sample: { target: 'churn', rows: 1_500, seed: 11 } });
    const t = await train(sampled.table);
    const full = (await scoreTable(pool, t.model, whole.table)).prob;
    const known = { rows: sampled.sample.rowIndices, prob: t.rowProb, source: t.rowProbSource };
    const { csv, summary } = await stream(bytes, { model: t.model, like: likeOf(sampled), idColumn: null, target: 'churn', tierCuts: CUTS, known, batchRows: 1_024 });
    const rows = rowsOf(csv);
    expect(rows.length).toBe(whole.table.rowCount);
    expect(summary.fromSample).toBe(1_500);
    const inSample = new Map(Array.from(sampled.sample.rowIndices, (r, i) => [r, i]));
    let honest = 0;
    rows.forEach((row, r) => {
      const i = inSample.get(r);
      expect(row.row).toBe(String(r + 1));
      if (i === undefined) {
        expect(Object.is(Number(row.churn_probability), full[r])).toBe(true);
        expect(row.score_source).toBe('model');
      } else {
        expect(Object.is(Number(row.churn_probability), t.rowProb[i])).toBe(true);
        expect(row.score_source).toBe(SCORE_SOURCE_NAMES[t.rowProbSource[i]]);
        if (row.score_source !== 'model') honest++;
      }
    });
    // Held-out and out-of-bag rows; a training row no tree left out has the model's score in the app too.
    expect(honest).toBe(t.rowProbSource.filter((x) => x !== 0).length);
    expect(honest).toBeGreaterThan(1_400);
  });

  it('writes ids as the file has them, formula-safe, and reads numbers a batch typed as text with the sample’s format', async () => {
    const lines = ['customer_id,fee,plan,churn'];
    for (let i = 0; i < 400; i++) lines.push(`${i === 3 ? '=HYPERLINK(1)' : i === 4 ? '"A,B"' : `00${i}`},${(i % 40) * 2.5}%,${['a', 'b'][i % 2]},${i % 3 === 0 ? 'yes' : 'no'}`);
    // The last batch has one odd cell among few: typed alone it would be text.
    lines.push('0999,n/a,a,no', '1000,12.5%,b,yes', '1001,oops,a,no');
    const text = new TextEncoder().encode(lines.join('\n'));
    const parsed = await parseCsvBytes(text);
    const t = await trainModel(pool, parsed.table, { target: 'churn', positive: 'yes', idColumn: 'customer_id', featureColumns: ['fee', 'plan'], params: { ...PRESETS.recommended, trees: 5 }, dataSha256: '0'.repeat(64) });
    const { csv, summary } = await stream(text, { model: t.model, like: likeOf(parsed), idColumn: 'customer_id', target: 'churn', tierCuts: CUTS, batchRows: 400 });
    const rows = rowsOf(csv);
    expect(rows.map((r) => r.customer_id).slice(0, 6)).toEqual(['000', '001', '002', "'=HYPERLINK(1)", 'A,B', '005']);
    expect(rows.map((r) => r.customer_id).slice(-3)).toEqual(['0999', '1000', '1001']);
    const model = (await scoreTable(pool, t.model, parsed.table)).prob;
    rows.forEach((r, i) => expect(Object.is(Number(r.churn_probability), model[i]), `row ${i}`).toBe(true));
    expect(summary.warnings).toEqual([{ key: 'bigfile.score.unreadable', params: { column: 'fee', count: 1 } }]);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    let pieces = 0;
    const run = scoreCsvStream(pool, bytes, { model, like: likeOf(whole), idColumn: null, target: 'churn', tierCuts: CUTS, batchRows: 500, signal: ac.signal, write: () => { if (++pieces === 1) ac.abort(); } });
    await expect(run).rejects.toSatisfy(isCancelled);
  });
});
