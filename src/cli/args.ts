// Command-line parsing for one command: positionals plus `--flag value`, `--flag=value` and boolean
// switches, checked against the command's own flag list so a typo is an error, not a silent no-op.
import { UserError } from '../lib/errors.ts';

export type FlagKind = 'string' | 'bool';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
}

export interface ParsedArgs {
  positionals: string[];
  /** Flag values as written (strings), or true for boolean switches. Last occurrence wins. */
  flags: Map<string, string | true>;
}

/** Parse `argv` (everything after the command name) against `specs`. Throws cli.usage.* UserErrors. */
export function parseArgs(command: string, argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
        throw new UserError('cli.usage.unknownFlag', { flag: arg, command });
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = byName.get(name);
    if (!spec) throw new UserError('cli.usage.unknownFlag', { flag: `--${name}`, command });
    if (spec.kind === 'bool') {
      if (eq >= 0) throw new UserError('cli.usage.flagTakesNoValue', { flag: `--${name}` });
      flags.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UserError('cli.usage.missingValue', { flag: `--${name}` });
    flags.set(name, value);
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** A whole number in [min, max]; `undefined` when the flag is absent. */
export function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const s = stringFlag(args, name);
  if (s === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(s.trim()) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UserError('cli.usage.badInteger', { flag: `--${name}`, value: s, min, max });
  }
  return n;
}

/** A finite number in [min, max] (or (min, max] when `openMin`); `undefined` when absent. */
export function numberFlag(
  args: ParsedArgs,
  name: string,
  min: number,
  max: number,
  openMin = false,
): number | undefined {
  const s = stringFlag(args, name);
  if (s === undefined) return undefined;
  const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim()) ? Number(s) : NaN;
  if (!Number.isFinite(n) || n > max || (openMin ? n <= min : n < min)) {
    throw new UserError('cli.usage.badNumber', { flag: `--${name}`, value: s, min, max });
  }
  return n;
}

/** One of a fixed set of words; `undefined` when absent. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const s = stringFlag(args, name);
  if (s === undefined) return undefined;
  if (!(choices as readonly string[]).includes(s)) {
    throw new UserError('cli.usage.badChoice', { flag: `--${name}`, value: s, choices: choices.join(', ') });
  }
  return s as T;
}

/** Comma-separated names, trimmed, empty items dropped. */
export function listFlag(args: ParsedArgs, name: string): string[] {
  const s = stringFlag(args, name);
  if (s === undefined) return [];
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** Exactly `count` positionals, named for the error message. */
export function requirePositionals(command: string, args: ParsedArgs, names: readonly string[]): string[] {
  if (args.positionals.length < names.length) {
    throw new UserError('cli.usage.missingArgument', { command, argument: names[args.positionals.length] });
  }
  if (args.positionals.length > names.length) {
    throw new UserError('cli.usage.extraArgument', { command, argument: args.positionals[names.length] });
  }
  return args.positionals.slice();
}

export function requireFlag(command: string, args: ParsedArgs, name: string): string {
  const v = stringFlag(args, name);
  if (v === undefined) throw new UserError('cli.usage.missingFlag', { command, flag: `--${name}` });
  return v;
}
