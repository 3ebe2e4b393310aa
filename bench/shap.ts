// How long exact TreeSHAP takes for every row of a table, and for one customer, on a forest trained
// with the Recommended preset on the synthetic churn table (training seed 42).
// `--model FILE` reuses a model file saved by an earlier run (written when the file does not exist),
// so repeated measurements skip the training.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createNodePool } from '../src/lib/engine/pool-node.ts';
import { trainModel } from '../src/lib/engine/train.ts';
import { presetParams } from '../src/lib/engine/presets.ts';
import { modelToJson, parseModelFile } from '../src/lib/engine/model-file.ts';
import { modelTrees } from '../src/lib/engine/score.ts';
import { explainTable } from '../src/lib/engine/shap.ts';
import type { ModelFile, TreeArrays } from '../src/lib/engine/types.ts';
import type { Table } from '../src/lib/table/types.ts';
import { syntheticChurnTable, syntheticFeatureColumns, SYNTHETIC_ID, SYNTHETIC_POSITIVE, SYNTHETIC_TARGET } from './synthetic.ts';

function flagValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Depth of every leaf (nodes in array order, children after parents). */
function leafDepths(t: TreeArrays): number[] {
  const depth = new Int32Array(t.feature.length);
  const out: number[] = [];
  for (let i = 0; i < t.feature.length; i++) {
    if (t.feature[i] < 0) out.push(depth[i]);
    else depth[t.left[i]] = depth[t.right[i]] = depth[i] + 1;
  }
  return out;
}

function forestShape(trees: TreeArrays[]): { nodes: number; meanDepth: number; maxDepth: number; meanLeafDepth: number } {
  let nodes = 0;
  let depthSum = 0;
  let maxDepth = 0;
  let leafDepthSum = 0;
  let leaves = 0;
  for (const t of trees) {
    nodes += t.feature.length;
    const d = leafDepths(t);
    const max = Math.max(...d);
    depthSum += max;
    maxDepth = Math.max(maxDepth, max);
    for (const x of d) leafDepthSum += x;
    leaves += d.length;
  }
  return { nodes, meanDepth: depthSum / trees.length, maxDepth, meanLeafDepth: leafDepthSum / leaves };
}

function rowTable(table: Table, row: number): Table {
  return {
    rowCount: 1,
    columns: table.columns.map((c) => (c.kind === 'numeric' ? { ...c, values: c.values.subarray(row, row + 1) } : { ...c, codes: c.codes.subarray(row, row + 1) })),
  };
}

export async function main(argv: string[]): Promise<number> {
  const rows = Number(flagValue(argv, '--rows') ?? 100_000);
  const threads = Number(flagValue(argv, '--threads') ?? 2);
  const trees = Number(flagValue(argv, '--trees') ?? 100);
  const modelPath = flagValue(argv, '--model');
  const table = syntheticChurnTable(rows);
  const pool = createNodePool(threads);
  try {
    let model: ModelFile;
    if (modelPath && existsSync(modelPath)) {
      model = parseModelFile(readFileSync(modelPath, 'utf8'));
      console.log(`model: ${modelPath}`);
    } else {
      const t0 = performance.now();
      const trained = await trainModel(pool, table, {
        target: SYNTHETIC_TARGET, positive: SYNTHETIC_POSITIVE, idColumn: SYNTHETIC_ID, featureColumns: syntheticFeatureColumns(table),
        params: { ...presetParams('recommended'), trees, threads, seed: 42 }, dataSha256: `synthetic-${rows}`,
      });
      model = trained.model;
      console.log(`trained the recommended preset in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      if (modelPath) writeFileSync(modelPath, modelToJson(model));
    }
    const shape = forestShape(modelTrees(model));
    console.log(
      `rows ${rows}, features ${model.features.length}, trees ${model.trees.length}, nodes ${shape.nodes}, ` +
        `tree depth mean ${shape.meanDepth.toFixed(1)} max ${shape.maxDepth}, mean leaf depth ${shape.meanLeafDepth.toFixed(1)}, workers ${pool.size}`,
    );

    // Every worker starts and holds the forest before the clock runs.
    await explainTable(pool, model, rowTable(table, 0));
    const latencies: number[] = [];
    for (const r of [1, 2, 3, 4, 5]) {
      const t = performance.now();
      await explainTable(pool, model, rowTable(table, (r * 7919) % rows));
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    console.log(`one row: median ${latencies[2].toFixed(1)} ms (min ${latencies[0].toFixed(1)}, max ${latencies[4].toFixed(1)})`);

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const x = await explainTable(pool, model, table);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    let worst = 0;
    const F = x.features.length;
    for (let r = 0; r < rows; r++) {
      let s = x.base;
      for (let f = 0; f < F; f++) s += x.phi[r * F + f];
      worst = Math.max(worst, Math.abs(s - x.raw[r]));
    }
    console.log(`all rows: ${seconds.toFixed(1)} s (${((seconds * 1000 * threads) / rows).toFixed(3)} ms per row per worker; process CPU, all threads ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s); worst |base + Σφ − raw| ${worst.toExponential(2)}`);
    console.log(`SHAP_RESULT ${JSON.stringify({ rows, trees: model.trees.length, nodes: shape.nodes, meanDepth: shape.meanDepth, maxDepth: shape.maxDepth, workers: pool.size, seconds, oneRowMs: latencies[2], worst })}`);
    return 0;
  } finally {
    pool.dispose();
  }
}
