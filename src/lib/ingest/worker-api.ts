// What the ingest worker does, without the worker plumbing (so Node tests can run it).
// Errors cross the worker boundary as plain data: Comlink would keep only an Error's message,
// and the UI needs the UserError key and parameters to translate it.
import { isCancelled, isUserError, type MessageParams } from '../errors.ts';
import type { Table } from '../table/types.ts';
import { parseCsvBytes } from './index.ts';
import { parseCsvSample, type SampleOptions } from './sample.ts';
import type { ParseProgress, ParsedFile } from './types.ts';

export interface WorkerParseOptions {
  raggedPolicy?: 'keep' | 'drop';
}

export type WorkerParseResult =
  | { ok: true; file: ParsedFile }
  | { ok: false; error: { name: 'UserError'; key: string; params: MessageParams } | { name: 'CancelledError' } | { name: 'Error'; message: string } };

export async function parseFileToResult(
  file: Blob,
  opts: WorkerParseOptions,
  onProgress?: (p: ParseProgress) => void,
): Promise<WorkerParseResult> {
  return asResult(() => parseCsvBytes(file.stream(), { totalBytes: file.size, raggedPolicy: opts.raggedPolicy, onProgress }));
}

/** The stratified-sample pass over a whole file (sample.ts), with the same error handling. */
export async function sampleFileToResult(
  file: Blob,
  opts: WorkerParseOptions & { sample: SampleOptions },
  onProgress?: (p: ParseProgress) => void,
): Promise<WorkerParseResult> {
  return asResult(() => parseCsvSample(file.stream(), { totalBytes: file.size, raggedPolicy: opts.raggedPolicy, sample: opts.sample, onProgress }));
}

async function asResult(run: () => Promise<ParsedFile>): Promise<WorkerParseResult> {
  try {
    return { ok: true, file: await run() };
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: { name: 'UserError', key: e.key, params: e.params } };
    if (isCancelled(e)) return { ok: false, error: { name: 'CancelledError' } };
    return { ok: false, error: { name: 'Error', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The column buffers of a table, to hand over (transfer) instead of copying. */
export function tableBuffers(table: Table): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of table.columns) out.push((c.kind === 'numeric' ? c.values.buffer : c.codes.buffer) as ArrayBuffer);
  return out;
}

/** Every buffer of a parsed file worth transferring (the table's, and a sample's row numbers). */
export function parsedBuffers(file: ParsedFile): ArrayBuffer[] {
  const out = tableBuffers(file.table);
  if (file.sample) out.push(file.sample.rowIndices.buffer as ArrayBuffer);
  return out;
}
