// The CLI line in the report, read back by the CLI's own argument parser: it must give the very
// settings the app trained with.
import { describe, expect, it } from 'vitest';
import { cliTrainLine, shellQuote } from '../../../src/lib/report/cli-line.ts';
import { parseArgs, boolFlag, listFlag, stringFlag, numberFlag } from '../../../src/cli/args.ts';
import { TRAIN_FLAGS } from '../../../src/cli/commands/train.ts';
import { trainParamsFromArgs } from '../../../src/cli/train-settings.ts';
import { presetParams } from '../../../src/lib/engine/presets.ts';
import type { TrainParams } from '../../../src/lib/engine/types.ts';
import { shellWords } from './shell-words.ts';

function readBack(command: string) {
  const words = shellWords(command);
  expect(words.slice(0, 3)).toEqual(['node', 'bin/churnlens.mjs', 'train']);
  const args = parseArgs('train', words.slice(3), TRAIN_FLAGS);
  return { args, params: trainParamsFromArgs(args) };
}

const strip = (p: TrainParams) => {
  const { threads: _x, ...rest } = p;
  return rest;
};

describe('CLI line', () => {
  it('quotes only what the shell would split or expand', () => {
    expect(shellQuote('Churn')).toBe('Churn');
    expect(shellQuote('data/q3-2024.csv')).toBe('data/q3-2024.csv');
    expect(shellQuote('my file.csv')).toBe("'my file.csv'");
    expect(shellQuote("O'Brien")).toBe("'O'\\''Brien'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('流失')).toBe("'流失'");
    expect(shellQuote('')).toBe("''");
    expect(shellWords(shellQuote("a 'b' $c"))).toEqual(["a 'b' $c"]);
  });

  it('is read back by the CLI parser as the same columns and settings', () => {
    const params: TrainParams = { ...presetParams('mahout'), seed: 123456, testFraction: 0.25, threads: 2 };
    const line = cliTrainLine({
      fileName: "Q3 客户 O'Neil.csv", target: '是否流失', positive: '是', idColumn: 'customer id', drop: ['notes', 'leaky col'], params, threshold: 0.35,
    });
    expect(line.exact).toBe(true);
    const { args, params: back } = readBack(line.command);
    expect(args.positionals).toEqual(["Q3 客户 O'Neil.csv"]);
    expect(stringFlag(args, 'target')).toBe('是否流失');
    expect(stringFlag(args, 'positive')).toBe('是');
    expect(stringFlag(args, 'id')).toBe('customer id');
    expect(listFlag(args, 'drop')).toEqual(['notes', 'leaky col']);
    expect(numberFlag(args, 'threshold', 0, 1)).toBe(0.35);
    expect(strip(back)).toEqual(strip(params));
  });

  it('rebuilds the one-tree preset, unlimited depth, gini and every balance', () => {
    for (const p of [
      presetParams('tree'),
      { ...presetParams('recommended'), criterion: 'gini' as const, balance: 'bootstrap' as const, mtry: 7, maxDepth: 0 },
      { ...presetParams('recommended'), balance: 'none' as const, vote: 'hard' as const, mtry: 'log2' as const },
      { ...presetParams('recommended'), balance: 'oversample' as const, oversampleK: 5 },
    ]) {
      const line = cliTrainLine({ fileName: 'x.csv', target: 'y', positive: '1', idColumn: null, drop: [], params: p, threshold: 0.5 });
      expect(line.exact).toBe(true);
      // no id column in the app: said, so the CLI does not pick one of its own
      expect(line.command).not.toContain('--id ');
      expect(line.command).toContain(' --no-id');
      expect(line.command).not.toContain('--drop');
      const back = readBack(line.command);
      expect(boolFlag(back.args, 'no-id')).toBe(true);
      expect(strip(back.params)).toEqual(strip(p));
    }
  });

  it('passes values that start with a dash with "=", and a dash file name as ./', () => {
    const line = cliTrainLine({ fileName: '-odd.csv', target: '-flag', positive: '-1', idColumn: null, drop: [], params: presetParams('recommended'), threshold: 0.5 });
    const { args } = readBack(line.command);
    expect(args.positionals).toEqual(['./-odd.csv']);
    expect(stringFlag(args, 'target')).toBe('-flag');
    expect(stringFlag(args, 'positive')).toBe('-1');
  });

  it('says which settings the CLI cannot set', () => {
    const p = { ...presetParams('recommended'), minGain: 0.01, sampleFraction: 0.5 };
    const line = cliTrainLine({ fileName: 'x.csv', target: 'y', positive: '1', idColumn: null, drop: ['a,b'], forcedFeatures: ['cust_no'], params: p, threshold: 0.5 });
    expect(line.exact).toBe(false);
    expect(line.unsupported).toEqual([
      { name: 'minGain', value: 0.01 },
      { name: 'sampleFraction', value: 0.5 },
      { name: 'drop', value: 'a,b' },
      { name: 'feature', value: 'cust_no' },
    ]);
  });
});
