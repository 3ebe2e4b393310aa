import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runFeatures, type FeaturesIo } from '../../../src/cli/commands/features.ts';
import { isUserError } from '../../../src/lib/errors.ts';
import { tableFromCsv } from './table-helpers.ts';

const handLog = readFileSync(new URL('../../fixtures/features/hand-log.csv', import.meta.url), 'utf8');

function memoryIo(files: Record<string, string>) {
  const written = new Map<string, string>();
  let out = '';
  const io: FeaturesIo = {
    stdout: (s) => { out += s; },
    readTable: async (path) => {
      if (!(path in files)) throw new Error(`no file ${path}`);
      return tableFromCsv(files[path], ['amount', 'balance']);
    },
    writeFile: async (path, text) => { written.set(path, text); },
    toCsv: (header, rows) => [header, ...rows].map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n',
  };
  return { io, written, stdout: () => out };
}

async function errorKey(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isUserError(e)) return `${e.key} ${JSON.stringify(e.params)}`;
    throw e;
  }
  return 'no error';
}

const base = ['log.csv', '--customer', 'customer', '--date', 'date', '--amount', 'amount', '--kind', 'kind', '--balance', 'balance'];

describe('churnlens features (command module, in-memory files)', () => {
  it('writes one row per customer with exact ids, features, rules and labels', async () => {
    const m = memoryIo({ 'log.csv': handLog });
    const code = await runFeatures([...base, '--out', 'f.csv'], m.io);
    expect(code).toBe(0);
    const lines = m.written.get('f.csv')!.trim().split('\n');
    const header = lines[0].split(',');
    expect(header[0]).toBe('customer');
    expect(header.slice(-3)).toEqual(['rule_declining', 'rule_below_threshold', 'churned']);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(['00017', 'E5', 'D4']);
    const at = (id: string, name: string) => rows.find((r) => r[0] === id)![header.indexOf(name)];
    expect(at('00017', 'churned')).toBe('1');
    expect(at('E5', 'churned')).toBe('0');
    expect(at('00017', 'purchase_trend')).toBe('-14');
    expect(at('00017', 'purchase_ratio_3m')).toBe(String(Number((180 / 310).toPrecision(12))));
    expect(at('D4', 'recharge_recency')).toBe(''); // missing → empty cell
    expect(at('00017', 'end_balance')).toBe('500');
    expect(m.stdout()).toContain('Cutoff 2024-07');
    expect(m.stdout()).toContain('3 customers, 3 labelled, 1 churned');
    expect(m.stdout()).toContain('1 customers had no transaction in the whole window');
    expect(m.stdout()).toContain('the log ends on 2024-08-09, before the end of 2024-08');
  });

  it('an unlabelled cutoff gives empty churned cells; options are parsed', async () => {
    const m = memoryIo({ 'log.csv': handLog });
    await runFeatures([...base, '--cutoff', '2024-08', '--window=3', '--below', '25', '--below-months', '1', '--decline-months', '1', '--out', 'f.csv'], m.io);
    const lines = m.written.get('f.csv')!.trim().split('\n');
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(['00017', 'E5', 'D4', 'B2']); // window Jun..Aug
    expect(rows.every((r) => r[header.indexOf('churned')] === '')).toBe(true);
    // E5: Aug 10 < Jul 50 → declining 1; 10 ≤ 25 → below 1
    const e5 = rows.find((r) => r[0] === 'E5')!;
    expect(e5[header.indexOf('rule_declining')]).toBe('1');
    expect(e5[header.indexOf('rule_below_threshold')]).toBe('1');
  });

  it('reports unknown columns, missing options and bad values as user errors', async () => {
    const m = memoryIo({ 'log.csv': handLog });
    expect(await errorKey(runFeatures(['log.csv', '--customer', 'cust', '--date', 'date', '--amount', 'amount', '--out', 'f.csv'], m.io))).toBe('features.unknownColumn {"column":"cust"}');
    expect(await errorKey(runFeatures(['log.csv', '--customer', 'customer', '--date', 'date', '--amount', 'amount'], m.io))).toMatch(/^features.missingOption .*--out/);
    expect(await errorKey(runFeatures([...base, '--cutoff', 'June', '--out', 'f.csv'], m.io))).toMatch(/^features.badMonth/);
    expect(await errorKey(runFeatures([...base, '--window', 'six', '--out', 'f.csv'], m.io))).toMatch(/^features.badNumber/);
    expect(await errorKey(runFeatures([...base, '--windows', '6', '--out', 'f.csv'], m.io))).toMatch(/^features.unknownOption/);
    expect(await errorKey(runFeatures([...base, '--day-first', '--month-first', '--out', 'f.csv'], m.io))).toMatch(/^features.conflictingDateOrder/);
    expect(m.written.size).toBe(0);
  });

  it('asks about ambiguous dates and obeys --day-first / --month-first', async () => {
    const log = ['d,c,amount', '5/1/2024,x,10', '6/2/2024,x,10', '7/3/2024,y,10', '8/4/2024,y,5'].join('\n');
    const args = ['log.csv', '--customer', 'c', '--date', 'd', '--amount', 'amount', '--window', '1', '--out', 'f.csv'];
    const m = memoryIo({ 'log.csv': log });
    expect(await errorKey(runFeatures(args, m.io))).toMatch(/^features.ambiguousDates/);
    await runFeatures([...args, '--day-first'], m.io);
    // day-first: Jan, Feb, Mar, Apr → default cutoff March: only y is active (window 1)
    expect(m.written.get('f.csv')!.split('\n')[1].split(',')[0]).toBe('y');
    await runFeatures([...args, '--month-first'], m.io);
    // month-first: May 1, Jun 2, Jul 3, Aug 4 → cutoff July: y
    expect(m.stdout()).toContain('Cutoff 2024-07');
  });

  it('prints usage for --help, in Chinese when asked', async () => {
    const m = memoryIo({});
    expect(await runFeatures(['--help'], { ...m.io, locale: 'zh' })).toBe(0);
    expect(m.stdout()).toContain('用法');
  });
});
