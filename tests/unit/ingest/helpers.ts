import { expect } from 'vitest';
import { isUserError } from '../../../src/lib/errors.ts';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import type { ParseOptions, ParsedFile } from '../../../src/lib/ingest/types.ts';
import type { CategoricalColumn, Column, NumericColumn } from '../../../src/lib/table/types.ts';

export const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

export function parseText(text: string, opts?: ParseOptions): Promise<ParsedFile> {
  return parseCsvBytes(utf8(text), opts);
}

export async function expectUserError(p: Promise<unknown>, key: string): Promise<Record<string, string | number>> {
  try {
    await p;
  } catch (e) {
    if (!isUserError(e)) throw e;
    expect(e.key).toBe(key);
    return e.params;
  }
  throw new Error(`expected UserError ${key}, got a result`);
}

export function col(f: ParsedFile, name: string): Column {
  const c = f.table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}; have ${f.table.columns.map((x) => x.name).join(',')}`);
  return c;
}

export function num(f: ParsedFile, name: string): number[] {
  const c = col(f, name);
  expect(c.kind).toBe('numeric');
  return Array.from((c as NumericColumn).values);
}

/** Cell texts of a categorical column, '' for missing. */
export function cats(f: ParsedFile, name: string): string[] {
  const c = col(f, name);
  expect(c.kind).toBe('categorical');
  const cc = c as CategoricalColumn;
  return Array.from(cc.codes, (k) => (k < 0 ? '' : cc.levels[k]));
}

/** UTF-16 bytes of a string (code units), little or big endian, optional BOM. */
export function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = (bom ? '\ufeff' : '') + s;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
}

/** Splits bytes into an async stream of pieces of `size` bytes (exercises chunk boundaries). */
export async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}
