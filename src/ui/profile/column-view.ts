// Turns a ColumnProfile into what one row of the column table shows: a summary line, the
// distribution bars and the churn-rate bars with their tooltips. Pure, so it is tested without a DOM.
import type { Locale } from '../../lib/i18n/index.ts';
import { translate } from '../../lib/i18n/index.ts';
import type { ColumnProfile, GroupStats } from '../../lib/profile/types.ts';
import { fmtInt, fmtNum, fmtPct } from '../state/format.ts';
import type { Bar } from './MiniBars.svelte';
import { dateText } from '../../lib/ingest/date-text.ts';

export interface ColumnView {
  summary: string;
  counts: Bar[];
  /** Churn rate per bar (empty without a target). */
  rates: Bar[];
  maxCount: number;
  maxRate: number;
}


function valueText(p: ColumnProfile, v: number, locale: Locale): string {
  return p.semantic === 'date' ? dateText(Math.floor(v)) : fmtNum(locale, v, 2);
}

function groups(p: ColumnProfile, locale: Locale): { label: string; g: GroupStats }[] {
  const out: { label: string; g: GroupStats }[] = [];
  if (p.histogram) {
    for (const b of p.histogram) {
      const label = b.lo === b.hi ? valueText(p, b.lo, locale) : `${valueText(p, b.lo, locale)} – ${valueText(p, b.hi, locale)}`;
      out.push({ label, g: b });
    }
  } else if (p.top) {
    for (const c of p.top) out.push({ label: c.value, g: c });
  }
  if (p.missingGroup && p.missingGroup.count > 0) out.push({ label: translate(locale, 'ui.missingValue'), g: p.missingGroup });
  return out;
}

/** Highest churn rate among a column's groups (bins or categories, and its missing cells), 0 without a target. */
export function maxChurnRate(p: ColumnProfile): number {
  let m = 0;
  const see = (g: GroupStats | undefined) => {
    if (g && g.count > 0 && g.churnRate !== undefined && g.churnRate > m) m = g.churnRate;
  };
  for (const g of p.histogram ?? []) see(g);
  for (const g of p.top ?? []) see(g);
  see(p.missingGroup);
  return m;
}

export function columnView(p: ColumnProfile, locale: Locale): ColumnView {
  let summary = '';
  if (p.kind === 'numeric' && p.min !== undefined && p.max !== undefined && Number.isFinite(p.min)) {
    summary = translate(locale, 'ui.col.range', { min: valueText(p, p.min, locale), max: valueText(p, p.max, locale) });
    if (p.semantic !== 'date' && p.mean !== undefined && Number.isFinite(p.mean)) summary += ' · ' + translate(locale, 'ui.col.mean', { mean: fmtNum(locale, p.mean, 2) });
  } else if (p.top && p.top.length > 0) {
    const known = p.rows - p.missing;
    summary = p.top
      .slice(0, 3)
      .map((c) => `${c.value} ${fmtPct(locale, known > 0 ? c.count / known : 0)}`)
      .join(' · ');
  }
  const gs = groups(p, locale);
  const counts: Bar[] = gs.map(({ label, g }) => ({
    value: g.count,
    tip: translate(locale, 'ui.col.histBar', { label, count: fmtInt(locale, g.count) }),
  }));
  const rates: Bar[] = gs.some(({ g }) => g.churnRate !== undefined)
    ? gs.map(({ label, g }) => ({
        value: g.churnRate ?? NaN,
        tip: translate(locale, 'ui.col.churnRate', { label, rate: fmtPct(locale, g.churnRate ?? NaN), count: fmtInt(locale, g.labelled ?? g.count) }),
      }))
    : [];
  const finite = (xs: Bar[]) => xs.reduce((m, b) => (Number.isFinite(b.value) && b.value > m ? b.value : m), 0);
  return { summary, counts, rates, maxCount: finite(counts), maxRate: finite(rates) };
}
