// Single-file build twin of worker-factory.ts: file:// pages cannot start module workers from URLs,
// so the worker is bundled as a classic (IIFE) script inlined into the page and started from a
// blob: URL (allowed by the single file's CSP, worker-src blob:).
import EngineWorker from './worker-browser.ts?worker&inline';

export function createEngineWorker(): Worker {
  return new EngineWorker({ name: 'churnlens-engine' });
}
