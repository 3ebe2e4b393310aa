// Before a long read: how many rows a file holds, how much memory its table, profile and training
// will take, how long reading and training will be, and, when that is more than the tab can hold,
// how big a stratified sample fits. Pure functions of the sniff, the file size and the settings.
//
// Calibration (README "Benchmarks", headless Chromium on this project's 2-core machines): a
// 1,000,000-row × 25-column CSV of 139 MB loads, parses and profiles in 10.3 s, i.e. ~410 ns per
// cell (READ_NS_PER_CELL); training 100 trees on it takes 45 s and the browser peaks at 1.58 GB
// (see train-cost.ts for the training part). The app itself, before any data, is APP_BYTES.
import type { TrainParams } from '../engine/types.ts';
import type { Table } from '../table/types.ts';
import type { HeadSniff } from './sniff.ts';
import { trainCost } from './train-cost.ts';

const READ_NS_PER_CELL = 412;
/** The page, its workers and their wasm engines with no data loaded. */
export const APP_BYTES = 96 * 1_048_576;
/** Per distinct text kept in a dictionary: the string's header and a map entry while reading. */
const BYTES_PER_LEVEL = 48;
/** A categorical column whose head has more distinct values than this share of rows is taken to be unique per row. */
const UNIQUE_SHARE = 0.5;
/** Only this share of the budget is planned for: the estimate is rough and the browser needs room too. */
export const BUDGET_SHARE = 0.8;
/** A sample smaller than this says too little to train on. */
export const MIN_SAMPLE_ROWS = 1_000;

export interface MemoryBudget {
  bytes: number;
  /** Where the figure came from (the UI says so). */
  source: 'override' | 'heap' | 'device' | 'default';
}

export interface FileEstimate {
  rows: number;
  /** The rows were counted (the whole file was in the sniff), not estimated from its size. */
  exactRows: boolean;
  columns: number;
  numericColumns: number;
  textColumns: number;
  /** Columns a model would use (all but the target and identifiers). */
  features: number;
  tableBytes: number;
  profileBytes: number;
  trainingBytes: number;
  /** The most the tab holds at once (app + table + the largest of parse, profile and training work). */
  peakBytes: number;
  /** Load, parse and profile. */
  readSeconds: number;
  /** Train, evaluate and score every row. */
  trainSeconds: number;
}

/** Data rows in a file of `fileSize` bytes, from the head's bytes per row. */
export function estimateRows(sniff: HeadSniff, fileSize: number): number {
  if (sniff.complete || sniff.rows === 0) return sniff.rows;
  return Math.max(sniff.rows, Math.round((fileSize - sniff.headerBytes) / Math.max(1, sniff.bytesPerRow)));
}

/** Bytes of the columnar table for `rows` rows shaped like the sniffed ones. */
export function tableBytes(sniff: HeadSniff, rows: number): number {
  let bytes = 0;
  for (const c of sniff.columns) {
    if (c.kind === 'numeric') {
      bytes += 8 * rows;
      continue;
    }
    // Dictionaries: a column of unique values (ids) grows with the rows, others stay as seen.
    const unique = sniff.rows > 0 && c.distinct > UNIQUE_SHARE * sniff.rows;
    const levels = unique ? Math.round((rows * c.distinct) / sniff.rows) : c.distinct;
    bytes += 4 * rows + levels * (BYTES_PER_LEVEL + c.meanTextLength * sniff.bytesPerChar);
  }
  return bytes;
}

/** Bytes of a table already in memory: its arrays and its category texts (2 bytes a character at most). */
export function tableBytesOf(table: Table): number {
  let bytes = 0;
  for (const c of table.columns) {
    if (c.kind === 'numeric') {
      bytes += c.values.byteLength;
      continue;
    }
    bytes += c.codes.byteLength;
    // Long dictionaries are sized from their first thousand texts.
    const n = Math.min(c.levels.length, 1000);
    let chars = 0;
    for (let i = 0; i < n; i++) chars += c.levels[i].length;
    bytes += c.levels.length * (BYTES_PER_LEVEL + (n ? (2 * chars) / n : 0));
  }
  return bytes;
}

/** The most the tab holds while training `params` on a loaded table with `features` feature columns. */
export function trainingPeakBytes(table: Table, features: number, params: TrainParams, cores: number): number {
  return APP_BYTES + tableBytesOf(table) + trainCost(table.rowCount, features, params, cores).bytes;
}

/** Columns a model would train on: every column but the target and the identifiers. */
export function featureCount(sniff: HeadSniff): number {
  return Math.max(1, sniff.columns.filter((c) => c.semantic !== 'id' && c.semantic !== 'empty').length - 1);
}

/** The estimate for a table of `rows` rows shaped like the sniffed head, trained with `params`. */
export function estimateTable(sniff: HeadSniff, rows: number, params: TrainParams, cores: number): FileEstimate {
  const table = tableBytes(sniff, rows);
  const numeric = sniff.columns.filter((c) => c.kind === 'numeric').length;
  const features = featureCount(sniff);
  // The profile worker holds a copy of the table and sorts one numeric column at a time.
  const profile = table + 16 * rows;
  const training = trainCost(rows, features, params, cores);
  // Parsing holds the columns twice for a moment (growing chunks, then one array per column).
  const peak = APP_BYTES + table + Math.max(table, profile, training.bytes);
  return {
    rows,
    exactRows: false,
    columns: sniff.columns.length,
    numericColumns: numeric,
    textColumns: sniff.columns.length - numeric,
    features,
    tableBytes: table,
    profileBytes: profile,
    trainingBytes: training.bytes,
    peakBytes: peak,
    readSeconds: (rows * sniff.columns.length * READ_NS_PER_CELL) / 1e9,
    trainSeconds: training.seconds,
  };
}

export function estimateFile(sniff: HeadSniff, fileSize: number, params: TrainParams, cores: number): FileEstimate {
  return { ...estimateTable(sniff, estimateRows(sniff, fileSize), params, cores), exactRows: sniff.complete };
}

/** The memory the plan may use. */
export function plannedBytes(budget: MemoryBudget): number {
  return budget.bytes * BUDGET_SHARE;
}

export function fitsBudget(e: FileEstimate, budget: MemoryBudget): boolean {
  return e.peakBytes <= plannedBytes(budget);
}

/**
 * Memory of the sampling pass for a sample of `rows`: while the file streams by, each of `classes`
 * reservoirs may hold up to `rows` rows as text; then the sample's table is built.
 */
export function samplePassBytes(sniff: HeadSniff, rows: number, classes: number): number {
  // A row kept as a string takes at most its bytes in the file (1 or 2 bytes a character) plus a header.
  const rowText = sniff.bytesPerRow + 32;
  return APP_BYTES + classes * rows * rowText + 2 * tableBytes(sniff, rows);
}

/**
 * The largest sample (rounded down to two significant digits, at least MIN_SAMPLE_ROWS and at most
 * the file's rows) whose sampling pass and whose table, profile and training all fit the budget.
 */
export function recommendedSampleRows(sniff: HeadSniff, totalRows: number, budget: MemoryBudget, params: TrainParams, cores: number, classes: number): number {
  const limit = plannedBytes(budget);
  const fits = (n: number) => estimateTable(sniff, n, params, cores).peakBytes <= limit && samplePassBytes(sniff, n, classes) <= limit;
  let lo = 0;
  let hi = Math.max(1, totalRows);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(totalRows, Math.max(MIN_SAMPLE_ROWS, twoSignificantDigits(lo)));
}

/** Rows as the user should read them: counted ones exactly, estimated ones to three significant digits. */
export function shownRows(e: FileEstimate): number {
  if (e.exactRows || e.rows < 1000) return e.rows;
  const step = 10 ** (Math.floor(Math.log10(e.rows)) - 2);
  return Math.round(e.rows / step) * step;
}

/** 412,345 → 410,000; 1,987 → 1,900. */
export function twoSignificantDigits(n: number): number {
  if (n < 100) return Math.floor(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.floor(n / step) * step;
}
