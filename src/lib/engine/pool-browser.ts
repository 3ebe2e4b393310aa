// Engine pool on browser module workers (Comlink). Workers start lazily on the first call and are
// replaced after a crash or a cancel.
import * as Comlink from 'comlink';
import { UserError } from '../errors.ts';
import type { EnginePool } from './forest.ts';
import { createPool, resolveThreads, unwrapReply, type WorkerLink, type WorkerReply } from './pool.ts';
import type { ContributionsResult, TrainBatchResult } from './wasm-engine.ts';
import type { EngineWorkerApi } from './worker-api.ts';
import { createEngineWorker } from './worker-factory.ts';

function browserLink(): WorkerLink {
  const worker = createEngineWorker();
  const api = Comlink.wrap<EngineWorkerApi>(worker);
  let fail: (e: UserError) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // observed through Promise.race below
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(new UserError('engine.workerFailed', { reason: e.message || 'worker error' }));
  });
  worker.addEventListener('messageerror', () => fail(new UserError('engine.workerFailed', { reason: 'message could not be read' })));

  return {
    async train(job, onTree) {
      const reply = await Promise.race([api.train(job, Comlink.proxy(onTree)) as Promise<WorkerReply<TrainBatchResult>>, failed]);
      return unwrapReply(reply);
    },
    async predict(job) {
      return unwrapReply(await Promise.race([api.predict(job) as Promise<WorkerReply<Float64Array>>, failed]));
    },
    async contributions(job) {
      return unwrapReply(await Promise.race([api.contributions(job) as Promise<WorkerReply<ContributionsResult>>, failed]));
    },
    terminate() {
      fail(new UserError('engine.workerFailed', { reason: 'terminated' }));
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** Pool of `threads` module workers (default: navigator.hardwareConcurrency). */
export function createBrowserPool(threads?: number): EnginePool {
  return createPool(browserLink, resolveThreads(threads, globalThis.navigator?.hardwareConcurrency || 2));
}
