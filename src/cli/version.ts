// The version printed by --version and recorded in model files written by the CLI.
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function appVersion(): string {
  if (cached === null) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
