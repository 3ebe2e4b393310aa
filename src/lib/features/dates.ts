// Date and timestamp parsing for transaction logs. A whole column is parsed at once so that the
// day/month order of "5/3/2024"-style dates is decided from the column, never silently guessed:
// a first part > 12 proves day-first, a second part > 12 proves month-first, neither → ask the user.
// Categorical columns are parsed once per distinct level (logs repeat dates a lot), numeric
// columns per value (days already, YYYYMMDD integers, or Excel serial numbers).
import type { Column } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { daysFromCivil, daysInMonth } from './month.ts';

/** How many bad rows are listed by index in a report (the count is always complete). */
export const BAD_ROWS_LISTED = 10;

export interface DateParseOk {
  ambiguous: false;
  /** Days since 1970-01-01 UTC per row, with the time of day as a fraction; NaN = missing or bad. */
  days: Float64Array;
  /** The day/month order used for d/m/y texts: true day-first, false month-first, null if none were seen. */
  dayFirst: boolean | null;
  /** Rows whose date is missing or unreadable. */
  badCount: number;
  /** 0-based row indices of the first BAD_ROWS_LISTED bad rows. */
  badRows: number[];
}

export interface DateParseAmbiguous {
  ambiguous: true;
  /** A few texts that could be read either way, to show the user when asking. */
  examples: string[];
}

export type DateParseResult = DateParseOk | DateParseAmbiguous;

export interface DateParseOptions {
  /** Force the order of d/m/y texts (true: 05/03/2024 is 5 March). Needed when the column cannot tell. */
  dayFirst?: boolean;
}

/** Excel's day 0 is 1899-12-30 for serials ≥ 61, because Excel counts a 29 Feb 1900 that never was. */
const EXCEL_EPOCH_OFFSET = 25569;
const EXCEL_MAX_SERIAL = 2958465; // 9999-12-31

/** Days for an Excel serial number (fraction = time of day); NaN outside Excel's range. */
export function excelSerialToDays(serial: number): number {
  if (!(serial >= 1) || serial > EXCEL_MAX_SERIAL + 1) return NaN;
  if (serial >= 61) return serial - EXCEL_EPOCH_OFFSET;
  if (serial >= 60) return NaN; // the phantom 1900-02-29
  return serial - EXCEL_EPOCH_OFFSET + 1;
}

function validDays(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 4) return y;
  return y < 70 ? 2000 + y : 1900 + y; // two-digit years, as spreadsheets read them
}

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})` + TIME + '$');
const YMD_ZH = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日?` + TIME + '$');
const COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})` + TIME + '$');
const DMY = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})` + TIME + '$');
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;

function timeFraction(m: RegExpExecArray, at: number, text: string): number {
  if (m[at] === undefined) return 0;
  let h = Number(m[at]);
  const min = Number(m[at + 1]);
  const s = m[at + 2] === undefined ? 0 : Number(m[at + 2]);
  const pm = /[Pp][Mm]/.test(text);
  const am = /[Aa][Mm]/.test(text);
  if (pm && h < 12) h += 12;
  if (am && h === 12) h = 0;
  if (h > 23 || min > 59 || s > 60) return NaN;
  return (h * 3600 + min * 60 + s) / 86400;
}

/** One text parsed without knowing the column: either fixed days, or a d/m/y pair to resolve. */
type Parsed =
  | { t: 'days'; days: number }
  | { t: 'dm'; a: number; b: number; y: number; frac: number; dotted: boolean }
  | { t: 'bad' };

const BAD: Parsed = { t: 'bad' };

function parseOne(raw: string): Parsed {
  const s = raw.trim();
  if (s === '') return BAD;
  let m: RegExpExecArray | null;
  if ((m = YMD.exec(s))) {
    const days = validDays(Number(m[1]), Number(m[3]), Number(m[4])) + timeFraction(m, 5, s);
    return Number.isNaN(days) ? BAD : { t: 'days', days };
  }
  if ((m = COMPACT.exec(s))) {
    const days = validDays(Number(m[1]), Number(m[2]), Number(m[3])) + timeFraction(m, 4, s);
    return Number.isNaN(days) ? BAD : { t: 'days', days };
  }
  if ((m = YMD_ZH.exec(s))) {
    const days = validDays(Number(m[1]), Number(m[2]), Number(m[3])) + timeFraction(m, 4, s);
    return Number.isNaN(days) ? BAD : { t: 'days', days };
  }
  if ((m = DMY.exec(s))) {
    const frac = timeFraction(m, 5, s);
    if (Number.isNaN(frac)) return BAD;
    return { t: 'dm', a: Number(m[1]), b: Number(m[3]), y: fullYear(m[4]), frac, dotted: m[2] === '.' };
  }
  if (SERIAL.test(s)) {
    const days = excelSerialToDays(Number(s));
    return Number.isNaN(days) ? BAD : { t: 'days', days };
  }
  return BAD;
}

function resolveDm(p: { a: number; b: number; y: number; frac: number }, dayFirst: boolean): number {
  return dayFirst ? validDays(p.y, p.b, p.a) + p.frac : validDays(p.y, p.a, p.b) + p.frac;
}

/** The day/month order a set of texts proves: 'day-first', 'month-first', 'ambiguous' (no proof), or 'none' (no d/m/y texts). */
export function detectDayOrder(texts: Iterable<string>): 'day-first' | 'month-first' | 'ambiguous' | 'none' {
  let dayVotes = 0;
  let monthVotes = 0;
  let dmSeen = false;
  let allDotted = true;
  for (const t of texts) {
    const p = parseOne(t);
    if (p.t !== 'dm') continue;
    dmSeen = true;
    if (!p.dotted) allDotted = false;
    if (p.a > 12 && p.b <= 12) dayVotes++;
    if (p.b > 12 && p.a <= 12) monthVotes++;
  }
  if (!dmSeen) return 'none';
  if (dayVotes > monthVotes) return 'day-first';
  if (monthVotes > dayVotes) return 'month-first';
  // 05.03.2024 is written day-first wherever dots are used as separators.
  if (dayVotes === 0 && allDotted) return 'day-first';
  return 'ambiguous';
}

/** Parse one date text with a known day/month order; NaN if unreadable. */
export function parseDateText(text: string, dayFirst = true): number {
  const p = parseOne(text);
  if (p.t === 'days') return p.days;
  if (p.t === 'dm') return resolveDm(p, dayFirst);
  return NaN;
}

function looksCompact(v: number): boolean {
  if (!Number.isInteger(v) || v < 10000101 || v > 99991231) return false;
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  return !Number.isNaN(validDays(y, m, v % 100));
}

/** Parse a whole column of dates (see the file comment). */
export function parseDateColumn(col: Column, opts: DateParseOptions = {}): DateParseResult {
  const n = col.kind === 'numeric' ? col.values.length : col.codes.length;
  const days = new Float64Array(n);
  let dayFirst: boolean | null = null;
  if (col.kind === 'numeric') {
    const v = col.values;
    if (col.semantic === 'date') days.set(v);
    else {
      let compact = true;
      let seen = false;
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(v[i])) continue;
        seen = true;
        if (!looksCompact(v[i])) { compact = false; break; }
      }
      for (let i = 0; i < n; i++) {
        const x = v[i];
        if (compact && seen) days[i] = Number.isNaN(x) ? NaN : validDays(Math.floor(x / 10000), Math.floor(x / 100) % 100, x % 100);
        else days[i] = Number.isNaN(x) ? NaN : excelSerialToDays(x);
      }
    }
  } else {
    const parsed = col.levels.map(parseOne);
    const order = opts.dayFirst !== undefined ? null : detectDayOrder(col.levels);
    if (order === 'ambiguous') {
      const examples = col.levels.filter((_, i) => parsed[i].t === 'dm').slice(0, 3);
      return { ambiguous: true, examples };
    }
    if (opts.dayFirst !== undefined) dayFirst = opts.dayFirst;
    else if (order === 'day-first') dayFirst = true;
    else if (order === 'month-first') dayFirst = false;
    const levelDays = new Float64Array(parsed.length);
    for (let i = 0; i < parsed.length; i++) {
      const p = parsed[i];
      levelDays[i] = p.t === 'days' ? p.days : p.t === 'dm' ? resolveDm(p, dayFirst ?? true) : NaN;
    }
    const codes = col.codes;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      days[i] = c === MISSING_CODE ? NaN : levelDays[c];
    }
  }
  let badCount = 0;
  const badRows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(days[i])) {
      days[i] = NaN;
      if (badCount < BAD_ROWS_LISTED) badRows.push(i);
      badCount++;
    }
  }
  return { ambiguous: false, days, dayFirst, badCount, badRows };
}
