// @vitest-environment node
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { listRows, searchMask, rowId, idColumnOf } from '../../../src/ui/customers/customer-rows.ts';
import { callListCsv, CALL_LIST_HEADER } from '../../../src/ui/act/call-list.ts';
import { fixtureModel, fixtureTable, fixtureTrained } from './fixture.ts';
import { setExplainPool } from '../../../src/ui/customers/contributions.ts';
import { createInlinePool } from '../../../src/lib/engine/pool-inline.ts';

const table = fixtureTable();
const trained = fixtureTrained();
const idCol = idColumnOf(table, 'id');
const tiers = Uint8Array.from([2, 2, 2, 2, 1, 1, 0, 0, 1, 1]);

describe('customer list', () => {
  it('sorts by probability, highest first, and by id', () => {
    const byProb = listRows({ tiers, tier: -1, search: null, sort: 'prob', descending: true, prob: trained.rowProb, loss: null, idCol });
    expect(Array.from(byProb)).toEqual([0, 1, 2, 3, 8, 4, 9, 5, 6, 7]);
    const byId = listRows({ tiers, tier: -1, search: null, sort: 'id', descending: true, prob: trained.rowProb, loss: null, idCol });
    expect(Array.from(byId).map((r) => rowId(idCol, r))).toEqual(['C10', 'C09', 'C08', 'C07', 'C06', 'C05', 'C04', 'C03', 'C02', 'C01']);
  });

  it('filters by tier and searches ids case-insensitively', () => {
    const atRisk = listRows({ tiers, tier: 1, search: null, sort: 'prob', descending: true, prob: trained.rowProb, loss: null, idCol });
    expect(Array.from(atRisk)).toEqual([8, 4, 9, 5]);
    const mask = searchMask(idCol, table.rowCount, 'c1');
    const found = listRows({ tiers, tier: -1, search: mask, sort: 'prob', descending: true, prob: trained.rowProb, loss: null, idCol });
    expect(Array.from(found).map((r) => rowId(idCol, r))).toEqual(['C10']);
  });

  it('sorts by expected loss with missing values last', () => {
    const loss = Float64Array.from([1, 5, NaN, 3, 0, 0, 0, 0, 0, 2]);
    const rows = listRows({ tiers, tier: 2, search: null, sort: 'loss', descending: true, prob: trained.rowProb, loss, idCol });
    expect(Array.from(rows)).toEqual([1, 3, 0, 2]);
  });

  it('uses row numbers when there is no id column', () => {
    expect(rowId(null, 0)).toBe('1');
    expect(Array.from(searchMask(null, 12, '1')!)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });
});

describe('call list file', () => {
  // the reasons are TreeSHAP values from the engine workers; an in-process pool stands in here
  beforeAll(() => setExplainPool(createInlinePool(readFileSync('src/lib/engine/wasm/engine.wasm'))));
  afterAll(() => setExplainPool(null));
  it('writes a BOM, the header and one row per customer in call order with reasons', async () => {
    const values = Float64Array.from([100, 80, 60, 50, 40, 30, 20, 10, 90, 70]);
    const csv = await callListCsv({
      model: fixtureModel(), table, locale: 'en', rows: Uint32Array.from([1, 0]), id: (r) => rowId(idCol, r), idIsNumeric: false,
      probs: trained.rowProb, values, gain: Float64Array.from([5, 6, 0, 0, 0, 0, 0, 0, 0, 0]),
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(CALL_LIST_HEADER.join(','));
    expect(lines[1]).toBe('1,C02,0.8,80,64,6,tenure = 3 raises risk by 14.5 points,contract = Monthly raises risk by 14 points,');
    expect(lines[2].startsWith('2,C01,0.9,100,90,5,')).toBe(true);
  });
});
