// Browser module worker: one wasm engine, exposed with Comlink synchronously at top level
// (TOOLCHAIN pitfall 2); the engine loads inside the first call.
import * as Comlink from 'comlink';
import type { TrainJob } from './forest.ts';
import { createWorkerApi } from './worker-api.ts';

const api = createWorkerApi(new URL('./wasm/engine.wasm', import.meta.url), (reply, buffers) => Comlink.transfer(reply, buffers));

Comlink.expose({
  async train(job: TrainJob, onTree?: Comlink.Remote<(index: number) => void>) {
    try {
      return await api.train(job, onTree ? (i) => void onTree(i) : undefined);
    } finally {
      onTree?.[Comlink.releaseProxy]();
    }
  },
  predict: api.predict,
  contributions: api.contributions,
});
