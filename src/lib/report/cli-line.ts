// The command line that retrains the same model with the CLI. The CLI starts from a preset and lays
// each option on top (src/cli/train-settings.ts), so writing every option explicitly makes the line
// independent of the presets' defaults; only settings the CLI has no option for are checked against
// the preset the line starts from.
import { PRESETS } from '../engine/presets.ts';
import type { TrainParams } from '../engine/types.ts';

export interface CliLineInput {
  fileName: string;
  target: string;
  positive: string;
  idColumn: string | null;
  /** Columns to leave out on top of the CLI's own profile rules (ids, constants, empty, free text). */
  drop: string[];
  /**
   * Features the CLI's profile rules always leave out (id-like, constant, empty, free text) that the
   * analyst kept: the CLI has no option to keep them.
   */
  forcedFeatures?: string[];
  params: TrainParams;
  threshold: number;
  out?: string;
}

export interface CliLine {
  command: string;
  /** False when a setting has no CLI option and differs from what the CLI would use. */
  exact: boolean;
  /** Settings the CLI cannot express, with the value the app used. */
  unsupported: { name: string; value: string | number }[];
}

/** POSIX shell quoting: plain words stay as they are, anything else goes in single quotes. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_./:=,@%+-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function cliTrainLine(inp: CliLineInput): CliLine {
  const p = inp.params;
  const base = p.mode === 'tree' ? PRESETS.tree : PRESETS.recommended;
  // The CLI reads a word starting with "-" as an option: such a file name gets "./", such a value "=".
  const file = inp.fileName.startsWith('-') ? `./${inp.fileName}` : inp.fileName;
  const args: string[] = ['node', 'bin/churnlens.mjs', 'train', shellQuote(file)];
  const flag = (name: string, value: string | number) => {
    const v = String(value);
    if (v.startsWith('-')) args.push(shellQuote(`--${name}=${v}`));
    else args.push(`--${name}`, shellQuote(v));
  };
  flag('target', inp.target);
  flag('positive', inp.positive);
  // Without --id the CLI picks an id column as the app does; the app's choice, even none, is spelled out.
  if (inp.idColumn !== null) flag('id', inp.idColumn);
  else args.push('--no-id');
  if (inp.drop.length > 0) flag('drop', inp.drop.join(','));
  if (p.mode === 'tree') flag('preset', 'tree');
  flag('trees', p.trees);
  flag('mtry', p.mtry);
  flag('criterion', p.criterion);
  flag('max-depth', p.maxDepth);
  flag('min-leaf', p.minLeaf);
  flag('min-split', p.minSplit);
  const unsupported: CliLine['unsupported'] = [];
  if (p.balance === 'oversample') {
    // the CLI accepts oversample:K for K >= 2 only
    if (p.oversampleK >= 2) flag('balance', `oversample:${p.oversampleK}`);
    else {
      flag('balance', 'none');
      unsupported.push({ name: 'oversampleK', value: p.oversampleK });
    }
  } else flag('balance', p.balance);
  flag('vote', p.vote);
  flag('test-fraction', p.testFraction);
  flag('seed', p.seed);
  flag('threshold', inp.threshold);
  flag('out', inp.out ?? 'model.json');
  if (p.minGain !== base.minGain) unsupported.push({ name: 'minGain', value: p.minGain });
  if (p.sampleFraction !== base.sampleFraction) unsupported.push({ name: 'sampleFraction', value: p.sampleFraction });
  // A list with a comma inside a name cannot be passed to --drop (it splits on commas).
  for (const d of inp.drop) if (d.includes(',')) unsupported.push({ name: 'drop', value: d });
  for (const f of inp.forcedFeatures ?? []) unsupported.push({ name: 'feature', value: f });
  return { command: args.join(' '), exact: unsupported.length === 0, unsupported };
}
