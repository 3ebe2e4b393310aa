import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../src/lib/ingest/decode.ts';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import { cats, num, parseText, pieces, utf16, utf8 } from './helpers.ts';

const csv = '名称,value\n苹果,1.5\n香蕉,2\n';

describe('encodings', () => {
  it('reads UTF-8 without BOM', async () => {
    const f = await parseText(csv);
    expect(f.report.encoding).toBe('utf-8');
    expect(f.table.columns[0].name).toBe('名称');
    expect(cats(f, '名称')).toEqual(['苹果', '香蕉']);
  });

  it('strips a UTF-8 BOM (Excel "CSV UTF-8") from the first header', async () => {
    const f = await parseCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]));
    expect(f.report.encoding).toBe('utf-8');
    expect(f.table.columns[0].name).toBe('名称');
    expect(num(f, 'value')).toEqual([1.5, 2]);
  });

  it('reads UTF-16 LE and BE with a BOM', async () => {
    for (const le of [true, false]) {
      const f = await parseCsvBytes(utf16(csv, le, true));
      expect(f.report.encoding).toBe(le ? 'utf-16le' : 'utf-16be');
      expect(f.table.columns[0].name).toBe('名称');
      expect(cats(f, '名称')).toEqual(['苹果', '香蕉']);
    }
  });

  it('reads UTF-16 without a BOM from the NUL pattern of ASCII text', async () => {
    const text = 'name,value\nanna,1\nbert,2\n';
    expect(detectEncoding(utf16(text, true, false)).encoding).toBe('utf-16le');
    expect(detectEncoding(utf16(text, false, false)).encoding).toBe('utf-16be');
    const f = await parseCsvBytes(utf16(text, false, false));
    expect(cats(f, 'name')).toEqual(['anna', 'bert']);
  });

  it('reads a GB18030 (GBK) file made by Python: Chinese headers and values, leading-zero ids kept', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/ingest/gb18030.csv', import.meta.url)));
    // 客户 is BF CD BB A7 in GB18030 (checked with Python's codec).
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0xbf, 0xcd, 0xbb, 0xa7]);
    const f = await parseCsvBytes(bytes);
    expect(f.report.encoding).toBe('gb18030');
    expect(f.table.columns.map((c) => c.name)).toEqual(['客户编号', '性别', '月费', '是否流失']);
    expect(cats(f, '客户编号')).toEqual(['00017', '00018', '00019', '00020']);
    expect(f.table.columns[0].semantic).toBe('id');
    expect(cats(f, '性别')).toEqual(['男', '女', '男', '女']);
    expect(num(f, '月费')).toEqual([1200.5, 89.9, 120, 75.25]);
    expect(cats(f, '是否流失')).toEqual(['是', '否', '否', '是']);
  });

  it('decodes multi-byte characters split across stream chunks', async () => {
    const bytes = utf8('城市,n\n' + Array.from({ length: 200 }, (_, i) => `北京市朝阳区${i},${i}`).join('\n') + '\n');
    for (const size of [1, 2, 3, 7]) {
      const f = await parseCsvBytes(pieces(bytes, size));
      expect(f.table.rowCount).toBe(200);
      expect(cats(f, '城市')[199]).toBe('北京市朝阳区199');
      expect(f.report.warnings).toEqual([]);
    }
    const g = await parseCsvBytes(pieces(utf16('城市,n\n北京,1\n', true, true), 1));
    expect(cats(g, '城市')).toEqual(['北京']);
  });

  it('falls back to Windows-1252 for Western bytes that are neither UTF-8 nor GB18030', async () => {
    // "name,city\nRené,Orléans\n" in Windows-1252: é = E9, followed by ',' which no GB18030 pair allows.
    const bytes = new Uint8Array([...utf8('name,city\nRen'), 0xe9, ...utf8(',Orl'), 0xe9, ...utf8('ans\n')]);
    const f = await parseCsvBytes(bytes);
    expect(f.report.encoding).toBe('windows-1252');
    expect(cats(f, 'name')).toEqual(['René']);
    expect(cats(f, 'city')).toEqual(['Orléans']);
  });
});
