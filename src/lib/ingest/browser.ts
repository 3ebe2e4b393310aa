// Main-thread wrapper: parse a File in a fresh module worker, report progress, cancel by
// terminating the worker (the parse stops at once and its memory is freed).
import { proxy, wrap, type Remote } from 'comlink';
import { CancelledError, UserError } from '../errors.ts';
import type { SampleOptions } from './sample.ts';
import type { ParseProgress, ParsedFile, SampleInfo } from './types.ts';
import type { IngestWorkerApi } from './worker.ts';
import type { WorkerParseResult } from './worker-api.ts';
import { createIngestWorker } from './worker-factory.ts';

export interface BrowserParseOptions {
  raggedPolicy?: 'keep' | 'drop';
  onProgress?: (p: ParseProgress) => void;
  signal?: AbortSignal;
}

export function parseFileInWorker(file: File, opts: BrowserParseOptions = {}): Promise<ParsedFile> {
  return runInWorker(opts, (api, progress) => api.parse(file, { raggedPolicy: opts.raggedPolicy }, progress));
}

/** One pass over the whole file keeping a stratified sample (see sample.ts); the table is the sample. */
export function sampleFileInWorker(file: File, sample: SampleOptions, opts: BrowserParseOptions = {}): Promise<ParsedFile & { sample: SampleInfo }> {
  return runInWorker(opts, (api, progress) => api.sample(file, { raggedPolicy: opts.raggedPolicy, sample }, progress)) as Promise<ParsedFile & { sample: SampleInfo }>;
}

function runInWorker(
  opts: BrowserParseOptions,
  call: (api: Remote<IngestWorkerApi>, progress: ((p: ParseProgress) => void) | undefined) => Promise<WorkerParseResult>,
): Promise<ParsedFile> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) return Promise.reject(new CancelledError());
  const worker = createIngestWorker();
  const api = wrap<IngestWorkerApi>(worker);
  return new Promise<ParsedFile>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(new CancelledError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', (ev) => finish(() => reject(new Error(`ingest worker failed: ${ev.message ?? 'unknown error'}`))));
    const progress = onProgress ? proxy((p: ParseProgress) => { if (!settled) onProgress(p); }) : undefined;
    call(api, progress).then(
      (r) => finish(() => {
        if (r.ok) resolve(r.file);
        else if (r.error.name === 'UserError') reject(new UserError(r.error.key, r.error.params));
        else if (r.error.name === 'CancelledError') reject(new CancelledError());
        else reject(new Error(r.error.message));
      }),
      (e) => finish(() => reject(e)),
    );
  });
}
