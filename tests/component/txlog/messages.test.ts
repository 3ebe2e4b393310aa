// Every message key the txlog screens use exists in English and Chinese, with the same placeholders.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, zh } from '../../../src/lib/i18n/messages/txlog.ts';
import { catalogues } from '../../../src/lib/i18n/index.ts';
import { ROLE_KEYS } from '../../../src/ui/txlog/roles.ts';

describe('txlog messages', () => {
  it('has every key used by src/ui/txlog, in both languages', () => {
    // jsdom's import.meta.url is not a file URL: Vitest runs from the repository root
    const dir = join(process.cwd(), 'src/ui/txlog') + '/';
    const used = new Set<string>();
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(dir + f, 'utf8').matchAll(/'((?:txlog|features)\.[a-zA-Z_.]+[a-zA-Z_])'/g)) used.add(m[1]);
    }
    // keys built from a prefix
    for (const r of ROLE_KEYS) used.add('txlog.role.' + r).add('txlog.tag.' + r);
    for (const k of ['declining', 'below_threshold', 'inactive']) used.add('txlog.kind.' + k);
    expect(used.size).toBeGreaterThan(50);
    for (const k of used) {
      expect(catalogues.en[k], k).toBeTruthy();
      expect(catalogues.zh[k], k).toBeTruthy();
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same {placeholders} in both languages', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(ph(zh[k]), k).toEqual(ph(en[k]));
  });
});
