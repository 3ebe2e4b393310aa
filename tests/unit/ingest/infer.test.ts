import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../../src/lib/ingest/number-text.ts';
import { plainNumber } from '../../../src/lib/ingest/tokens.ts';
import { cats, col, num, parseText } from './helpers.ts';

const column = (name: string, cells: string[]) => parseText([name, ...cells].join('\n') + '\n');

describe('number text', () => {
  it('parses thousands separators, percent, currency, accounting negatives and scientific notation', () => {
    expect(parseNumberText('1,234', '.')?.value).toBe(1234);
    expect(parseNumberText('1 234 567', '.')?.value).toBe(1234567);
    expect(parseNumberText('1\u00a0234,5', ',')?.value).toBe(1234.5);
    expect(parseNumberText('12%', '.')).toEqual({ value: 12, percent: true, currency: '', leadingZero: false });
    expect(parseNumberText('¥1,200', '.')).toEqual({ value: 1200, percent: false, currency: '¥', leadingZero: false });
    expect(parseNumberText('-$3.5', '.')?.value).toBe(-3.5);
    expect(parseNumberText('$-3.5', '.')?.value).toBe(-3.5);
    expect(parseNumberText('€ 7,50', ',')?.value).toBe(7.5);
    expect(parseNumberText('£10', '.')?.currency).toBe('£');
    expect(parseNumberText('100元', '.')?.value).toBe(100);
    expect(parseNumberText('(1,234.5)', '.')?.value).toBe(-1234.5);
    expect(parseNumberText('1e5', '.')?.value).toBe(100000);
    expect(parseNumberText('2.5E-3', '.')?.value).toBe(0.0025);
    expect(parseNumberText('00017', '.')?.leadingZero).toBe(true);
    expect(parseNumberText('1,23', '.')).toBeNull(); // not a thousands group
    expect(parseNumberText('12abc', '.')).toBeNull();
    expect(parseNumberText('$', '.')).toBeNull();
  });

  it('takes only text that prints back identically as a plain number', () => {
    expect(plainNumber('15634602', true)).toBe(15634602);
    expect(plainNumber('-0.5', true)).toBe(-0.5);
    expect(plainNumber('101348.88', true)).toBe(101348.88);
    for (const s of ['00017', '1.50', '-0', '+1', '1e5', '1234567890123456', '0.0000001', '1.', '.5']) expect(plainNumber(s, true), s).toBeNaN();
    expect(plainNumber('1.234', false)).toBeNaN();
    expect(plainNumber('1.23', false)).toBe(1.23);
  });
});

describe('column types', () => {
  it('reads formatted numbers and remembers percent and currency', async () => {
    const f = await parseText('rate,fee,big,sci\n12%,"¥1,200",1 234,1e5\n7.5%,$3.5,2 000,-2.5E-1\n100%,€0,3,0\n');
    expect(num(f, 'rate')).toEqual([12, 7.5, 100]);
    expect(f.report.formats.rate).toEqual({ percent: true });
    expect(num(f, 'fee')).toEqual([1200, 3.5, 0]);
    expect(f.report.formats.fee?.currency).toBeDefined();
    expect(num(f, 'big')).toEqual([1234, 2000, 3]);
    expect(num(f, 'sci')).toEqual([100000, -0.25, 0]);
  });

  it('treats the usual missing tokens as missing, in number and category columns', async () => {
    const tokens = ['', 'NA', 'N/A', 'NULL', 'null', 'None', 'NaN', '-', '?', '#N/A', '   '];
    const f = await parseText(['x,c,k', '1,a,0', ...tokens.map((t) => `${t},${t},1`), '2,b,0'].join('\n'));
    expect(num(f, 'x')).toEqual([1, ...tokens.map(() => NaN), 2]);
    expect(cats(f, 'c')).toEqual(['a', ...tokens.map(() => ''), 'b']);
    expect((col(f, 'c') as { levels: string[] }).levels).toEqual(['a', 'b']);
    expect(f.report.warnings).toEqual([]);
  });

  it('turns inf into missing and counts it', async () => {
    const f = await column('v', ['1', 'inf', '-inf', '#DIV/0!', '2']);
    expect(num(f, 'v')).toEqual([1, NaN, NaN, NaN, 2]);
    expect(f.report.warnings).toContainEqual({ key: 'ingest.infiniteValues', params: { column: 'v', count: 3 } });
  });

  it('keeps a mostly-numeric column numeric, the odd tokens missing, with a warning', async () => {
    const cells = Array.from({ length: 40 }, (_, i) => String(i));
    cells[5] = 'unknown';
    const f = await column('amount', cells);
    const v = num(f, 'amount');
    expect(v[5]).toBeNaN();
    expect(v[6]).toBe(6);
    expect(f.report.warnings).toContainEqual({ key: 'ingest.mixedColumn', params: { column: 'amount', count: 1, examples: 'unknown' } });
  });

  it('makes a column with many text values a category, keeping numbers as their text', async () => {
    const f = await column('mixed', ['1', 'a', '2.5', 'b', 'c']);
    expect(col(f, 'mixed').semantic).toBe('category');
    expect(cats(f, 'mixed')).toEqual(['1', 'a', '2.5', 'b', 'c']);
  });

  it('keeps leading-zero codes and ids as exact text', async () => {
    const f = await parseText('zip,客户号,n\n01234,00017,1\n98765,00018,2\n01234,17,3\n');
    expect(cats(f, 'zip')).toEqual(['01234', '98765', '01234']);
    expect(col(f, 'zip').semantic).toBe('category');
    expect(cats(f, '客户号')).toEqual(['00017', '00018', '17']);
    expect(col(f, '客户号').semantic).toBe('id');
  });

  it('recognises ids by name or by uniqueness, but not unique decimals', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${1000 + i},${15634602 + i * 7},${(i * 1.37).toFixed(2)},${i % 3}`);
    const f = await parseText(['RowNumber,acct,salary,grp', ...rows].join('\n'));
    expect(col(f, 'RowNumber').semantic).toBe('id');
    expect(col(f, 'acct').semantic).toBe('id');
    expect(cats(f, 'acct')[1]).toBe('15634609');
    expect(col(f, 'salary').semantic).toBe('number');
    expect(col(f, 'grp').semantic).toBe('number');
  });

  it('reads dates in ISO, slashes, Chinese, dotted and compact forms as days since 1970', async () => {
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;
    const f = await parseText(
      'iso,ymd_slash,cn,dotted,us,eu,order_date,when\n' +
        '2024-03-05,2024/3/5,2024年3月5日,05.03.2024,3/5/2024,25/12/2023,20240305,2024-03-05 12:00:00\n' +
        '2023-12-25,2023/12/25,2023年12月25日,25.12.2023,12/25/2023,5/3/2024,20231225,2024-03-06T06:00\n',
    );
    for (const name of ['iso', 'ymd_slash', 'cn', 'dotted', 'order_date']) {
      expect(col(f, name).semantic, name).toBe('date');
      expect(num(f, name), name).toEqual([day(2024, 3, 5), day(2023, 12, 25)]);
    }
    expect(num(f, 'us')).toEqual([day(2024, 3, 5), day(2023, 12, 25)]);
    expect(f.report.formats.us).toEqual({ dateOrder: 'mdy' });
    expect(num(f, 'eu')).toEqual([day(2023, 12, 25), day(2024, 3, 5)]);
    expect(f.report.formats.eu).toEqual({ dateOrder: 'dmy' });
    expect(num(f, 'when')).toEqual([day(2024, 3, 5) + 0.5, day(2024, 3, 6) + 0.25]);
  });

  it('warns when n/n/yyyy dates never show which number is the day', async () => {
    const f = await column('d', ['1/2/2024', '3/4/2024']);
    expect(num(f, 'd')).toEqual([Date.UTC(2024, 0, 2) / 86400000, Date.UTC(2024, 2, 4) / 86400000]);
    expect(f.report.warnings).toContainEqual({ key: 'ingest.ambiguousDate', params: { column: 'd' } });
  });

  it('does not read 8-digit numbers as dates without a date-like name, nor impossible dates', async () => {
    const f = await parseText('amount,day\n20240305,2023-02-30\n20231225,2023-02-28\n');
    expect(col(f, 'amount').semantic).toBe('number');
    expect(col(f, 'day').semantic).toBe('category');
  });

  it('marks a column with no values as empty', async () => {
    const f = await parseText('a,b\n1,\n2,NA\n');
    expect(col(f, 'b').semantic).toBe('empty');
    expect(cats(f, 'b')).toEqual(['', '']);
  });
});
