// Numbers as people write them in spreadsheets: thousands separators (1,234 / 1 234 / 1.234,5),
// percent (12% → 12), currency (¥1,200, $3.5, €, £), accounting negatives ((1,234)),
// scientific notation (1e5), decimal comma (1,5).

export type DecimalMark = '.' | ',';

export interface ParsedNumber {
  value: number;
  percent: boolean;
  currency: string;
  /** An integer written with leading zeros (00017): a code, not a quantity. */
  leadingZero: boolean;
}

const CURRENCY_PREFIX = /^(US\$|HK\$|NT\$|RMB|CNY|USD|EUR|GBP|[¥￥$€£₹₩])\s*/i;
const CURRENCY_SUFFIX = /\s*(元|円|RMB|CNY|USD|EUR|GBP|[¥￥$€£])$/i;
const SPACES = /[\s\u00a0\u202f\u2009']/g;
const SCIENTIFIC = /^\d+(\.\d*)?[eE][+-]?\d+$|^\.\d+([eE][+-]?\d+)?$/;
const DIGITS = /^\d+$/;

/** Parses one trimmed, non-missing cell; null when it is not a number under `decimal`. */
export function parseNumberText(s: string, decimal: DecimalMark): ParsedNumber | null {
  let t = s;
  let negative = false;
  let percent = false;
  let currency = '';
  if (t.length > 2 && t[0] === '(' && t[t.length - 1] === ')') {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (t[0] === '-' || t[0] === '+' || t[0] === '−') {
    if (negative) return null;
    negative = t[0] !== '+';
    t = t.slice(1).trimStart();
  }
  let m = CURRENCY_PREFIX.exec(t);
  if (m) {
    currency = m[1];
    t = t.slice(m[0].length);
    if (t[0] === '-' || t[0] === '−') {
      if (negative) return null;
      negative = true;
      t = t.slice(1);
    }
  }
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  if (!currency && !percent) {
    m = CURRENCY_SUFFIX.exec(t);
    if (m) {
      currency = m[1];
      t = t.slice(0, t.length - m[0].length);
    }
  }
  if (t.length === 0) return null;
  const c0 = t.charCodeAt(0);
  if ((c0 < 48 || c0 > 57) && c0 !== 46 && c0 !== 44) return null;
  t = t.replace(SPACES, '');
  const value = digitsValue(t, decimal);
  if (value === null) return null;
  const leadingZero = t.length > 1 && t[0] === '0' && DIGITS.test(t);
  return { value: negative ? -value : value, percent, currency, leadingZero };
}

function digitsValue(t: string, decimal: DecimalMark): number | null {
  if (DIGITS.test(t)) return Number(t);
  if (SCIENTIFIC.test(t)) return Number(t);
  const group = decimal === '.' ? ',' : '.';
  const lastDec = t.lastIndexOf(decimal);
  const intPart = lastDec >= 0 ? t.slice(0, lastDec) : t;
  const fracPart = lastDec >= 0 ? t.slice(lastDec + 1) : '';
  if (lastDec >= 0 && !DIGITS.test(fracPart)) return null;
  if (intPart.indexOf(decimal) >= 0) return null;
  let intDigits = intPart;
  if (intPart.indexOf(group) >= 0) {
    const groups = intPart.split(group);
    if (!/^\d{1,3}$/.test(groups[0]) || (groups[0][0] === '0' && groups[0] !== '0')) return null;
    if (groups[0] === '0') return null; // "0.125" is never a thousands grouping
    for (let i = 1; i < groups.length; i++) if (!/^\d{3}$/.test(groups[i])) return null;
    intDigits = groups.join('');
  } else if (intPart.length > 0 && !DIGITS.test(intPart)) return null;
  if (intDigits.length === 0 && fracPart.length === 0) return null;
  return Number((intDigits || '0') + (fracPart ? '.' + fracPart : ''));
}

/**
 * Which mark is the decimal one in a column, from the cells that contain ',' or '.':
 * "1,5" or "1.234,5" say comma; "1.5" or "1,234.5" say point; "1,234" alone is ambiguous and
 * follows the file's convention (comma in semicolon files).
 */
export function decideDecimalMark(samples: Iterable<string>, fastFractions: number, semicolonFile: boolean): DecimalMark {
  let commaEvidence = 0;
  let pointEvidence = fastFractions;
  for (const s of samples) {
    const c = s.lastIndexOf(',');
    const p = s.lastIndexOf('.');
    if (c < 0 && p < 0) continue;
    if (c >= 0 && p >= 0) {
      if (c > p) commaEvidence++;
      else pointEvidence++;
      continue;
    }
    const mark = c >= 0 ? ',' : '.';
    const at = c >= 0 ? c : p;
    if (s.indexOf(mark) !== at) {
      // Several of the same mark ("1,234,567"): it is the grouping one.
      if (mark === ',') pointEvidence++;
      else commaEvidence++;
      continue;
    }
    const after = digitsAfter(s, at + 1);
    const zeroLead = /^[^0-9]*0[.,]/.test(s); // "0,125" / "0.125": the mark must be the decimal one
    if (after === 0 || (after === 3 && !zeroLead)) continue; // "1,234": grouping or decimal, cannot tell
    if (mark === ',') commaEvidence++;
    else pointEvidence++;
  }
  if (commaEvidence > pointEvidence) return ',';
  if (pointEvidence > commaEvidence) return '.';
  return semicolonFile ? ',' : '.';
}

function digitsAfter(s: string, from: number): number {
  let k = from;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) break;
    k++;
  }
  return k - from;
}
