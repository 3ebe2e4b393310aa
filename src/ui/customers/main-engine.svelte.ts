// The wasm engine on the main thread, for explaining one customer (or a few hundred) synchronously
// in the customer panel, the call list and the global sample: a few milliseconds per row.
// It starts loading when this module is imported (long before anyone opens a customer). Reading
// mainEngine() inside a $derived makes the derivation depend on `ready`, so a panel shown in the
// instant before the engine is there fills itself in once it is.
import { loadEngine, type WasmEngine } from '../../lib/engine/wasm-engine.ts';
import { defaultWasmSource } from '../../lib/engine/wasm-source.ts';
import type { KernelSource } from '../../lib/engine/kernel.ts';

export const mainEngineState = $state({ ready: false, error: '' });

let engine: WasmEngine | null = null;
let loading: Promise<WasmEngine> | null = null;

/**
 * Load (once) the main-thread engine. An explicit `source` (tests pass the bytes) replaces the
 * app's engine.wasm URL and any load still pending.
 */
export function loadMainEngine(source?: KernelSource): Promise<WasmEngine> {
  if (engine) return Promise.resolve(engine);
  if (source !== undefined || mainEngineState.error) loading = null;
  loading ??= loadEngine(source ?? defaultWasmSource()).then(
    (e) => {
      engine = e;
      mainEngineState.error = '';
      mainEngineState.ready = true;
      return e;
    },
    (err: unknown) => {
      if (!engine) mainEngineState.error = err instanceof Error ? err.message : String(err);
      throw err;
    },
  );
  return loading;
}

/** The loaded engine; throws (the load's own error, or "still loading") when there is none yet. */
export function mainEngine(): WasmEngine {
  if (!mainEngineState.ready || !engine) {
    if (mainEngineState.error) throw new Error(mainEngineState.error);
    throw new Error('the explanation engine is still loading');
  }
  return engine;
}

// Start at once in a page, so the engine is ready long before anyone opens a customer.
if (typeof window !== 'undefined') void loadMainEngine().catch(() => {});
