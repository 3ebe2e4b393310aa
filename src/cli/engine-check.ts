// The engine's WebAssembly is a build product (npm run asbuild), not a checked-in file. Commands
// that train or score check for it first, so a fresh clone gets a hint instead of a load error.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../lib/errors.ts';

export const ENGINE_WASM = new URL('../lib/engine/wasm/engine.wasm', import.meta.url);

export function requireEngineBuilt(): void {
  if (!existsSync(ENGINE_WASM)) {
    throw new UserError('cli.wasmMissing', { path: fileURLToPath(ENGINE_WASM) });
  }
}
