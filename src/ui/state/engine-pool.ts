// The session's one engine pool (training, scoring, reasons): its workers start on first use and
// are replaced after a crash.
import type { EnginePool } from '../../lib/engine/forest.ts';
import { createBrowserPool } from '../../lib/engine/pool-browser.ts';

let pool: EnginePool | null = null;

export function enginePool(): EnginePool {
  pool ??= createBrowserPool();
  return pool;
}
