// Engine pool on browser module workers (Comlink). Workers start lazily on the first call and are
// replaced after a crash or a cancel.
import * as Comlink from 'comlink';
import { UserError } from '../errors.ts';
import type { EnginePool } from './forest.ts';
import { createPool, resolveThreads, unwrapReply, type WorkerLink, type WorkerReply } from './pool.ts';
import type { ContributionsResult, TrainBatchResult } from './wasm-engine.ts';
import type { TreeArrays } from './types.ts';
import { packSteps, type PredictTree } from './tree-pack.ts';
import type { EngineWorkerApi } from './worker-api.ts';
import { createEngineWorker } from './worker-factory.ts';

type PackableTree = PredictTree & Partial<TreeArrays>;

/** A job whose trees (if any) travel as one transferred buffer, packed with turns for the page every ~40 ms. */
async function withPackedTrees<J extends { trees: PackableTree[] | null }>(job: J): Promise<J> {
  if (!job.trees) return job;
  const steps = packSteps(job.trees);
  let last = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return Comlink.transfer({ ...job, trees: r.value.trees }, [r.value.buffer]);
    if (performance.now() - last > 40) {
      await new Promise((ok) => setTimeout(ok));
      last = performance.now();
    }
  }
}

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
  // Jobs are posted in call order even though packing takes turns: a job that reuses the held trees
  // (trees = null) must never overtake the job that sends them.
  let order: Promise<unknown> = Promise.resolve();
  const inOrder = <J extends { trees: PackableTree[] | null }>(job: J): Promise<J> => {
    const packed = order.then(() => withPackedTrees(job));
    order = packed.catch(() => {});
    return packed;
  };
  worker.addEventListener('messageerror', () => fail(new UserError('engine.workerFailed', { reason: 'message could not be read' })));

  return {
    async train(job, onTree) {
      const reply = await Promise.race([api.train(job, Comlink.proxy(onTree)) as Promise<WorkerReply<TrainBatchResult>>, failed]);
      return unwrapReply(reply);
    },
    async predict(job) {
      const packed = inOrder(job);
      return unwrapReply(await Promise.race([packed.then((j) => api.predict(j) as Promise<WorkerReply<Float64Array>>), failed]));
    },
    async contributions(job) {
      const packed = inOrder(job);
      return unwrapReply(await Promise.race([packed.then((j) => api.contributions(j) as Promise<WorkerReply<ContributionsResult>>), failed]));
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
