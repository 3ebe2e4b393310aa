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
  let bytes = 0;
  for (const t of trees) for (const k of TREE_FIELDS) bytes += Math.ceil(t[k].byteLength / 8) * 8;
  const buffer = new ArrayBuffer(bytes);
  let at = 0;
  const packed = trees.map((t) => {
    const out = {} as Record<TreeField, TreeArrays[TreeField]>;
    for (const k of TREE_FIELDS) {
      const src = t[k];
      const Ctor = src.constructor as new (b: ArrayBuffer, o: number, n: number) => typeof src;
      const view = new Ctor(buffer, at, src.length);
      (view as Uint8Array).set(src as Uint8Array);
      out[k] = view;
      at += Math.ceil(src.byteLength / 8) * 8;
    }
    return out as unknown as TreeArrays;
  });
  return { trees: packed, buffer };
}

/** A job whose trees (if any) travel as one transferred buffer. */
function withPackedTrees<J extends { trees: TreeArrays[] | null }>(job: J): J {
  if (!job.trees) return job;
  const { trees, buffer } = packTrees(job.trees);
  return Comlink.transfer({ ...job, trees }, [buffer]);
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
  worker.addEventListener('messageerror', () => fail(new UserError('engine.workerFailed', { reason: 'message could not be read' })));

  return {
    async train(job, onTree) {
      const reply = await Promise.race([api.train(job, Comlink.proxy(onTree)) as Promise<WorkerReply<TrainBatchResult>>, failed]);
      return unwrapReply(reply);
    },
    async predict(job) {
      return unwrapReply(await Promise.race([api.predict(withPackedTrees(job)) as Promise<WorkerReply<Float64Array>>, failed]));
    },
    async contributions(job) {
      return unwrapReply(await Promise.race([api.contributions(withPackedTrees(job)) as Promise<WorkerReply<ContributionsResult>>, failed]));
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
