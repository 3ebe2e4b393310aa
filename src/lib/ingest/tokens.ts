// Cell tokens that mean "no value", and the fast check for plain numbers.

const MISSING = new Set(['na', 'n/a', 'null', 'none', 'nan', '-', '?', '#n/a', '--', 'nil', '(null)', '#null!', '#value!']);

/** True for tokens spreadsheets and databases write for a missing value (case-insensitive). */
export function isMissingToken(s: string): boolean {
  return s.length === 0 || (s.length <= 7 && MISSING.has(s.toLowerCase()));
}

const INFINITE = new Set(['inf', '-inf', '+inf', 'infinity', '-infinity', '+infinity', '#div/0!']);
export function isInfiniteToken(s: string): boolean {
  return s.length <= 9 && INFINITE.has(s.toLowerCase());
}

/** Trims spaces (incl. a trailing '\r' of CRLF files); cheap when there is nothing to trim. */
export function trimCell(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  if (s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32 && s.charCodeAt(0) !== 0xa0 && s.charCodeAt(n - 1) !== 0xa0 && s.charCodeAt(0) !== 0x3000) return s;
  return s.trim();
}

/**
 * The value of a number written plainly, such that String(value) gives back exactly `s`
 * (so an id column stored as numbers can be turned back into its text), else NaN.
 * Plain means: optional '-', no leading zeros, no trailing zeros after the point, at most 15
 * significant digits. With `allowThreeDecimals` false, "1.234" is refused: in semicolon files
 * that may be 1234 with a thousands dot, which only the whole column can tell.
 */
export function plainNumber(s: string, allowThreeDecimals: boolean): number {
  const n = s.length;
  if (n === 0 || n > 17) return NaN;
  let i = 0;
  if (s.charCodeAt(0) === 45) i = 1; // '-'
  if (i === n) return NaN;
  const intStart = i;
  let c = s.charCodeAt(i);
  if (c === 48) {
    i++; // a lone leading '0' must be followed by '.' or end
    if (i < n && s.charCodeAt(i) !== 46) return NaN;
  } else {
    while (i < n) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    if (i === intStart) return NaN;
  }
  const intDigits = i - intStart;
  if (i === n) {
    if (intStart === 1 && intDigits === 1 && s.charCodeAt(1) === 48) return NaN; // "-0"
    return intDigits <= 15 ? Number(s) : NaN;
  }
  if (s.charCodeAt(i) !== 46) return NaN;
  i++;
  const fracStart = i;
  let leadingFracZeros = 0;
  let nonZeroSeen = false;
  while (i < n) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
    if (c !== 48) nonZeroSeen = true;
    else if (!nonZeroSeen) leadingFracZeros++;
    i++;
  }
  const fracDigits = n - fracStart;
  if (fracDigits === 0 || s.charCodeAt(n - 1) === 48) return NaN;
  if (!allowThreeDecimals && fracDigits === 3) return NaN;
  const intIsZero = s.charCodeAt(intStart) === 48;
  if (intIsZero) {
    // String(1e-7) is "1e-7": keep to values printed in fixed notation.
    if (leadingFracZeros > 5 || fracDigits - leadingFracZeros > 15) return NaN;
  } else if (intDigits + fracDigits > 15) return NaN;
  return Number(s);
}
