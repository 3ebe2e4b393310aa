// Training settings from the command line: a preset first, then each explicit option on top, so
// "--preset mahout --trees 100" is the founding study's forest with 100 trees.
import { UserError } from '../lib/errors.ts';
import { PRESET_NAMES, presetParams, type PresetName } from '../lib/engine/presets.ts';
import type { TrainParams } from '../lib/engine/types.ts';
import { choiceFlag, intFlag, numberFlag, stringFlag, type ParsedArgs } from './args.ts';

const MAX_TREES = 5000;
const MAX_OVERSAMPLE = 100;

export function trainParamsFromArgs(args: ParsedArgs): TrainParams {
  const preset = choiceFlag<PresetName>(args, 'preset', PRESET_NAMES) ?? 'recommended';
  const p = presetParams(preset);
  const trees = intFlag(args, 'trees', 1, MAX_TREES);
  if (trees !== undefined) p.trees = trees;
  const mtry = stringFlag(args, 'mtry');
  if (mtry !== undefined) p.mtry = parseMtry(mtry);
  const criterion = choiceFlag(args, 'criterion', ['entropy', 'gini'] as const);
  if (criterion) p.criterion = criterion;
  const maxDepth = intFlag(args, 'max-depth', 0, 255);
  if (maxDepth !== undefined) p.maxDepth = maxDepth;
  const minLeaf = intFlag(args, 'min-leaf', 1, 1e9);
  if (minLeaf !== undefined) p.minLeaf = minLeaf;
  const minSplit = intFlag(args, 'min-split', 2, 1e9);
  if (minSplit !== undefined) p.minSplit = minSplit;
  const balance = stringFlag(args, 'balance');
  if (balance !== undefined) Object.assign(p, parseBalance(balance));
  const vote = choiceFlag(args, 'vote', ['soft', 'hard'] as const);
  if (vote) p.vote = vote;
  const testFraction = numberFlag(args, 'test-fraction', 0, 0.9);
  if (testFraction !== undefined) p.testFraction = testFraction;
  const seed = intFlag(args, 'seed', 0, 0xffffffff);
  if (seed !== undefined) p.seed = seed;
  const threads = intFlag(args, 'threads', 0, 256);
  if (threads !== undefined) p.threads = threads;
  return p;
}

export function parseMtry(s: string): TrainParams['mtry'] {
  if (s === 'sqrt' || s === 'log2' || s === 'all') return s;
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UserError('cli.usage.badMtry', { value: s });
  return n;
}

export function parseBalance(s: string): Pick<TrainParams, 'balance' | 'oversampleK'> {
  if (s === 'none' || s === 'weights' || s === 'bootstrap') return { balance: s, oversampleK: 1 };
  const m = /^oversample(?::(\d+))?$/.exec(s);
  if (m) {
    const k = m[1] === undefined ? 20 : Number(m[1]);
    if (k >= 2 && k <= MAX_OVERSAMPLE) return { balance: 'oversample', oversampleK: k };
  }
  throw new UserError('cli.usage.badBalance', { value: s });
}
