// Engine pool on Node worker_threads (the CLI, benchmarks, tests). Each worker runs worker-node.mjs,
// which registers tsx and loads the TS worker. createInlinePool runs on the calling thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import type { ContributionsJob, ContributionsResult, EnginePool, PredictJob, TrainJob } from './forest.ts';
import { createPool, resolveThreads, unwrapReply, type WorkerLink, type WorkerReply } from './pool.ts';
import type { TrainBatchResult } from './wasm-engine.ts';
import { packTrees, type PredictTree } from './tree-pack.ts';

export { createInlinePool } from './pool-inline.ts';

type Reply = { kind: 'ready' } | { id: number; kind: 'tree'; index: number } | { id: number; kind: 'reply'; reply: WorkerReply<unknown> };

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onTree?: (i: number) => void;
}

const WORKER_ENTRY = new URL('./worker-node.mjs', import.meta.url);

function nodeLink(entry: URL): WorkerLink {
  const worker = new Worker(entry);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: UserError | null = null;
  let terminated = false;
  // An idle worker must not keep the process alive (a CLI that forgets dispose() still exits);
  // while a call is pending it must.
  worker.unref();
  const settle = (id: number): void => {
    pending.delete(id);
    if (pending.size === 0) worker.unref();
  };

  const failAll = (reason: string): void => {
    if (terminated) return;
    dead = new UserError('engine.workerFailed', { reason });
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  worker.on('message', (msg: Reply) => {
    if (msg.kind === 'ready') return;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.kind === 'tree') {
      p.onTree?.(msg.index);
      return;
    }
    settle(msg.id);
    try {
      p.resolve(unwrapReply(msg.reply));
    } catch (e) {
      p.reject(e);
    }
  });
  worker.on('error', (e) => failAll(e instanceof Error ? e.message : String(e)));
  worker.on('messageerror', (e) => failAll(String(e)));
  worker.on('exit', (code) => failAll(`worker exited with code ${code}`));

  function call<T>(kind: 'train' | 'predict' | 'contributions', job: TrainJob | PredictJob | ContributionsJob, onTree?: (i: number) => void): Promise<T> {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onTree });
      // Trees travel packed and transferred (tree-pack.ts): a clone of a big forest would sit in
      // memory twice more while it is serialized and read.
      if ('trees' in job && job.trees) {
        const { trees, buffer } = packTrees<PredictTree>(job.trees);
        worker.postMessage({ id, kind, job: { ...job, trees } }, [buffer]);
      } else {
        worker.postMessage({ id, kind, job });
      }
    });
  }

  return {
    train: (job, onTree) => call<TrainBatchResult>('train', job, onTree),
    predict: (job) => call<Float64Array>('predict', job),
    contributions: (job) => call<ContributionsResult>('contributions', job),
    terminate() {
      terminated = true;
      for (const p of pending.values()) p.reject(new UserError('engine.workerFailed', { reason: 'terminated' }));
      pending.clear();
      void worker.terminate();
    },
  };
}

/** Pool of `threads` Node workers (default: all cores). `entry` replaces the worker script (tests). */
export function createNodePool(threads?: number, entry: URL = WORKER_ENTRY): EnginePool {
  return createPool(() => nodeLink(entry), resolveThreads(threads, availableParallelism()));
}
