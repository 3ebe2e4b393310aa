import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError, isUserError } from '../../../src/lib/errors.ts';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import { parseCsvFile } from '../../../src/lib/ingest/node.ts';
import { parseFileToResult, tableBuffers } from '../../../src/lib/ingest/worker-api.ts';
import type { ParseProgress } from '../../../src/lib/ingest/types.ts';
import { cats, expectUserError, num, pieces, utf8 } from './helpers.ts';

/** About 3 MB: more than the 1 MB head and several parse blocks, with quoted multi-line cells. */
function bigCsv(): Uint8Array {
  const lines = ['id,city,amount,note'];
  for (let i = 0; i < 60_000; i++) lines.push(`C${String(i).padStart(6, '0')},城市${i % 37},${(i * 0.25).toFixed(2)},"line ${i}, ""q""${i % 1000 === 0 ? '\nsecond line' : ''}"`);
  return utf8(lines.join('\r\n') + '\r\n');
}

describe('streaming', () => {
  const bytes = bigCsv();
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('gives the same table and hash whether the bytes come whole or in small odd pieces', async () => {
    const whole = await parseCsvBytes(bytes);
    expect(whole.sha256).toBe(sha);
    expect(whole.table.rowCount).toBe(60_000);
    expect(cats(whole, 'note')[1000]).toBe('line 1000, "q"\nsecond line');
    expect(num(whole, 'amount')[59_999]).toBe(14999.75);
    for (const size of [4093, 65536]) {
      const streamed = await parseCsvBytes(pieces(bytes, size));
      expect(streamed.sha256).toBe(sha);
      expect(streamed.table).toEqual(whole.table);
      expect(streamed.report).toEqual(whole.report);
    }
  });

  it('reads a web ReadableStream and reports progress up to the total', async () => {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
    const seen: ParseProgress[] = [];
    const f = await parseCsvBytes(stream, { totalBytes: bytes.length, onProgress: (p) => seen.push(p) });
    expect(f.sha256).toBe(sha);
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
    expect(seen[seen.length - 1]).toEqual({ bytes: bytes.length, totalBytes: bytes.length, rows: 60_000 });
  });

  it('stops with CancelledError when the signal is aborted mid-way', async () => {
    const ac = new AbortController();
    const p = parseCsvBytes(pieces(bytes, 65536), { signal: ac.signal, onProgress: (x) => { if (x.bytes > 1_500_000) ac.abort(); } });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    const already = new AbortController();
    already.abort();
    await expect(parseCsvBytes(bytes, { signal: already.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('node and worker entries', () => {
  it('parseCsvFile reads a file from disk and hashes it like sha256sum', async () => {
    const path = new URL('../../fixtures/mlc_churn.csv', import.meta.url).pathname;
    const f = await parseCsvFile(path);
    expect(f.table.rowCount).toBe(5000);
    expect(f.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('parseCsvFile: a missing file is ingest.fileNotFound with its path', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cl-')), 'nope.csv');
    expect(await expectUserError(parseCsvFile(path), 'ingest.fileNotFound')).toEqual({ path });
    const dir = mkdtempSync(join(tmpdir(), 'cl-'));
    await expectUserError(parseCsvFile(dir), 'ingest.fileNotFound');
    const ok = join(dir, 'ok.csv');
    writeFileSync(ok, 'a,b\n1,x\n');
    expect((await parseCsvFile(ok)).table.rowCount).toBe(1);
  });

  it('the worker body returns errors as data (key and params survive the worker boundary)', async () => {
    const good = await parseFileToResult(new Blob([utf8('a,b\n1,x\n2,y\n')]), {});
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.file.table.rowCount).toBe(2);
      expect(tableBuffers(good.file.table).length).toBe(2);
    }
    const bad = await parseFileToResult(new Blob([utf8('a,b\n')]), {});
    expect(bad).toEqual({ ok: false, error: { name: 'UserError', key: 'ingest.headerOnly', params: {} } });
  });

  it('only UserErrors reach the user for arbitrary bad bytes (sanity check of the error type)', async () => {
    try {
      await parseCsvBytes(new Uint8Array([0, 1, 2, 3]));
    } catch (e) {
      expect(isUserError(e)).toBe(true);
    }
  });
});
