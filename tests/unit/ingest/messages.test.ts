import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, zh } from '../../../src/lib/i18n/messages/ingest.ts';

describe('ingest messages', () => {
  it('has every key thrown or warned by src/lib/ingest in English and Chinese', () => {
    const dir = new URL('../../../src/lib/ingest/', import.meta.url);
    const used = new Set<string>();
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/'(ingest\.[a-zA-Z]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(15);
    for (const k of used) {
      expect(en[k], k).toBeTruthy();
      expect(zh[k], k).toBeTruthy();
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same {placeholders} in both languages', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(ph(zh[k]), k).toEqual(ph(en[k]));
  });
});
