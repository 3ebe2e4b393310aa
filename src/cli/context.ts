// What a command may touch in the outside world: two output streams, the message language and
// whether progress may be drawn. Tests pass their own context to capture output.
import type { Locale } from '../lib/i18n/index.ts';

export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines are drawn only on an interactive terminal, never into a pipe or a log. */
  stderrIsTTY: boolean;
  locale: Locale;
  /** CHURNLENS_DEBUG=1 adds the stack of an internal error (for developers). */
  debug: boolean;
}

/** 'zh' when LC_ALL or LANG starts with zh (LC_ALL wins, as in POSIX), else 'en'. */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  const lang = env.LC_ALL || env.LANG || '';
  return lang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function nodeContext(): CliContext {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    locale: localeFromEnv(process.env),
    debug: process.env.CHURNLENS_DEBUG === '1',
  };
}
