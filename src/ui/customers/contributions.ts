// Per-customer reasons as path contributions of the forest (Saabas): follow the row's path in
// every tree and credit each change of the node value (child − parent) to the split feature.
// Averaged over trees, base + Σ contributions equals the forest's soft (raw) prediction exactly,
// where base is the mean root value. Works on the serialized model, one row at a time, so the
// detail panel needs no binned copy of the whole table.
import type { FeatureSpec, ModelFile, SerializedTree } from '../../lib/engine/types.ts';
import { MISSING_BIN } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import { applyBinning } from '../../lib/engine/binning.ts';
import { correctProbability, needsCorrection } from '../../lib/engine/base-rate.ts';

export interface Contributions {
  /** Mean root value over trees: the model's average before looking at this customer. */
  base: number;
  /** One value per model feature (same order as model.features), in probability units. */
  values: Float64Array;
  /** base + Σ values: the forest's raw soft prediction for the row. */
  prediction: number;
}

/** One table row as a one-row table (views, no copies of the data). */
function rowTable(table: Table, row: number): Table {
  return {
    rowCount: 1,
    columns: table.columns.map((c) =>
      c.kind === 'numeric' ? { ...c, values: c.values.subarray(row, row + 1) } : { ...c, codes: c.codes.subarray(row, row + 1) },
    ),
  };
}

/** The given rows gathered into a smaller table (only the model's columns). */
function rowsTable(table: Table, rows: Uint32Array, names: Set<string>): Table {
  return {
    rowCount: rows.length,
    columns: table.columns
      .filter((c) => names.has(c.name))
      .map((c) =>
        c.kind === 'numeric'
          ? { ...c, values: Float64Array.from(rows, (r) => c.values[r]) }
          : { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) },
      ),
  };
}

/**
 * Contributions for many rows at once (a call list): rows × features, row-major, plus the base.
 * Bins only the requested rows, so a call list of a few thousand customers stays quick.
 */
export function contributionsForRows(
  model: Pick<ModelFile, 'trees' | 'features' | 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>,
  table: Table,
  rows: Uint32Array,
): { base: number; values: Float64Array } {
  const F = model.features.length;
  const m = applyBinning(rowsTable(table, rows, new Set(model.features.map((f) => f.name))), model.features);
  const out = new Float64Array(rows.length * F);
  const bins = new Uint8Array(F);
  let base = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let f = 0; f < F; f++) bins[f] = m.bins[f * rows.length + i];
    const c = toReportedScale(pathContributions(model, bins), model);
    out.set(c.values, i * F);
    base = c.base;
  }
  return { base, values: out };
}

/** Bins of one table row for every model feature, binned exactly as the engine bins whole tables. */
export function binRow(table: Table, features: FeatureSpec[], row: number): Uint8Array {
  return applyBinning(rowTable(table, row), features).bins;
}

/** Does a row with these bins go left at internal node n? */
export function goesLeft(tree: SerializedTree, features: FeatureSpec[], n: number, bins: Uint8Array): boolean {
  const f = tree.feature[n];
  const b = bins[f];
  if (b === MISSING_BIN) return tree.missingLeft[n] === 1;
  if (features[f].kind === 'numeric') return b <= tree.split[n];
  const word = tree.catMasks[tree.split[n] + (b >>> 5)];
  return ((word >>> (b & 31)) & 1) === 1;
}

/** Saabas path contributions of one row (given its bins) over all trees of the model. */
export function pathContributions(model: Pick<ModelFile, 'trees' | 'features'>, bins: Uint8Array): Contributions {
  const values = new Float64Array(model.features.length);
  const trees = model.trees;
  let base = 0;
  let prediction = 0;
  for (const tree of trees) {
    let n = 0;
    base += tree.value[0];
    while (tree.feature[n] >= 0) {
      const child = goesLeft(tree, model.features, n, bins) ? tree.left[n] : tree.right[n];
      values[tree.feature[n]] += tree.value[child] - tree.value[n];
      n = child;
    }
    prediction += tree.value[n];
  }
  const k = trees.length || 1;
  for (let f = 0; f < values.length; f++) values[f] /= k;
  return { base: base / k, values, prediction: prediction / k };
}

/** Indices of features ordered by absolute contribution, largest first, zeros dropped. */
export function rankContributions(values: Float64Array, limit = values.length): number[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) idx.push(i);
  idx.sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || a - b);
  return idx.slice(0, limit);
}

/**
 * Contributions on the probability scale the app reports. A model trained on balanced data has its
 * probabilities mapped back to the true base rate; that map is monotone, so scaling every
 * contribution by (corrected change) / (raw change) keeps each sign and the exact sum, and the
 * waterfall runs from the corrected average to the corrected score.
 */
export function toReportedScale(c: Contributions, model: Pick<ModelFile, 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>): Contributions {
  if (!model.baseRateCorrected || !needsCorrection(model.trainedBaseRate, model.trueBaseRate)) return c;
  const fix = (p: number) => correctProbability(p, model.trainedBaseRate, model.trueBaseRate);
  const base = fix(c.base);
  const prediction = fix(c.prediction);
  const raw = c.prediction - c.base;
  const values = new Float64Array(c.values.length);
  if (Math.abs(raw) > 1e-15) {
    const k = (prediction - base) / raw;
    for (let f = 0; f < values.length; f++) values[f] = c.values[f] * k;
  }
  return { base, values, prediction };
}
