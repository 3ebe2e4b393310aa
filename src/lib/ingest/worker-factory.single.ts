// Single-file build twin of worker-factory.ts: the parser worker is a classic (IIFE) script inlined
// into the page and started from a blob: URL, because file:// pages cannot load module workers.
import IngestWorker from './worker.ts?worker&inline';

export function createIngestWorker(): Worker {
  return new IngestWorker({ name: 'churnlens-ingest' });
}
