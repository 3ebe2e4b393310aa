import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from '../../src/lib/engine/split.ts';
import { mulberry32 } from '../../src/lib/util/random.ts';
import { makeLabels } from '../../src/lib/engine/labels.ts';
import type { Table } from '../../src/lib/table/types.ts';
import { isUserError } from '../../src/lib/errors.ts';

function catTable(name: string, cells: (string | null)[]): Table {
  const levels: string[] = [];
  const codes = Int32Array.from(cells, (c) => {
    if (c === null) return -1;
    let i = levels.indexOf(c);
    if (i < 0) i = levels.push(c) - 1;
    return i;
  });
  return { rowCount: cells.length, columns: [{ kind: 'categorical', name, codes, levels, semantic: 'category' }] };
}
function numTable(name: string, values: number[]): Table {
  return { rowCount: values.length, columns: [{ kind: 'numeric', name, values: Float64Array.from(values), semantic: 'number' }] };
}
function errorKey(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e.key;
    throw e;
  }
  return 'no error';
}

describe('makeLabels', () => {
  it('labels the churn value 1, others 0, missing 255', () => {
    const r = makeLabels(catTable('churn', ['yes', 'no', null, 'no', 'yes']), 'churn', 'yes');
    expect(Array.from(r.labels)).toEqual([1, 0, 255, 0, 1]);
    expect([r.positives, r.negatives, r.missing]).toEqual([2, 2, 1]);
  });

  it('matches numbers sensibly: numeric 1 = "1" = "1.0"', () => {
    expect(Array.from(makeLabels(numTable('y', [1, 0, NaN, 1]), 'y', '1').labels)).toEqual([1, 0, 255, 1]);
    expect(Array.from(makeLabels(numTable('y', [1, 0]), 'y', '1.0').labels)).toEqual([1, 0]);
    expect(Array.from(makeLabels(catTable('y', ['1.0', '0.0']), 'y', '1').labels)).toEqual([1, 0]);
  });

  it('matches the churn value ignoring case and outer spaces: every spelling is the same answer', () => {
    expect(Array.from(makeLabels(catTable('y', ['True', 'False']), 'y', 'true').labels)).toEqual([1, 0]);
    expect(Array.from(makeLabels(catTable('y', ['yes', 'Yes', 'no', ' YES']), 'y', 'Yes').labels)).toEqual([1, 1, 0, 1]);
    expect(Array.from(makeLabels(catTable('y', ['1', '1.0', '0']), 'y', '1').labels)).toEqual([1, 1, 0]);
  });

  it('rejects a missing target, an absent churn value and a single class', () => {
    expect(errorKey(() => makeLabels(numTable('y', [1, 0]), 'churn', '1'))).toBe('model.targetMissing');
    expect(errorKey(() => makeLabels(catTable('y', ['a', 'b']), 'y', 'yes'))).toBe('model.positiveAbsent');
    expect(errorKey(() => makeLabels(numTable('y', [0, 0]), 'y', 'x'))).toBe('model.positiveAbsent');
    expect(errorKey(() => makeLabels(catTable('y', ['yes', 'yes', null]), 'y', 'yes'))).toBe('model.singleClass');
    expect(errorKey(() => makeLabels(catTable('y', [null, null]), 'y', 'yes'))).toBe('model.noLabels');
  });
});

function labelsOf(pos: number, neg: number, missing = 0): Uint8Array {
  const l = new Uint8Array(pos + neg + missing);
  // Interleave so class membership is not contiguous.
  let p = pos, n = neg, m = missing;
  for (let i = 0; i < l.length; i++) {
    if (m > 0 && i % 5 === 4) {
      l[i] = 255;
      m--;
    } else if (p > 0 && (i % 3 === 0 || n === 0)) {
      l[i] = 1;
      p--;
    } else if (n > 0) {
      l[i] = 0;
      n--;
    } else {
      l[i] = m-- > 0 ? 255 : 1;
    }
  }
  return l;
}

describe('stratifiedSplit', () => {
  it('keeps class proportions and excludes missing labels', () => {
    const labels = labelsOf(143, 857, 50);
    const { train, test } = stratifiedSplit(labels, 0.1, 42);
    const count = (rows: Uint32Array, c: number) => rows.reduce((s, r) => s + (labels[r] === c ? 1 : 0), 0);
    expect(count(test, 1)).toBe(14); // round(14.3)
    expect(count(test, 0)).toBe(86); // round(85.7)
    expect(count(train, 1)).toBe(129);
    expect(count(train, 0)).toBe(771);
    expect(count(train, 255) + count(test, 255)).toBe(0);
    expect(train.length + test.length).toBe(1000);
    // disjoint and sorted
    const all = new Set([...train, ...test]);
    expect(all.size).toBe(1000);
    for (const rows of [train, test]) for (let i = 1; i < rows.length; i++) expect(rows[i]).toBeGreaterThan(rows[i - 1]);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const labels = labelsOf(100, 400);
    const a = stratifiedSplit(labels, 0.2, 7);
    const b = stratifiedSplit(labels, 0.2, 7);
    const c = stratifiedSplit(labels, 0.2, 8);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('puts every labelled row in training when the test fraction is 0', () => {
    const labels = labelsOf(3, 5, 2);
    const { train, test } = stratifiedSplit(labels, 0, 1);
    expect(test.length).toBe(0);
    expect(train.length).toBe(8);
  });

  it('explains when a class is too small to split', () => {
    expect(errorKey(() => stratifiedSplit(labelsOf(2, 100), 0.1, 1))).toBe('model.tooFewChurners');
    expect(errorKey(() => stratifiedSplit(labelsOf(100, 2), 0.1, 1))).toBe('model.tooFewStayers');
    expect(errorKey(() => stratifiedSplit(labelsOf(10, 10), 0.95, 1))).toBe('model.badTestFraction');
    // 3 churners: 1 to test, 2 stay for training → allowed
    expect(stratifiedSplit(labelsOf(3, 100), 0.1, 1).test.length).toBe(1 + 10);
  });
});

describe('mulberry32', () => {
  it('is reproducible and uniform enough', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
