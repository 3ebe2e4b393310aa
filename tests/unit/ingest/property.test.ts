import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/lib/errors.ts';
import { parseCsvBytes } from '../../../src/lib/ingest/index.ts';
import { utf8 } from './helpers.ts';

async function outcome(bytes: Uint8Array): Promise<'table' | 'user-error'> {
  try {
    const f = await parseCsvBytes(bytes);
    // A result is a consistent table: every column as long as the row count.
    for (const c of f.table.columns) expect(c.kind === 'numeric' ? c.values.length : c.codes.length).toBe(f.table.rowCount);
    expect(f.table.rowCount).toBeGreaterThan(0);
    return 'table';
  } catch (e) {
    if (isUserError(e)) return 'user-error';
    throw e;
  }
}

const cell = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('"', '""', ',', ';', '\t', '\n', '\r\n', 'NA', '1,5', '12%', '¥1,200', '00017', '2024-03-05', '3/5/2024', '-', 'inf', ' '),
  fc.double({ noNaN: false }).map(String),
  fc.integer().map(String),
);

describe('parseCsvBytes on random input', () => {
  it('returns a table or throws a UserError for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), fc.constantFrom(',', ';', '\t', '|'), async (rows, d) => {
        await outcome(utf8(rows.map((r) => r.join(d)).join('\n')));
      }),
      { numRuns: 400 },
    );
  });

  it('returns a table or throws a UserError for any string and any bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (s) => { await outcome(utf8(s)); }), { numRuns: 300 });
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (b) => { await outcome(b); }), { numRuns: 300 });
  });
});
