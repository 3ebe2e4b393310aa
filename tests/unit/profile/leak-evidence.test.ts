// Leakage needs evidence: a column that separates 2 churners from 8 stayers by chance is no leak,
// while the same perfect separation over 40 churners and 160 stayers is.
import { describe, it, expect } from 'vitest';
import { profileTable } from '../../../src/lib/profile/index.ts';
import type { Table } from '../../../src/lib/table/types.ts';

function table(n: number, churners: number): Table {
  const churn = new Int32Array(n);
  const tenure = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    churn[i] = i < churners ? 0 : 1; // level 0 = yes
    tenure[i] = i < churners ? 1 + (i % 3) : 10 + i; // churners all have short tenure
  }
  return {
    rowCount: n,
    columns: [
      { kind: 'numeric', name: 'tenure', values: tenure, semantic: 'number' },
      { kind: 'categorical', name: 'churn', codes: churn, levels: ['yes', 'no'], semantic: 'category' },
    ],
  };
}

describe('leakage flag', () => {
  it('is not raised on 10 rows, however well a column separates them', () => {
    const p = profileTable(table(10, 2), { column: 'churn', positive: 'yes' });
    expect(p.columns[0].auc).toBe(1);
    expect(p.columns[0].flags.leakage).toBe(false);
  });

  it('is raised for the same perfect separation with enough churners and stayers', () => {
    const p = profileTable(table(200, 40), { column: 'churn', positive: 'yes' });
    expect(p.columns[0].flags.leakage).toBe(true);
  });
});
