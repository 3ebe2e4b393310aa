// Engine pool on browser module workers (Comlink). Workers start lazily on the first call and are
// replaced after a crash or a cancel.
import * as Comlink from 'comlink';
import { UserError } from '../errors.ts';
import type { EnginePool } from './forest.ts';
import { createPool, resolveThreads, unwrapReply, type WorkerLink, type WorkerReply } from './pool.ts';
import type { ContributionsResult, TrainBatchResult } from './wasm-engine.ts';
import type { TreeArrays } from './types.ts';
import type { EngineWorkerApi } from './worker-api.ts';
import { createEngineWorker } from './worker-factory.ts';

type TreeField = keyof TreeArrays;
const TREE_FIELDS: TreeField[] = ['feature', 'split', 'left', 'right', 'missingLeft', 'value', 'cover', 'count', 'catMasks'];

/**
 * The trees as views over one fresh buffer, to transfer instead of cloning: a big forest is tens of
 * megabytes in hundreds of arrays, and cloning them blocked the page for seconds; one copy into a
 * single buffer is a plain memory copy. The worker receives ordinary TreeArrays (same values).
 */
export function packTrees(trees: TreeArrays[]): { trees: TreeArrays[]; buffer: ArrayBuffer } {
  const steps = packSteps(trees);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** packTrees one tree per step (a million-row forest is hundreds of megabytes to copy). */
function* packSteps(trees: TreeArrays[]): Generator<void, { trees: TreeArrays[]; buffer: ArrayBuffer }> {
  let bytes = 0;
  for (const t of trees) for (const k of TREE_FIELDS) bytes += Math.ceil(t[k].byteLength / 8) * 8;
  const buffer = new ArrayBuffer(bytes);
  let at = 0;
  const packed: TreeArrays[] = [];
  for (const t of trees) {
    const out = {} as Record<TreeField, TreeArrays[TreeField]>;
    for (const k of TREE_FIELDS) {
      const src = t[k];
      const Ctor = src.constructor as new (b: ArrayBuffer, o: number, n: number) => typeof src;
      const view = new Ctor(buffer, at, src.length);
      (view as Uint8Array).set(src as Uint8Array);
      out[k] = view;
      at += Math.ceil(src.byteLength / 8) * 8;
    }
    packed.push(out as unknown as TreeArrays);
    yield;
  }
  return { trees: packed, buffer };
}

/** A job whose trees (if any) travel as one transferred buffer, packed with turns for the page every ~40 ms. */
async function withPackedTrees<J extends { trees: TreeArrays[] | null }>(job: J): Promise<J> {
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
  const inOrder = <J extends { trees: TreeArrays[] | null }>(job: J): Promise<J> => {
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
