// Main-thread wrapper: parse a File in a fresh module worker, report progress, cancel by
// terminating the worker (the parse stops at once and its memory is freed).
import { proxy, wrap } from 'comlink';
import { CancelledError, UserError } from '../errors.ts';
import type { ParseProgress, ParsedFile } from './types.ts';
import type { IngestWorkerApi } from './worker.ts';
import { createIngestWorker } from './worker-factory.ts';

export interface BrowserParseOptions {
  raggedPolicy?: 'keep' | 'drop';
  onProgress?: (p: ParseProgress) => void;
  signal?: AbortSignal;
}

export function parseFileInWorker(file: File, opts: BrowserParseOptions = {}): Promise<ParsedFile> {
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
    api.parse(file, { raggedPolicy: opts.raggedPolicy }, progress).then(
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
