// Per-customer features and churn labels at a cutoff month T, read from the monthly panel.
// Definitions (issue 4): window = months T-W+1..T, horizon = T+1..T+H; population = customers with
// at least one transaction in the window; churned = 1 if none in the horizon, 0 otherwise, missing
// when the data end before T+H. Features read only months ≤ T.
import type { CategoricalColumn, Column, NumericColumn, Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { UserError } from '../errors.ts';
import { formatMonth, monthOfDay, daysFromCivil, daysInMonth } from './month.ts';
import { prepareLog, type DroppedRows, type LogRoles, type PreparedLog } from './prepare.ts';
import { SERIES_STATS, seriesPrefixes } from './feature-names.ts';

export interface FeatureOptions {
  /** W: months observed up to and including the cutoff (default 6). */
  window: number;
  /** H: months after the cutoff in which no transaction means churned (default 1). */
  horizon: number;
  /** T as a month index (year*12 + month-1); default: the latest month whose horizon is inside the data. */
  cutoff?: number;
  /** rule_declining fires after this many consecutive months of decline ending at T (default 3). */
  declineMonths: number;
  /** A month counts as "below" when its amount is at or below this (default 0: nothing spent). */
  belowAmount: number;
  /** rule_below_threshold fires after this many consecutive below months ending at T (default 3). */
  belowMonths: number;
  /** Order of d/m/y dates when the column cannot tell. */
  dayFirst?: boolean;
  /** Kind whose amounts the two rules watch (e.g. "purchase"); default: all transactions. */
  ruleKind?: string;
  /** Other log columns to copy per customer (value on the customer's last transaction up to T), e.g. a branch. */
  carry?: string[];
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  window: 6,
  horizon: 1,
  declineMonths: 3,
  belowAmount: 0,
  belowMonths: 3,
};

export interface FeatureReport {
  /** Month indices (year*12 + month-1); format with formatMonth. */
  cutoff: number;
  window: number;
  horizon: number;
  /** Customers with at least one transaction in the window (= rows of the table). */
  population: number;
  /** Rows with a known label (0 when the data end before T+H). */
  labelled: number;
  churners: number;
  droppedRows: DroppedRows;
  /** 0-based indices of the first rows dropped for a bad date. */
  badDateRows: number[];
  /** Kept rows with negative amounts (refunds): counted in sums. */
  negativeAmounts: number;
  rows: number;
  keptRows: number;
  firstMonth: number;
  lastMonth: number;
  /** Latest transaction date kept (days since 1970-01-01): if it is well before the end of lastMonth, that month is partial. */
  lastDay: number;
  defaultCutoff: number;
  dayFirst: boolean | null;
  /** Customers with transactions before the window but none in it. */
  inactiveCount: number;
}

export interface InactiveCustomer {
  customer: string;
  /** Month index of the customer's last transaction (before the window). */
  lastActiveMonth: number;
}

export interface FeatureResult {
  table: Table;
  report: FeatureReport;
  /** Customers inactive through the whole window: shown as churned without a model. */
  inactiveAll: InactiveCustomer[];
}

/** Whether the data stop more than `slackDays` before the end of their last month (so that month is partial). */
export function lastMonthIsPartial(lastDay: number, slackDays = 3): boolean {
  const m = monthOfDay(lastDay);
  const y = Math.floor(m / 12);
  const end = daysFromCivil(y, (m % 12) + 1, daysInMonth(y, (m % 12) + 1));
  return end - Math.floor(lastDay) > slackDays;
}

/** The latest month whose horizon is fully inside the data (the first month if none is). */
export function defaultCutoff(firstMonth: number, lastMonth: number, horizon: number): number {
  return Math.max(firstMonth, lastMonth - horizon);
}

export function checkOptions(opts: FeatureOptions): void {
  const ints: [string, number, number][] = [
    ['window', opts.window, 1],
    ['horizon', opts.horizon, 1],
    ['declineMonths', opts.declineMonths, 1],
    ['belowMonths', opts.belowMonths, 1],
  ];
  for (const [name, v, min] of ints) {
    if (!Number.isInteger(v) || v < min || v > 120) throw new UserError('features.badOption', { option: name, value: String(v) });
  }
  if (!Number.isFinite(opts.belowAmount)) throw new UserError('features.badOption', { option: 'belowAmount', value: String(opts.belowAmount) });
}

/** Scratch buffers reused across customers, so the per-customer loop allocates nothing. */
interface Scratch {
  /** The series' monthly sums for months 0..t. */
  xs: Float64Array;
  /** Whether the series has a transaction in each month 0..t. */
  on: Uint8Array;
}

/** Per-customer series statistics at cutoff t (relative month), written into out[stat][row]. */
function seriesStats(
  prep: PreparedLog,
  c: number,
  k: number,
  t: number,
  first: number,
  opts: FeatureOptions,
  sc: Scratch,
  out: Float64Array[],
  row: number,
): void {
  const { sum, count, stride, months } = prep.panel;
  const { xs, on } = sc;
  const W = opts.window;
  const base = c * months * stride + k;
  for (let m = 0, i = base; m <= t; m++, i += stride) {
    xs[m] = sum[i];
    on[m] = count[i] > 0 ? 1 : 0;
  }

  // Window statistics; months before the data's first month count as empty.
  let total = 0;
  let activeMonths = 0;
  let gap = 0;
  let longestGap = 0;
  let num = 0;
  const ci = (W - 1) / 2;
  for (let j = 0; j < W; j++) {
    const m = t - W + 1 + j;
    const v = m >= 0 ? xs[m] : 0;
    total += v;
    num += (j - ci) * v; // Σ(j - ī)(x - x̄) = Σ(j - ī)x since Σ(j - ī) = 0
    if (m >= 0 && on[m]) {
      activeMonths++;
      gap = 0;
    } else if (++gap > longestGap) longestGap = gap;
  }
  // Σ(j - ī)² over j = 0..W-1 is W(W²-1)/12
  const trend = W >= 2 ? num / ((W * (W * W - 1)) / 12) : NaN;

  let last3 = 0;
  let prev3 = 0;
  for (let m = t; m > t - 3 && m >= 0; m--) last3 += xs[m];
  for (let m = t - 3; m > t - 6 && m >= 0; m--) prev3 += xs[m];
  const ratio = prev3 === 0 ? NaN : last3 / prev3;

  let recency = NaN;
  for (let m = t; m >= 0; m--) if (on[m]) { recency = t - m; break; }
  let tenure = NaN;
  for (let m = 0; m <= t; m++) if (on[m]) { tenure = t - m; break; }

  // Runs stop at the customer's first month: months before they joined say nothing about decline.
  let declining = 0;
  for (let m = t; m - 1 >= first && xs[m] < xs[m - 1]; m--) declining++;
  let below = 0;
  const threshold = opts.belowAmount;
  for (let m = t; m >= first && xs[m] <= threshold; m--) below++;

  out[0][row] = total;
  out[1][row] = total / W;
  out[2][row] = xs[t];
  out[3][row] = trend;
  out[4][row] = ratio;
  out[5][row] = activeMonths;
  out[6][row] = recency;
  out[7][row] = tenure;
  out[8][row] = longestGap;
  out[9][row] = declining;
  out[10][row] = below;
}

function numeric(name: string, values: Float64Array): NumericColumn {
  return { kind: 'numeric', name, values, semantic: 'number' };
}

/** Features, rule flags and labels at cutoff T (a month index) from an already prepared log. */
export function featuresAtCutoff(prep: PreparedLog, options: Partial<FeatureOptions> = {}): FeatureResult {
  const opts: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options };
  checkOptions(opts);
  const { firstMonth, lastMonth, panel } = prep;
  const { months, stride, kinds, count, balance } = panel;
  const W = opts.window;
  const H = opts.horizon;
  const dflt = defaultCutoff(firstMonth, lastMonth, H);
  const T = opts.cutoff ?? dflt;
  if (!Number.isInteger(T) || T < firstMonth || T > lastMonth) {
    throw new UserError('features.cutoffOutOfRange', { cutoff: Number.isInteger(T) ? formatMonth(T) : String(T), first: formatMonth(firstMonth), last: formatMonth(lastMonth) });
  }
  let ruleSeries = kinds; // "all"
  if (opts.ruleKind !== undefined) {
    ruleSeries = prep.kindNames.indexOf(opts.ruleKind);
    if (ruleSeries < 0) throw new UserError('features.unknownKind', { kind: opts.ruleKind, kinds: prep.kindNames.join(', ') });
  }
  const t = T - firstMonth;
  const labelled = T + H <= lastMonth;

  // Population, first active month per customer, and the inactive-through-the-window list.
  const n = panel.customers;
  const pop: number[] = [];
  const firstActive = new Int32Array(n);
  const inactiveAll: InactiveCustomer[] = [];
  for (let c = 0; c < n; c++) {
    const base = c * months * stride + kinds;
    let f = -1;
    let lastBefore = -1;
    let inWindow = false;
    for (let m = 0; m <= t; m++) {
      if (count[base + m * stride] === 0) continue;
      if (f < 0) f = m;
      if (m > t - W) inWindow = true;
      else lastBefore = m;
    }
    firstActive[c] = f;
    if (inWindow) pop.push(c);
    else if (lastBefore >= 0) inactiveAll.push({ customer: prep.customerIds[c], lastActiveMonth: firstMonth + lastBefore });
  }

  const P = pop.length;
  const prefixes = ['all', ...seriesPrefixes(prep.kindNames)];
  const seriesIndex = [kinds, ...prep.kindNames.map((_, i) => i)];
  const outs = prefixes.map(() => SERIES_STATS.map(() => new Float64Array(P)));
  const endBalance = balance ? new Float64Array(P) : null;
  const ruleDeclining = new Float64Array(P);
  const ruleBelow = new Float64Array(P);
  const churned = new Float64Array(P);
  const scratch: Scratch = { xs: new Float64Array(t + 1), on: new Uint8Array(t + 1) };
  let churners = 0;

  for (let r = 0; r < P; r++) {
    const c = pop[r];
    const first = firstActive[c];
    for (let s = 0; s < prefixes.length; s++) seriesStats(prep, c, seriesIndex[s], t, first, opts, scratch, outs[s], r);
    const ro = ruleSeries === kinds ? outs[0] : outs[1 + ruleSeries];
    ruleDeclining[r] = ro[9][r] >= opts.declineMonths ? 1 : 0;
    ruleBelow[r] = ro[10][r] >= opts.belowMonths ? 1 : 0;
    if (endBalance && balance) {
      let b = NaN;
      for (let m = t; m >= 0; m--) {
        const v = balance[c * months + m];
        if (!Number.isNaN(v)) { b = v; break; }
      }
      endBalance[r] = b;
    }
    if (!labelled) churned[r] = NaN;
    else {
      let any = false;
      const base = c * months * stride + kinds;
      for (let m = t + 1; m <= t + H; m++) if (count[base + m * stride] > 0) { any = true; break; }
      churned[r] = any ? 0 : 1;
      if (!any) churners++;
    }
  }

  const idCol: CategoricalColumn = {
    kind: 'categorical',
    name: prep.roles.customer,
    codes: Int32Array.from(pop, (_, i) => i),
    levels: pop.map((c) => prep.customerIds[c]),
    semantic: 'id',
  };
  const generated: Column[] = [];
  for (let s = 0; s < prefixes.length; s++) {
    for (let j = 0; j < SERIES_STATS.length; j++) generated.push(numeric(`${prefixes[s]}_${SERIES_STATS[j]}`, outs[s][j]));
  }
  if (endBalance) generated.push(numeric('end_balance', endBalance));
  generated.push(numeric('rule_declining', ruleDeclining), numeric('rule_below_threshold', ruleBelow), numeric('churned', churned));
  const taken = new Set([idCol.name, ...generated.map((c) => c.name)]);
  const carried = carryColumns(prep, pop, t).filter((c) => !taken.has(c.name));
  const columns: Column[] = [idCol, ...carried, ...generated];

  return {
    table: { rowCount: P, columns },
    inactiveAll,
    report: {
      cutoff: T,
      window: W,
      horizon: H,
      population: P,
      labelled: labelled ? P : 0,
      churners,
      droppedRows: { ...prep.dropped },
      badDateRows: prep.badDateRows.slice(),
      negativeAmounts: prep.negativeAmounts,
      rows: prep.rows,
      keptRows: prep.keptRows,
      firstMonth,
      lastMonth,
      lastDay: prep.lastDay,
      defaultCutoff: dflt,
      dayFirst: prep.dayFirst,
      inactiveCount: inactiveAll.length,
    },
  };
}

/** How many customers have a transaction in the window ending at T (the population's size), without building features. */
export function populationCount(prep: PreparedLog, window: number, T: number): number {
  const { customers, months, stride, kinds, count } = prep.panel;
  const t = T - prep.firstMonth;
  const from = Math.max(0, t - window + 1);
  let n = 0;
  for (let c = 0; c < customers; c++) {
    const base = c * months * stride + kinds;
    for (let m = from; m <= t; m++) {
      if (count[base + m * stride] > 0) { n++; break; }
    }
  }
  return n;
}

/** Carried log columns: each customer's value on their last transaction in a month ≤ t. */
function carryColumns(prep: PreparedLog, pop: number[], t: number): Column[] {
  if (prep.carry.length === 0) return [];
  const { months, lastRow } = prep.panel;
  const rowOf = new Int32Array(pop.length).fill(-1);
  pop.forEach((c, r) => {
    for (let m = t; m >= 0; m--) {
      const i = lastRow[c * months + m];
      if (i >= 0) { rowOf[r] = i; break; }
    }
  });
  return prep.carry.map((col): Column => {
    if (col.kind === 'numeric') {
      return { kind: 'numeric', name: col.name, semantic: col.semantic, values: Float64Array.from(rowOf, (i) => (i < 0 ? NaN : col.values[i])) };
    }
    // keep only the levels this table uses, in order of first appearance
    const remap = new Int32Array(col.levels.length).fill(-1);
    const levels: string[] = [];
    const codes = Int32Array.from(rowOf, (i) => {
      const k = i < 0 ? MISSING_CODE : col.codes[i];
      if (k === MISSING_CODE) return MISSING_CODE;
      if (remap[k] < 0) { remap[k] = levels.length; levels.push(col.levels[k]); }
      return remap[k];
    });
    return { kind: 'categorical', name: col.name, semantic: col.semantic, codes, levels };
  });
}

/** Parse the log, build the monthly panel and compute features at one cutoff. */
export function buildFeatureTable(log: Table, roles: LogRoles, options: Partial<FeatureOptions> = {}): FeatureResult {
  return featuresAtCutoff(prepareLog(log, roles, { dayFirst: options.dayFirst, carry: options.carry }), options);
}
