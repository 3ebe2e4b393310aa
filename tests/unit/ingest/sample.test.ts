import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import { classOf, packRow, parseCsvSample, unpackRow } from '../../../src/lib/ingest/sample.ts';
import { proportionalQuotas } from '../../../src/lib/ingest/reservoir.ts';
import { cats, col, expectUserError, num, pieces, utf8 } from './helpers.ts';

/** 12,000 customers (~25% churned; a few blank targets), ~500 KB: several 1 MB-less blocks and a partial last line. */
function customersCsv(rows = 12_000): Uint8Array<ArrayBuffer> {
  const lines = ['customer_id,plan,monthly,tenure,Churn'];
  for (let i = 0; i < rows; i++) {
    const churn = i % 97 === 0 ? '' : (i * 2654435761) % 4 === 0 ? 'Yes' : 'No';
    lines.push(`C${String(i).padStart(6, '0')},${['basic', 'plus', 'premium'][i % 3]},${(20 + (i % 50) * 1.25).toFixed(2)},${i % 72},${churn}`);
    if (i === 5000) lines.push(''); // a blank line is not a row
  }
  return utf8(lines.join('\n') + '\n');
}

describe('stratified sample pass', () => {
  const bytes = customersCsv();

  it('keeps exactly the proportional rows of each target value, in file order, with their own cells', async () => {
    const full = await parseCsvBytes(bytes);
    const s = await parseCsvSample(bytes, { sample: { target: 'Churn', rows: 1_000, seed: 42 } });
    expect(s.table.rowCount).toBe(1_000);
    expect(s.report.rows).toBe(1_000);
    expect(s.sample.totalRows).toBe(12_000);
    expect(s.sample.sampledRows).toBe(1_000);
    expect(s.report.blankRows).toBe(full.report.blankRows);
    expect(s.sha256).toBe(full.sha256);

    const fullChurn = cats(full, 'Churn');
    const counts = new Map<string, number>();
    for (const v of fullChurn) counts.set(v, (counts.get(v) ?? 0) + 1);
    const quotas = proportionalQuotas([...counts.values()], 1_000);
    expect(s.sample.classes).toEqual([...counts.keys()].map((value, k) => ({ value, rows: counts.get(value), sampled: quotas[k] })));

    const ids = cats(full, 'customer_id');
    const tenure = num(full, 'tenure');
    const idx = Array.from(s.sample.rowIndices);
    expect(cats(s, 'customer_id')).toEqual(idx.map((i) => ids[i]));
    expect(num(s, 'tenure')).toEqual(idx.map((i) => tenure[i]));
    expect(cats(s, 'Churn')).toEqual(idx.map((i) => fullChurn[i]));
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
    expect(col(s, 'monthly').kind).toBe('numeric');
  });

  it('is the same sample whatever the chunking, and another one with another seed', async () => {
    const a = await parseCsvSample(bytes, { sample: { target: 'Churn', rows: 700, seed: 5 } });
    const b = await parseCsvSample(pieces(bytes, 4099), { sample: { target: 'Churn', rows: 700, seed: 5 } });
    const c = await parseCsvSample(bytes, { sample: { target: 'Churn', rows: 700, seed: 6 } });
    expect(b.table).toEqual(a.table);
    expect(Array.from(b.sample.rowIndices)).toEqual(Array.from(a.sample.rowIndices));
    expect(Array.from(c.sample.rowIndices)).not.toEqual(Array.from(a.sample.rowIndices));
  });

  it('reads a file smaller than the sample whole, as the ordinary parse does', async () => {
    const small = customersCsv(300);
    const full = await parseCsvBytes(small);
    const s = await parseCsvSample(small, { sample: { target: 'Churn', rows: 1_000, seed: 1 } });
    expect(s.table).toEqual(full.table);
    expect(Array.from(s.sample.rowIndices)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('says so when the target column is not there or has too many values', async () => {
    await expectUserError(parseCsvSample(bytes, { sample: { target: 'churned', rows: 10, seed: 1 } }), 'ingest.sampleNoTarget');
    await expectUserError(parseCsvSample(bytes, { sample: { target: 'customer_id', rows: 10, seed: 1 } }), 'ingest.sampleTargetValues');
  });

  it('packs rows into one string and back, even with NUL or SOH characters inside cells', () => {
    const row = ['a', '', 'x\u0000y', '\u0001', 'z\u0001\u00000', 'last', 'beyond'];
    expect(unpackRow(packRow(row, 6))).toEqual(row.slice(0, 6));
    expect(unpackRow(packRow(['only'], 1))).toEqual(['only']);
    expect(classOf(' Yes ')).toBe('Yes');
    expect(classOf('NA')).toBe('');
    expect(classOf(undefined)).toBe('');
  });
});
