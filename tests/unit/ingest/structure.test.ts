import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../../src/lib/ingest/delimiter.ts';
import { cats, col, expectUserError, num, parseText } from './helpers.ts';

describe('delimiters', () => {
  it('detects comma, semicolon, tab and pipe, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2;3\n4;5,25;6\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(detectDelimiter('"x;y;z",b\n"1;2;3",4\n"5;6",7\n')).toBe(',');
    expect(detectDelimiter('single\n1\n2\n')).toBe(',');
  });

  it('reads a semicolon file with decimal commas', async () => {
    const f = await parseText('name;price;qty\na;1,5;3\nb;1.234,75;4\nc;2;5\n');
    expect(f.report.delimiter).toBe(';');
    expect(num(f, 'price')).toEqual([1.5, 1234.75, 2]);
    expect(f.report.formats.price).toEqual({ decimalMark: ',' });
    expect(num(f, 'qty')).toEqual([3, 4, 5]);
  });

  it('reads "1.234" as one thousand two hundred thirty-four in a decimal-comma column', async () => {
    const f = await parseText('v;w\n1.234;x\n2,5;y\n10;z\n');
    expect(num(f, 'v')).toEqual([1234, 2.5, 10]);
  });

  it('reads "0.125" as a decimal even in a semicolon file where every value has three decimals', async () => {
    const f = await parseText('p;q\n0.125;a\n3.142;b\n');
    expect(num(f, 'p')).toEqual([0.125, 3.142]);
  });

  it('reads a tab-separated file with spaces around values', async () => {
    const f = await parseText('id_code\tscore\n A \t 1.5 \n B \t 2 \n');
    expect(f.report.delimiter).toBe('\t');
    expect(cats(f, 'id_code')).toEqual(['A', 'B']);
    expect(num(f, 'score')).toEqual([1.5, 2]);
  });

  it('reads CRLF and old-Mac CR line endings', async () => {
    expect(num(await parseText('a,b\r\n1,2\r\n3,4\r\n'), 'b')).toEqual([2, 4]);
    expect(num(await parseText('a,b\r1,2\r3,4\r'), 'b')).toEqual([2, 4]);
  });
});

describe('headers', () => {
  it('trims names, names blanks column_N and renames duplicates name_2, name_3 with a warning', async () => {
    const f = await parseText(' a ,,a,b,a\n1,2,3,4,5\n');
    expect(f.table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_2', 'b', 'a_3']);
    expect(f.report.warnings).toContainEqual({ key: 'ingest.duplicateHeaders', params: { names: 'a' } });
    expect(num(f, 'a_3')).toEqual([5]);
  });

  it('does not collide a renamed duplicate with an existing name', async () => {
    const f = await parseText('a,a_2,a\n1,2,3\n');
    expect(f.table.columns.map((c) => c.name)).toEqual(['a', 'a_2', 'a_3']);
  });

  it('drops the empty last column made by a delimiter at the end of every line', async () => {
    const f = await parseText('a,b,\n1,2,\n3,4,\n');
    expect(f.table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(f.report.raggedRows.count).toBe(0);
    expect(f.report.warnings).toEqual([]);
    // Only the data lines end with a delimiter: the empty extra cells are ignored silently.
    const g = await parseText('a,b\n1,2,\n3,4,\n');
    expect(g.table.columns.length).toBe(2);
    expect(g.report.raggedRows.count).toBe(0);
  });

  it('reads 2,000 columns', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `c${i}`);
    const rows = [0, 1, 2].map((r) => names.map((_, i) => String(r * 2000 + i)).join(','));
    const f = await parseText([names.join(','), ...rows].join('\n'));
    expect(f.report.columns).toBe(2000);
    expect(f.table.rowCount).toBe(3);
    expect(num(f, 'c1999')).toEqual([1999, 3999, 5999]);
  });
});

describe('rows', () => {
  const ragged = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n';

  it('keeps ragged rows by default: pads short rows, cuts long ones, reports the lines', async () => {
    const f = await parseText(ragged);
    expect(f.table.rowCount).toBe(4);
    expect(f.report.raggedRows).toEqual({ count: 2, first: [3, 4] });
    expect(f.report.droppedRows).toBe(0);
    expect(num(f, 'c')).toEqual([3, NaN, 8, 12]);
    expect(f.report.warnings).toContainEqual({ key: 'ingest.raggedKept', params: { count: 2, lines: '3, 4' } });
  });

  it('drops ragged rows with raggedPolicy "drop"', async () => {
    const f = await parseText(ragged, { raggedPolicy: 'drop' });
    expect(f.table.rowCount).toBe(2);
    expect(f.report.droppedRows).toBe(2);
    expect(num(f, 'a')).toEqual([1, 10]);
    expect(f.report.warnings.map((w) => w.key)).toContain('ingest.raggedDropped');
  });

  it('skips blank lines and delimiter-only lines, counting them', async () => {
    const f = await parseText('\n\na,b\n1,2\n\n,\n  \n3,4\n\n');
    expect(f.table.rowCount).toBe(2);
    expect(f.report.blankRows).toBe(4);
    expect(num(f, 'b')).toEqual([2, 4]);
  });

  it('reads a file with a single data row and no final line break', async () => {
    const f = await parseText('x,y\n1,hello');
    expect(f.table.rowCount).toBe(1);
    expect(num(f, 'x')).toEqual([1]);
    expect(cats(f, 'y')).toEqual(['hello']);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks', async () => {
    const f = await parseText('name,note\n"Smith, J","said ""hi""\nand left"\nLee,ok\n');
    expect(cats(f, 'name')).toEqual(['Smith, J', 'Lee']);
    expect(cats(f, 'note')).toEqual(['said "hi"\nand left', 'ok']);
  });

  it('throws ingest.unbalancedQuotes with the line of an unclosed quote', async () => {
    const params = await expectUserError(parseText('a,b\n1,2\n3,"oops\n5,6\n7,8\n'), 'ingest.unbalancedQuotes');
    expect(params).toEqual({ line: 3 });
  });

  it('warns about stray quotes inside a quoted cell, naming the line', async () => {
    const f = await parseText('a,b\n1,"x"y,z"\n2,w\n');
    const w = f.report.warnings.find((x) => x.key === 'ingest.malformedQuotes');
    expect(w?.params.lines).toBe('2');
    expect(f.table.rowCount).toBe(2);
  });

  it('rejects a header without rows, blank-only files and one huge line', async () => {
    await expectUserError(parseText('a,b,c\n'), 'ingest.headerOnly');
    await expectUserError(parseText('a,b,c'), 'ingest.headerOnly');
    await expectUserError(parseText(Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',') + '\n'), 'ingest.headerOnly');
    await expectUserError(parseText('\n\n  \n\n'), 'ingest.noRows');
    await expectUserError(parseText('\ufeff'), 'ingest.noRows');
    await expectUserError(parseText('x'.repeat(1 << 20)), 'ingest.singleLine');
    await expectUserError(parseText(Array.from({ length: 150_000 }, (_, i) => i).join(',')), 'ingest.singleLine');
  });

  it('keeps exact column values for a 1-row file with every kind of column', async () => {
    const f = await parseText('CustomerID,plan,fee,signup_date\n00042,Gold,"$1,200.50",2024-03-05\n');
    expect(cats(f, 'CustomerID')).toEqual(['00042']);
    expect(col(f, 'CustomerID').semantic).toBe('id');
    expect(cats(f, 'plan')).toEqual(['Gold']);
    expect(num(f, 'fee')).toEqual([1200.5]);
    expect(col(f, 'signup_date').semantic).toBe('date');
    expect(num(f, 'signup_date')).toEqual([Date.UTC(2024, 2, 5) / 86400000]);
  });
});
