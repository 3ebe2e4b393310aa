// How the profile wrapper starts its worker in the normal build: a module worker loaded from its own
// URL. The single-file build swaps this module for worker-factory.single.ts.
export function createProfileWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'churnlens-profile' });
}
