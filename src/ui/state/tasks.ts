// Long work started from the UI: parse a file, train, export, load a model, score a file.
// Each task shows progress with Cancel, turns failures into a translated message, and never
// discards what the user already has: a failed or cancelled parse keeps the previous file,
// a failed training keeps the previous model.
import { isCancelled, isUserError, type MessageParams } from '../../lib/errors.ts';
import { parseFileInWorker, sampleFileInWorker } from '../../lib/ingest/browser.ts';
import type { SampleOptions } from '../../lib/ingest/sample.ts';
import type { ParseProgress, ParsedFile } from '../../lib/ingest/types.ts';
import { enginePool } from './engine-pool.ts';
import { trainModel } from '../../lib/engine/train.ts';
import { scoreTable } from '../../lib/engine/score.ts';
import { modelBlob, parseModelChunks } from '../../lib/engine/model-file.ts';
import { blobTextChunks } from '../../lib/io/blob-text.ts';
import type { TrainRequest } from '../../lib/engine/types.ts';
import { assignTiers, defaultTierCuts } from '../../lib/evaluate/tiers.ts';
import { buildScoresCsv, type ScoresCsvInput } from '../../lib/export/scores.ts';
import { downloadBlob, downloadText } from '../../lib/export/download.ts';
import type { AppState, BusyTask, DataMode, RaggedPolicy, ScoringView, Training } from './app.svelte.ts';
import { looksLikeLog } from '../load/log-detect.ts';
import { NO_ACTIVITY_SOURCE, scoringModel, withInactiveRows } from './log-scoring.ts';
import { defaultThreshold, headlineSet } from './evaluation.ts';
import { evaluateTrained } from '../results/evaluate-offthread.ts';
import { positiveFor, rolesFor } from './roles.ts';
import { guessIdColumn } from '../../lib/profile/index.ts';
import { lookBeforeReading, type ReadLabel } from '../load/big-file.ts';
import { fmtInt, fmtMB } from './format.ts';
import { reasonTextsForTable } from '../customers/reasons.ts';
import { profileKey, profileOffThread, profilesOffThread, releaseProfileWorker } from '../../lib/profile/browser.ts';


export interface Task {
  signal: AbortSignal;
  progress(fraction: number | null, detailKey: string, detailParams: MessageParams): void;
  /** Clears the progress panel, unless a newer task already replaced this one. */
  end(): void;
}

export function startTask(app: AppState, kind: BusyTask['kind'], labelKey: string, labelParams: MessageParams): Task {
  const ac = new AbortController();
  const cancel = () => ac.abort();
  const mine = () => app.busy?.cancel === cancel;
  app.busy = { kind, labelKey, labelParams, detailKey: null, detailParams: {}, fraction: null, startedAt: Date.now(), cancel };
  return {
    signal: ac.signal,
    progress(fraction, detailKey, detailParams) {
      if (mine()) app.busy = { ...app.busy!, fraction, detailKey, detailParams };
    },
    end() {
      if (mine()) app.busy = null;
    },
  };
}

/** Shows what went wrong; a cancel is a normal outcome and shows nothing. */
export function report(app: AppState, e: unknown, engineWork: boolean): void {
  if (isCancelled(e)) return;
  if (isUserError(e)) {
    app.showError(e.key, e.params);
    return;
  }
  console.error(e);
  if (engineWork) {
    app.showError('ui.error.worker');
  } else {
    app.showError('ui.error.unexpected', { message: e instanceof Error ? e.message : String(e) });
  }
}

async function parse(app: AppState, file: File, raggedPolicy: RaggedPolicy, label?: ReadLabel): Promise<ParsedFile | null> {
  const task = startTask(app, 'parse', label?.key ?? 'ui.progress.parse', label?.params ?? { name: file.name });
  try {
    return await parseFileInWorker(file, { raggedPolicy, signal: task.signal, onProgress: parseProgress(app, task) });
  } catch (e) {
    report(app, e, false);
    return null;
  } finally {
    task.end();
  }
}

function parseProgress(app: AppState, task: Task): (p: ParseProgress) => void {
  return (p) =>
    task.progress(p.totalBytes > 0 ? p.bytes / p.totalBytes : null, 'ui.progress.parseDetail', {
      rows: fmtInt(app.locale, p.rows),
      done: fmtMB(app.locale, p.bytes),
      total: fmtMB(app.locale, p.totalBytes),
    });
}

/** The one pass over a file too big for the tab that keeps a stratified sample (see lib/ingest/sample.ts). */
export async function samplePass(app: AppState, file: File, sample: SampleOptions, raggedPolicy: RaggedPolicy): Promise<ParsedFile | null> {
  const task = startTask(app, 'parse', 'bigfile.progress.sample', { name: file.name, n: fmtInt(app.locale, sample.rows) });
  try {
    return await sampleFileInWorker(file, sample, { raggedPolicy, signal: task.signal, onProgress: parseProgress(app, task) });
  } catch (e) {
    report(app, e, false);
    return null;
  } finally {
    task.end();
  }
}

/** Open a data file: parse it, set up roles from the profile, go to Profile. */
export async function openFile(app: AppState, file: File): Promise<void> {
  if (app.busy) app.busy.cancel();
  if (/\.json$/i.test(file.name)) return loadModelFile(app, file);
  app.dismissError();
  app.bigOffer = null;
  // A file that may not fit the tab is sized up from its first megabyte before the long read starts:
  // too big, and the Load step offers a sample instead of a read that would crash the tab.
  const look = await lookBeforeReading(app, file);
  if (look === 'offered') return;
  const parsed = await parse(app, file, 'keep', look ?? undefined);
  if (!parsed) return;
  await adoptParsed(app, file, parsed);
}

/**
 * A freshly read file (or sample) becomes the current one: roles guessed from its table (or with
 * `target`, the churn column the user chose for the sample), a big table profiled, on to Profile.
 */
export async function adoptParsed(app: AppState, file: File, parsed: ParsedFile, chosenTarget?: string): Promise<void> {
  // A turn for the page between receiving a big table and scanning it for roles.
  await new Promise((r) => setTimeout(r));
  const guessed = app.mode === 'log' ? { roles: null, detected: null } : rolesFor(parsed.table);
  const { roles, detected } =
    guessed.roles && chosenTarget !== undefined && guessed.roles.target !== chosenTarget
      ? {
          roles: { ...guessed.roles, target: chosenTarget, positive: positiveFor(parsed.table, chosenTarget), idColumn: guessIdColumn(parsed.table, chosenTarget) },
          detected: guessed.detected,
        }
      : guessed;
  // A big table is profiled in the worker before the Profile step shows it (see AppState.profile).
  if (roles && profilesOffThread(parsed.table)) {
    const target = roles.target !== null && roles.positive !== null ? { column: roles.target, positive: roles.positive } : null;
    const task = startTask(app, 'parse', 'ui.progress.parse', { name: file.name });
    try {
      const profile = await profileOffThread(parsed.table, target, parsed.report.formats);
      if (task.signal.aborted) return;
      app.profileReady = { table: parsed.table, key: profileKey(target), profile };
    } finally {
      task.end();
    }
  }
  app.file = { name: file.name, size: file.size, file, parsed, raggedPolicy: 'keep' };
  app.logFeatures = null;
  app.fullScores = null;
  if (app.mode === 'log' || !roles) {
    // The Log step maps the log's columns and builds the customer table; no roles until then.
    app.roles = { target: null, positive: null, idColumn: null, excluded: [], included: [] };
    app.detectedTarget = null;
    app.logOffer = null;
    app.step = 'log';
    return;
  }
  app.roles = roles;
  app.detectedTarget = detected;
  app.logOffer = looksLikeLog(parsed.table);
  app.step = 'profile';
}

/** Re-read the current file with the other ragged-row choice; the roles stay as they are. */
export async function reparse(app: AppState, raggedPolicy: RaggedPolicy): Promise<void> {
  const cur = app.file;
  if (!cur || cur.raggedPolicy === raggedPolicy) return;
  app.dismissError();
  const s = cur.parsed.sample;
  // A sampled file is never read whole: the same sample pass runs again with the other choice.
  const parsed = s
    ? await samplePass(app, cur.file, { target: s.target, rows: s.sampledRows, seed: s.seed }, raggedPolicy)
    : await parse(app, cur.file, raggedPolicy);
  if (!parsed) return;
  app.file = { ...cur, parsed, raggedPolicy };
}

/** Open a bundled sample; `mode` says whether it is a customer table or a transaction log. */
export async function openSample(app: AppState, url: string, name: string, mode: DataMode = 'table'): Promise<void> {
  app.dismissError();
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    app.showError('ui.load.sampleFailed', { status: e instanceof Error ? e.message : String(e) });
    return;
  }
  if (!res.ok) {
    app.showError('ui.load.sampleFailed', { status: res.status });
    return;
  }
  const blob = await res.blob();
  app.setMode(mode);
  await openFile(app, new File([blob], name, { type: 'text/csv' }));
}

export async function train(app: AppState): Promise<void> {
  const table = app.table;
  const file = app.file;
  const { target, positive, idColumn } = app.roles;
  if (!table || !file || !target || positive === null || app.busy || app.profilePending) return;
  const log = app.mode === 'log' ? app.logFeatures : null;
  const req: TrainRequest = {
    target,
    positive,
    idColumn,
    featureColumns: [...app.featureColumns],
    params: { ...app.params },
    dataSha256: file.parsed.sha256,
  };
  // A log trains on past cutoffs and validates on a later one: never a random split across time.
  if (log?.report.timeSplit) req.split = { train: log.report.trainRows, test: log.report.validationRows };
  const signature = app.signature;
  app.dismissError();
  const task = startTask(app, 'train', 'ui.progress.train', {});
  task.progress(null, 'ui.progress.trainStart', {});
  // Training is when memory peaks: the profile worker's copy of the table goes (it is resent if needed).
  releaseProfileWorker();
  try {
    const trained = await trainModel(enginePool(), table, req, {
      signal: task.signal,
      onProgress: (pr) => {
        if (pr.phase === 'training' && pr.treesTotal) task.progress((pr.treesDone ?? 0) / pr.treesTotal, 'ui.progress.trainDetail', { done: pr.treesDone ?? 0, total: pr.treesTotal });
        else if (pr.phase === 'binning') task.progress(null, 'ui.progress.trainStart', {});
        else task.progress(1, 'ui.progress.trainEvaluate', {});
      },
    });
    let scoring: ScoringView | null = null;
    if (log?.scoringTable) {
      const month = log.report.plan.labels.scoring;
      task.progress(null, 'txlog.app.scoringProgress', { month, rows: fmtInt(app.locale, log.scoringTable.rowCount) });
      const { prob } = await scoreTable(enginePool(), trained.model, log.scoringTable);
      if (task.signal.aborted) return;
      const inactive = log.report.inactiveAtScoring;
      scoring = {
        trained: scoringModel(trained, prob, inactive.length),
        table: withInactiveRows(log.scoringTable, log.idColumn, inactive),
        modelRows: prob.length,
        prepared: log.report.prepared,
        month,
        scored: { trained: scoringModel(trained, prob, 0), table: log.scoringTable },
      };
    }
    // Sorting the honest scores of a big table takes seconds: done in a worker (primes testSet/oobSet).
    const { cuts } = await evaluateTrained(trained);
    if (task.signal.aborted) return;
    app.training = { trained, table, fileName: file.name, signature, scoring };
    app.threshold = defaultThreshold(headlineSet(trained)?.set ?? null);
    app.tierCuts = { atRisk: cuts.atRisk, churned: cuts.churned };
    app.exported = false;
    app.step = 'results';
  } catch (e) {
    report(app, e, true);
  } finally {
    task.end();
  }
}

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '') || 'churnlens';
}

/**
 * The scores file of the model on screen: for a transaction log the latest month's customers (the
 * list to act on, future unknown), else the training table with its honest scores.
 */
function scoresInput(app: AppState, tr: Training, extra: NonNullable<ScoresCsvInput['extraColumns']> = [], reasons?: string[][]): ScoresCsvInput {
  const m = tr.trained.model;
  const sc = tr.scoring;
  if (sc) {
    const inactive = { name: 'no_activity_in_window', values: Array.from(sc.trained.rowProbSource, (s) => (s === NO_ACTIVITY_SOURCE ? 1 : 0)) };
    return {
      table: sc.table,
      idColumn: m.idColumn,
      prob: sc.trained.rowProb,
      probSource: sc.trained.rowProbSource,
      tiers: assignTiers(sc.trained.rowProb, app.tierCuts),
      extraColumns: [inactive, ...extra],
      reasons,
    };
  }
  return {
    table: tr.table,
    idColumn: m.idColumn,
    target: m.target.column,
    labels: tr.trained.labels,
    prob: tr.trained.rowProb,
    probSource: tr.trained.rowProbSource,
    tiers: assignTiers(tr.trained.rowProb, app.tierCuts),
    extraColumns: extra,
    reasons,
  };
}

export function exportScores(app: AppState): void {
  const tr = app.training;
  if (!tr) return;
  try {
    downloadText(`${baseName(tr.fileName)}-scores.csv`, buildScoresCsv(scoresInput(app, tr)));
    app.exported = true;
  } catch (e) {
    report(app, e, false);
  }
}

/**
 * The scores file with reason_1..3 per customer and `explained_probability`, the whole forest's
 * probability the reasons add up to (a held-out or newly scored customer's churn_probability; an
 * out-of-bag score uses fewer trees). Exact TreeSHAP for every row takes minutes on a big forest:
 * it runs in workers with progress and Cancel. Customers scored without a model (a log's inactive
 * ones) get no reasons.
 */
export async function exportScoresWithReasons(app: AppState): Promise<void> {
  const tr = app.training;
  if (!tr || app.busy) return;
  app.dismissError();
  const explainedTable = tr.scoring ? tr.scoring.scored.table : tr.table;
  const task = startTask(app, 'score', 'ui.progress.reasons', { rows: fmtInt(app.locale, explainedTable.rowCount) });
  try {
    const onProgress = (done: number, total: number) =>
      task.progress(total > 0 ? done / total : null, 'ui.progress.reasonsDetail', { done: fmtInt(app.locale, done), total: fmtInt(app.locale, total) });
    const r = await reasonTextsForTable(tr.trained.model, explainedTable, app.locale, onProgress, task.signal);
    if (task.signal.aborted) return;
    // The model-scored rows come first (a log's inactive customers follow, without reasons).
    const n = (tr.scoring?.table ?? tr.table).rowCount;
    const texts = Array.from({ length: n }, (_, i) => r.texts[i] ?? []);
    const explained = Array.from({ length: n }, (_, i) => (i < r.explained.length ? r.explained[i] : null));
    const csv = buildScoresCsv(scoresInput(app, tr, [{ name: 'explained_probability', values: explained }], texts));
    downloadText(`${baseName(tr.fileName)}-scores-reasons.csv`, csv);
    app.exported = true;
  } catch (e) {
    report(app, e, true);
  } finally {
    task.end();
  }
}

export async function saveModel(app: AppState): Promise<void> {
  const tr = app.training;
  if (!tr) return;
  // Tree by tree with turns for the page: a forest on a million rows is ~1 GB of JSON.
  let last = performance.now();
  const blob = await modelBlob(tr.trained.model, async () => {
    if (performance.now() - last < 40) return;
    await new Promise((r) => setTimeout(r));
    last = performance.now();
  });
  downloadBlob(`${baseName(tr.fileName)}-model.json`, blob);
  app.exported = true;
}

export async function loadModelFile(app: AppState, file: File): Promise<void> {
  app.dismissError();
  // Notices of an earlier scoring belong to the model that made them.
  app.notices = [];
  if (!/\.json$/i.test(file.name) && file.type !== 'application/json') {
    app.showError('ui.error.modelNotJson', { name: file.name });
    return;
  }
  try {
    const model = await parseModelChunks(blobTextChunks(file));
    app.loadedModel = { name: file.name, model };
  } catch (e) {
    report(app, e, false);
  }
}

/**
 * Score a CSV with the loaded model and download the scores, with reason_1..3 per customer when
 * `reasons` (as the CLI's score --reasons; the whole forest scores a new file, so the reasons add
 * up to churn_probability). Missing/mismatched columns come back as a UserError listing them.
 */
export async function scoreFile(app: AppState, file: File, reasons = false): Promise<void> {
  const lm = app.loadedModel;
  if (!lm || app.busy) return;
  app.dismissError();
  app.notices = [];
  const parsed = await parse(app, file, 'keep');
  if (!parsed) return;
  const task = startTask(app, 'score', 'ui.progress.score', { name: file.name });
  try {
    const { prob, warnings } = await scoreTable(enginePool(), lm.model, parsed.table);
    if (task.signal.aborted) return;
    // The cut points stored with the model (the tiers the user saw at training), as the CLI does.
    const cuts = lm.model.tierCuts ?? defaultTierCuts(new Uint8Array(prob.length).fill(255), prob);
    const idColumn = lm.model.idColumn !== null && parsed.table.columns.some((c) => c.name === lm.model.idColumn) ? lm.model.idColumn : null;
    let texts: string[][] | undefined;
    if (reasons) {
      const total = fmtInt(app.locale, parsed.table.rowCount);
      task.progress(0, 'ui.progress.reasonsDetail', { done: fmtInt(app.locale, 0), total });
      const onProgress = (done: number, all: number) =>
        task.progress(all > 0 ? done / all : null, 'ui.progress.reasonsDetail', { done: fmtInt(app.locale, done), total: fmtInt(app.locale, all) });
      texts = (await reasonTextsForTable(lm.model, parsed.table, app.locale, onProgress, task.signal)).texts;
      if (task.signal.aborted) return;
    }
    const csv = buildScoresCsv({ table: parsed.table, idColumn, prob, tiers: assignTiers(prob, cuts), reasons: texts });
    downloadText(`${baseName(file.name)}-scores${reasons ? '-reasons' : ''}.csv`, csv);
    app.notices = [{ key: 'ui.export.scoredDone', params: { rows: parsed.table.rowCount, name: file.name } }, ...warnings];
  } catch (e) {
    report(app, e, true);
  } finally {
    task.end();
  }
}
