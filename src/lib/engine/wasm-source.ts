// Where the engine's wasm comes from on this thread: the built asset next to the bundle (browser)
// or the file (Node). A function, not a module-level constant, so that importing the engine never
// resolves URLs before they are needed. The single-file build swaps this module for
// wasm-source.single.ts (vite.single.config.ts), where the wasm is inlined.
import type { KernelSource } from './kernel.ts';

export function defaultWasmSource(): KernelSource {
  return new URL('./wasm/engine.wasm', import.meta.url);
}
