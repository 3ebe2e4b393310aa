// Number formatting for the results screens: locale-aware, percentages with one decimal.
import type { Locale } from '../../lib/i18n/index.ts';

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: Locale, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = locale + key;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', opts);
    cache.set(k, f);
  }
  return f;
}

/** 0.1234 → "12.3%"; NaN → "—". */
export function pct(locale: Locale, x: number): string {
  if (!Number.isFinite(x)) return '—';
  return nf(locale, 'pct', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

/** Integer with grouping: 12345 → "12,345". */
export function int(locale: Locale, x: number): string {
  if (!Number.isFinite(x)) return '—';
  return nf(locale, 'int', { maximumFractionDigits: 0 }).format(x);
}

/** A ratio or score with `digits` decimals (AUC 0.873, lift 3.21). */
export function dec(locale: Locale, x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  return nf(locale, 'dec' + digits, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** Money: the currency the user picked ('' = plain number with two decimals at most). */
export function money(locale: Locale, x: number, currency: string): string {
  if (!Number.isFinite(x)) return '—';
  if (!currency) return nf(locale, 'num2', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
  return nf(locale, 'cur' + currency, { style: 'currency', currency, maximumFractionDigits: 0 }).format(x);
}

/** Signed percentage points: +14.0 / −3.2 (probability difference ×100). */
export function points(locale: Locale, x: number): string {
  const v = nf(locale, 'pts', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'always' }).format(x * 100);
  return v;
}

/** Short axis ticks for money: 12K, −3.5M (currency symbol when one is picked). */
export function compactMoney(locale: Locale, x: number, currency: string): string {
  if (!Number.isFinite(x)) return '';
  const opts: Intl.NumberFormatOptions = { notation: 'compact', maximumFractionDigits: 1 };
  if (currency) Object.assign(opts, { style: 'currency', currency });
  return nf(locale, 'cmp' + currency, opts).format(x);
}
