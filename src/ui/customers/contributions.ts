// Per-customer reasons: exact TreeSHAP contributions computed by the app's engine workers (the
// pool training uses), never on the page's own thread: one customer of a forest trained on a million
// rows is millions of nodes to walk. One customer's trees are shared out to the workers
// (EnginePool.contributions splits a few rows by trees, with the same bits as one worker).
//
// Scale: φ explain the forest's raw output. Leaf-corrected models report that output; for a
// baseRateCorrected model (balanced hard vote) toReportedScale rescales φ onto the reported
// probability (see reportedScale in shap.ts), so the waterfall runs from the corrected average to
// the corrected score.
import type { FeatureSpec, ModelFile } from '../../lib/engine/types.ts';
import type { EnginePool } from '../../lib/engine/forest.ts';
import type { Table } from '../../lib/table/types.ts';
import { applyBinning } from '../../lib/engine/binning.ts';
import { reportedScale } from '../../lib/engine/shap.ts';
import { enginePool } from '../state/engine-pool.ts';

export { rankContributions } from '../../lib/explain/reasons.ts';

export interface Contributions {
  /** The model's expected output before looking at this customer. */
  base: number;
  /** One value per model feature (same order as model.features), in probability units. */
  values: Float64Array;
  /** base + Σ values: the forest's output for the row. */
  prediction: number;
}

type ExplainedModel = Pick<ModelFile, 'trees' | 'features'> & { params: Pick<ModelFile['params'], 'vote'> };
type ScaledModel = ExplainedModel & Pick<ModelFile, 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>;

let chosenPool: EnginePool | null = null;

/** Run explanations in `pool` instead of the app's workers (tests, and pages without workers); null restores. */
export function setExplainPool(pool: EnginePool | null): void {
  chosenPool = pool;
}

async function explainPool(): Promise<EnginePool> {
  if (chosenPool) return chosenPool;
  return enginePool();
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
 * reported scale, plus the base and each row's prediction (base + its contributions). Bins only
 * the requested rows.
 */
export async function contributionsForRows(
  model: ScaledModel, table: Table, rows: Uint32Array,
): Promise<{ base: number; values: Float64Array; predictions: Float64Array }> {
  const F = model.features.length;
  const m = applyBinning(rowsTable(table, rows, new Set(model.features.map((f) => f.name))), model.features);
  if (rows.length === 0) return { base: 0, values: new Float64Array(0), predictions: new Float64Array(0) };
  const x = await (await explainPool()).contributions(model.trees, m, model.params.vote);
  const out = new Float64Array(rows.length * F);
  const predictions = new Float64Array(rows.length);
  let base = x.base;
  for (let i = 0; i < rows.length; i++) {
    const c = reportedScale(model, x.base, x.raw[i], x.phi.subarray(i * F, (i + 1) * F));
    out.set(c.values, i * F);
    predictions[i] = c.prediction;
    base = c.base;
  }
  return { base, values: out, predictions };
}

/** Bins of one table row for every model feature, binned exactly as the engine bins whole tables. */
export function binRow(table: Table, features: FeatureSpec[], row: number): Uint8Array {
  return applyBinning(rowTable(table, row), features).bins;
}

/**
 * Exact TreeSHAP contributions of one row (given its bins) over all trees of the model, on the
 * forest's raw scale: base + Σ values = prediction = the forest's output for the row.
 */
export async function shapContributions(model: ExplainedModel, bins: Uint8Array): Promise<Contributions> {
  const x = await (await explainPool()).contributions(model.trees, { rows: 1, features: model.features, bins }, model.params.vote);
  return { base: x.base, values: x.phi, prediction: x.raw[0] };
}

interface Waiting {
  run: () => Promise<Contributions>;
  resolve: (c: Contributions | null) => void;
  reject: (e: unknown) => void;
}

let running = false;
let waiting: Waiting | null = null;

function pump(): void {
  if (running || !waiting) return;
  const job = waiting;
  waiting = null;
  running = true;
  job
    .run()
    .then(job.resolve, job.reject)
    .finally(() => {
      running = false;
      pump();
    });
}

/**
 * The customer panel's explanation of one row (raw scale), one at a time: while one is computed, a
 * newer request replaces any older one still waiting, which resolves to null without being
 * computed, so clicking through customers never piles work up in the workers.
 */
export function explainCustomer(model: ExplainedModel, table: Table, row: number): Promise<Contributions | null> {
  waiting?.resolve(null);
  return new Promise<Contributions | null>((resolve, reject) => {
    waiting = { run: async () => shapContributions(model, binRow(table, model.features, row)), resolve, reject };
    pump();
  });
}

/** Contributions on the probability scale the app reports (see reportedScale in shap.ts). */
export function toReportedScale(c: Contributions, model: Pick<ModelFile, 'baseRateCorrected' | 'trainedBaseRate' | 'trueBaseRate'>): Contributions {
  if (!model.baseRateCorrected) return c;
  return reportedScale(model, c.base, c.prediction, c.values);
}
