// Locale-aware number formatting for everything the user reads. Formatters are cached:
// Intl.NumberFormat construction is slow and tables call these per cell.
import type { Locale } from '../../lib/i18n/index.ts';

const cache = new Map<string, Intl.NumberFormat>();

/** `key` names the options (callers pass a short constant key, so a lookup costs no serialisation). */
function nf(locale: Locale, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = locale + key;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), opts);
    cache.set(k, f);
  }
  return f;
}

export function intlLocale(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en-US';
}

export function fmtInt(locale: Locale, n: number): string {
  return nf(locale, 'int', { maximumFractionDigits: 0 }).format(n);
}

/** A number with up to `digits` decimals (trailing zeros dropped). */
export function fmtNum(locale: Locale, n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return nf(locale, 'num' + digits, { maximumFractionDigits: digits }).format(n);
}

/** A fixed number of decimals, e.g. AUC 0.842. */
export function fmtFixed(locale: Locale, n: number, digits: number): string {
  if (!Number.isFinite(n)) return '—';
  return nf(locale, 'fixed' + digits, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(n);
}

/** A share 0..1 as a percentage with one decimal: 0.7432 → "74.3%". */
export function fmtPct(locale: Locale, share: number): string {
  if (!Number.isFinite(share)) return '—';
  return nf(locale, 'pct', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

export function fmtMB(locale: Locale, bytes: number): string {
  return nf(locale, 'one', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1_048_576);
}

/** Elapsed seconds with one decimal (the unit word comes from the catalogue). */
export function fmtSeconds(locale: Locale, ms: number): string {
  return nf(locale, 'one', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000);
}
