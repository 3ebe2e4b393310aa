// Repeated header names get _2, _3 … suffixes; a header made of few names repeated very often (a 1 MB
// line of "a,b,c,…" without line breaks) must end in ingest.singleLine, not in minutes of renaming.
import { describe, it, expect } from 'vitest';
import { cleanHeaders } from '../../../src/lib/ingest/names.ts';
import { parseText, expectUserError } from './helpers.ts';

describe('repeated header names', () => {
  it('skip suffixes that are real column names and keep counting per name', () => {
    const r = cleanHeaders(['a', 'a', 'a_2', 'a', 'b', 'b']);
    expect(r.names).toEqual(['a', 'a_3', 'a_2', 'a_4', 'b', 'b_2']);
    expect(r.duplicates).toEqual(['a', 'b']);
  });

  it('500,000 repeats of three names are renamed uniquely', () => {
    const raw = 'a,b,c,'.repeat(175_000).split(',');
    const r = cleanHeaders(raw);
    expect(new Set(r.names).size).toBe(raw.length);
    expect(r.names.slice(0, 7)).toEqual(['a', 'b', 'c', 'a_2', 'b_2', 'c_2', 'a_3']);
    expect(r.names[raw.length - 2]).toBe('c_175000');
  });

  it('a 1 MB line of repeated names is reported as a single line', async () => {
    await expectUserError(parseText('a,b,c,'.repeat(175_000)), 'ingest.singleLine');
  });
});
