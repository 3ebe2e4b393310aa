// The engine on the calling thread, behind the same EnginePool interface (tests, tiny data, and
// environments without workers). Results are identical to the worker pools'.
import { CancelledError } from '../errors.ts';
import type { EnginePool } from './forest.ts';
import type { KernelSource } from './kernel.ts';
import { createPool, type WorkerLink } from './pool.ts';
import { loadEngine, type WasmEngine } from './wasm-engine.ts';
import { createJobRunner } from './worker-api.ts';
import { defaultWasmSource } from './wasm-source.ts';


function inlineLink(source: KernelSource): WorkerLink {
  let engine: Promise<WasmEngine> | null = null;
  // A failed load is not kept: the next job tries again (e.g. after a bad download).
  const get = (): Promise<WasmEngine> =>
    (engine ??= loadEngine(source).catch((e: unknown) => {
      engine = null;
      throw e;
    }));
  const jobs = createJobRunner();
  return {
    async train(job, onTree, signal) {
      const e = await get();
      return e.trainTrees(job.m, job.isCategorical, job.labels, job.trainRows, job.params, job.treeIndices, (i) => {
        if (signal?.aborted) throw new CancelledError();
        onTree(i);
      });
    },
    async predict(job) {
      return jobs.predict(await get(), job);
    },
    async contributions(job) {
      const e = await get();
      // Let a cancel or another task in between chunks: this link runs on the calling thread.
      await new Promise((r) => setTimeout(r, 0));
      return jobs.contributions(e, job);
    },
    terminate() {
      engine = null;
    },
  };
}

export function createInlinePool(source: KernelSource = defaultWasmSource()): EnginePool {
  return createPool(() => inlineLink(source), 1);
}
