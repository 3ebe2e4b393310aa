import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import { expectUserError, parseText, utf8 } from './helpers.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url)));

describe('file kind from the first bytes', () => {
  it('rejects an empty file', async () => {
    await expectUserError(parseCsvBytes(new Uint8Array(0)), 'ingest.empty');
  });

  it('recognises an .xlsx renamed to .csv (zip with [Content_Types].xml and xl/) as Excel', async () => {
    await expectUserError(parseCsvBytes(fixture('renamed-xlsx.csv')), 'ingest.excel');
  });

  it('recognises a plain zip archive', async () => {
    await expectUserError(parseCsvBytes(fixture('archive.zip')), 'ingest.zip');
  });

  it('recognises an old .xls (OLE compound file)', async () => {
    const xls = new Uint8Array(600);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expectUserError(parseCsvBytes(xls), 'ingest.excel');
  });

  it('recognises images and PDF', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await expectUserError(parseCsvBytes(png), 'ingest.image')).toEqual({ format: 'PNG' });
    expect(await expectUserError(parseCsvBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])), 'ingest.image')).toEqual({ format: 'JPEG' });
    expect(await expectUserError(parseCsvBytes(utf8('GIF89a......')), 'ingest.image')).toEqual({ format: 'GIF' });
    await expectUserError(parseCsvBytes(utf8('%PDF-1.7\n%âãÏÓ\n')), 'ingest.pdf');
  });

  it('rejects binary data with NUL bytes that is not UTF-16', async () => {
    const b = new Uint8Array(256).map((_, i) => (i * 37) & 0xff);
    await expectUserError(parseCsvBytes(b), 'ingest.binary');
  });

  it('still reads text that happens to start like nothing special', async () => {
    const f = await parseText('PK,value\n1,2\n');
    expect(f.table.columns.map((c) => c.name)).toEqual(['PK', 'value']);
  });
});
