import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import { scanCsvBatches, type CsvBatch } from '../../../src/lib/ingest/batches.ts';
import { inferColumn } from '../../../src/lib/ingest/infer.ts';
import type { NumericColumn } from '../../../src/lib/table/types.ts';
import { cats, num, pieces, utf8 } from './helpers.ts';

function csv(rows: number): Uint8Array<ArrayBuffer> {
  const lines = ['id;amount;note;flag'];
  for (let i = 0; i < rows; i++) lines.push(`${1000 + i};${(i % 13) * 2.5};"n ${i}; ""q""";${i % 5 === 0 ? 'ja' : 'nein'}`);
  lines.push('9999;1,5'); // a short (ragged) last row
  return utf8(lines.join('\r\n'));
}

describe('reading a file again in batches of rows', () => {
  it('hands over every row once, in order, in batches of the asked size, with the same cells', async () => {
    const bytes = csv(2_345);
    const full = await parseCsvBytes(bytes);
    const batches: CsvBatch[] = [];
    const scan = await scanCsvBatches(pieces(bytes, 3001), { batchRows: 500, columns: ['amount', 'missing'], textColumns: ['id', 'flag', 'nope'] }, (b) => {
      batches.push(b);
    });
    expect(scan.rows).toBe(2_346);
    expect(scan.sha256).toBe(full.sha256);
    expect(batches.map((b) => [b.start, b.rows])).toEqual([[0, 500], [500, 500], [1000, 500], [1500, 500], [2000, 346]]);
    expect(batches.every((b) => b.layout.delimiter === ';')).toBe(true);
    const ids = batches.flatMap((b) => b.texts[0]!);
    expect(ids).toEqual(cats(full, 'id'));
    expect(batches.flatMap((b) => b.texts[1]!)).toEqual(cats(full, 'flag'));
    expect(batches.every((b) => b.columns[1] === null && b.texts[2] === null)).toBe(true);
    // Each batch types its own column; the values are the whole file's.
    const amounts = batches.flatMap((b) => Array.from((inferColumn(b.columns[0]!, true).column as NumericColumn).values));
    expect(amounts).toEqual(num(full, 'amount'));
  });

  it('waits for each batch before handing over the next one', async () => {
    const order: number[] = [];
    let active = 0;
    let most = 0;
    await scanCsvBatches(pieces(csv(3_000), 2048), { batchRows: 1_000, columns: [], textColumns: ['id'] }, async (b) => {
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 5));
      order.push(b.start);
      active--;
    });
    expect(most).toBe(1);
    expect(order).toEqual([0, 1000, 2000, 3000]);
  });
});
