// Public types of the ingest layer.
import type { Table } from '../table/types.ts';

export interface IngestWarning {
  key: string;
  params: Record<string, string | number>;
}

/** How the numbers of a column were written; the profile shows units from it. */
export interface ColumnFormat {
  /** Most cells ended in '%': values are percent points (12% → 12). */
  percent?: boolean;
  /** Currency symbol or code seen most often ("¥", "$", "EUR"). */
  currency?: string;
  /** ',' when the column used a decimal comma. */
  decimalMark?: ',' | '.';
  /** Date columns: the order the day, month and year were read in. */
  dateOrder?: 'ymd' | 'dmy' | 'mdy';
}

export interface IngestReport {
  encoding: string;
  delimiter: string;
  rows: number;
  columns: number;
  /** Rows with more or fewer cells than the header; `first` holds their line numbers (header = line 1). */
  raggedRows: { count: number; first: number[] };
  /** Rows left out: ragged rows under raggedPolicy 'drop'. */
  droppedRows: number;
  /** Lines with no content (blank or only delimiters), skipped. */
  blankRows: number;
  warnings: IngestWarning[];
  /** Per column name, how its values were written (only columns with something to say). */
  formats: Record<string, ColumnFormat>;
}

export interface ParsedFile {
  table: Table;
  report: IngestReport;
  /** SHA-256 of the raw bytes, lower-case hex (identifies the data a model was trained on). */
  sha256: string;
  /** Present when the table is a stratified sample of a file too big to hold whole (see sample.ts). */
  sample?: SampleInfo;
}

/** What a sampled table is a sample of. */
export interface SampleInfo {
  /** The column the sample is stratified by. */
  target: string;
  seed: number;
  /** Data rows in the whole file. */
  totalRows: number;
  /** Rows in the table. */
  sampledRows: number;
  /** Per target value ('' = missing): rows in the file and in the sample, in the order first seen. */
  classes: { value: string; rows: number; sampled: number }[];
  /** For each table row, its data row number in the file (from 0), ascending. */
  rowIndices: Uint32Array;
}

export interface ParseProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ParseOptions {
  /** For progress; 0 or absent when unknown. */
  totalBytes?: number;
  /** Rows with the wrong number of cells: 'keep' pads / cuts them (default), 'drop' leaves them out. */
  raggedPolicy?: 'keep' | 'drop';
  onProgress?: (p: ParseProgress) => void;
  signal?: AbortSignal;
}

export type ByteSource = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
