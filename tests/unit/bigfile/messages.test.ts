import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en, zh } from '../../../src/lib/i18n/messages/bigfile.ts';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
const PLACES = ['lib/bigfile', 'ui/load', 'ui/model', 'ui/exportbar', 'ui/state'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('big-file messages', () => {
  it('has every key the big-file code uses, in English and Chinese', () => {
    const used = new Set<string>();
    for (const dir of PLACES) for (const f of files(join(SRC, dir))) for (const m of readFileSync(f, 'utf8').matchAll(/'(bigfile\.[a-zA-Z.]*[a-zA-Z])'/g)) used.add(m[1]);
    // Keys built from a value: the budget's source.
    for (const s of ['heap', 'device', 'default', 'override']) used.add(`bigfile.budget.${s}`);
    expect(used.size).toBeGreaterThan(25);
    for (const k of used) {
      expect(en[k], k).toBeTruthy();
      expect(zh[k], k).toBeTruthy();
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same {placeholders} in both languages, and Chinese text is Chinese', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) {
      expect(ph(zh[k]), k).toEqual(ph(en[k]));
      if (!k.startsWith('bigfile.unit.') && k !== 'bigfile.banner.class' && k !== 'bigfile.summary.tiers') expect(/[\u4e00-\u9fff]/.test(zh[k]), k).toBe(true);
    }
  });
});
