// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, zh } from '../../../src/lib/i18n/messages/results.ts';

function files(dir: URL): URL[] {
  const out: URL[] = [];
  for (const f of readdirSync(dir)) {
    const u = new URL(f, dir);
    if (statSync(u).isDirectory()) out.push(...files(new URL(f + '/', dir)));
    else if (/\.(ts|svelte)$/.test(f)) out.push(u);
  }
  return out;
}

describe('results messages', () => {
  it('has every key the results screens and the tier defaults use, in English and Chinese', () => {
    const used = new Set<string>();
    const sources = [
      ...['results', 'customers', 'act', 'charts'].flatMap((d) => files(new URL(`../../../src/ui/${d}/`, import.meta.url))),
      new URL('../../../src/lib/evaluate/tiers.ts', import.meta.url),
    ];
    for (const f of sources) {
      for (const m of readFileSync(f, 'utf8').matchAll(/'(results\.[a-zA-Z0-9.]*[a-zA-Z0-9])'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    for (const k of used) {
      expect(en[k], k).toBeTruthy();
      expect(zh[k], k).toBeTruthy();
    }
  });

  it('has the same keys and {placeholders} in both languages', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(ph(zh[k]), k).toEqual(ph(en[k]));
  });
});
