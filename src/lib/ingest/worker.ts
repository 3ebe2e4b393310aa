// Module worker that parses a File off the main thread (PapaParse runs here, in our own worker,
// not with Papa's `worker: true`; see TOOLCHAIN.md pitfall 1). expose() is called synchronously
// so no early message is lost (pitfall 2).
import { expose, transfer } from 'comlink';
import type { ParseProgress } from './types.ts';
import { parseFileToResult, tableBuffers, type WorkerParseOptions, type WorkerParseResult } from './worker-api.ts';

const api = {
  async parse(file: File, opts: WorkerParseOptions, onProgress?: (p: ParseProgress) => void): Promise<WorkerParseResult> {
    const result = await parseFileToResult(file, opts, onProgress ? (p) => void onProgress(p) : undefined);
    return result.ok ? transfer(result, tableBuffers(result.file.table)) : result;
  },
};

export type IngestWorkerApi = typeof api;

expose(api);
