// A pool of engine workers behind the EnginePool interface. The transport (Comlink module workers in
// the browser, worker_threads in Node, or the calling thread) is a WorkerLink; this file owns the
// scheduling, progress, cancellation and recovery from a dead worker (fresh workers on the next call).
import { CancelledError, UserError, isCancelled, isUserError } from '../errors.ts';
import type { BinnedMatrix, TrainParams, TrainProgress, TreeArrays } from './types.ts';
import {
  type ContributionsJob, type ContributionsReply, type ContributionsResult, type EnginePool, type PredictJob, type TrainJob,
  type TreeContributions, forestSize, mergeForest, planRowChunks, planShapTreeChunks, planTreeBatches, planTreeChunks, sliceRows,
} from './forest.ts';
import { categoricalFlags, sumTreeContributions, type TrainBatchResult } from './wasm-engine.ts';
import { predictTree, type PredictTree } from './tree-pack.ts';

export interface WorkerLink {
  /** Rejects with engine.workerFailed if the worker dies. `signal` is honoured between trees where the link can. */
  train(job: TrainJob, onTree: (index: number) => void, signal?: AbortSignal): Promise<TrainBatchResult>;
  /** Per-row sum of the job's trees (see WasmEngine.predictSum). */
  predict(job: PredictJob): Promise<Float64Array>;
  /** TreeSHAP for every row of the job's matrix (see WasmEngine.contributions). Optional only for test doubles. */
  contributions?(job: ContributionsJob): Promise<ContributionsReply>;
  terminate(): void;
}

/** What a worker sends back: a value, or an error that keeps its message key. */
export type WorkerReply<T> = { ok: true; value: T } | { ok: false; key: string | null; params: Record<string, string | number>; message: string; cancelled?: boolean };

export function replyError(e: unknown): WorkerReply<never> {
  if (isUserError(e)) return { ok: false, key: e.key, params: e.params, message: e.message };
  return { ok: false, key: null, params: {}, message: e instanceof Error ? e.message : String(e), cancelled: isCancelled(e) };
}

export function unwrapReply<T>(r: WorkerReply<T>): T {
  if (r.ok) return r.value;
  if (r.cancelled) throw new CancelledError();
  if (r.key) throw new UserError(r.key, r.params);
  throw new UserError('engine.workerFailed', { reason: r.message });
}

/** Training on at least this many rows replaces the workers afterwards (see trainForest). */
export const RECYCLE_AFTER_ROWS = 200_000;

export function createPool(spawn: () => WorkerLink, size: number): EnginePool {
  let links: WorkerLink[] | null = null;
  // Which tree set each worker holds, so repeated predictions with the same forest send it once.
  const treeKeys = new WeakMap<PredictTree[], number>();
  const held = new WeakMap<WorkerLink, string>();
  let nextKey = 1;
  const live = (): WorkerLink[] => (links ??= Array.from({ length: size }, spawn));
  const reset = (): void => {
    links?.forEach((l) => l.terminate());
    links = null;
  };

  function guarded<T>(signal: AbortSignal | undefined, work: (ls: WorkerLink[]) => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const ls = live();
      // Only replace the workers this call used: a late failure of a cancelled run must not kill
      // the fresh workers of the next one.
      const resetMine = (): void => {
        if (links === ls) reset();
      };
      const onAbort = (): void => {
        resetMine();
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      work(ls).then(
        (v) => {
          signal?.removeEventListener('abort', onAbort);
          if (signal?.aborted) reject(new CancelledError());
          else resolve(v);
        },
        (e: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          if (!isUserError(e) || e.key === 'engine.workerFailed') resetMine();
          reject(signal?.aborted ? new CancelledError() : e);
        },
      );
    });
  }

  return {
    size,
    trainForest(m: BinnedMatrix, labels: Uint8Array, trainRows: Uint32Array, params: TrainParams, opts = {}) {
      const trees = forestSize(params);
      const isCategorical = categoricalFlags(m);
      return guarded(opts.signal, async (ls) => {
        const batches = planTreeBatches(trees, ls.length);
        let done = 0;
        opts.onProgress?.({ treesDone: 0, treesTotal: trees });
        const onTree = (): void => {
          done++;
          opts.onProgress?.({ treesDone: done, treesTotal: trees });
        };
        // Each worker takes the next batch when it is free: trees differ in size, and fixed halves
        // left one worker idle at the end. Tree i depends only on (data, params, seed, i) and the
        // merge is exact, so the result does not depend on who trained what.
        const parts: { treeIndices: number[]; result: TrainBatchResult }[] = [];
        let next = 0;
        const run = async (link: WorkerLink): Promise<void> => {
          while (next < batches.length) {
            if (opts.signal?.aborted) throw new CancelledError();
            const treeIndices = batches[next++];
            parts.push({ treeIndices, result: await link.train({ m, isCategorical, labels, trainRows, params, treeIndices }, onTree, opts.signal) });
          }
        };
        await Promise.all(ls.slice(0, Math.min(ls.length, batches.length)).map(run));
        const forest = mergeForest(labels, trainRows, m.features.length, trees, parts, params);
        // Wasm memory never shrinks: after a big training each worker would keep its whole training
        // workspace (hundreds of MB at a million rows) while it only predicts from now on. Fresh
        // workers start on the next call instead.
        if (trainRows.length >= RECYCLE_AFTER_ROWS && links === ls) reset();
        return forest;
      });
    },
    predict(trees: PredictTree[], m: BinnedMatrix, vote: 'soft' | 'hard') {
      if (trees.length === 0) return Promise.reject(new UserError('engine.noTrees'));
      let id = treeKeys.get(trees);
      if (id === undefined) treeKeys.set(trees, (id = nextKey++));
      return guarded(undefined, async (ls) => {
        // Split by trees, not rows: each worker holds only its share of a large forest, and the exact
        // per-tree sums make the result identical for any split.
        const chunks = planTreeChunks(trees, ls.length, m.rows);
        const parts = await Promise.all(
          chunks.map(([a, b], w) => {
            // Its own key prefix: a worker holding prediction trees (no cover/count) must never
            // take them for a TreeSHAP job on the same forest.
            const key = `p${id}:${a}:${b}`;
            const send = held.get(ls[w]) !== key;
            held.set(ls[w], key);
            return ls[w].predict({ key, trees: send ? trees.slice(a, b).map(predictTree) : null, firstTree: a, m, vote }).catch((e: unknown) => {
              held.delete(ls[w]);
              throw e;
            });
          }),
        );
        const out = parts[0];
        for (let p = 1; p < parts.length; p++) for (let i = 0; i < out.length; i++) out[i] += parts[p][i];
        for (let i = 0; i < out.length; i++) out[i] /= trees.length;
        return out;
      });
    },
    contributions(trees: TreeArrays[], m: BinnedMatrix, vote: 'soft' | 'hard', opts = {}) {
      if (trees.length === 0) return Promise.reject(new UserError('engine.noTrees'));
      let id = treeKeys.get(trees);
      if (id === undefined) treeKeys.set(trees, (id = nextKey++));
      const { signal, onProgress } = opts;
      return guarded(signal, async (ls) => {
        const F = m.features.length;
        const runs = planShapTreeChunks(trees, ls.length, m.rows);
        if (runs) {
          onProgress?.({ rowsDone: 0, rowsTotal: m.rows });
          const parts = await Promise.all(
            runs.map(([a, b], w) => {
              const key = `${id}:${a}:${b}`;
              const send = held.get(ls[w]) !== key;
              held.set(ls[w], key);
              return explain(ls[w], { key, trees: send ? trees.slice(a, b) : null, m, vote, perTree: true, firstTree: a }).catch((e: unknown) => {
                held.delete(ls[w]);
                throw e;
              }) as Promise<TreeContributions>;
            }),
          );
          onProgress?.({ rowsDone: m.rows, rowsTotal: m.rows });
          return sumTreeContributions(parts, m.rows, F);
        }
        const phi = new Float64Array(m.rows * F);
        const raw = new Float64Array(m.rows);
        let base = 0;
        const chunks = planRowChunks(m.rows, ls.length);
        const key = `${id}:0:${trees.length}`;
        let next = 0;
        let done = 0;
        onProgress?.({ rowsDone: 0, rowsTotal: m.rows });
        // Each worker takes the next chunk when it is free; every row's values are independent of
        // the chunking, so the result is identical for any number of workers.
        const run = async (w: number): Promise<void> => {
          while (next < chunks.length) {
            if (signal?.aborted) throw new CancelledError();
            const [a, b] = chunks[next++];
            const send = held.get(ls[w]) !== key;
            held.set(ls[w], key);
            const r = (await explain(ls[w], { key, trees: send ? trees : null, m: sliceRows(m, a, b), vote }).catch((e: unknown) => {
              held.delete(ls[w]);
              throw e;
            })) as ContributionsResult;
            phi.set(r.phi, a * F);
            raw.set(r.raw, a);
            base = r.base;
            done += b - a;
            onProgress?.({ rowsDone: done, rowsTotal: m.rows });
          }
        };
        await Promise.all(ls.slice(0, Math.min(ls.length, chunks.length)).map((_, w) => run(w)));
        if (chunks.length === 0) {
          held.delete(ls[0]);
          base = ((await explain(ls[0], { key, trees, m, vote })) as ContributionsResult).base;
        }
        return { phi, base, raw };
      });
    },
    dispose: reset,
  };
}

function explain(link: WorkerLink, job: ContributionsJob): Promise<ContributionsReply> {
  if (!link.contributions) return Promise.reject(new Error('this worker link cannot compute contributions'));
  return link.contributions(job);
}

/** Default worker count: threads setting, or all cores (0). */
export function resolveThreads(threads: number | undefined, cores: number): number {
  const t = threads && threads > 0 ? Math.floor(threads) : cores;
  return Math.max(1, Math.min(t, 64));
}
