// A category with 50,000 values (issue 6): read as text, flagged as high-cardinality and left out
// of the suggested features with that reason; forced into a model anyway, it is pooled into at most
// 255 bins and the forest still trains and scores.
import { describe, it, expect, afterAll } from 'vitest';
import { parseText } from '../ingest/helpers.ts';
import { profileTable, suggestFeatureColumns } from '../../../src/lib/profile/index.ts';
import { learnBinning } from '../../../src/lib/engine/binning.ts';
import { createInlinePool } from '../../../src/lib/engine/pool-inline.ts';
import { trainModel } from '../../../src/lib/engine/train.ts';
import { presetParams } from '../../../src/lib/engine/presets.ts';

const N = 60_000;
function csv(): string {
  const lines = ['street,tenure,churn'];
  for (let i = 0; i < N; i++) {
    const street = `street-${i % 50_000}`; // 50,000 distinct values, 10,000 of them twice
    const tenure = (i * 7919) % 72;
    const churn = tenure < 10 && i % 3 !== 0 ? 'yes' : i % 11 === 0 ? 'yes' : 'no';
    lines.push(`${street},${tenure},${churn}`);
  }
  return lines.join('\n');
}

describe('a category with 50,000 values', () => {
  const pool = createInlinePool();
  afterAll(() => pool.dispose());

  it('is flagged, left out by default, and pooled into ≤ 255 bins if used', async () => {
    const { table } = await parseText(csv());
    const street = table.columns.find((c) => c.name === 'street')!;
    expect(street.kind).toBe('categorical');
    if (street.kind === 'categorical') expect(street.levels.length).toBe(50_000);
    const target = { column: 'churn', positive: 'yes' };
    const profile = profileTable(table, target);
    expect(profile.columns.find((c) => c.name === 'street')!.flags.highCardinality).toBe(true);
    const { features, excluded } = suggestFeatureColumns(table, target, profile);
    expect(features).toEqual(['tenure']);
    expect(excluded.find((e) => e.column === 'street')?.reason).toBe('highCardinality');

    const [spec] = learnBinning(table, ['street']);
    if (spec.kind !== 'categorical') throw new Error('expected a categorical spec');
    expect(spec.valueBins).toBeLessThanOrEqual(255);
    expect(Math.max(...spec.binOf)).toBeLessThan(255);

    const tm = await trainModel(pool, table, {
      target: 'churn',
      positive: 'yes',
      idColumn: null,
      featureColumns: ['street', 'tenure'],
      params: { ...presetParams('recommended'), trees: 5 },
      dataSha256: '0'.repeat(64),
    });
    expect(tm.model.metrics.test!.auc).toBeGreaterThan(0.6);
    expect(tm.rowProb.every((p) => p >= 0 && p <= 1)).toBe(true);
  });
});
