// What an engine worker does, independent of the transport: one wasm instance, loaded on first use
// (never awaited before the message handler is installed, see TOOLCHAIN pitfall 2).
import type { ContributionsJob, ContributionsReply, PredictJob, TrainJob } from './forest.ts';
import type { TreeArrays } from './types.ts';
import type { PredictTree } from './tree-pack.ts';
import { batchBuffers } from './forest.ts';
import type { KernelSource } from './kernel.ts';
import { replyError, type WorkerReply } from './pool.ts';
import { loadEngine, type TrainBatchResult, type WasmEngine } from './wasm-engine.ts';

export interface EngineWorkerApi {
  train(job: TrainJob, onTree?: (index: number) => void): Promise<WorkerReply<TrainBatchResult>>;
  predict(job: PredictJob): Promise<WorkerReply<Float64Array>>;
  contributions(job: ContributionsJob): Promise<WorkerReply<ContributionsReply>>;
}

/**
 * Runs prediction and TreeSHAP jobs, keeping the last tree set it was sent (jobs with trees = null
 * reuse it; the pool tracks one key per worker for both kinds).
 */
export function createJobRunner(): {
  predict(engine: WasmEngine, job: PredictJob): Float64Array;
  contributions(engine: WasmEngine, job: ContributionsJob): ContributionsReply;
} {
  // One slot for both kinds (a worker holds one forest at a time); prediction trees lack the
  // fields TreeSHAP reads, so a slot filled by one kind never serves the other.
  let held: { key: string; predict: PredictTree[] | null; full: TreeArrays[] | null } | null = null;
  const check = (key: string): void => {
    if (!held || held.key !== key) throw new Error(`trees ${key} were never sent to this worker`);
  };
  return {
    predict: (engine, job) => {
      if (job.trees) held = { key: job.key, predict: job.trees, full: null };
      check(job.key);
      if (!held!.predict) throw new Error(`trees ${job.key} were sent for TreeSHAP, not prediction`);
      return engine.predictSum(held!.predict, job.m, job.vote, job.firstTree);
    },
    contributions: (engine, job) => {
      if (job.trees) held = { key: job.key, predict: null, full: job.trees };
      check(job.key);
      if (!held!.full) throw new Error(`trees ${job.key} were sent for prediction, not TreeSHAP`);
      return job.perTree ? engine.treeContributions(held!.full, job.m, job.vote, job.firstTree) : engine.contributions(held!.full, job.m, job.vote);
    },
  };
}

/** `transfer` marks buffers of a reply for zero-copy transfer (Comlink.transfer, or a transfer list). */
export function createWorkerApi<R>(source: KernelSource, transfer: (reply: WorkerReply<unknown>, buffers: ArrayBuffer[]) => R) {
  let engine: Promise<WasmEngine> | null = null;
  // A failed load is not kept: the next job tries again (e.g. after a bad download).
  const get = (): Promise<WasmEngine> =>
    (engine ??= loadEngine(source).catch((e: unknown) => {
      engine = null;
      throw e;
    }));
  const jobs = createJobRunner();
  return {
    async train(job: TrainJob, onTree?: (index: number) => void): Promise<R> {
      try {
        const e = await get();
        const value = e.trainTrees(job.m, job.isCategorical, job.labels, job.trainRows, job.params, job.treeIndices, (i) => {
          // A Comlink callback returns a promise; progress is best effort, never a failure.
          void Promise.resolve(onTree?.(i)).catch(() => {});
        });
        return transfer({ ok: true, value }, batchBuffers(value));
      } catch (err) {
        return transfer(replyError(err), []);
      }
    },
    async predict(job: PredictJob): Promise<R> {
      try {
        const value = jobs.predict(await get(), job);
        return transfer({ ok: true, value }, [value.buffer as ArrayBuffer]);
      } catch (err) {
        return transfer(replyError(err), []);
      }
    },
    async contributions(job: ContributionsJob): Promise<R> {
      try {
        const value = jobs.contributions(await get(), job);
        return transfer({ ok: true, value }, [value.phi.buffer as ArrayBuffer, value.raw.buffer as ArrayBuffer]);
      } catch (err) {
        return transfer(replyError(err), []);
      }
    },
  };
}
