// Single-file twin of wasm-source.ts: a page opened from file:// has no URL base to resolve the
// asset against, so the wasm is inlined into the page as a data: URL (allowed by the single file's
// CSP, connect-src data:) and fetched from there.
import wasmUrl from './wasm/engine.wasm?url';
import type { KernelSource } from './kernel.ts';

export function defaultWasmSource(): KernelSource {
  return wasmUrl;
}
