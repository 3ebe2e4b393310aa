// Worker pools: results independent of the number of workers, cancellation, and recovery after a
// worker dies.
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, UserError } from '../../src/lib/errors.ts';
import type { ForestResult, TrainProgress, TreeArrays } from '../../src/lib/engine/types.ts';
import { createPool, RECYCLE_AFTER_ROWS, type WorkerLink } from '../../src/lib/engine/pool.ts';
import { createInlinePool, createNodePool } from '../../src/lib/engine/pool-node.ts';
import { baseParams, syntheticChurn } from './kernel-fixtures.ts';

const { m, labels } = syntheticChurn(4000, 10, 21);
const trainRows = Uint32Array.from({ length: 3000 }, (_, i) => i + 500);

function bytesOfTree(t: TreeArrays): number[] {
  return [t.feature, t.split, t.left, t.right, t.missingLeft, t.value, t.cover, t.count, t.catMasks].flatMap((a) =>
    Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)),
  );
}

function expectIdentical(a: ForestResult, b: ForestResult): void {
  expect(a.trees.length).toBe(b.trees.length);
  a.trees.forEach((t, i) => expect(bytesOfTree(t)).toEqual(bytesOfTree(b.trees[i])));
  expect(new Uint8Array(a.oob.buffer)).toEqual(new Uint8Array(b.oob.buffer));
  expect(new Uint8Array(a.impurityImportance.buffer)).toEqual(new Uint8Array(b.impurityImportance.buffer));
  expect(a.trainedBaseRate).toBe(b.trainedBaseRate);
  expect(a.trueBaseRate).toBe(b.trueBaseRate);
}

describe('node worker pool', () => {
  const one = createNodePool(1);
  const two = createNodePool(2);
  afterAll(() => {
    one.dispose();
    two.dispose();
  });

  it('trains byte-identical forests with 1 and 2 workers and in-process', async () => {
    const params = baseParams({ trees: 7, balance: 'weights', criterion: 'gini' });
    const progress: TrainProgress[] = [];
    const r1 = await one.trainForest(m, labels, trainRows, params);
    const r2 = await two.trainForest(m, labels, trainRows, params, { onProgress: (p) => progress.push(p) });
    const r0 = await createInlinePool().trainForest(m, labels, trainRows, params);
    expect(two.size).toBe(2);
    expectIdentical(r1, r2);
    expectIdentical(r0, r2);
    expect(progress[0]).toEqual({ treesDone: 0, treesTotal: 7 });
    expect(progress.at(-1)).toEqual({ treesDone: 7, treesTotal: 7 });
    expect(progress.length).toBe(8);

    // Prediction split over workers by trees equals prediction in one piece, also when the workers
    // reuse the trees they were sent before, and after switching to another forest and back.
    const big = syntheticChurn(45_000, 10, 4).m;
    const p1 = await one.predict(r1.trees, big, 'soft');
    const p2 = await two.predict(r1.trees, big, 'soft');
    expect(new Uint8Array(p2.buffer)).toEqual(new Uint8Array(p1.buffer));
    const other = (await createInlinePool().trainForest(m, labels, trainRows, { ...params, seed: 5 })).trees;
    const q1 = await one.predict(other, big, 'hard');
    const q2 = await two.predict(other, big, 'hard');
    expect(new Uint8Array(q2.buffer)).toEqual(new Uint8Array(q1.buffer));
    expect(new Uint8Array((await two.predict(r1.trees, big, 'soft')).buffer)).toEqual(new Uint8Array(p1.buffer));
    expect(new Uint8Array((await createInlinePool().predict(r1.trees, big, 'soft')).buffer)).toEqual(new Uint8Array(p1.buffer));
    expect(q1.some((v, i) => Math.abs(v - p1[i]) > 0.01)).toBe(true);
  });

  it('cancels on abort and trains again afterwards', async () => {
    const controller = new AbortController();
    const params = baseParams({ trees: 200 });
    const run = two.trainForest(m, labels, trainRows, params, {
      signal: controller.signal,
      onProgress: (p) => p.treesDone === 2 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const again = await two.trainForest(m, labels, trainRows, baseParams({ trees: 2 }));
    expect(again.trees.length).toBe(2);
  });

  it('rejects an already aborted signal at once', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(one.trainForest(m, labels, trainRows, baseParams(), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it('passes user errors through with their message key', async () => {
    await expect(one.trainForest(m, labels, new Uint32Array(0), baseParams())).rejects.toMatchObject({ key: 'engine.noTrainingRows' });
    const bad: TreeArrays = { ...(await one.trainForest(m, labels, trainRows, baseParams({ trees: 1 }))).trees[0] };
    bad.left = bad.left.slice();
    bad.left[0] = 1e6;
    await expect(one.predict([bad], m, 'soft')).rejects.toMatchObject({ key: 'engine.badTree' });
  });
});

describe('in-process pool', () => {
  it('cancels between trees', async () => {
    const controller = new AbortController();
    const run = createInlinePool().trainForest(m, labels, trainRows, baseParams({ trees: 50 }), {
      signal: controller.signal,
      onProgress: (p) => p.treesDone === 1 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('pool recovery', () => {
  it('replaces workers after one dies', async () => {
    let spawned = 0;
    const inline = createInlinePool();
    const spawn = (): WorkerLink => {
      const id = ++spawned;
      return {
        async train(job, onTree) {
          if (id === 1) throw new UserError('engine.workerFailed', { reason: 'out of memory' });
          const r = await inline.trainForest(job.m, job.labels, job.trainRows, { ...job.params, trees: job.treeIndices.length });
          r.trees.forEach((_, i) => onTree(i));
          return { trees: r.trees, oobSum: new Float64Array(job.trainRows.length), oobCount: new Uint32Array(job.trainRows.length), importance: new Float64Array(job.m.features.length) };
        },
        predict: () => Promise.reject(new Error('unused')),
        terminate: () => {},
      };
    };
    const pool = createPool(spawn, 1);
    await expect(pool.trainForest(m, labels, trainRows, baseParams({ trees: 1 }))).rejects.toMatchObject({ key: 'engine.workerFailed' });
    const r = await pool.trainForest(m, labels, trainRows, baseParams({ trees: 1 }));
    expect(r.trees.length).toBe(1);
    expect(spawned).toBe(2);
  });

  it('replaces its workers after training on many rows (their wasm memory cannot shrink), not after small runs', async () => {
    const spawned: number[] = [];
    const terminated: number[] = [];
    const spawn = (): WorkerLink => {
      const id = spawned.push(spawned.length + 1);
      return {
        async train(job, onTree) {
          job.treeIndices.forEach((_, i) => onTree(i));
          const leaf = (): TreeArrays => ({
            feature: Int32Array.of(-1), split: Int32Array.of(0), left: Int32Array.of(-1), right: Int32Array.of(-1),
            missingLeft: Uint8Array.of(0), value: Float64Array.of(0.5), cover: Float64Array.of(1), count: Int32Array.of(1), catMasks: new Uint32Array(0),
          });
          const n = job.trainRows.length;
          return { trees: job.treeIndices.map(leaf), oobSum: new Float64Array(n), oobCount: new Uint32Array(n), importance: new Float64Array(job.m.features.length) };
        },
        predict: (job) => Promise.resolve(new Float64Array(job.m.rows).fill(0.5 * (job.trees?.length ?? 0))),
        terminate: () => void terminated.push(id),
      };
    };
    const pool = createPool(spawn, 2);
    await pool.trainForest(m, labels, trainRows, baseParams({ trees: 2 }));
    expect(spawned).toHaveLength(2);
    expect(terminated).toEqual([]);
    const bigRows = Uint32Array.from({ length: RECYCLE_AFTER_ROWS }, (_, i) => i % m.rows);
    const bigLabels = new Uint8Array(m.rows).fill(0);
    bigLabels[0] = 1;
    const forest = await pool.trainForest(m, bigLabels, bigRows, baseParams({ trees: 2 }));
    expect(terminated).toEqual([1, 2]);
    // the next call starts fresh workers and works as before
    const p = await pool.predict(forest.trees, m, 'soft');
    expect(p[0]).toBe(0.5);
    expect(spawned).toHaveLength(4);
  });

  it('a cancelled run failing late does not kill the next run\'s workers', async () => {
    const inline = createInlinePool();
    let spawned = 0;
    const spawn = (): WorkerLink => {
      spawned++;
      let fail: (e: unknown) => void = () => {};
      return {
        train: (job, onTree) =>
          new Promise((resolve, reject) => {
            fail = reject;
            setTimeout(async () => {
              const r = await inline.trainForest(job.m, job.labels, job.trainRows, { ...job.params, trees: job.treeIndices.length });
              r.trees.forEach((_, i) => onTree(i));
              resolve({ trees: r.trees, oobSum: new Float64Array(job.trainRows.length), oobCount: new Uint32Array(job.trainRows.length), importance: new Float64Array(job.m.features.length) });
            }, 30);
          }),
        predict: () => Promise.reject(new Error('unused')),
        // Like a real worker, the pending call learns of the termination a little later.
        terminate: () => void setTimeout(() => fail(new UserError('engine.workerFailed', { reason: 'terminated' })), 0),
      };
    };
    const pool = createPool(spawn, 1);
    const controller = new AbortController();
    const first = pool.trainForest(m, labels, trainRows, baseParams({ trees: 1 }), { signal: controller.signal });
    controller.abort();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    const second = await pool.trainForest(m, labels, trainRows, baseParams({ trees: 1 }));
    expect(second.trees.length).toBe(1);
    expect(spawned).toBe(2);
  });

  it('a real worker that dies rejects with engine.workerFailed and the next call gets a fresh one', async () => {
    // The test worker runs the real engine but exits (as after an out-of-memory kill) on seed 666.
    const pool = createNodePool(2, new URL('./pool-crash-worker.mjs', import.meta.url));
    try {
      await expect(pool.trainForest(m, labels, trainRows, baseParams({ trees: 4, seed: 666 }))).rejects.toMatchObject({
        key: 'engine.workerFailed',
      });
      const r = await pool.trainForest(m, labels, trainRows, baseParams({ trees: 4 }));
      expect(r.trees.length).toBe(4);
    } finally {
      pool.dispose();
    }
  });
});
