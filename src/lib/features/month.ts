// Calendar arithmetic on plain integers (no Date objects in hot loops).
// A "month index" is year*12 + (month-1); a "day" is days since 1970-01-01 UTC, as in Table date columns.

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Month index (year*12 + month-1) of a day number; fractional days (time of day) are floored. */
export function monthOfDay(day: number): number {
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + m - 1;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** "2024-03" for a month index. */
export function formatMonth(mi: number): string {
  const y = Math.floor(mi / 12);
  const m = mi - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

/** Parse "2024-03", "2024/3", "202403" or "2024年3月" into a month index; null if not a month. */
export function parseMonth(text: string): number | null {
  const s = text.trim();
  const m = /^(\d{4})(?:[-/.年]?)(\d{1,2})月?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  if (m[2].length === 1 && !/[-/.年]/.test(s)) return null; // "20243" is not a month
  return monthIndex(y, mo);
}
