// Initial roles for a freshly read table: the detected target and its churn value, and an id column.
// Feature exclusions are not stored here: they follow the profile's suggestions (see AppState),
// and only the user's own changes are kept in Roles.excluded / Roles.included.
import type { Table } from '../../lib/table/types.ts';
import { churnValue, detectTarget, guessIdColumn, targetValues } from '../../lib/profile/index.ts';
import type { Roles } from './app.svelte.ts';

/** The value of `column` that most likely means churn (Yes, 1, 是, Attrited Customer …), or null for an empty column. */
export function positiveFor(table: Table, column: string): string | null {
  const values = targetValues(table, column);
  return values.length ? churnValue(values).positive : null;
}

export function rolesFor(table: Table): { roles: Roles; detected: string | null } {
  const d = detectTarget(table);
  const target = d?.column ?? null;
  return {
    roles: { target, positive: d?.positive ?? null, idColumn: guessIdColumn(table, target), excluded: [], included: [] },
    detected: target,
  };
}
