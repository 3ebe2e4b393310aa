import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import fc from 'fast-check';
import { BOM, csvCell, csvChunks, toCsv } from '../../../src/lib/export/csv.ts';

function parse(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const r = Papa.parse<string[]>(text.slice(1), { delimiter: ',', skipEmptyLines: false });
  expect(r.errors).toEqual([]);
  const rows = r.data;
  if (rows.length && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  return rows;
}

describe('csvCell', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('neutralises formula-like text but not numbers', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('-0.5')).toBe("'-0.5"); // unmarked text is treated as text
    expect(csvCell('-0.5', true)).toBe('-0.5');
    expect(csvCell('+8613800000000', true)).toBe('+8613800000000');
    expect(csvCell('-1+1', true)).toBe("'-1+1"); // marked, but not a plain number
  });

  it('writes numbers with full precision and NaN as empty', () => {
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(1e-320)).toBe('1e-320');
    expect(csvCell(NaN)).toBe('');
    expect(Number(csvCell(0.123456789012345678))).toBe(0.123456789012345678);
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and round-trips through PapaParse', () => {
    const text = toCsv(['id', '名称', 'p'], [
      ['a"1', '流失,客户\r\n第二行', 0.25],
      ['😀 emoji', '', -1e-7],
      [null, '  spaces  ', 3],
    ]);
    expect(text).toBe(
      '\uFEFFid,名称,p\r\n"a""1","流失,客户\r\n第二行",0.25\r\n😀 emoji,,-1e-7\r\n,  spaces  ,3\r\n',
    );
    expect(parse(text)).toEqual([
      ['id', '名称', 'p'],
      ['a"1', '流失,客户\r\n第二行', '0.25'],
      ['😀 emoji', '', '-1e-7'],
      ['', '  spaces  ', '3'],
    ]);
  });

  it('returns every value exactly (dangerous text with one leading quote) for random input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('"', ',', '\r\n', '\n', '\r', '=x', '流失率'), fc.double()), { minLength: 2, maxLength: 4 }), { maxLength: 8 }),
        (rows) => {
          const width = rows.reduce((m, r) => Math.max(m, r.length), 2);
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const full = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const parsed = parse(toCsv(header, full));
          expect(parsed[0]).toEqual(header);
          full.forEach((r, i) => {
            r.forEach((v, j) => {
              const got = parsed[i + 1][j];
              if (typeof v === 'number') {
                if (Number.isNaN(v)) expect(got).toBe('');
                else expect(Object.is(Number(got), v === 0 ? 0 : v) || Number(got) === v).toBe(true);
              } else {
                expect(got).toBe(/^[=+\-@\t\r]/.test(v) ? "'" + v : v);
              }
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('chunks big files with the BOM only in the first chunk', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i, `row ${i}`]);
    const chunks = [...csvChunks(['n', 'text'], rows, { chunkSize: 1000 })];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.filter((c) => c.includes(BOM)).length).toBe(1);
    expect(chunks.join('')).toBe(toCsv(['n', 'text'], rows));
  });
});
