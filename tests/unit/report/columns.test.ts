import { describe, expect, it } from 'vitest';
import { excludedColumnsFor, forcedFeaturesFor } from '../../../src/lib/report/columns.ts';

describe('excludedColumnsFor', () => {
  it('lists every column that is neither target, id nor feature, with the profile reason or "user"', () => {
    const all = ['id', 'tenure', 'notes', 'contract', 'churn', 'const', 'region'];
    const suggested = new Map([['notes', 'text'], ['const', 'constant'], ['id', 'id'], ['contract', 'leakage']]);
    // contract was suggested out but ticked back in, so it is a feature and not listed
    expect(excludedColumnsFor(all, 'churn', 'id', ['tenure', 'contract'], suggested)).toEqual([
      { name: 'notes', reason: 'text' },
      { name: 'const', reason: 'constant' },
      { name: 'region', reason: 'user' },
    ]);
    expect(excludedColumnsFor(all, 'churn', null, all.filter((c) => c !== 'churn'), suggested)).toEqual([]);
  });
});

describe('forcedFeaturesFor', () => {
  it('names kept features the CLI would drop by itself (ids, constants, empty, free text), not kept leaks', () => {
    const suggested = new Map([['cust_no', 'id'], ['contract', 'leakage'], ['memo', 'text'], ['zip', 'highCardinality']]);
    expect(forcedFeaturesFor(['tenure', 'cust_no', 'contract', 'memo', 'zip'], suggested)).toEqual(['cust_no', 'memo']);
  });
});
