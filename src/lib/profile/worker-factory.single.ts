// Single-file build twin of worker-factory.ts: the profile worker is a classic (IIFE) script inlined
// into the page and started from a blob: URL, because file:// pages cannot load module workers.
import ProfileWorker from './worker.ts?worker&inline';

export function createProfileWorker(): Worker {
  return new ProfileWorker({ name: 'churnlens-profile' });
}
