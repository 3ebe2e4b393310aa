// How the ingest wrapper starts its parser worker in the normal build: a module worker loaded from
// its own URL. The single-file build swaps this module for worker-factory.single.ts.
export function createIngestWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'churnlens-ingest' });
}
