// Dates as they appear in exports: 2024-03-05 (optionally with a time), 2024/3/5, 2024年3月5日,
// 05.03.2024 (day first), 3/5/2024 or 5-3-2024 (order decided per column), 20240305 (only when
// the column name says it is a date). Stored as days since 1970-01-01 UTC, time as a fraction.

export type DateOrder = 'ymd' | 'dmy' | 'either';

export interface DateParts {
  order: DateOrder;
  y: number;
  /** Month for 'ymd' / day for 'dmy' / first number for 'either'. */
  a: number;
  b: number;
  seconds: number;
}

const TIME = '(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const YMD = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME}$`);
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const DOTTED = new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${TIME}$`);
const SLASHED = new RegExp(`^(\\d{1,2})([/-])(\\d{1,2})\\2(\\d{4})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function secondsOf(m: RegExpExecArray, at: number): number {
  if (m[at] === undefined) return 0;
  return Number(m[at]) * 3600 + Number(m[at + 1]) * 60 + (m[at + 2] ? Number(m[at + 2]) : 0);
}

export function parseDateText(s: string, compactAllowed: boolean): DateParts | null {
  if (s.length < 8 || s.length > 32) return null;
  let m = YMD.exec(s);
  if (m) return { order: 'ymd', y: +m[1], a: +m[3], b: +m[4], seconds: secondsOf(m, 5) };
  m = CHINESE.exec(s);
  if (m) return { order: 'ymd', y: +m[1], a: +m[2], b: +m[3], seconds: 0 };
  m = DOTTED.exec(s);
  if (m) return { order: 'dmy', y: +m[3], a: +m[1], b: +m[2], seconds: secondsOf(m, 4) };
  m = SLASHED.exec(s);
  if (m) return { order: 'either', y: +m[4], a: +m[1], b: +m[3], seconds: secondsOf(m, 5) };
  if (compactAllowed) {
    m = COMPACT.exec(s);
    if (m) return { order: 'ymd', y: +m[1], a: +m[2], b: +m[3], seconds: 0 };
  }
  return null;
}

/** Days since 1970-01-01 UTC, or NaN when the calendar date does not exist (2023-02-30). */
export function daysSinceEpoch(y: number, month: number, day: number, seconds: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || y < 1000 || y > 9999 || seconds >= 86400) return NaN;
  const t = Date.UTC(y, month - 1, day);
  const d = new Date(t);
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return NaN;
  return t / 86400000 + seconds / 86400;
}

/** Days since 1970-01-01 → YYYY-MM-DD, or an ISO timestamp when there is a time of day (exports, reasons, the profile). */
export function dateText(days: number): string {
  const iso = new Date(days * 86_400_000).toISOString();
  return Number.isInteger(days) ? iso.slice(0, 10) : iso;
}

/** Column names that make an 8-digit number (20240305) a date. */
export function nameSuggestsDate(name: string): boolean {
  return /date|time|day|_dt$|^dt_|^dt$|日期|时间|年月日/i.test(name);
}
