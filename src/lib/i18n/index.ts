// Message catalogue: every user-facing string, in English and 简体中文.
// Each domain keeps its own file in ./messages/ (so teams do not edit one huge file); a file
// exports `en` and `zh` with exactly the same keys (a unit test checks that).
import type { MessageParams } from '../errors.ts';
import * as ingest from './messages/ingest.ts';
import * as engine from './messages/engine.ts';
import * as model from './messages/model.ts';
import * as features from './messages/features.ts';
import * as ui from './messages/ui.ts';
import * as results from './messages/results.ts';
import * as cli from './messages/cli.ts';
import * as report from './messages/report.ts';
import * as txlog from './messages/txlog.ts';
import * as bigfile from './messages/bigfile.ts';

export type Locale = 'en' | 'zh';
export const LOCALES: Locale[] = ['en', 'zh'];

const domains = [ingest, engine, model, features, ui, results, cli, report, txlog, bigfile];
export const catalogues: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...domains.map((d) => d.en)),
  zh: Object.assign({}, ...domains.map((d) => d.zh)),
};

/** Locale from a browser language list ("zh-CN", "zh-TW", "en-US" …): Chinese first if listed first. */
export function detectLocale(languages: readonly string[] | undefined): Locale {
  for (const l of languages ?? []) {
    const s = l.toLowerCase();
    if (s.startsWith('zh')) return 'zh';
    if (s.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Translate `key`, filling {name} placeholders. An unknown key returns the key itself (a test forbids that). */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const s = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? formatParam(locale, params[p]) : m));
}

function formatParam(locale: Locale, v: string | number): string {
  if (typeof v === 'number') return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 6 }).format(v);
  return v;
}
