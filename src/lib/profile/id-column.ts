// Which column names the customers: the app and the CLI pick the same one unless told otherwise,
// so a model trained in either writes scores keyed by the same ids.
import type { Column, Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';

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
