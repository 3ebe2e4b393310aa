// Scores every row of a file too big for the tab, in one pass that never holds the file: the file
// is read again in batches of rows (ingest/batches.ts), each batch is typed, conformed to the
// model's columns, binned and predicted exactly as scoreTable does for a whole table, and written
// out as the scores CSV (the same format and rules as export/scores.ts) piece by piece. Rows the
// app already scored (the training sample) keep the honest score the app shows for them.
import { CancelledError, UserError } from '../errors.ts';
import type { EnginePool } from '../engine/forest.ts';
import type { ModelFile } from '../engine/types.ts';
import { scoreTable, type ScoreWarning } from '../engine/score.ts';
import { assignTiers, type TierCuts } from '../evaluate/tiers.ts';
import { scoresCsvChunks } from '../export/scores.ts';
import { scanCsvBatches, type CsvBatch } from '../ingest/batches.ts';
import { inferColumn } from '../ingest/infer.ts';
import type { ByteSource, ParseProgress } from '../ingest/types.ts';
import { MISSING_CODE, type CategoricalColumn, type Column, type Table } from '../table/types.ts';
import { conformToModel, type ColumnLike } from './conform.ts';
import { TopK, type RankedRow } from './top-k.ts';

/** Rows per batch: a few megabytes of columns, and short turns of work between reads. */
export const DEFAULT_BATCH_ROWS = 20_000;
export const DEFAULT_TOP = 100;
/** On the page's main thread, work runs at most this long before the page gets a turn. */
const SLICE_MS = 30;

export interface KnownScores {
  /** File row numbers (from 0), ascending. */
  rows: Uint32Array;
  /** The probability the app shows for each of those rows. */
  prob: Float64Array;
  /** Where it came from (0 model, 1 held-out test, 2 out of bag). */
  source: Uint8Array;
}

export interface StreamScoreOptions {
  model: ModelFile;
  /** How the training table typed each column, by name. */
  like: Record<string, ColumnLike>;
  /** Column written first as the customer's id (exact text), or null for the row number. */
  idColumn: string | null;
  /** The target column, written as the file has it (null: leave it out). */
  target: string | null;
  tierCuts: TierCuts;
  known?: KnownScores;
  raggedPolicy?: 'keep' | 'drop';
  batchRows?: number;
  /** How many of the most at-risk rows the summary keeps. */
  top?: number;
  totalBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: ParseProgress) => void;
  /** Receives the CSV, in order, piece by piece (the first piece starts with the BOM and the header). */
  write: (text: string) => void | Promise<void>;
  /**
   * Gives the page a turn (e.g. a zero timeout). Called between pieces of work once SLICE_MS have
   * passed, so reading and typing a big file on the main thread never freezes the page.
   */
  turn?: () => Promise<void>;
}

export interface StreamScoreSummary {
  rows: number;
  /** Rows per tier: [normal, at risk, churned]. */
  tiers: [number, number, number];
  /** The most at-risk rows, highest probability first. */
  top: RankedRow[];
  /** Rows whose score is the app's honest one (they were in the training sample). */
  fromSample: number;
  warnings: ScoreWarning[];
  sha256: string;
}

/** Exact texts as a categorical column (levels may repeat: each row points at its own text). */
function textColumn(name: string, texts: string[]): CategoricalColumn {
  const codes = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) codes[i] = texts[i] === '' ? MISSING_CODE : i;
  return { kind: 'categorical', name, codes, levels: texts, semantic: 'id' };
}

export async function scoreCsvStream(pool: EnginePool, source: ByteSource, opts: StreamScoreOptions): Promise<StreamScoreSummary> {
  const { model, idColumn, target } = opts;
  const features = model.features.map((f) => f.name);
  const rowName = idColumn ?? 'row';
  const textColumns = [idColumn ?? '', target ?? ''];
  const top = new TopK(opts.top ?? DEFAULT_TOP);
  const tiers: [number, number, number] = [0, 0, 0];
  const unseen = new Map<string, number>();
  const retyped = new Set<string>();
  const unreadable = new Map<string, number>();
  const known = opts.known;
  let k = 0;
  let fromSample = 0;
  let scoredRows = 0;
  let lastTurn = performance.now();
  const turn = opts.turn;
  const pause = turn
    ? async () => {
        if (performance.now() - lastTurn < SLICE_MS) return;
        await turn();
        lastTurn = performance.now();
      }
    : undefined;
  /** The BOM and header line, as the first batch wrote them. */
  let header: string | null = null;

  const onBatch = async (b: CsvBatch) => {
    if (opts.signal?.aborted) throw new CancelledError();
    const missing = features.filter((_, i) => b.columns[i] === null);
    if (missing.length) throw new UserError('model.missingColumns', { columns: missing.join(', ') });
    if (target !== null && b.texts[1] === null) throw new UserError('model.missingColumns', { columns: target });
    if (idColumn !== null && b.texts[0] === null) throw new UserError('model.missingColumns', { columns: idColumn });
    const columns: Column[] = [];
    for (const raw of b.columns) {
      columns.push(inferColumn(raw!, b.layout.delimiter === ';').column);
      await pause?.();
    }
    const conformed = conformToModel({ rowCount: b.rows, columns }, model.features, opts.like);
    for (const [c, n] of conformed.unreadable) unreadable.set(c, (unreadable.get(c) ?? 0) + n);
    const scored = await scoreTable(pool, model, conformed.table);
    for (const w of scored.warnings) {
      const column = String(w.params.column);
      if (w.key === 'model.warn.unseenCategories') unseen.set(column, (unseen.get(column) ?? 0) + Number(w.params.count));
      else retyped.add(column);
    }
    const prob = scored.prob;
    const probSource = new Uint8Array(b.rows);
    if (known) {
      const end = b.start + b.rows;
      while (k < known.rows.length && known.rows[k] < end) {
        const r = known.rows[k] - b.start;
        prob[r] = known.prob[k];
        probSource[r] = known.source[k];
        k++;
        fromSample++;
      }
    }
    await pause?.();
    const tier = assignTiers(prob, opts.tierCuts);
    const ids = idColumn === null ? Array.from({ length: b.rows }, (_, i) => String(b.start + i + 1)) : b.texts[0]!;
    for (let i = 0; i < b.rows; i++) {
      tiers[tier[i]]++;
      top.offer(b.start + i, prob[i], () => ({ id: ids[i], tier: tier[i] }));
    }
    const cols: Column[] = [textColumn(rowName, ids)];
    if (target !== null && target !== rowName) cols.push(textColumn(target, b.texts[1]!));
    const table: Table = { rowCount: b.rows, columns: cols };
    const chunks = scoresCsvChunks({ table, idColumn: rowName, target: target ?? undefined, prob, probSource, tiers: tier });
    let first = true;
    for (const piece of chunks) {
      let text = piece;
      if (first) {
        first = false;
        // Every batch's CSV starts with the BOM and the header line; the file has them once.
        if (header === null) header = text.slice(0, headerLength(table, rowName, target));
        else if (text.startsWith(header)) text = text.slice(header.length);
        else throw new Error('scores header changed between batches');
      }
      if (text) await opts.write(text);
      await pause?.();
    }
    scoredRows += b.rows;
  };

  const scan = await scanCsvBatches(
    source,
    {
      batchRows: opts.batchRows ?? DEFAULT_BATCH_ROWS,
      columns: features,
      textColumns,
      raggedPolicy: opts.raggedPolicy,
      totalBytes: opts.totalBytes,
      signal: opts.signal,
      pause,
      // Rows are reported once scored and written, not when read.
      onProgress: opts.onProgress ? (p) => opts.onProgress!({ ...p, rows: scoredRows }) : undefined,
    },
    onBatch,
  );
  const warnings: ScoreWarning[] = [];
  for (const [column, count] of unseen) warnings.push({ key: 'model.warn.unseenCategories', params: { column, count } });
  for (const column of retyped) warnings.push({ key: 'model.warn.retyped', params: { column } });
  for (const [column, count] of unreadable) warnings.push({ key: 'bigfile.score.unreadable', params: { column, count } });
  return { rows: scan.rows, tiers, top: top.sorted(), fromSample, warnings, sha256: scan.sha256 };
}

/** Characters of the BOM and header line scoresCsvChunks writes for these columns. */
function headerLength(table: Table, rowName: string, target: string | null): number {
  const empty: Table = { rowCount: 0, columns: table.columns.map((c) => ({ ...c, codes: new Int32Array(0) }) as Column) };
  let s = '';
  for (const c of scoresCsvChunks({ table: empty, idColumn: rowName, target: target ?? undefined, prob: new Float64Array(0), probSource: new Uint8Array(0), tiers: new Uint8Array(0) })) s += c;
  return s.length;
}
