// Main-thread wrapper: profile big tables in one long-lived worker, so the page never freezes while
// a million-row table is sorted column by column. Small tables (and environments without workers)
// are profiled in place: the answer is the same profileTable either way.
import { wrap, type Remote } from 'comlink';
import type { ColumnFormat } from '../ingest/types.ts';
import type { Table } from '../table/types.ts';
import { profileTable } from './profile.ts';
import type { TableProfile, TargetChoice } from './types.ts';
import type { ProfileWorkerApi } from './worker.ts';
import { createProfileWorker } from './worker-factory.ts';

/** Tables with more cells than this are profiled in the worker (about 40 ms of work in place). */
export const OFF_THREAD_CELLS = 100_000;

export function profilesOffThread(table: Table): boolean {
  return typeof Worker !== 'undefined' && table.rowCount * table.columns.length > OFF_THREAD_CELLS;
}

/** Identifies a target choice (the profile's only input besides the table and its formats). */
export function profileKey(target: TargetChoice | null | undefined): string {
  return target ? JSON.stringify([target.column, target.positive]) : '';
}

let worker: Worker | null = null;
let api: Remote<ProfileWorkerApi> | null = null;
// The table the worker holds (sent once; a target change only sends the target).
let sent: Table | null = null;
// Requests run one after another, so a table is always set before it is profiled.
let queue: Promise<unknown> = Promise.resolve();
let running = 0;

function live(): Remote<ProfileWorkerApi> {
  if (!api) {
    worker = createProfileWorker();
    api = wrap<ProfileWorkerApi>(worker);
    sent = null;
  }
  return api;
}

function dropWorker(): void {
  worker?.terminate();
  worker = null;
  api = null;
  sent = null;
}

/** Category names per message: cloning a million-level id column in one message froze the page. */
const LEVEL_SLICE = 50_000;

/**
 * Sends the table in messages of bounded size, with a turn for the event loop after each: a
 * column's typed array (one memory copy) and its category names in slices.
 */
async function sendTable(a: Remote<ProfileWorkerApi>, table: Table): Promise<void> {
  const turn = () => new Promise((r) => setTimeout(r));
  await a.beginTable(table.rowCount);
  for (const col of table.columns) {
    if (col.kind === 'numeric') {
      await a.addColumn(col);
    } else {
      await a.addColumn({ ...col, levels: col.levels.slice(0, LEVEL_SLICE) });
      for (let i = LEVEL_SLICE; i < col.levels.length; i += LEVEL_SLICE) {
        await turn();
        await a.addLevels(col.levels.slice(i, i + LEVEL_SLICE));
      }
    }
    await turn();
  }
  await a.endTable();
}

/**
 * profileTable(table, target, formats), computed in the worker. If the worker fails the profile is
 * computed in place: slower to show, never wrong.
 */
export function profileOffThread(table: Table, target: TargetChoice | null | undefined, formats: Record<string, ColumnFormat> | undefined): Promise<TableProfile> {
  const run = async (): Promise<TableProfile> => {
    running++;
    try {
      const a = live();
      if (sent !== table) {
        sent = null;
        await sendTable(a, table);
        sent = table;
      }
      return await a.profile(target ?? null, formats ?? null);
    } catch (e) {
      console.error(e);
      dropWorker();
      return profileTable(table, target ?? undefined, formats);
    } finally {
      running--;
    }
  };
  const p = queue.then(run, run);
  queue = p.catch(() => {});
  return p;
}

/**
 * Ends the worker and frees its copy of the table (e.g. before training, when memory peaks); the
 * next profile starts a fresh one. Does nothing while a profile is being computed.
 */
export function releaseProfileWorker(): void {
  if (running === 0) dropWorker();
}
