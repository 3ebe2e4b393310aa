// A wasm engine that cannot be loaded (truncated or foreign file) is reported as engine.loadFailed,
// not as a worker crash, and the next job loads it again instead of keeping the failure.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { instantiateKernel } from '../../src/lib/engine/kernel.ts';
import { createWorkerApi } from '../../src/lib/engine/worker-api.ts';
import { isUserError } from '../../src/lib/errors.ts';
import type { WorkerReply } from '../../src/lib/engine/pool.ts';
import type { PredictJob } from '../../src/lib/engine/forest.ts';

const WASM = readFileSync(join(import.meta.dirname, '../../src/lib/engine/wasm/engine.wasm'));

describe('engine loading', () => {
  it('bytes that are not a wasm module give engine.loadFailed with the reason', async () => {
    const e = await instantiateKernel(new TextEncoder().encode('not a wasm module')).catch((x: unknown) => x);
    expect(isUserError(e) && e.key).toBe('engine.loadFailed');
    expect(isUserError(e) && String(e.params.reason)).toMatch(/WebAssembly/);
  });

  it('a worker retries the load on its next job after a failed one', async () => {
    const bytes = new Uint8Array(WASM.length);
    bytes.set(new TextEncoder().encode('garbage'));
    const api = createWorkerApi(bytes, (reply) => reply);
    const job = { key: 'k', trees: null, firstTree: 0, m: null, vote: 'soft' } as unknown as PredictJob;
    const first = (await api.predict(job)) as WorkerReply<Float64Array>;
    expect(first.ok === false && first.key).toBe('engine.loadFailed');
    bytes.set(WASM);
    const second = (await api.predict(job)) as WorkerReply<Float64Array>;
    // The engine loaded this time; the job itself is refused for its own reason (no trees sent).
    expect(second.ok).toBe(false);
    expect(second.ok === false && second.key).not.toBe('engine.loadFailed');
    expect(second.ok === false && second.message).toMatch(/never sent/);
  });
});
