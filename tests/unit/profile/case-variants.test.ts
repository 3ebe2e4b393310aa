// Text values spelled more than one way ("North", "north", "NORTH ") are pointed out on the profile.
import { describe, expect, it } from 'vitest';
import { caseVariants, profileTable } from '../../../src/lib/profile/profile.ts';
import { parseText } from '../ingest/helpers.ts';

describe('case variants', () => {
  it('groups the spellings of one value, quoted, at most three groups', () => {
    expect(caseVariants(['North', 'South', 'north', 'East', 'NORTH', 'south'])).toEqual(['"North" / "north" / "NORTH"', '"South" / "south"']);
    expect(caseVariants(['a', 'b', 'c'])).toEqual([]);
    expect(caseVariants(['a', 'A', 'b', 'B', 'c', 'C', 'd', 'D'])).toHaveLength(3);
  });

  it('is on the profile of a feature, not of the target, ids or numbers', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${['North', 'north', 'South'][i % 3]},${i % 7},${['Yes', 'yes', 'No', 'no'][i % 4]}`);
    const f = await parseText(`id,region,calls,churn\n${rows.join('\n')}\n`);
    const p = profileTable(f.table, { column: 'churn', positive: 'Yes' });
    const by = new Map(p.columns.map((c) => [c.name, c]));
    expect(by.get('region')!.caseVariants).toEqual(['"North" / "north"']);
    expect(by.get('churn')!.caseVariants).toBeUndefined();
    expect(by.get('calls')!.caseVariants).toBeUndefined();
    expect(by.get('id')!.caseVariants).toBeUndefined();
    // the target's spellings are one answer: 30 churners, not 15
    expect(p.target!.positives).toBe(30);
  });
});
