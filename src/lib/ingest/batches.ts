// A file read again from start to end in batches of rows, for work that never needs the whole file
// at once (scoring every row of a file too big for the tab). Only the requested columns are
// collected; each batch is handed over (and awaited) before more bytes are read, so memory holds
// one batch and one block of text, whatever the file's size.
import { asIngestError, decodeCsvSource, type CsvLayout } from './index.ts';
import { CsvBuilder } from './parse.ts';
import { ColumnBuilder, type RawColumn } from './column-builder.ts';
import { trimCell } from './tokens.ts';
import type { ByteSource, ParseOptions } from './types.ts';

export interface CsvBatch {
  /** Data row number in the file (from 0) of the batch's first row. */
  start: number;
  rows: number;
  /** Raw columns for the requested `columns`, in that order (null: the file has no such column). */
  columns: (RawColumn | null)[];
  /** Trimmed cell texts for the requested `textColumns`, one per row (null: no such column). */
  texts: (string[] | null)[];
  layout: CsvLayout;
}

export interface BatchOptions extends ParseOptions {
  /** Rows per batch (the last batch may be shorter). */
  batchRows: number;
  /** Columns to collect as raw columns (typed later by the caller). */
  columns: string[];
  /** Columns to keep as exact text (ids, labels). */
  textColumns: string[];
  /** Awaited after every piece of text is parsed (a caller on the page's main thread gives the page a turn). */
  pause?: () => void | Promise<void>;
}

export interface BatchScan {
  /** Data rows in the file. */
  rows: number;
  sha256: string;
  layout: CsvLayout;
}

class BatchCsvBuilder extends CsvBuilder {
  readonly ready: Omit<CsvBatch, 'layout'>[] = [];
  private colIndex: number[] | null = null;
  private textIndex: number[] = [];
  private current: ColumnBuilder[] = [];
  private texts: string[][] = [];
  private start = 0;
  private count = 0;

  constructor(delimiter: string, newline: '\n' | '\r', raggedPolicy: 'keep' | 'drop', private readonly opts: BatchOptions) {
    super(delimiter, newline, raggedPolicy);
  }

  private begin(): number[] {
    const header = this.header!;
    this.colIndex = this.opts.columns.map((n) => header.indexOf(n));
    this.textIndex = this.opts.textColumns.map((n) => header.indexOf(n));
    this.fresh();
    return this.colIndex;
  }

  private fresh(): void {
    const allowThreeDecimals = this.delimiter !== ';';
    this.current = this.opts.columns.map((n) => new ColumnBuilder(n, allowThreeDecimals));
    this.texts = this.opts.textColumns.map(() => []);
    this.count = 0;
  }

  protected override acceptRow(row: string[], m: number): void {
    const idx = this.colIndex ?? this.begin();
    if (this.count === 0) this.start = this.rows;
    for (let k = 0; k < idx.length; k++) {
      const c = idx[k];
      if (c >= 0) this.current[k].push(c < m ? row[c] : '');
    }
    const ti = this.textIndex;
    for (let k = 0; k < ti.length; k++) {
      const c = ti[k];
      if (c >= 0) this.texts[k].push(c < m ? trimCell(row[c]) : '');
    }
    if (++this.count === this.opts.batchRows) this.flush();
  }

  /** Hands the rows collected so far over as a batch. */
  flush(): void {
    if (this.count === 0 || this.colIndex === null) return;
    const idx = this.colIndex;
    this.ready.push({
      start: this.start,
      rows: this.count,
      columns: this.current.map((b, k) => (idx[k] >= 0 ? b.finish() : null)),
      texts: this.texts.map((t, k) => (this.textIndex[k] >= 0 ? t : null)),
    });
    this.fresh();
  }

  protected override finishColumns(): RawColumn[] {
    return [];
  }
}

/** Reads the whole file once, calling (and awaiting) `onBatch` for every `batchRows` rows in file order. */
export async function scanCsvBatches(source: ByteSource, opts: BatchOptions, onBatch: (b: CsvBatch) => void | Promise<void>): Promise<BatchScan> {
  if (!(Number.isInteger(opts.batchRows) && opts.batchRows >= 1)) throw new RangeError(`batchRows must be a positive integer, got ${opts.batchRows}`);
  const raggedPolicy = opts.raggedPolicy ?? 'keep';
  let layout: CsvLayout | null = null;
  const drain = async (b: BatchCsvBuilder) => {
    if (opts.pause) await opts.pause();
    while (b.ready.length > 0) await onBatch({ ...b.ready.shift()!, layout: layout! });
  };
  const decoded = await decodeCsvSource(
    source,
    opts,
    (l) => {
      layout = l;
      return new BatchCsvBuilder(l.delimiter, l.newline, raggedPolicy, opts);
    },
    drain,
  );
  try {
    const builder = decoded.builder;
    builder.end();
    builder.flush();
    await drain(builder);
    decoded.progress();
    return { rows: builder.rows, sha256: decoded.sha256, layout: decoded.layout };
  } catch (e) {
    throw asIngestError(e);
  }
}
