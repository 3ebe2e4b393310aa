// Money columns: numeric columns pass through; text columns (when ingest kept "1,234.50", "¥12",
// "(30.00)" as text) are parsed once per distinct level.
import type { Column } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';

/** Read "1,234.50", "¥ 12", "-30", "(30.00)", "12.5元" as numbers; NaN if not a number. */
export function parseAmountText(raw: string): number {
  let s = raw.trim();
  if (s === '') return NaN;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true; // accounting notation for negative amounts
    s = s.slice(1, -1);
  }
  s = s.replace(/[\s,'_]|[¥￥$€£元]|RMB|CNY|USD|EUR/gi, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
  const v = Number(s);
  return negative ? -v : v;
}

/** One number per row (NaN = missing or unreadable). */
export function amountValues(col: Column): Float64Array {
  if (col.kind === 'numeric') return col.values;
  const levelValues = Float64Array.from(col.levels, parseAmountText);
  const out = new Float64Array(col.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = col.codes[i];
    out[i] = c === MISSING_CODE ? NaN : levelValues[c];
  }
  return out;
}
