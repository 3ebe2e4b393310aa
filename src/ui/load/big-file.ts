// Before reading a file that may not fit the tab: sniff its first megabyte, estimate rows, memory
// and time, and either read it (the estimate goes on the progress panel) or, when it would not fit,
// stop and offer a stratified sample (the Load step shows the offer, BigFileOffer.svelte).
import type { MessageParams } from '../../lib/errors.ts';
import type { Locale } from '../../lib/i18n/index.ts';
import { translate } from '../../lib/i18n/index.ts';
import { readHead, sniffHead, type HeadSniff } from '../../lib/bigfile/sniff.ts';
import { APP_BYTES, estimateFile, fitsBudget, plannedBytes, recommendedSampleRows, shownRows, type FileEstimate, type MemoryBudget } from '../../lib/bigfile/estimate.ts';
import { targetValues } from '../../lib/profile/index.ts';
import type { AppState } from '../state/app.svelte.ts';
import { fmtInt, fmtNum } from '../state/format.ts';
import { rolesFor } from '../state/roles.ts';

/** Files above this size get their estimate shown before (and while) they are read. */
export const BIG_FILE_BYTES = 50 * 1_048_576;
/**
 * Most memory a byte of CSV can cost with the recommended preset: a narrow file (~20 bytes a row)
 * grows ~2.5 KB of trees per row. The README benchmark needed 22 (3.0 GB for 139 MB). Files whose
 * size times this still fits the budget are read without a look first (no sniff, no delay).
 */
const WORST_PEAK_PER_FILE_BYTE = 200;

export interface ReadLabel {
  key: string;
  params: MessageParams;
}

export interface BigFileOffer {
  file: File;
  sniff: HeadSniff;
  estimate: FileEstimate;
  budget: MemoryBudget;
  /** The churn column the Profile step would pick (null: none recognised). */
  targetGuess: string | null;
  /** Target values seen in the head, for the sampling pass's memory (one reservoir per value). */
  classes: number;
  recommended: number;
}

export function hardwareCores(): number {
  return globalThis.navigator?.hardwareConcurrency || 2;
}

/** Bytes as "812 MB" or "3.1 GB". */
export function fmtBytes(locale: Locale, bytes: number): string {
  const mb = bytes / 1_048_576;
  if (mb < 1024) return translate(locale, 'bigfile.unit.mb', { n: fmtNum(locale, Math.max(0.1, mb), mb < 10 ? 1 : 0) });
  return translate(locale, 'bigfile.unit.gb', { n: fmtNum(locale, mb / 1024, 1) });
}

/** Seconds as "45 s" or "3 min". */
export function fmtDuration(locale: Locale, seconds: number): string {
  if (seconds < 90) return translate(locale, 'bigfile.unit.s', { n: fmtNum(locale, Math.max(1, Math.round(seconds)), 0) });
  return translate(locale, 'bigfile.unit.min', { n: fmtNum(locale, seconds / 60, seconds < 600 ? 1 : 0) });
}

/** Target values seen in the head, plus one for rows whose value is missing (their own class). */
function classesIn(sniff: HeadSniff, column: string | null): number {
  return Math.max(2, column ? targetValues(sniff.table, column).length + 1 : 2);
}

/**
 * Looks at `file` before it is read: null when it is small enough to read at once; a progress
 * label with the estimate for a big file that fits; 'offered' when it does not fit (app.bigOffer
 * is set and the Load step shows the choice).
 */
export async function lookBeforeReading(app: AppState, file: File): Promise<ReadLabel | null | 'offered'> {
  const budget = app.budget;
  if (file.size <= BIG_FILE_BYTES && APP_BYTES + file.size * WORST_PEAK_PER_FILE_BYTE <= plannedBytes(budget)) return null;
  let sniff: HeadSniff;
  try {
    sniff = sniffHead(await readHead(file), file.size);
  } catch {
    // Not a table we can size up (a workbook, a single huge line…): the full read says what is wrong.
    return null;
  }
  const cores = hardwareCores();
  const estimate = estimateFile(sniff, file.size, app.params, cores);
  // A transaction log has no churn column to stratify by: it is read whole, with the estimate shown.
  if (fitsBudget(estimate, budget) || app.mode === 'log') {
    if (file.size <= BIG_FILE_BYTES) return null;
    return { key: 'bigfile.progress.read', params: readParams(app.locale, file.name, estimate, budget) };
  }
  const targetGuess = rolesFor(sniff.table).roles.target;
  const classes = classesIn(sniff, targetGuess);
  const recommended = recommendedSampleRows(sniff, estimate.rows, budget, app.params, cores, classes);
  app.bigOffer = { file, sniff, estimate, budget, targetGuess, classes, recommended };
  app.step = 'load';
  return 'offered';
}

export function readParams(locale: Locale, name: string, e: FileEstimate, budget: MemoryBudget): MessageParams {
  return {
    name,
    rows: fmtInt(locale, shownRows(e)),
    columns: fmtInt(locale, e.columns),
    memory: fmtBytes(locale, e.peakBytes),
    budget: fmtBytes(locale, budget.bytes),
    read: fmtDuration(locale, e.readSeconds),
    train: fmtDuration(locale, e.trainSeconds),
  };
}

/** Sample passes for a chosen churn column: that column's values set how many reservoirs run. */
export function classesFor(offer: BigFileOffer, target: string): number {
  return classesIn(offer.sniff, target);
}
