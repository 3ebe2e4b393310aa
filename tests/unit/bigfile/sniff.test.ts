import { describe, expect, it } from 'vitest';
import { sniffHead, readHead, SNIFF_BYTES } from '../../../src/lib/bigfile/sniff.ts';
import { estimateRows } from '../../../src/lib/bigfile/estimate.ts';
import { expectUserError, utf16 } from '../ingest/helpers.ts';

function csv(rows: number, eol = '\n'): string {
  const lines = ['客户编号,套餐,月费,在网月数,是否流失'];
  for (let i = 0; i < rows; i++) lines.push(`K${100000 + i},${['基础', '畅享', '尊享'][i % 3]},${(i % 97) + 0.5},${i % 60},${i % 5 === 0 ? '是' : '否'}`);
  return lines.join(eol) + eol;
}

describe('sniffing the first megabyte', () => {
  it('reads the header, the column kinds and the bytes per row; counts the rows of the whole file', async () => {
    const text = csv(60_000, '\r\n');
    const bytes = new TextEncoder().encode(text);
    const file = new Blob([bytes]);
    const head = await readHead(file);
    expect(head.length).toBe(SNIFF_BYTES);
    const s = sniffHead(head, bytes.length);
    expect(s.complete).toBe(false);
    expect(s.layout.delimiter).toBe(',');
    expect(s.table.columns.map((c) => c.name)).toEqual(['客户编号', '套餐', '月费', '在网月数', '是否流失']);
    expect(s.columns.map((c) => c.kind)).toEqual(['categorical', 'categorical', 'numeric', 'numeric', 'categorical']);
    expect(s.columns[0].semantic).toBe('id');
    expect(s.columns[1].distinct).toBe(3);
    expect(s.bytesPerChar).toBe(2);
    // Only complete lines: the last row read is a whole row.
    expect(s.rows).toBeGreaterThan(20_000);
    expect(s.table.columns[4].kind === 'categorical' && s.table.columns[4].codes[s.rows - 1]).not.toBe(-1);
    expect(Math.abs(estimateRows(s, bytes.length) - 60_000)).toBeLessThan(600);
  });

  it('takes a file that fits in the head as it is', () => {
    const bytes = new TextEncoder().encode(csv(100));
    const s = sniffHead(bytes, bytes.length);
    expect(s.complete).toBe(true);
    expect(s.rows).toBe(100);
    expect(estimateRows(s, bytes.length)).toBe(100);
  });

  it('reads UTF-16 and counts its rows by its own bytes per character', () => {
    const text = csv(40_000);
    const bytes = utf16(text, true, true);
    const s = sniffHead(bytes.subarray(0, SNIFF_BYTES), bytes.length);
    expect(s.layout.encoding).toBe('utf-16le');
    expect(Math.abs(estimateRows(s, bytes.length) - 40_000)).toBeLessThan(400);
  });

  it('refuses what the full read would refuse', async () => {
    await expectUserError(Promise.resolve().then(() => sniffHead(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x78, 0x6c, 0x2f]), 1e8)), 'ingest.excel');
  });
});
