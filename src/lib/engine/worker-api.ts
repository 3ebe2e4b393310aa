// What an engine worker does, independent of the transport: one wasm instance, loaded on first use
// (never awaited before the message handler is installed, see TOOLCHAIN pitfall 2).
import type { ContributionsJob, PredictJob, TrainJob } from './forest.ts';
import type { TreeArrays } from './types.ts';
import { batchBuffers } from './forest.ts';
import type { KernelSource } from './kernel.ts';
import { replyError, type WorkerReply } from './pool.ts';
import { loadEngine, type ContributionsResult, type TrainBatchResult, type WasmEngine } from './wasm-engine.ts';

export interface EngineWorkerApi {
  train(job: TrainJob, onTree?: (index: number) => void): Promise<WorkerReply<TrainBatchResult>>;
  predict(job: PredictJob): Promise<WorkerReply<Float64Array>>;
  contributions(job: ContributionsJob): Promise<WorkerReply<ContributionsResult>>;
}

/**
 * Runs prediction and TreeSHAP jobs, keeping the last tree set it was sent (jobs with trees = null
 * reuse it; the pool tracks one key per worker for both kinds).
 */
export function createJobRunner(): {
  predict(engine: WasmEngine, job: PredictJob): Float64Array;
  contributions(engine: WasmEngine, job: ContributionsJob): ContributionsResult;
} {
  let held: { key: string; trees: TreeArrays[] } | null = null;
  const treesOf = (job: { key: string; trees: TreeArrays[] | null }): TreeArrays[] => {
    if (job.trees) held = { key: job.key, trees: job.trees };
    if (!held || held.key !== job.key) throw new Error(`trees ${job.key} were never sent to this worker`);
    return held.trees;
  };
  return {
    predict: (engine, job) => engine.predictSum(treesOf(job), job.m, job.vote, job.firstTree),
    contributions: (engine, job) => engine.contributions(treesOf(job), job.m, job.vote),
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
