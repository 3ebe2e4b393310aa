// Module worker that profiles a table off the main thread (a 1M-row profile sorts every numeric
// column: seconds of work). It keeps the last table it was sent, so changing the target re-profiles
// without sending the table again. expose() is called synchronously (TOOLCHAIN.md pitfall 2).
import { expose } from 'comlink';
import type { ColumnFormat } from '../ingest/types.ts';
import type { Column, Table } from '../table/types.ts';
import { profileTable } from './profile.ts';
import type { TableProfile, TargetChoice } from './types.ts';

let held: Table | null = null;
// A table arrives column by column, and a big category list in slices (see browser.ts sendTable).
let building: Table | null = null;

const api = {
  beginTable(rowCount: number): void {
    held = null;
    building = { rowCount, columns: [] };
  },
  addColumn(col: Column): void {
    building!.columns.push(col);
  },
  addLevels(levels: string[]): void {
    const col = building!.columns[building!.columns.length - 1];
    if (col.kind !== 'categorical') throw new Error('profile worker: levels for a numeric column');
    for (const l of levels) col.levels.push(l);
  },
  endTable(): void {
    held = building;
    building = null;
  },
  profile(target: TargetChoice | null, formats: Record<string, ColumnFormat> | null): TableProfile {
    if (!held) throw new Error('profile worker: no table');
    return profileTable(held, target ?? undefined, formats ?? undefined);
  },
};

export type ProfileWorkerApi = typeof api;

expose(api);
