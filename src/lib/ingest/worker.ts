// Module worker that parses a File off the main thread (PapaParse runs here, in our own worker,
// not with Papa's `worker: true`; see TOOLCHAIN.md pitfall 1). expose() is called synchronously
// so no early message is lost (pitfall 2).
import { expose, transfer } from 'comlink';
import type { ParseProgress } from './types.ts';
import type { SampleOptions } from './sample.ts';
import { parseFileToResult, parsedBuffers, sampleFileToResult, type WorkerParseOptions, type WorkerParseResult } from './worker-api.ts';

const handOver = (result: WorkerParseResult) => (result.ok ? transfer(result, parsedBuffers(result.file)) : result);

const api = {
  async parse(file: File, opts: WorkerParseOptions, onProgress?: (p: ParseProgress) => void): Promise<WorkerParseResult> {
    return handOver(await parseFileToResult(file, opts, onProgress ? (p) => void onProgress(p) : undefined));
  },
  async sample(file: File, opts: WorkerParseOptions & { sample: SampleOptions }, onProgress?: (p: ParseProgress) => void): Promise<WorkerParseResult> {
    return handOver(await sampleFileToResult(file, opts, onProgress ? (p) => void onProgress(p) : undefined));
  },
};

export type IngestWorkerApi = typeof api;

expose(api);
