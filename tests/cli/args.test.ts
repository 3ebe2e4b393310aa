// The CLI's option parsing and column-role rules, in process (fast, exact).
import { describe, it, expect } from 'vitest';
import { intFlag, listFlag, numberFlag, parseArgs, stringFlag, boolFlag } from '../../src/cli/args.ts';
import { parseBalance, parseMtry, trainParamsFromArgs } from '../../src/cli/train-settings.ts';
import { chooseColumns, detectPositive } from '../../src/cli/columns.ts';
import { isUserError } from '../../src/lib/errors.ts';
import type { Table } from '../../src/lib/table/types.ts';

const specs = [
  { name: 'trees', kind: 'string' as const },
  { name: 'drop', kind: 'string' as const },
  { name: 'threshold', kind: 'string' as const },
  { name: 'help', kind: 'bool' as const },
];

function keyOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e.key;
    throw e;
  }
  return 'no error';
}

describe('parseArgs', () => {
  it('reads positionals, --flag value, --flag=value and switches', () => {
    const a = parseArgs('train', ['data.csv', '--trees', '20', '--drop=a, b,,c', '--help', 'more'], specs);
    expect(a.positionals).toEqual(['data.csv', 'more']);
    expect(intFlag(a, 'trees', 1, 100)).toBe(20);
    expect(listFlag(a, 'drop')).toEqual(['a', 'b', 'c']);
    expect(boolFlag(a, 'help')).toBe(true);
    expect(stringFlag(a, 'threshold')).toBeUndefined();
  });

  it('rejects unknown flags, missing values and values on switches', () => {
    expect(keyOf(() => parseArgs('train', ['--tree', '3'], specs))).toBe('cli.usage.unknownFlag');
    expect(keyOf(() => parseArgs('train', ['-x'], specs))).toBe('cli.usage.unknownFlag');
    expect(keyOf(() => parseArgs('train', ['--trees'], specs))).toBe('cli.usage.missingValue');
    expect(keyOf(() => parseArgs('train', ['--trees', '--help'], specs))).toBe('cli.usage.missingValue');
    expect(keyOf(() => parseArgs('train', ['--help=yes'], specs))).toBe('cli.usage.flagTakesNoValue');
  });

  it('checks numbers exactly', () => {
    const a = (v: string) => parseArgs('train', ['--trees', v, '--threshold', v], specs);
    expect(keyOf(() => intFlag(a('2.5'), 'trees', 1, 100))).toBe('cli.usage.badInteger');
    expect(keyOf(() => intFlag(a('1e3'), 'trees', 1, 100))).toBe('cli.usage.badInteger');
    expect(keyOf(() => intFlag(a('101'), 'trees', 1, 100))).toBe('cli.usage.badInteger');
    expect(numberFlag(a('0.35'), 'threshold', 0, 1)).toBe(0.35);
    expect(numberFlag(a('.5'), 'threshold', 0, 1)).toBe(0.5);
    expect(keyOf(() => numberFlag(a('0.5x'), 'threshold', 0, 1))).toBe('cli.usage.badNumber');
    expect(keyOf(() => numberFlag(a('NaN'), 'threshold', 0, 1))).toBe('cli.usage.badNumber');
    expect(keyOf(() => numberFlag(a('1.01'), 'threshold', 0, 1))).toBe('cli.usage.badNumber');
  });
});

describe('training settings', () => {
  const flags = [
    'target', 'positive', 'id', 'drop', 'trees', 'mtry', 'criterion', 'max-depth', 'min-leaf', 'min-split',
    'balance', 'vote', 'test-fraction', 'seed', 'threads', 'preset', 'threshold', 'out',
  ].map((name) => ({ name, kind: 'string' as const }));

  it('mahout preset is the founding study, and flags override it', () => {
    const p = trainParamsFromArgs(parseArgs('train', ['--preset', 'mahout'], flags));
    expect(p).toMatchObject({ trees: 40, mtry: 4, minLeaf: 50, criterion: 'entropy', balance: 'oversample', oversampleK: 20, vote: 'hard', testFraction: 0.1 });
    const q = trainParamsFromArgs(parseArgs('train', ['--preset', 'mahout', '--vote', 'soft', '--seed', '9', '--max-depth', '12'], flags));
    expect(q).toMatchObject({ trees: 40, vote: 'soft', seed: 9, maxDepth: 12 });
  });

  it('parses mtry and balance', () => {
    expect(parseMtry('sqrt')).toBe('sqrt');
    expect(parseMtry('7')).toBe(7);
    expect(keyOf(() => parseMtry('0'))).toBe('cli.usage.badMtry');
    expect(parseBalance('oversample:20')).toEqual({ balance: 'oversample', oversampleK: 20 });
    expect(parseBalance('weights')).toEqual({ balance: 'weights', oversampleK: 1 });
    expect(keyOf(() => parseBalance('oversample:1'))).toBe('cli.usage.badBalance');
    expect(keyOf(() => parseBalance('smote'))).toBe('cli.usage.badBalance');
  });
});

describe('column roles', () => {
  const n = 100;
  const table: Table = {
    rowCount: n,
    columns: [
      { kind: 'categorical', name: 'id', codes: Int32Array.from({ length: n }, (_, i) => i), levels: Array.from({ length: n }, (_, i) => `c${i}`), semantic: 'id' },
      { kind: 'numeric', name: 'tenure', values: Float64Array.from({ length: n }, (_, i) => i % 12), semantic: 'number' },
      { kind: 'numeric', name: 'flat', values: new Float64Array(n).fill(3), semantic: 'number' },
      { kind: 'numeric', name: 'blank', values: new Float64Array(n).fill(NaN), semantic: 'number' },
      { kind: 'categorical', name: 'plan', codes: Int32Array.from({ length: n }, (_, i) => i % 3), levels: ['a', 'b', 'c'], semantic: 'category' },
      { kind: 'categorical', name: 'Churn', codes: Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)), levels: ['No', 'Yes'], semantic: 'category' },
    ],
  };

  it('uses every other column except id-like, constant and empty ones, and says why', () => {
    const c = chooseColumns(table, { target: 'Churn', positive: undefined, id: null, drop: [] });
    expect(c.positive).toBe('Yes');
    expect(c.positiveDetected).toBe(true);
    expect(c.features).toEqual(['tenure', 'plan']);
    expect(c.leftOut).toEqual([
      { column: 'id', reason: 'id' },
      { column: 'flat', reason: 'constant' },
      { column: 'blank', reason: 'empty' },
    ]);
    expect(c.leakage).toEqual([]);
  });

  it('without --id picks the id column as the app does, and --no-id (null) keeps none', () => {
    const c = chooseColumns(table, { target: 'Churn', positive: undefined, id: undefined, drop: [] });
    expect([c.id, c.idDetected]).toEqual(['id', true]);
    expect(c.features).toEqual(['tenure', 'plan']);
    expect(c.leftOut.map((x) => x.column)).toEqual(['flat', 'blank']);
    const none = chooseColumns(table, { target: 'Churn', positive: undefined, id: null, drop: [] });
    expect([none.id, none.idDetected]).toEqual([null, false]);
    // a dropped column is not picked as the id
    expect(chooseColumns(table, { target: 'Churn', positive: undefined, id: undefined, drop: ['id'] }).id).toBeNull();
  });

  it('honours --id, --drop and --positive', () => {
    const c = chooseColumns(table, { target: 'Churn', positive: 'No', id: 'id', drop: ['plan'] });
    expect(c.positive).toBe('No');
    expect(c.positiveDetected).toBe(false);
    expect(c.features).toEqual(['tenure']);
    expect(c.leftOut.map((x) => x.column)).toEqual(['flat', 'blank']);
  });

  it('rejects unknown columns and an id equal to the target', () => {
    expect(keyOf(() => chooseColumns(table, { target: 'churn', positive: undefined, id: null, drop: [] }))).toBe('cli.unknownColumn');
    expect(keyOf(() => chooseColumns(table, { target: 'Churn', positive: undefined, id: 'Churn', drop: [] }))).toBe('cli.sameColumn');
    expect(keyOf(() => chooseColumns(table, { target: 'Churn', positive: undefined, id: null, drop: ['tenure', 'plan'] }))).toBe('cli.noFeatures');
  });

  it('detects the churn value of 0/1 and yes/no targets', () => {
    const one = (col: Table['columns'][number]): Table => ({ rowCount: 3, columns: [col] });
    expect(detectPositive(one({ kind: 'numeric', name: 'Exited', values: Float64Array.of(0, 1, 0), semantic: 'number' }), 'Exited')).toBe('1');
    expect(detectPositive(one({ kind: 'categorical', name: 'y', codes: Int32Array.of(0, 1, 0), levels: ['否', '是'], semantic: 'category' }), 'y')).toBe('是');
    expect(keyOf(() => detectPositive(one({ kind: 'numeric', name: 'n', values: Float64Array.of(2, 3, 3), semantic: 'number' }), 'n'))).toBe('cli.positiveNotDetected');
  });
});
