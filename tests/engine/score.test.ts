import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createInlinePool } from '../../src/lib/engine/pool-inline.ts';
import { trainModel } from '../../src/lib/engine/train.ts';
import { scoreTable } from '../../src/lib/engine/score.ts';
import { modelToJson, parseModelFile } from '../../src/lib/engine/model-file.ts';
import { PRESETS } from '../../src/lib/engine/presets.ts';
import { catalogues } from '../../src/lib/i18n/index.ts';
import { isUserError } from '../../src/lib/errors.ts';
import type { Table } from '../../src/lib/table/types.ts';
import { churnTable, CHURN_FEATURES, tableFromCsv } from './train-fixture.ts';

const pool = createInlinePool();
afterAll(() => pool.dispose());

describe('scoreTable on new data', async () => {
  const table = churnTable();
  const tm = await trainModel(pool, table, {
    target: 'churn',
    positive: 'yes',
    idColumn: null,
    featureColumns: CHURN_FEATURES,
    params: { ...PRESETS.recommended, trees: 20 },
    dataSha256: '0'.repeat(64),
  });
  const model = parseModelFile(modelToJson(tm.model));
  const csv = readFileSync(new URL('../fixtures/mlc_churn.csv', import.meta.url), 'utf8').split('\n');

  it('scores a file with reordered columns and no target column the same way', async () => {
    const header = csv[0].split(',');
    const order = header.map((_, j) => header.length - 2 - j).filter((j) => j >= 0); // reversed, churn dropped
    const rows = csv.slice(1, 101).map((l) => l.split(','));
    const text = [order.map((j) => header[j]).join(','), ...rows.map((r) => order.map((j) => r[j]).join(','))].join('\n');
    const { prob, warnings } = await scoreTable(pool, model, tableFromCsv(text));
    const whole = await scoreTable(pool, model, table);
    expect(warnings).toEqual([]);
    expect(Array.from(prob)).toEqual(Array.from(whole.prob.subarray(0, 100)));
  });

  it('warns about unseen categories (scored as missing) and changed column types', async () => {
    const rows = csv.slice(1, 11).map((l) => l.split(','));
    rows[0][0] = 'ZZ'; // a state never seen in training
    rows[1][0] = 'YY';
    rows[2][2] = '415'; // not the level 'area_code_415' the model knows
    const text = [csv[0], ...rows.map((r) => r.join(','))].join('\n');
    const t = tableFromCsv(text);
    const { prob, warnings } = await scoreTable(pool, model, t);
    expect(prob.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(warnings).toContainEqual({ key: 'model.warn.unseenCategories', params: { column: 'state', count: 2 } });
    // '415' is a category the model never saw ('area_code_415' is): counted too
    expect(warnings).toContainEqual({ key: 'model.warn.unseenCategories', params: { column: 'area_code', count: 1 } });
  });

  it('warns when a numeric column arrives as text numbers, and scores it unchanged', async () => {
    const t = churnTable();
    const i = t.columns.findIndex((c) => c.name === 'account_length');
    const col = t.columns[i];
    if (col.kind !== 'numeric') throw new Error('kind');
    const levels: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(col.values, (v) => {
      const s = String(v);
      if (!index.has(s)) index.set(s, levels.push(s) - 1);
      return index.get(s)!;
    });
    const asText: Table = { ...t, columns: t.columns.map((c, j) => (j === i ? { kind: 'categorical', name: c.name, codes, levels, semantic: 'category' } : c)) };
    const a = await scoreTable(pool, model, asText);
    const b = await scoreTable(pool, model, t);
    expect(a.warnings).toEqual([{ key: 'model.warn.retyped', params: { column: 'account_length' } }]);
    expect(Array.from(a.prob)).toEqual(Array.from(b.prob));
  });

  it('names every missing column', async () => {
    const t = churnTable();
    const smaller: Table = { ...t, columns: t.columns.filter((c) => c.name !== 'state' && c.name !== 'total_day_minutes') };
    const e = await scoreTable(pool, model, smaller).catch((x) => x);
    expect(isUserError(e) && [e.key, e.params.columns]).toEqual(['model.missingColumns', 'state, total_day_minutes']);
  });
});

describe('messages', () => {
  it('every model.* key used by the engine host exists in English and Chinese', () => {
    const files = ['binning', 'labels', 'split', 'train', 'score', 'model-file', 'rules'];
    const keys = new Set<string>();
    for (const f of files) {
      const src = readFileSync(new URL(`../../src/lib/engine/${f}.ts`, import.meta.url), 'utf8');
      for (const m of src.matchAll(/'(model\.[A-Za-z.]+)'/g)) keys.add(m[1]);
    }
    expect(keys.size).toBeGreaterThan(20);
    for (const k of keys) {
      expect(catalogues.en[k], k).toBeTruthy();
      expect(catalogues.zh[k], k).toBeTruthy();
    }
  });
});
