// Training on a Table: labels → stratified split → binning learned on the training rows →
// forest (in the pool's workers) → honest scores (test and out-of-bag) → metrics, importance
// and the model file. Everything here is host-side bookkeeping; the heavy work is in the pool.
import type { Table } from '../table/types.ts';
import { CancelledError, UserError } from '../errors.ts';
import { metricsFromRank } from '../evaluate/metrics.ts';
import { rankTablePaced } from '../evaluate/rank-table.ts';
import { defaultTierCutsFromRank } from '../evaluate/tiers.ts';
import { honestLabelled } from '../evaluate/honest.ts';
import type { EnginePool } from './forest.ts';
import type { Metrics, SerializedTree, TrainParams, TrainRequest, TrainedModel } from './types.ts';
import { makeLabels } from './labels.ts';
import { stratifiedSplit } from './split.ts';
import { applyBinningPaced, learnBinningPaced, selectRows } from './binning.ts';
import { balancedRate, correctProbabilities, correctsLeaves, needsCorrection } from './base-rate.ts';
import { permutationImportance } from './permutation.ts';
import { MAX_TREES, serializeModel, serializeTree } from './model-file.ts';

export interface TrainPhase {
  phase: 'binning' | 'training' | 'evaluating';
  treesDone?: number;
  treesTotal?: number;
}

export interface TrainOptions {
  onProgress?: (p: TrainPhase) => void;
  signal?: AbortSignal;
  /** Fixed creation time (tests, reproducible builds); default now. */
  createdAt?: string;
}

/** Threshold on the (corrected) churn probability used for the stored metrics. */
export const METRICS_THRESHOLD = 0.5;

/** Source codes of TrainedModel.rowProbSource. */
export const SOURCE_FULL = 0;
export const SOURCE_TEST = 1;
export const SOURCE_OOB = 2;

/**
 * Leaf size for the single readable tree: at least 1% of the training rows, so every rule
 * speaks for enough customers to act on, and never below the user's own setting.
 */
export function treeMinLeaf(minLeaf: number, trainRows: number): number {
  return Math.max(1, minLeaf, Math.ceil(0.01 * trainRows));
}

/** The parameters the kernel actually runs with (tree mode adapts trees and leaf size). */
export function effectiveParams(params: TrainParams, trainRows: number): TrainParams {
  if (params.mode !== 'tree') return { ...params };
  const minLeaf = treeMinLeaf(params.minLeaf, trainRows);
  return { ...params, trees: 1, minLeaf, minSplit: Math.max(params.minSplit, 2 * minLeaf) };
}

export async function trainModel(pool: EnginePool, table: Table, req: TrainRequest, opts: TrainOptions = {}): Promise<TrainedModel> {
  const t0 = performance.now();
  const { signal, onProgress } = opts;
  const check = () => {
    if (signal?.aborted) throw new CancelledError();
  };
  checkRequest(req);
  onProgress?.({ phase: 'binning' });
  const { labels, missing } = makeLabels(table, req.target, req.positive);
  const split = req.split ? checkedSplit(req.split, labels) : stratifiedSplit(labels, req.params.testFraction, req.params.seed);
  const params = effectiveParams(req.params, split.train.length);
  const pause = pacer();
  await pause();
  // Column by column with turns for the event loop: on a big table binning takes seconds.
  const features = await learnBinningPaced(table, req.featureColumns, { rows: split.train }, pause);
  const matrix = await applyBinningPaced(table, features, pause);
  check();

  onProgress?.({ phase: 'training', treesDone: 0, treesTotal: params.trees });
  const forest = await pool.trainForest(matrix, labels, split.train, params, {
    signal,
    onProgress: (p) => onProgress?.({ phase: 'training', treesDone: p.treesDone, treesTotal: p.treesTotal }),
  });
  check();

  onProgress?.({ phase: 'evaluating' });
  // The model keeps the kernel's typed arrays (plus thresholds) and every later prediction uses this
  // very array, so the pool's workers get the forest once and scoring the table afterwards reuses it.
  const trees: SerializedTree[] = [];
  for (const t of forest.trees) {
    trees.push(serializeTree(t, features));
    await pause();
  }
  // Soft votes were corrected leaf by leaf in the kernel (base-rate.ts correctsLeaves); only a
  // balanced hard vote still needs its output corrected.
  const corrected = params.balance !== 'none' && !correctsLeaves(params) && needsCorrection(forest.trainedBaseRate, forest.trueBaseRate);
  const fix = (p: Float64Array) => (corrected ? correctProbabilities(p, forest.trainedBaseRate, forest.trueBaseRate) : p);
  const oobProb = fix(forest.oob);

  // Rows with no honest score (no OOB, target missing) and the test rows get the full forest.
  const n = table.rowCount;
  const rowProb = new Float64Array(n).fill(NaN);
  const rowProbSource = new Uint8Array(n);
  split.train.forEach((r, i) => {
    if (oobProb[i] === oobProb[i]) {
      rowProb[r] = oobProb[i];
      rowProbSource[r] = SOURCE_OOB;
    }
  });
  for (const r of split.test) rowProbSource[r] = SOURCE_TEST;
  const need: number[] = [];
  for (let r = 0; r < n; r++) if (rowProb[r] !== rowProb[r]) need.push(r);
  const needRows = Uint32Array.from(need);
  await pause();
  const needProb = fix(await pool.predict(trees, selectRows(matrix, needRows), params.vote));
  needRows.forEach((r, i) => (rowProb[r] = needProb[i]));
  const testProb = Float64Array.from(split.test, (r) => rowProb[r]);
  check();
  await pause();

  // Ranking metrics sort every score: paced, as a million-row table has ~900k OOB scores.
  const metricsOf = async (y: Uint8Array, p: Float64Array): Promise<Metrics> =>
    metricsFromRank(await rankTablePaced(y, p, pause), y, p, METRICS_THRESHOLD);
  const metrics: { test?: Metrics; oob?: Metrics } = {};
  if (split.test.length > 0) metrics.test = await metricsOf(pick(labels, split.test), testProb);
  await pause();
  // OOB metrics only when both classes have OOB scores: oversampled churners are in every
  // bootstrap, and metrics over stayers alone would look meaningful while saying nothing.
  const trainLabels = pick(labels, split.train);
  await pause();
  if (hasBothClasses(trainLabels, oobProb)) metrics.oob = await metricsOf(trainLabels, oobProb);
  await pause();

  // Permutation importance needs rows the trees never saw; the test set is the only such set for
  // every tree at once (OOB rows differ per tree and the pool does not expose them).
  const permutation =
    split.test.length > 0
      ? await permutationImportance(pool, trees, matrix, split.test, labels, params, signal)
      : undefined;

  // Default tier cuts, stored with the model so a new file scored later (app or CLI) gets the tiers
  // the user saw: the same rule as the app's, on the honestly scored labelled rows.
  const honest = honestLabelled({ labels, rowProb, rowProbSource });
  const cuts = honest.labels.length > 0 ? defaultTierCutsFromRank(await rankTablePaced(honest.labels, honest.probs, pause), honest.probs) : null;
  await pause();

  check();
  const model = serializeModel({
    target: { column: req.target, positive: req.positive },
    idColumn: req.idColumn,
    features,
    params,
    trees: [],
    trainedBaseRate: forest.trainedBaseRate,
    trueBaseRate: forest.trueBaseRate,
    baseRateCorrected: corrected,
    leafValuesCorrected: correctsLeaves(params) && needsCorrection(balancedRate(params, forest.trueBaseRate), forest.trueBaseRate),
    importance: { impurity: forest.impurityImportance, permutation },
    metrics,
    ...(cuts ? { tierCuts: { atRisk: cuts.atRisk, churned: cuts.churned } } : {}),
    data: { sha256: req.dataSha256, rows: n, columns: table.columns.length },
    createdAt: opts.createdAt,
  });
  model.trees = trees;
  return {
    model,
    labels,
    trainRows: split.train,
    testRows: split.test,
    testProb,
    oobProb,
    rowProb,
    rowProbSource,
    excludedRows: missing,
    elapsedMs: performance.now() - t0,
  };
}

/**
 * Returns a pause that gives the event loop a turn once about 40 ms of work have passed since the
 * last one: host-side steps on a big table must not freeze the page they run on.
 */
function pacer(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 40) return;
    await new Promise((r) => setTimeout(r));
    last = performance.now();
  };
}

function hasBothClasses(labels: Uint8Array, prob: Float64Array): boolean {
  let pos = false;
  let neg = false;
  for (let i = 0; i < labels.length; i++) {
    if (prob[i] !== prob[i]) continue;
    if (labels[i] === 1) pos = true;
    else if (labels[i] === 0) neg = true;
  }
  return pos && neg;
}

function pick(labels: Uint8Array, rows: Uint32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = labels[rows[i]];
  return out;
}

/** Settings a user (or a hand-edited CLI config) can get wrong, checked before any work. */
function checkRequest(req: TrainRequest): void {
  if (req.featureColumns.length === 0) throw new UserError('model.noFeatures');
  for (const c of [req.target, req.idColumn]) {
    if (c !== null && req.featureColumns.includes(c)) throw new UserError('model.targetAsFeature', { column: c });
  }
  const p = req.params;
  const badNum = (name: keyof TrainParams, ok: boolean) => {
    if (!ok) throw new UserError('model.badParams', { name });
  };
  badNum('trees', Number.isInteger(p.trees) && p.trees >= 1 && p.trees <= MAX_TREES);
  badNum('mtry', typeof p.mtry === 'string' ? ['sqrt', 'log2', 'all'].includes(p.mtry) : p.mtry > 0);
  badNum('maxDepth', Number.isInteger(p.maxDepth) && p.maxDepth >= 0);
  badNum('minLeaf', Number.isInteger(p.minLeaf) && p.minLeaf >= 1);
  badNum('minSplit', Number.isInteger(p.minSplit) && p.minSplit >= 0);
  badNum('minGain', p.minGain >= 0);
  badNum('oversampleK', Number.isInteger(p.oversampleK) && p.oversampleK >= 1);
  badNum('sampleFraction', p.sampleFraction > 0 && p.sampleFraction <= 10);
  badNum('seed', Number.isFinite(p.seed));
  badNum('threads', Number.isInteger(p.threads) && p.threads >= 0);
}

/**
 * A caller-given split (e.g. the time-based split of a transaction log: past cutoffs train, a later
 * cutoff validates) checked against the labels: rows in range, labelled, and in one set only.
 */
function checkedSplit(split: { train: Uint32Array; test: Uint32Array }, labels: Uint8Array): { train: Uint32Array; test: Uint32Array } {
  const seen = new Uint8Array(labels.length);
  const keep = (rows: Uint32Array): Uint32Array => {
    const out: number[] = [];
    for (const r of rows) {
      if (r >= labels.length || labels[r] === 255 || seen[r]) continue;
      seen[r] = 1;
      out.push(r);
    }
    return Uint32Array.from(out.sort((a, b) => a - b));
  };
  const train = keep(split.train);
  const test = keep(split.test);
  let pos = 0;
  for (const r of train) pos += labels[r];
  if (train.length === 0 || pos === 0 || pos === train.length) throw new UserError('model.singleClass', { column: 'train' });
  return { train, test };
}
