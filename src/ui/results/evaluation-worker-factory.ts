// How the app starts its evaluation worker in the normal build: a module worker loaded from its own
// URL. The single-file build swaps this module for evaluation-worker-factory.single.ts.
export function createEvaluationWorker(): Worker {
  return new Worker(new URL('./evaluation-worker.ts', import.meta.url), { type: 'module', name: 'churnlens-evaluation' });
}
