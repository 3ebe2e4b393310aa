// The ONNX export of real trained forests, scored by an independent runtime (onnxruntime-node),
// matched row by row against the app's own probabilities (scoreTable) on shipped samples:
// numeric and categorical features, missing values, soft and hard votes, base-rate corrections.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { parseCsvFile } from '../../../src/lib/ingest/node.ts';
import { profileTable, suggestFeatureColumns, detectTarget } from '../../../src/lib/profile/index.ts';
import { createInlinePool } from '../../../src/lib/engine/pool-inline.ts';
import { trainModel } from '../../../src/lib/engine/train.ts';
import { scoreTable } from '../../../src/lib/engine/score.ts';
import { presetParams, type PresetName } from '../../../src/lib/engine/presets.ts';
import { modelToOnnx } from '../../../src/lib/export/onnx/tree-ensemble.ts';
import type { EnginePool } from '../../../src/lib/engine/forest.ts';
import type { ModelFile } from '../../../src/lib/engine/types.ts';
import type { Table } from '../../../src/lib/table/types.ts';

const SAMPLES = join(import.meta.dirname, '../../../public/samples');

/** The README's input contract: X[N, F] in model.features order; category index; NaN = missing/unknown. */
function onnxInput(model: ModelFile, table: Table): Float32Array {
  const F = model.features.length;
  const x = new Float32Array(table.rowCount * F);
  model.features.forEach((f, j) => {
    const col = table.columns.find((c) => c.name === f.name);
    if (!col) throw new Error(`no column ${f.name}`);
    if (f.kind === 'numeric') {
      if (col.kind !== 'numeric') throw new Error(`${f.name} is not numeric in the table`);
      for (let r = 0; r < table.rowCount; r++) x[r * F + j] = col.values[r];
    } else {
      if (col.kind !== 'categorical') throw new Error(`${f.name} is not categorical in the table`);
      const index = new Map(f.categories.map((c, i) => [c, i]));
      const byCode = col.levels.map((l) => index.get(l) ?? NaN);
      for (let r = 0; r < table.rowCount; r++) x[r * F + j] = col.codes[r] < 0 ? NaN : byCode[col.codes[r]];
    }
  });
  return x;
}

async function trainOn(pool: EnginePool, file: string, preset: PresetName, trees: number) {
  const parsed = await parseCsvFile(join(SAMPLES, file));
  const target = detectTarget(parsed.table)!;
  const profile = profileTable(parsed.table, { column: target.column, positive: target.positive });
  const { features } = suggestFeatureColumns(parsed.table, { column: target.column, positive: target.positive }, profile);
  const params = { ...presetParams(preset), trees, threads: 1 };
  const tm = await trainModel(pool, parsed.table, {
    target: target.column,
    positive: target.positive,
    idColumn: null,
    featureColumns: features,
    params,
    dataSha256: parsed.sha256,
  });
  return { table: parsed.table, model: tm.model };
}

async function onnxProbabilities(model: ModelFile, table: Table): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(modelToOnnx(model));
  const F = model.features.length;
  const out = await session.run({ X: new ort.Tensor('float32', onnxInput(model, table), [table.rowCount, F]) });
  return out.probabilities.data as Float32Array;
}

describe('ONNX export of trained forests, checked by onnxruntime-node', () => {
  let pool: EnginePool;
  beforeAll(() => {
    pool = createInlinePool();
  });
  afterAll(() => pool.dispose());

  const cases: [string, PresetName, number][] = [
    ['Telco-Customer-Churn.csv', 'recommended', 30], // categories, 11 missing TotalCharges, leaf-corrected soft vote
    ['Churn_Modelling.csv', 'mahout', 20], // hard vote on oversampled trees, output prior-shift correction
    ['Telco-Customer-Churn.csv', 'tree', 1], // single tree with class weights
  ];
  for (const [file, preset, trees] of cases) {
    it(`${file}, ${preset}: every row's probability within 1e-5 of the app's`, async () => {
      const { table, model } = await trainOn(pool, file, preset, trees);
      const { prob } = await scoreTable(pool, model, table);
      const z = await onnxProbabilities(model, table);
      let worst = 0;
      for (let r = 0; r < table.rowCount; r++) {
        worst = Math.max(worst, Math.abs(z[r * 2 + 1] - prob[r]), Math.abs(z[r * 2] - (1 - prob[r])));
      }
      expect(worst).toBeLessThan(1e-5);
    }, 120_000);
  }
});
