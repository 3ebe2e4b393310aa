// Small builders for hand-made logs in tests: every column is text (as if ingest kept it
// categorical) unless the test asks for numbers.
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../../src/lib/table/types.ts';

export function textColumn(name: string, cells: (string | null)[]): CategoricalColumn {
  const levels: string[] = [];
  const at = new Map<string, number>();
  const codes = new Int32Array(cells.length);
  cells.forEach((c, i) => {
    if (c === null || c.trim() === '') { codes[i] = -1; return; }
    const s = c.trim();
    let k = at.get(s);
    if (k === undefined) { k = levels.length; at.set(s, k); levels.push(s); }
    codes[i] = k;
  });
  return { kind: 'categorical', name, codes, levels, semantic: 'category' };
}

export function numberColumn(name: string, cells: (number | null)[], semantic: 'number' | 'date' = 'number'): NumericColumn {
  return { kind: 'numeric', name, values: Float64Array.from(cells, (v) => (v === null ? NaN : v)), semantic };
}

/** A table from CSV-like rows: columns named in `numeric` become numbers, the rest text. */
export function tableFromRows(header: string[], rows: (string | number | null)[][], numeric: string[] = []): Table {
  const columns: Column[] = header.map((name, j) => {
    const cells = rows.map((r) => r[j]);
    if (numeric.includes(name)) return numberColumn(name, cells.map((v) => (v === null || v === '' ? null : Number(v))));
    return textColumn(name, cells.map((v) => (v === null ? null : String(v))));
  });
  return { rowCount: rows.length, columns };
}

/** A tiny CSV reader for tests (no quotes needed in our fixtures). */
export function tableFromCsv(text: string, numeric: string[] = []): Table {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  return tableFromRows(header, lines.slice(1).map((l) => l.split(',')), numeric);
}

export function col(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

export function num(table: Table, name: string): Float64Array {
  const c = col(table, name);
  if (c.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return c.values;
}

export function ids(table: Table, name: string): string[] {
  const c = col(table, name) as CategoricalColumn;
  return Array.from(c.codes, (k) => c.levels[k]);
}
