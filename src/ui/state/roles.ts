// Initial roles for a freshly read table: the detected target and its churn value, and an id column.
// Feature exclusions are not stored here: they follow the profile's suggestions (see AppState),
// and only the user's own changes are kept in Roles.excluded / Roles.included.
import type { Column, Table } from '../../lib/table/types.ts';
import { MISSING_CODE } from '../../lib/table/types.ts';
import { churnValue, detectTarget, targetValues } from '../../lib/profile/index.ts';
import type { Roles } from './app.svelte.ts';

const ID_NAME = /(^|[\s_\-.])(id|no|number|code)$|id$|^id|编号|客户号|账号|会员号|卡号/i;

/** Every non-missing value differs from every other (a unique key). */
function allDistinct(col: Column): boolean {
  const seen = new Set<number>();
  if (col.kind === 'categorical') {
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c === MISSING_CODE || seen.has(c)) return false;
      seen.add(c);
    }
  } else {
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if (v !== v || seen.has(v)) return false;
      seen.add(v);
    }
  }
  return seen.size > 0;
}

/** An id-like name with unique values (customerID, CustomerId, 客户编号), else the first column the ingest typed as an id. */
export function guessIdColumn(table: Table, target: string | null): string | null {
  const cands = table.columns.filter((c) => c.name !== target);
  const named = cands.find((c) => ID_NAME.test(c.name.trim()) && allDistinct(c));
  if (named) return named.name;
  return cands.find((c) => c.semantic === 'id')?.name ?? null;
}

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
