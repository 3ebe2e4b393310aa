// "Score all rows" of a file the app holds only a sample of: read the File again in batches, score
// every row with the model trained on the sample (rows of the sample keep the honest score the app
// shows), write the scores CSV as Blob parts (never one string) and download it, and keep a summary.
import { scoreCsvStream, type StreamScoreSummary } from '../../lib/bigfile/score-stream.ts';
import type { ColumnLike } from '../../lib/bigfile/conform.ts';
import { downloadBlob } from '../../lib/export/download.ts';
import type { AppState, LoadedFile, Training } from '../state/app.svelte.ts';
import { fmtInt, fmtMB } from '../state/format.ts';
import { report, startTask } from '../state/tasks.ts';
import { enginePool } from '../state/engine-pool.ts';

export interface FullScores {
  /** The model the scores were made with. */
  training: Training;
  fileName: string;
  /** The name the CSV was downloaded under. */
  downloadName: string;
  blob: Blob;
  summary: StreamScoreSummary;
}

/** How the training table typed each column: a batch of the big file is read the same way. */
function columnsLike(file: LoadedFile): Record<string, ColumnLike> {
  const out: Record<string, ColumnLike> = {};
  for (const c of file.parsed.table.columns) out[c.name] = { semantic: c.semantic, format: file.parsed.report.formats[c.name] };
  return out;
}

export function scoresFileName(name: string): string {
  return `${name.replace(/\.[^.]+$/, '') || 'churnlens'}-all-scores.csv`;
}

/** Whether every row of the current file can be scored now (a sample, a model trained on it, nothing running). */
export function canScoreAll(app: AppState): boolean {
  const tr = app.training;
  return app.file?.parsed.sample !== undefined && tr !== null && tr.table === app.file.parsed.table && !app.stale && app.busy === null;
}

export async function scoreAllRows(app: AppState): Promise<void> {
  const file = app.file;
  const tr = app.training;
  const sample = file?.parsed.sample;
  if (!file || !tr || !sample || !canScoreAll(app)) return;
  app.dismissError();
  const model = tr.trained.model;
  const task = startTask(app, 'score', 'bigfile.progress.score', { name: file.name });
  const parts: Blob[] = [];
  try {
    const summary = await scoreCsvStream(enginePool(), file.file.stream(), {
      model,
      like: columnsLike(file),
      idColumn: model.idColumn,
      target: model.target.column,
      tierCuts: { ...app.tierCuts },
      known: { rows: sample.rowIndices, prob: tr.trained.rowProb, source: tr.trained.rowProbSource },
      raggedPolicy: file.raggedPolicy,
      totalBytes: file.size,
      signal: task.signal,
      onProgress: (p) =>
        task.progress(p.totalBytes > 0 ? p.bytes / p.totalBytes : null, 'bigfile.progress.scoreDetail', {
          rows: fmtInt(app.locale, p.rows),
          done: fmtMB(app.locale, p.bytes),
          total: fmtMB(app.locale, p.totalBytes),
        }),
      // Each piece becomes its own Blob at once: the browser keeps blob data outside the page's heap.
      write: (text) => void parts.push(new Blob([text])),
      turn: () => new Promise((r) => setTimeout(r)),
    });
    if (task.signal.aborted) return;
    const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
    const downloadName = scoresFileName(file.name);
    downloadBlob(downloadName, blob);
    app.fullScores = { training: tr, fileName: file.name, downloadName, blob, summary };
    app.exported = true;
  } catch (e) {
    // The file was moved or changed on disk since it was opened: say so, not "the engine failed".
    if (e instanceof DOMException && (e.name === 'NotReadableError' || e.name === 'NotFoundError')) app.showError('ingest.readFailed', { reason: e.name });
    else report(app, e, true);
  } finally {
    task.end();
  }
}
