// Prints engine warnings (e.g. unknown categories met while scoring) to stderr, one line each,
// translated when they come as message keys.
import { translate } from '../lib/i18n/index.ts';
import type { CliContext } from './context.ts';

export type Warning = string | { key: string; params?: Record<string, string | number> };

export function printWarnings(ctx: CliContext, warnings: readonly Warning[] | undefined): void {
  for (const w of warnings ?? []) {
    const text = typeof w === 'string' ? w : translate(ctx.locale, w.key, w.params ?? {});
    ctx.stderr(`churnlens: ${text.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  }
}
