// Per-customer reasons: exact TreeSHAP contributions from the wasm engine (src/lib/engine/shap.ts
// explains whole tables in the pool's workers). The customer panel, the call list and the global
// sample ask synchronously for one row or a few hundred, so they use the engine on the main thread
// (main-engine.svelte.ts): one row takes a few milliseconds.
//
// Scale: φ explain the forest's raw output. Leaf-corrected models report that output; for a
// baseRateCorrected model (balanced hard vote) toReportedScale rescales φ onto the reported
// probability (see reportedScale in shap.ts), so the waterfall runs from the corrected average to
// the corrected score.
import type { FeatureSpec, ModelFile, SerializedTree, TreeArrays } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import { applyBinning } from '../../lib/engine/binning.ts';
import { toTreeArrays } from '../../lib/engine/model-file.ts';
import { reportedScale } from '../../lib/engine/shap.ts';
import { mainEngine } from './main-engine.svelte.ts';

export { rankContributions } from '../../lib/explain/reasons.ts';
export { loadMainEngine } from './main-engine.svelte.ts';

export interface Contributions {
  /** The model's expected output before looking at this customer. */
  base: number;
  /** One value per model feature (same order as model.features), in probability units. */
  values: Float64Array;
  /** base + Σ values: the forest's output for the row. */
  prediction: number;
}

type ExplainedModel = Pick<ModelFile, 'trees' | 'features'> & { params: Pick<ModelFile['params'], 'vote'> };

const treeCache = new WeakMap<SerializedTree[], TreeArrays[]>();
function treesOf(model: ExplainedModel): TreeArrays[] {
  let t = treeCache.get(model.trees);
  if (!t) {
    t = model.trees.map(toTreeArrays);
    treeCache.set(model.trees, t);
  }
  return t;
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
 * Contributions for many rows at once (a call list, a sample): rows × features, row-major, on the
 * reported scale, plus the base. Bins only the requested rows.
 */
export function contributionsForRows(
  model: ExplainedModel & Pick<ModelFile, 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>,
  table: Table,
  rows: Uint32Array,
): { base: number; values: Float64Array } {
  const F = model.features.length;
  const m = applyBinning(rowsTable(table, rows, new Set(model.features.map((f) => f.name))), model.features);
  if (rows.length === 0) return { base: 0, values: new Float64Array(0) };
  const x = mainEngine().contributions(treesOf(model), m, model.params.vote);
  const out = new Float64Array(rows.length * F);
  let base = x.base;
  for (let i = 0; i < rows.length; i++) {
    const c = reportedScale(model, x.base, x.raw[i], x.phi.subarray(i * F, (i + 1) * F));
    out.set(c.values, i * F);
    base = c.base;
  }
  return { base, values: out };
}

/**
 * As contributionsForRows, a few rows at a time with a turn for the page between slices (sized to
 * about 40 ms each), so a sample of hundreds of customers on deep forests never freezes the page.
 * Returns null when `isStale()` says the result is no longer wanted.
 */
export async function contributionsForRowsPaced(
  model: ExplainedModel & Pick<ModelFile, 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>,
  table: Table,
  rows: Uint32Array,
  isStale: () => boolean,
  /** Stop after this much computing (ms); the result then covers the first `rows` done. */
  budgetMs = Infinity,
): Promise<{ base: number; values: Float64Array; rows: number } | null> {
  const F = model.features.length;
  const m = applyBinning(rowsTable(table, rows, new Set(model.features.map((f) => f.name))), model.features);
  const out = new Float64Array(rows.length * F);
  if (rows.length === 0) return { base: 0, values: out, rows: 0 };
  const engine = mainEngine();
  const trees = treesOf(model);
  let base = 0;
  let step = 1;
  let spent = 0;
  let start = 0;
  while (start < rows.length && spent < budgetMs) {
    const t0 = performance.now();
    const end = Math.min(rows.length, start + step);
    const x = engine.contributions(trees, m, model.params.vote, start, end);
    for (let i = start; i < end; i++) {
      const k = i - start;
      const c = reportedScale(model, x.base, x.raw[k], x.phi.subarray(k * F, (k + 1) * F));
      out.set(c.values, i * F);
      base = c.base;
    }
    start = end;
    const dt = performance.now() - t0;
    spent += dt;
    step = Math.max(1, Math.min(512, Math.round((step * 40) / Math.max(1, dt))));
    await new Promise((r) => setTimeout(r, 0));
    if (isStale()) return null;
  }
  return { base, values: start < rows.length ? out.slice(0, start * F) : out, rows: start };
}

/** Bins of one table row for every model feature, binned exactly as the engine bins whole tables. */
export function binRow(table: Table, features: FeatureSpec[], row: number): Uint8Array {
  return applyBinning(rowTable(table, row), features).bins;
}

/**
 * Exact TreeSHAP contributions of one row (given its bins) over all trees of the model, on the
 * forest's raw scale: base + Σ values = prediction = the forest's output for the row.
 */
export function shapContributions(model: ExplainedModel, bins: Uint8Array): Contributions {
  const x = mainEngine().contributions(treesOf(model), { rows: 1, features: model.features, bins }, model.params.vote);
  return { base: x.base, values: x.phi, prediction: x.raw[0] };
}

/** The customer panel's name for shapContributions (kept so the panel's code reads unchanged). */
export const pathContributions = shapContributions;

/** Contributions on the probability scale the app reports (see reportedScale in shap.ts). */
export function toReportedScale(c: Contributions, model: Pick<ModelFile, 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>): Contributions {
  if (!model.baseRateCorrected) return c;
  return reportedScale(model, c.base, c.prediction, c.values);
}
