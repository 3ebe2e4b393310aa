// The in-memory table every layer shares: columnar, typed, no per-row objects.
// Produced by src/lib/ingest (CSV) or src/lib/features (transaction logs); read by the
// profile, the engine's binning, the evaluation and the exports.

/** Code used in CategoricalColumn.codes for a missing cell. */
export const MISSING_CODE = -1;

/** What the ingest layer inferred a column to be (the profile shows it; users may override). */
export type SemanticType = 'number' | 'category' | 'date' | 'id' | 'text' | 'empty';

export interface NumericColumn {
  kind: 'numeric';
  name: string;
  /** One value per row; NaN = missing. Dates are stored as days since 1970-01-01 (UTC). */
  values: Float64Array;
  semantic: SemanticType; // 'number' or 'date'
}

export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  /** Index into `levels` per row; MISSING_CODE (-1) = missing. */
  codes: Int32Array;
  /** Distinct values exactly as read (after trimming surrounding spaces), in first-seen order. */
  levels: string[];
  semantic: SemanticType; // 'category', 'id' or 'text'
}

export type Column = NumericColumn | CategoricalColumn;

export interface Table {
  rowCount: number;
  columns: Column[];
}

/** Exact text of one cell, as the user would recognise it (for ids and exports). */
export function cellText(col: Column, row: number): string {
  if (col.kind === 'categorical') {
    const c = col.codes[row];
    return c === MISSING_CODE ? '' : col.levels[c];
  }
  const v = col.values[row];
  return Number.isNaN(v) ? '' : String(v);
}
