// How the engine pool starts a worker in the normal build: a module worker loaded from its own URL
// (served by the app's origin, so the page CSP's worker-src 'self' allows it). The single-file
// build swaps this module for worker-factory.single.ts (see vite.single.config.ts).
export function createEngineWorker(): Worker {
  return new Worker(new URL('./worker-browser.ts', import.meta.url), { type: 'module', name: 'churnlens-engine' });
}
