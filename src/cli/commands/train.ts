// `churnlens train DATA.csv --target COL --out MODEL.json [options]`: read the file, choose the
// feature columns, train on a worker pool, print test and OOB metrics, write the model file.
import { UserError } from '../../lib/errors.ts';
import { translate } from '../../lib/i18n/index.ts';
import { computeMetrics } from '../../lib/evaluate/metrics.ts';
import { bestF1Threshold, rankTable } from '../../lib/evaluate/rank-table.ts';
import { labelsAt } from '../../lib/evaluate/subset.ts';
import { createNodePool } from '../../lib/engine/pool-node.ts';
import { trainModel } from '../../lib/engine/train.ts';
import { modelJsonParts } from '../../lib/engine/model-file.ts';
import type { Metrics, TrainedModel, TrainRequest } from '../../lib/engine/types.ts';
import { boolFlag, listFlag, numberFlag, parseArgs, requireFlag, requirePositionals, stringFlag, type FlagSpec } from '../args.ts';
import type { CliContext } from '../context.ts';
import { writeTextParts } from '../files.ts';
import { TRAIN_HELP } from '../help.ts';
import { trainParamsFromArgs } from '../train-settings.ts';
import { chooseColumns } from '../columns.ts';
import { readCsvTable } from '../read-table.ts';
import { requireEngineBuilt } from '../engine-check.ts';
import { progressReporter } from '../progress.ts';
import { printWarnings } from '../warnings.ts';
import { fixed, textTable } from '../text-table.ts';

/** Every option of `train` (the audit report's command line is checked against them). */
export const TRAIN_FLAGS: FlagSpec[] = [
  'target', 'positive', 'id', 'drop', 'trees', 'mtry', 'criterion', 'max-depth', 'min-leaf', 'min-split',
  'balance', 'vote', 'test-fraction', 'seed', 'threads', 'preset', 'threshold', 'out',
].map((name) => ({ name, kind: 'string' as const }));
TRAIN_FLAGS.push({ name: 'help', kind: 'bool' }, { name: 'no-id', kind: 'bool' });

export async function runTrain(argv: string[], ctx: CliContext): Promise<void> {
  const args = parseArgs('train', argv, TRAIN_FLAGS);
  if (boolFlag(args, 'help')) {
    ctx.stdout(TRAIN_HELP);
    return;
  }
  // Every command-line mistake is reported before the (possibly long) read of the data.
  const [dataPath] = requirePositionals('train', args, ['DATA.csv']);
  const target = requireFlag('train', args, 'target');
  const out = requireFlag('train', args, 'out');
  const params = trainParamsFromArgs(args);
  const chosenThreshold = numberFlag(args, 'threshold', 0, 1);
  requireEngineBuilt();

  const { table, sha256, warnings } = await readCsvTable(dataPath);
  printWarnings(ctx, warnings);
  const cols = chooseColumns(table, {
    target,
    positive: stringFlag(args, 'positive'),
    id: boolFlag(args, 'no-id') ? null : stringFlag(args, 'id'),
    drop: listFlag(args, 'drop'),
  });
  if (cols.positiveDetected) {
    ctx.stderr(translate(ctx.locale, 'cli.positiveDetected', { column: target, value: cols.positive }) + '\n');
    // "1" read as churned in a file coded 1 = active, 2 = closed would flip every figure.
    if (cols.churnRate > 0.5) ctx.stderr(translate(ctx.locale, 'cli.churnMajority', { value: cols.positive, rate: `${(100 * cols.churnRate).toFixed(1)}%` }) + '\n');
  }
  if (cols.idDetected) ctx.stderr(translate(ctx.locale, 'cli.idDetected', { column: cols.id! }) + '\n');
  if (cols.leftOut.length > 0) {
    const list = cols.leftOut.map((c) => `${c.column} (${translate(ctx.locale, `cli.leftOutReason.${c.reason}`)})`).join(', ');
    ctx.stderr(translate(ctx.locale, 'cli.leftOut', { columns: list }) + '\n');
  }

  if (cols.leakage.length > 0) ctx.stderr(translate(ctx.locale, 'cli.leakage', { columns: cols.leakage.join(', ') }) + '\n');

  const request: TrainRequest = {
    target,
    positive: cols.positive,
    idColumn: cols.id,
    featureColumns: cols.features,
    params,
    dataSha256: sha256,
  };
  const pool = createNodePool(params.threads);
  let trained: TrainedModel;
  const progress = progressReporter(ctx);
  try {
    trained = await trainModel(pool, table, request, { onProgress: progress.update });
  } finally {
    progress.done();
    pool.dispose();
  }

  // As the app: the best F1 on the held-out rows (else the out-of-bag ones) unless --threshold says.
  const headline = trained.testRows.length > 0 ? { rows: trained.testRows, prob: trained.testProb, set: 'test' } : { rows: trained.trainRows, prob: trained.oobProb, set: 'oob' };
  const threshold = chosenThreshold ?? bestF1Threshold(rankTable(labelsAt(trained.labels, headline.rows), headline.prob));
  const test = subsetMetrics(trained.labels, trained.testRows, trained.testProb, threshold);
  const oob = subsetMetrics(trained.labels, trained.trainRows, trained.oobProb, threshold);
  const model = trained.model;
  // The model records the metrics at the threshold the user chose, as printed.
  model.metrics = { ...(test ? { test } : {}), ...(oob ? { oob } : {}) };
  // Written tree by tree: a forest on a million rows is more JSON than one string can hold.
  await writeTextParts(out, modelJsonParts(model));

  if (trained.excludedRows > 0) ctx.stderr(translate(ctx.locale, 'cli.excludedRows', { rows: trained.excludedRows }) + '\n');
  ctx.stdout(metricsTable(test, oob));
  ctx.stdout(
    (chosenThreshold === undefined
      ? translate(ctx.locale, 'cli.thresholdBestF1', { threshold: fixed(threshold, 4), set: translate(ctx.locale, `cli.set.${headline.set}`) })
      : translate(ctx.locale, 'cli.thresholdGiven', { threshold: String(threshold) })) + '\n',
  );
  ctx.stdout(
    translate(ctx.locale, 'cli.trained', {
      trees: model.trees.length,
      rows: trained.trainRows.length,
      seconds: (trained.elapsedMs / 1000).toFixed(1),
      path: out,
    }) + '\n',
  );
}

/** Metrics over the rows of one set that have a prediction (OOB may be NaN for a few rows). */
function subsetMetrics(labels: Uint8Array, rows: Uint32Array, prob: Float64Array, threshold: number): Metrics | undefined {
  const y = new Uint8Array(rows.length);
  let scored = 0;
  for (let i = 0; i < rows.length; i++) {
    y[i] = labels[rows[i]];
    if (!Number.isNaN(prob[i])) scored++;
  }
  if (scored === 0) return undefined;
  return computeMetrics(y, prob, threshold);
}

export function metricsTable(test: Metrics | undefined, oob: Metrics | undefined): string {
  const row = (name: string, m: Metrics | undefined) => [
    name,
    m ? String(m.rows) : '—',
    fixed(m?.auc, 4),
    fixed(m?.recall, 4),
    fixed(m?.precision, 4),
    fixed(m?.f1, 4),
  ];
  return textTable(
    ['set', 'rows', 'AUC', 'recall', 'precision', 'F1'],
    [row('test', test), row('out-of-bag', oob)],
  );
}
