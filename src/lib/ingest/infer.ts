// Decides each column's type once the whole column is known: number (with thousands separators,
// percent, currency, decimal comma), date, identifier, category or free text. Identifiers and
// codes with leading zeros stay text so 00017 is never turned into 17.
import { MISSING_CODE, type Column, type SemanticType } from '../table/types.ts';
import { CODE_EMPTY, CODE_NUMBER, type RawColumn } from './column-builder.ts';
import { daysSinceEpoch, nameSuggestsDate, parseDateText, type DateParts } from './date-text.ts';
import { sortFloat64 } from '../util/sort-float64.ts';
import { nameLooksLikeId } from './names.ts';
import { decideDecimalMark, parseNumberText } from './number-text.ts';
import { isInfiniteToken, isMissingToken } from './tokens.ts';
import type { ColumnFormat, IngestWarning } from './types.ts';

/** Share of non-missing cells that must read as numbers (or dates) for the column to be one. */
const TYPE_SHARE = 0.95;
/** At most this many distinct odd tokens are set to missing in a number or date column. */
const MAX_ODD_TOKENS = 10;
/** Identifier by uniqueness: at least this share distinct, over at least ID_MIN_ROWS values. */
const ID_UNIQUE_SHARE = 0.95;
const ID_MIN_ROWS = 50;

export interface InferredColumn {
  column: Column;
  format: ColumnFormat;
  warnings: IngestWarning[];
}

interface TextStats {
  counts: Int32Array;
  numberCells: number;
  emptyCells: number;
}

function countCells(raw: RawColumn): TextStats {
  const counts = new Int32Array(raw.texts.length);
  let numberCells = 0;
  let emptyCells = 0;
  if (raw.codes) {
    const codes = raw.codes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c >= 0) counts[c]++;
      else if (c === CODE_NUMBER) numberCells++;
      else emptyCells++;
    }
  } else if (raw.numbers) {
    const v = raw.numbers;
    for (let i = 0; i < v.length; i++) if (v[i] === v[i]) numberCells++;
    emptyCells = raw.rows - numberCells;
  } else {
    emptyCells = raw.rows;
  }
  return { counts, numberCells, emptyCells };
}

const enum TextKind { Missing, Infinite, Other }

export function inferColumn(raw: RawColumn, semicolonFile: boolean): InferredColumn {
  const { counts, numberCells } = countCells(raw);
  const texts = raw.texts;
  const kinds = new Uint8Array(texts.length);
  let otherCells = 0;
  let infCells = 0;
  for (let k = 0; k < texts.length; k++) {
    const s = texts[k];
    if (isMissingToken(s)) kinds[k] = TextKind.Missing;
    else if (isInfiniteToken(s)) { kinds[k] = TextKind.Infinite; infCells += counts[k]; }
    else { kinds[k] = TextKind.Other; otherCells += counts[k]; }
  }
  const nonMissing = numberCells + otherCells + infCells;
  if (nonMissing === 0) return emptyColumn(raw.name, raw.rows);

  const idByName = nameLooksLikeId(raw.name);
  if (!idByName) {
    const asDate = tryDate(raw, counts, kinds, numberCells, otherCells);
    if (asDate) return asDate;
    const asNumber = tryNumeric(raw, counts, kinds, numberCells, otherCells, infCells, semicolonFile);
    if (asNumber) return asNumber;
  }
  return categorical(raw, kinds, nonMissing, idByName);
}

function emptyColumn(name: string, rows: number): InferredColumn {
  return {
    column: { kind: 'categorical', name, codes: new Int32Array(rows).fill(MISSING_CODE), levels: [], semantic: 'empty' },
    format: {},
    warnings: [],
  };
}

function tryNumeric(raw: RawColumn, counts: Int32Array, kinds: Uint8Array, numberCells: number, otherCells: number, infCells: number, semicolonFile: boolean): InferredColumn | null {
  const texts = raw.texts;
  const candidates: string[] = [];
  for (let k = 0; k < texts.length; k++) if (kinds[k] === TextKind.Other) candidates.push(texts[k]);
  const decimal = decideDecimalMark(candidates, raw.fractions, semicolonFile);
  const values = new Float64Array(texts.length).fill(NaN);
  let numericCells = numberCells + infCells;
  let percentCells = 0;
  let leadingZeroCells = 0;
  let fractional = raw.fractions > 0;
  const currencies = new Map<string, number>();
  const oddTokens: string[] = [];
  let oddCells = 0;
  for (let k = 0; k < texts.length; k++) {
    if (kinds[k] !== TextKind.Other) continue;
    const p = parseNumberText(texts[k], decimal);
    if (p === null) {
      oddTokens.push(texts[k]);
      oddCells += counts[k];
      if (oddTokens.length > MAX_ODD_TOKENS) return null;
      continue;
    }
    values[k] = p.value;
    numericCells += counts[k];
    if (p.percent) percentCells += counts[k];
    if (p.leadingZero) leadingZeroCells += counts[k];
    if (p.value !== Math.floor(p.value)) fractional = true;
    if (p.currency) currencies.set(p.currency, (currencies.get(p.currency) ?? 0) + counts[k]);
  }
  const nonMissing = numberCells + otherCells + infCells;
  if (numericCells === infCells || numericCells < TYPE_SHARE * nonMissing) return null;
  // Codes written with leading zeros (zip codes, 00017) are labels: keep their text.
  if (leadingZeroCells > 0 && !fractional) return null;
  if (!fractional && percentCells === 0 && currencies.size === 0) {
    if (integersLookUnique(raw, values, kinds, nonMissing)) return null;
  }

  const out = new Float64Array(raw.rows);
  const codes = raw.codes;
  const nums = raw.numbers;
  for (let i = 0; i < out.length; i++) {
    const c = codes ? codes[i] : nums && nums[i] === nums[i] ? CODE_NUMBER : CODE_EMPTY;
    out[i] = c === CODE_NUMBER ? nums![i] : c >= 0 ? values[c] : NaN;
  }
  const warnings: IngestWarning[] = [];
  if (oddCells > 0) {
    warnings.push({ key: 'ingest.mixedColumn', params: { column: raw.name, count: oddCells, examples: oddTokens.slice(0, 3).join(', ') } });
  }
  if (infCells > 0) warnings.push({ key: 'ingest.infiniteValues', params: { column: raw.name, count: infCells } });
  const format: ColumnFormat = {};
  if (percentCells > 0 && percentCells * 2 >= numericCells) format.percent = true;
  if (currencies.size > 0) format.currency = [...currencies].sort((a, b) => b[1] - a[1])[0][0];
  if (decimal === ',' && hasSeparators(texts, kinds, values)) format.decimalMark = ',';
  return { column: { kind: 'numeric', name: raw.name, values: out, semantic: 'number' }, format, warnings };
}

function hasSeparators(texts: string[], kinds: Uint8Array, values: Float64Array): boolean {
  for (let k = 0; k < texts.length; k++) if (kinds[k] === TextKind.Other && values[k] === values[k] && texts[k].includes(',')) return true;
  return false;
}

/** Integer columns whose values are (nearly) all different are identifiers (CustomerId 15634602). */
function integersLookUnique(raw: RawColumn, textValues: Float64Array, kinds: Uint8Array, nonMissing: number): boolean {
  if (nonMissing < ID_MIN_ROWS) return false;
  const all = new Float64Array(nonMissing);
  let n = 0;
  const nums = raw.numbers;
  const codes = raw.codes;
  for (let i = 0; i < raw.rows && n < nonMissing; i++) {
    const c = codes ? codes[i] : CODE_NUMBER;
    const v = c === CODE_NUMBER ? nums![i] : c >= 0 && kinds[c] === TextKind.Other ? textValues[c] : NaN;
    if (v === v) all[n++] = v;
  }
  // A quick look at the first values avoids sorting columns that obviously repeat.
  const probe = new Set<number>();
  const m = Math.min(n, 2000);
  for (let i = 0; i < m; i++) probe.add(all[i]);
  if (probe.size < ID_UNIQUE_SHARE * m) return false;
  const sorted = all.subarray(0, n);
  sortFloat64(sorted);
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct >= ID_UNIQUE_SHARE * nonMissing;
}

function tryDate(raw: RawColumn, counts: Int32Array, kinds: Uint8Array, numberCells: number, otherCells: number): InferredColumn | null {
  const compact = nameSuggestsDate(raw.name);
  if (numberCells > 0 && !compact) return null;
  const texts = raw.texts;
  const parts: (DateParts | null)[] = new Array(texts.length).fill(null);
  let maxA = 0;
  let maxB = 0;
  let eitherCells = 0;
  for (let k = 0; k < texts.length; k++) {
    if (kinds[k] !== TextKind.Other) continue;
    const p = parseDateText(texts[k], compact);
    parts[k] = p;
    if (p && p.order === 'either') {
      if (p.a > maxA) maxA = p.a;
      if (p.b > maxB) maxB = p.b;
      eitherCells += counts[k];
    }
  }
  const nonMissing = numberCells + otherCells;
  // Day and month order of n/n/yyyy: a first number above 12 means day first; a second one, month first.
  const order: 'dmy' | 'mdy' = maxA > 12 ? 'dmy' : 'mdy';
  const eitherConsistent = !(maxA > 12 && maxB > 12);
  const dayValues = new Float64Array(texts.length).fill(NaN);
  let dateCells = 0;
  let oddTokens = 0;
  let oddCells = 0;
  const orders = new Set<string>();
  for (let k = 0; k < texts.length; k++) {
    if (kinds[k] !== TextKind.Other) continue;
    const p = parts[k];
    let d = NaN;
    if (p) {
      if (p.order === 'ymd') d = daysSinceEpoch(p.y, p.a, p.b, p.seconds);
      else if (p.order === 'dmy') d = daysSinceEpoch(p.y, p.b, p.a, p.seconds);
      else if (eitherConsistent) d = order === 'dmy' ? daysSinceEpoch(p.y, p.b, p.a, p.seconds) : daysSinceEpoch(p.y, p.a, p.b, p.seconds);
      if (d === d) orders.add(p.order === 'either' ? order : p.order);
    }
    if (d === d) {
      dayValues[k] = d;
      dateCells += counts[k];
    } else {
      oddCells += counts[k];
      if (++oddTokens > MAX_ODD_TOKENS) return null;
    }
  }
  const nums = raw.numbers;
  if (numberCells > 0 && nums) {
    for (let i = 0; i < nums.length; i++) {
      const v = nums[i];
      if (v !== v) continue;
      if (Number.isNaN(compactDate(v))) return null;
      dateCells++;
    }
  }
  if (dateCells === 0 || dateCells < TYPE_SHARE * nonMissing) return null;

  const out = new Float64Array(raw.rows);
  const codes = raw.codes;
  for (let i = 0; i < out.length; i++) {
    const c = codes ? codes[i] : nums && nums[i] === nums[i] ? CODE_NUMBER : CODE_EMPTY;
    if (c === CODE_NUMBER) {
      out[i] = compactDate(nums![i]);
    } else out[i] = c >= 0 ? dayValues[c] : NaN;
  }
  const warnings: IngestWarning[] = [];
  if (oddCells > 0) warnings.push({ key: 'ingest.mixedColumn', params: { column: raw.name, count: oddCells, examples: oddExamples(texts, kinds, dayValues) } });
  if (eitherCells > 0 && maxA <= 12 && maxB <= 12) warnings.push({ key: 'ingest.ambiguousDate', params: { column: raw.name } });
  const format: ColumnFormat = {};
  if (orders.size === 1) format.dateOrder = [...orders][0] as ColumnFormat['dateOrder'];
  return { column: { kind: 'numeric', name: raw.name, values: out, semantic: 'date' }, format, warnings };
}

/** 20240305 → days since epoch; NaN unless an 8-digit integer that is a real date. */
function compactDate(v: number): number {
  if (v !== Math.floor(v) || v < 10000101 || v > 99991231) return NaN;
  return daysSinceEpoch(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100, 0);
}

function oddExamples(texts: string[], kinds: Uint8Array, values: Float64Array): string {
  const out: string[] = [];
  for (let k = 0; k < texts.length && out.length < 3; k++) if (kinds[k] === TextKind.Other && values[k] !== values[k]) out.push(texts[k]);
  return out.join(', ');
}

/** Text column: missing tokens become missing; plain numbers become their exact text again. */
function categorical(raw: RawColumn, kinds: Uint8Array, nonMissing: number, idByName: boolean): InferredColumn {
  const remap = new Int32Array(raw.texts.length).fill(-2);
  const levels: string[] = [];
  const numberCodes = new Map<number, number>();
  const codesOut = new Int32Array(raw.rows);
  const codes = raw.codes;
  const nums = raw.numbers;
  for (let i = 0; i < raw.rows; i++) {
    const c = codes ? codes[i] : nums && nums[i] === nums[i] ? CODE_NUMBER : CODE_EMPTY;
    if (c >= 0) {
      let r = remap[c];
      if (r === -2) {
        r = kinds[c] === TextKind.Missing ? MISSING_CODE : levels.length;
        if (r !== MISSING_CODE) levels.push(raw.texts[c]);
        remap[c] = r;
      }
      codesOut[i] = r;
    } else if (c === CODE_NUMBER) {
      const v = nums![i];
      let r = numberCodes.get(v);
      if (r === undefined) {
        r = levels.length;
        levels.push(String(v));
        numberCodes.set(v, r);
      }
      codesOut[i] = r;
    } else codesOut[i] = MISSING_CODE;
  }
  let semantic: SemanticType = 'category';
  const unique = levels.length >= ID_UNIQUE_SHARE * nonMissing && nonMissing >= ID_MIN_ROWS;
  if (idByName) semantic = 'id';
  else if (unique) semantic = averageLength(levels) > 30 ? 'text' : 'id';
  return { column: { kind: 'categorical', name: raw.name, codes: codesOut, levels, semantic }, format: {}, warnings: [] };
}

function averageLength(levels: string[]): number {
  let total = 0;
  const n = Math.min(levels.length, 1000);
  for (let i = 0; i < n; i++) total += levels[i].length;
  return n ? total / n : 0;
}
