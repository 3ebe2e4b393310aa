// How much memory this tab can plan to use. Chromium tells the JavaScript heap's limit
// (performance.memory.jsHeapSizeLimit); most browsers tell the device's memory, rounded and capped
// at 8 GB (navigator.deviceMemory), of which half is a fair share for one tab. Without either, a
// conservative 2 GB. `?memBudgetMB=N` in the page address sets it outright (to try a big-file path
// on a small file; the end-to-end test uses it).
import type { MemoryBudget } from './estimate.ts';

export const DEFAULT_BUDGET_BYTES = 2 * 1024 ** 3;
const GIB = 1024 ** 3;

export interface BudgetEnv {
  heapLimitBytes?: number | null;
  deviceMemoryGB?: number | null;
  overrideMB?: number | null;
}

export function memoryBudget(env: BudgetEnv): MemoryBudget {
  const override = env.overrideMB;
  if (override !== null && override !== undefined && Number.isFinite(override) && override > 0) return { bytes: override * 1_048_576, source: 'override' };
  const heap = env.heapLimitBytes;
  const device = env.deviceMemoryGB;
  const fromHeap = heap !== null && heap !== undefined && Number.isFinite(heap) && heap > 0 ? heap : null;
  const fromDevice = device !== null && device !== undefined && Number.isFinite(device) && device > 0 ? (device * GIB) / 2 : null;
  if (fromHeap !== null && (fromDevice === null || fromHeap <= fromDevice)) return { bytes: fromHeap, source: 'heap' };
  if (fromDevice !== null) return { bytes: fromDevice, source: 'device' };
  return { bytes: DEFAULT_BUDGET_BYTES, source: 'default' };
}

/** What this browser tells about its memory, and the page address's override. */
export function browserBudgetEnv(): BudgetEnv {
  const perf = globalThis.performance as (Performance & { memory?: { jsHeapSizeLimit?: number } }) | undefined;
  const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
  let overrideMB: number | null = null;
  const search = globalThis.location?.search;
  if (search) {
    const v = new URLSearchParams(search).get('memBudgetMB');
    if (v !== null && v.trim() !== '') overrideMB = Number(v);
  }
  return { heapLimitBytes: perf?.memory?.jsHeapSizeLimit ?? null, deviceMemoryGB: nav?.deviceMemory ?? null, overrideMB };
}
