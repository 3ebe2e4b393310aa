// The scores file: one row per input row, in input order, for a CRM, a call centre or Excel.
// Columns, left to right:
//   <id column> (exact text) or `row` (1-based row number when there is no id column)
//   every other input column when includeInputColumns (exact text; dates as YYYY-MM-DD)
//   <target column> as the user wrote it, when given and input columns are not included
//   actual_churn      1 churned / 0 stayed / empty unknown (when labels are given)
//   churn_probability full double precision
//   score_source      test / oob / model: how honest the score is (when probSource is given)
//   risk_tier         churned / at_risk / normal
//   extra columns (e.g. customer value, expected loss), then reason_1..reason_3 (when reasons are given)
// Machine values (tier names, score sources, column names) stay in English whatever the UI language,
// so automation built on the file keeps working; the UI shows them translated.
import type { Column, Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { TIER_NAMES } from '../evaluate/tiers.ts';
import { csvChunks, type CsvValue } from './csv.ts';
import { dateText } from '../ingest/date-text.ts';

export interface ScoresCsvInput {
  table: Table;
  idColumn: string | null;
  /** Per row: 1 churned, 0 stayed, anything else unknown. */
  labels?: Uint8Array;
  /** Name of the target column, written as-is when input columns are not included. */
  target?: string;
  prob: Float64Array;
  /** Per row: 0 full model, 1 held-out test, 2 out-of-bag (TrainedModel.rowProbSource). */
  probSource?: Uint8Array;
  tiers: Uint8Array;
  extraColumns?: { name: string; values: (string | number | null)[] | Float64Array }[];
  /** Per row: up to three short reasons, most important first. */
  reasons?: string[][];
  includeInputColumns?: boolean;
}

export const SCORE_SOURCE_NAMES = ['model', 'test', 'oob'] as const;
const REASON_COLUMNS = 3;


function cellValue(col: Column, row: number): CsvValue {
  if (col.kind === 'categorical') {
    const c = col.codes[row];
    return c === MISSING_CODE ? null : col.levels[c];
  }
  const v = col.values[row];
  if (Number.isNaN(v)) return null;
  return col.semantic === 'date' ? dateText(v) : v;
}

function findColumn(table: Table, name: string): Column {
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new RangeError(`no column named ${JSON.stringify(name)}`);
  return col;
}

export function* scoresCsvChunks(input: ScoresCsvInput): Generator<string> {
  const { table, prob, tiers, labels, probSource, reasons } = input;
  const n = table.rowCount;
  const check = (what: string, len: number) => {
    if (len !== n) throw new RangeError(`${what} has ${len} entries for ${n} rows`);
  };
  check('prob', prob.length);
  check('tiers', tiers.length);
  if (labels) check('labels', labels.length);
  if (probSource) check('probSource', probSource.length);
  if (reasons) check('reasons', reasons.length);
  for (const e of input.extraColumns ?? []) check(`column ${e.name}`, e.values.length);

  const idCol = input.idColumn === null ? null : findColumn(table, input.idColumn);
  const inputCols: Column[] = input.includeInputColumns
    ? table.columns.filter((c) => c !== idCol)
    : input.target !== undefined && input.target !== input.idColumn
      ? [findColumn(table, input.target)]
      : [];

  const ours: string[] = [];
  if (labels) ours.push('actual_churn');
  ours.push('churn_probability');
  if (probSource) ours.push('score_source');
  ours.push('risk_tier');
  for (const e of input.extraColumns ?? []) ours.push(e.name);
  if (reasons) for (let r = 1; r <= REASON_COLUMNS; r++) ours.push(`reason_${r}`);
  // An input column may already be called e.g. "risk_tier": keep the input name, rename ours.
  const taken = new Set([idCol ? idCol.name : 'row', ...inputCols.map((c) => c.name)]);
  const header = [idCol ? idCol.name : 'row', ...inputCols.map((c) => c.name)];
  for (const name of ours) {
    let h = name;
    while (taken.has(h)) h += '_churnlens';
    taken.add(h);
    header.push(h);
  }

  // Text from the user's file is numeric text: a plain number such as "-12" stays exact.
  const numericText = header.map((_, i) => i <= inputCols.length);
  const extras = input.extraColumns ?? [];

  function* rows(): Generator<CsvValue[]> {
    const cells: CsvValue[] = new Array(header.length);
    for (let r = 0; r < n; r++) {
      let k = 0;
      cells[k++] = idCol ? cellValue(idCol, r) : r + 1;
      for (const c of inputCols) cells[k++] = cellValue(c, r);
      if (labels) cells[k++] = labels[r] === 1 ? 1 : labels[r] === 0 ? 0 : null;
      cells[k++] = prob[r];
      if (probSource) cells[k++] = SCORE_SOURCE_NAMES[probSource[r]] ?? null;
      cells[k++] = TIER_NAMES[tiers[r]] ?? null;
      for (const e of extras) cells[k++] = e.values[r];
      if (reasons) for (let j = 0; j < REASON_COLUMNS; j++) cells[k++] = reasons[r][j] ?? null;
      yield cells;
    }
  }
  yield* csvChunks(header, rows(), { numericText });
}

export function buildScoresCsv(input: ScoresCsvInput): string {
  let s = '';
  for (const c of scoresCsvChunks(input)) s += c;
  return s;
}
