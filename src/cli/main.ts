// Entry of the command-line tool: picks the command, runs it, and turns every failure into one
// line "churnlens: <message>" with an exit code (1 data/file, 2 command line, 70 internal).
import { isCancelled, isUserError } from '../lib/errors.ts';
import { translate } from '../lib/i18n/index.ts';
import type { CliContext } from './context.ts';
import { nodeContext } from './context.ts';
import { MAIN_HELP } from './help.ts';
import { appVersion } from './version.ts';

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;
export const EXIT_CANCELLED = 130;

/** A command resolves to its exit code, or to nothing for success. */
type Command = (argv: string[], ctx: CliContext) => Promise<number | void>;

// Loaded on demand: `--version` or `info` should not pay for loading the engine and the parser.
const COMMANDS: Record<string, () => Promise<Command>> = {
  train: async () => (await import('./commands/train.ts')).runTrain,
  score: async () => (await import('./commands/score.ts')).runScore,
  info: async () => (await import('./commands/info.ts')).runInfo,
  features: async () => (await import('./commands/features-adapter.ts')).runFeaturesCommand,
  export: async () => (await import('./commands/export.ts')).runExport,
};

export async function main(argv: string[], ctx: CliContext): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) return fail(ctx, 'cli.usage.noCommand', {});
    if (first === '--help' || first === '-h' || first === 'help') {
      ctx.stdout(MAIN_HELP);
      return EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      ctx.stdout(`churnlens ${appVersion()}\n`);
      return EXIT_OK;
    }
    const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!load) {
      return fail(ctx, first.startsWith('-') ? 'cli.usage.unknownFlag' : 'cli.usage.unknownCommand', {
        command: first.startsWith('-') ? 'churnlens' : first,
        flag: first,
      });
    }
    const command = await load();
    return (await command(rest, ctx)) ?? EXIT_OK;
  } catch (e) {
    return report(ctx, e);
  }
}

function report(ctx: CliContext, e: unknown): number {
  if (isUserError(e)) return fail(ctx, e.key, e.params);
  if (isCancelled(e)) {
    ctx.stderr('churnlens: cancelled\n');
    return EXIT_CANCELLED;
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // One line only: an internal error must not print a stack, but it must say enough to be reported.
  ctx.stderr(`churnlens: ${translate(ctx.locale, 'cli.internal', { message: oneLine(message) })}\n`);
  if (ctx.debug && e instanceof Error && e.stack) ctx.stderr(`${e.stack}\n`);
  return EXIT_INTERNAL;
}

function fail(ctx: CliContext, key: string, params: Record<string, string | number>): number {
  ctx.stderr(`churnlens: ${oneLine(translate(ctx.locale, key, params))}\n`);
  return isUsageKey(key) ? EXIT_USAGE : EXIT_DATA;
}

// The features command (owned by the transaction-log module) reports its command-line mistakes
// under its own keys; they are usage errors too.
const FEATURES_USAGE_KEYS = new Set(['features.unknownOption', 'features.missingOption', 'features.badNumber', 'features.conflictingDateOrder']);

function isUsageKey(key: string): boolean {
  // A missing engine build is a setup problem, not a data problem: exit 2 with the build hint.
  return key.startsWith('cli.usage.') || key === 'cli.wasmMissing' || FEATURES_USAGE_KEYS.has(key);
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Run as a program: real process streams, exit with the command's code. */
export async function runProcess(): Promise<void> {
  // `churnlens info model.json | head -3`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_OK);
  });
  const ctx = nodeContext();
  const code = await main(process.argv.slice(2), ctx);
  // Worker threads or timers left by a library must not keep a finished command alive.
  process.exit(code);
}
