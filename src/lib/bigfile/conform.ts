// A batch of a big file is typed on its own, and a batch may read a column differently from the
// sample the model was trained on (a batch whose only odd cells are "12%" or "1.234,5" comes out as
// text). A numeric model feature must still get numbers: such a column is read again with the
// sample's own number or date format; a cell that still cannot be read counts as missing and is
// reported. Columns that already have the model's kind pass through untouched.
import { MISSING_CODE, type CategoricalColumn, type Column, type NumericColumn, type SemanticType, type Table } from '../table/types.ts';
import type { FeatureSpec } from '../engine/types.ts';
import type { ColumnFormat } from '../ingest/types.ts';
import { parseNumberText } from '../ingest/number-text.ts';
import { daysSinceEpoch, nameSuggestsDate, parseDateText } from '../ingest/date-text.ts';
import { isMissingToken } from '../ingest/tokens.ts';

/** How the sample's column was typed. */
export interface ColumnLike {
  semantic: SemanticType;
  format?: ColumnFormat;
}

export interface Conformed {
  table: Table;
  /** Per column: non-missing cells that could not be read as the model's numbers. */
  unreadable: Map<string, number>;
}

export function conformToModel(table: Table, features: FeatureSpec[], like: Record<string, ColumnLike>): Conformed {
  const numericFeature = new Set(features.filter((f) => f.kind === 'numeric').map((f) => f.name));
  const unreadable = new Map<string, number>();
  const columns = table.columns.map((c): Column => {
    if (c.kind !== 'categorical' || !numericFeature.has(c.name)) return c;
    const { column, lost } = asNumbers(c, like[c.name]);
    if (lost > 0) unreadable.set(c.name, lost);
    return column;
  });
  return { table: { rowCount: table.rowCount, columns }, unreadable };
}

function levelValue(level: string, name: string, l: ColumnLike | undefined): number {
  if (isMissingToken(level)) return NaN;
  if (l?.semantic === 'date') {
    const p = parseDateText(level, nameSuggestsDate(name));
    if (!p) return NaN;
    const dayFirst = p.order === 'dmy' || (p.order === 'either' && l.format?.dateOrder === 'dmy');
    return dayFirst ? daysSinceEpoch(p.y, p.b, p.a, p.seconds) : daysSinceEpoch(p.y, p.a, p.b, p.seconds);
  }
  return parseNumberText(level, l?.format?.decimalMark ?? '.')?.value ?? NaN;
}

function asNumbers(c: CategoricalColumn, l: ColumnLike | undefined): { column: NumericColumn; lost: number } {
  const byLevel = c.levels.map((level) => levelValue(level, c.name, l));
  const values = new Float64Array(c.codes.length);
  let lost = 0;
  for (let r = 0; r < values.length; r++) {
    const k = c.codes[r];
    if (k === MISSING_CODE) {
      values[r] = NaN;
      continue;
    }
    const v = byLevel[k];
    values[r] = v;
    if (v !== v && !isMissingToken(c.levels[k])) lost++;
  }
  return { column: { kind: 'numeric', name: c.name, values, semantic: l?.semantic === 'date' ? 'date' : 'number' }, lost };
}
