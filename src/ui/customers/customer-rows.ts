// Row ids, search, filter and sort for the customer list. Works on typed arrays so a
// million customers filter and sort in well under a second.
import type { Column, Table } from '../../lib/table/types.ts';
import { cellText, MISSING_CODE } from '../../lib/table/types.ts';

export type SortKey = 'prob' | 'loss' | 'id';

/** The id column of the model, if the table has it. */
export function idColumnOf(table: Table, name: string | null): Column | null {
  return name ? (table.columns.find((c) => c.name === name) ?? null) : null;
}

/** Text shown as the customer's id: the id cell, or the 1-based row number. */
export function rowId(idCol: Column | null, row: number): string {
  return idCol ? cellText(idCol, row) : String(row + 1);
}

/** Per-row sort rank of the id (ties keep row order), numeric ids compared as numbers. */
function idRanks(idCol: Column | null, rows: number): Float64Array {
  const out = new Float64Array(rows);
  if (!idCol) {
    for (let r = 0; r < rows; r++) out[r] = r;
    return out;
  }
  if (idCol.kind === 'numeric') {
    for (let r = 0; r < rows; r++) out[r] = Number.isNaN(idCol.values[r]) ? Infinity : idCol.values[r];
    return out;
  }
  const order = idCol.levels.map((_, i) => i);
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  order.sort((a, b) => collator.compare(idCol.levels[a], idCol.levels[b]));
  const rankOfLevel = new Float64Array(idCol.levels.length);
  order.forEach((lvl, rank) => (rankOfLevel[lvl] = rank));
  for (let r = 0; r < rows; r++) {
    const c = idCol.codes[r];
    out[r] = c === MISSING_CODE ? Infinity : rankOfLevel[c];
  }
  return out;
}

/** Rows whose id contains `query` (case-insensitive), as a row mask; null = no search. */
export function searchMask(idCol: Column | null, rows: number, query: string): Uint8Array | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const mask = new Uint8Array(rows);
  if (idCol && idCol.kind === 'categorical') {
    const hit = Uint8Array.from(idCol.levels, (l) => (l.toLowerCase().includes(q) ? 1 : 0));
    for (let r = 0; r < rows; r++) {
      const c = idCol.codes[r];
      mask[r] = c === MISSING_CODE ? 0 : hit[c];
    }
    return mask;
  }
  for (let r = 0; r < rows; r++) mask[r] = rowId(idCol, r).toLowerCase().includes(q) ? 1 : 0;
  return mask;
}

export interface SortQuery {
  sort: SortKey;
  descending: boolean;
  prob: Float64Array;
  /** Expected loss per row, when a value column is chosen. */
  loss: Float64Array | null;
  idCol: Column | null;
}

/** Every row in display order (NaN keys last either way). Done once per sort, not per filter. */
export function sortRows(q: SortQuery): Uint32Array {
  const n = q.prob.length;
  const rows = new Uint32Array(n);
  for (let r = 0; r < n; r++) rows[r] = r;
  const key = q.sort === 'id' ? idRanks(q.idCol, n) : q.sort === 'loss' && q.loss ? q.loss : q.prob;
  const dir = q.descending ? -1 : 1;
  rows.sort((a, b) => {
    const ka = key[a];
    const kb = key[b];
    const na = ka !== ka;
    const nb = kb !== kb;
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return ka === kb ? a - b : ka < kb ? -dir : dir;
  });
  return rows;
}

/** The sorted rows that pass the tier filter (-1 = all) and the id search (null = none). */
export function filterRows(sorted: Uint32Array, tiers: Uint8Array, tier: number, search: Uint8Array | null): Uint32Array {
  if (tier < 0 && !search) return sorted;
  const out = new Uint32Array(sorted.length);
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    if (tier >= 0 && tiers[r] !== tier) continue;
    if (search && !search[r]) continue;
    out[k++] = r;
  }
  return out.slice(0, k);
}

export interface ListQuery extends SortQuery {
  tiers: Uint8Array;
  tier: number;
  search: Uint8Array | null;
}

/** Rows to show, in display order. */
export function listRows(q: ListQuery): Uint32Array {
  return filterRows(sortRows(q), q.tiers, q.tier, q.search);
}
