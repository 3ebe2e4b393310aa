// Whether the chosen date column needs the user to say day-first or month-first, and how to apply
// the answer. Two cases: the column is still text (features/dates.ts decides, or asks), or the
// ingest layer already read ambiguous n/n/yyyy texts month-first and said so in a warning.
import type { Column, NumericColumn, Table } from '../../lib/table/types.ts';
import { parseDateColumn, daysFromCivil, monthOfDay } from '../../lib/features/index.ts';

export interface DateQuestion {
  column: string;
  /** Texts that read both ways, to show with the question. */
  examples: string[];
  /** 'text': pass dayFirst to prepareLog; 'ingest': the values were read month-first and must be swapped for day-first. */
  source: 'text' | 'ingest';
}

/** Columns the ingest layer read month-first without proof (its 'ingest.ambiguousDate' warnings). */
export function ingestAmbiguousColumns(warnings: readonly { key: string; params: Record<string, string | number> }[] | undefined): string[] {
  return (warnings ?? []).filter((w) => w.key === 'ingest.ambiguousDate').map((w) => String(w.params.column));
}

function civil(day: number): { y: number; m: number; d: number } {
  const mi = monthOfDay(day);
  const y = Math.floor(mi / 12);
  const m = mi - y * 12 + 1;
  return { y, m, d: Math.floor(day) - daysFromCivil(y, m, 1) + 1 };
}

const pad = (n: number) => (n < 10 ? '0' : '') + n;

/** Up to three values whose day and month differ, written back month-first as the file had them. */
function numericExamples(col: NumericColumn): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < col.values.length && out.length < 3; i++) {
    const v = Math.floor(col.values[i]);
    if (Number.isNaN(v) || seen.has(v)) continue;
    seen.add(v);
    const { y, m, d } = civil(v);
    if (d !== m && d <= 12) out.push(`${pad(m)}/${pad(d)}/${y}`);
  }
  return out;
}

export function dateQuestion(table: Table, column: string, ingestAmbiguous: readonly string[]): DateQuestion | null {
  const col = table.columns.find((c) => c.name === column);
  if (!col) return null;
  if (col.kind === 'categorical') {
    const r = parseDateColumn(col);
    return r.ambiguous ? { column, examples: r.examples, source: 'text' } : null;
  }
  if (col.semantic === 'date' && ingestAmbiguous.includes(column)) return { column, examples: numericExamples(col), source: 'ingest' };
  return null;
}

/** A date column read month-first, re-read day-first (month and day swapped; time of day kept). */
export function swapDayMonth(col: NumericColumn): NumericColumn {
  const values = new Float64Array(col.values.length);
  for (let i = 0; i < values.length; i++) {
    const v = col.values[i];
    if (Number.isNaN(v)) { values[i] = NaN; continue; }
    const { y, m, d } = civil(v);
    values[i] = d <= 12 ? daysFromCivil(y, d, m) + (v - Math.floor(v)) : NaN;
  }
  return { ...col, values };
}

/** The log with the user's day/month answer applied to an ingest-read date column. */
export function logWithDayOrder(table: Table, q: DateQuestion | null, dayFirst: boolean | null): Table {
  if (!q || q.source !== 'ingest' || dayFirst !== true) return table;
  const columns: Column[] = table.columns.map((c) => (c.name === q.column && c.kind === 'numeric' ? swapDayMonth(c) : c));
  return { rowCount: table.rowCount, columns };
}
