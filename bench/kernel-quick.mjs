// Quick kernel timing: 100 fully grown trees (minLeaf 1, mtry sqrt) on 100k synthetic rows × 23
// columns, on one engine in this thread and through the Node worker pool with 1 and 2 workers.
// Usage: npm run asbuild && node bench/kernel-quick.mjs [rows] [trees]
// Wall times are only meaningful on an otherwise idle machine; the cpu figure is steadier under load.
import { register } from 'tsx/esm/api';
import { readFileSync } from 'node:fs';

register();
const { loadEngine, categoricalFlags } = await import('../src/lib/engine/wasm-engine.ts');
const { createNodePool } = await import('../src/lib/engine/pool-node.ts');
const { syntheticChurn } = await import('../tests/engine/kernel-fixtures.ts');

const rows = Number(process.argv[2] ?? 100_000);
const trees = Number(process.argv[3] ?? 100);
const { m, labels } = syntheticChurn(rows, 23, 7);
const trainRows = Uint32Array.from({ length: rows }, (_, i) => i);
const params = {
  mode: 'forest', trees, mtry: 'sqrt', criterion: 'entropy', maxDepth: 0, minLeaf: 1, minSplit: 2, minGain: 0,
  balance: 'none', oversampleK: 1, vote: 'soft', sampleFraction: 1, seed: 42, testFraction: 0, threads: 1,
};
const indices = Array.from({ length: trees }, (_, i) => i);

const engine = await loadEngine(readFileSync(new URL('../src/lib/engine/wasm/engine.wasm', import.meta.url)));
let t = performance.now();
const cpu0 = process.cpuUsage();
const batch = engine.trainTrees(m, categoricalFlags(m), labels, trainRows, params, indices);
const inline = performance.now() - t;
const inlineCpu = process.cpuUsage(cpu0).user / 1000;
const nodes = batch.trees.reduce((s, x) => s + x.feature.length, 0) / trees;
t = performance.now();
engine.predict(batch.trees, m, 'soft');
const predictMs = performance.now() - t;
console.log(`${rows} rows × 23, ${trees} trees, ${nodes.toFixed(0)} nodes/tree`);
console.log(`engine, this thread: train ${inline.toFixed(0)} ms (cpu ${inlineCpu.toFixed(0)} ms), predict ${predictMs.toFixed(0)} ms`);

for (const threads of [1, 2]) {
  const pool = createNodePool(threads);
  await pool.trainForest(m, labels, trainRows, { ...params, trees: 2 }); // warm up workers
  t = performance.now();
  await pool.trainForest(m, labels, trainRows, params);
  console.log(`node pool, ${threads} worker(s): train ${(performance.now() - t).toFixed(0)} ms`);
  pool.dispose();
}
