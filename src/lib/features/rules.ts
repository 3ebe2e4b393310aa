// The two model-free early-warning rules of the founding study's companion report, per customer:
// revenue falling N months in a row, and revenue at or below a threshold N months in a row.
import type { NumericColumn, Table, CategoricalColumn } from '../table/types.ts';
import { formatMonth } from './month.ts';
import { prepareLog, type LogRoles, type PreparedLog } from './prepare.ts';
import { DEFAULT_FEATURE_OPTIONS, featuresAtCutoff, type FeatureOptions } from './build.ts';
import { seriesPrefixes } from './feature-names.ts';

export type RuleName = 'declining' | 'below_threshold';

export interface RuleHit {
  customer: string;
  rule: RuleName;
  /** Length of the run ending at the cutoff (months declining, or months at/below the threshold). */
  months: number;
  /** First month of the run, as a month index and as "YYYY-MM". */
  since: number;
  sinceLabel: string;
}

export interface RulesReport {
  cutoff: number;
  declineMonths: number;
  belowAmount: number;
  belowMonths: number;
  /** The series the rules watch: "all" or a kind. */
  series: string;
  hits: RuleHit[];
  /** Customers in the population triggering each rule. */
  counts: { declining: number; below_threshold: number; either: number };
}

/** Who triggers which rule at the cutoff, and since when; ordered by longest run first, then customer order. */
export function rulesFromPrepared(prep: PreparedLog, options: Partial<FeatureOptions> = {}): RulesReport {
  const opts: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options };
  const res = featuresAtCutoff(prep, opts);
  const T = res.report.cutoff;
  const series = opts.ruleKind === undefined ? 'all' : seriesPrefixes(prep.kindNames)[prep.kindNames.indexOf(opts.ruleKind)];
  const col = (name: string) => res.table.columns.find((c) => c.name === name) as NumericColumn;
  const ids = res.table.columns[0] as CategoricalColumn;
  const declining = col(`${series}_declining_months`).values;
  const below = col(`${series}_below_months`).values;
  const flagD = col('rule_declining').values;
  const flagB = col('rule_below_threshold').values;
  const hits: RuleHit[] = [];
  let either = 0;
  let nd = 0;
  let nb = 0;
  for (let r = 0; r < res.table.rowCount; r++) {
    const customer = ids.levels[ids.codes[r]];
    if (flagD[r] || flagB[r]) either++;
    if (flagD[r]) {
      nd++;
      const since = T - declining[r] + 1;
      hits.push({ customer, rule: 'declining', months: declining[r], since, sinceLabel: formatMonth(since) });
    }
    if (flagB[r]) {
      nb++;
      const since = T - below[r] + 1;
      hits.push({ customer, rule: 'below_threshold', months: below[r], since, sinceLabel: formatMonth(since) });
    }
  }
  hits.sort((a, b) => b.months - a.months); // stable: ties keep customer order
  return {
    cutoff: T,
    declineMonths: opts.declineMonths,
    belowAmount: opts.belowAmount,
    belowMonths: opts.belowMonths,
    series,
    hits,
    counts: { declining: nd, below_threshold: nb, either },
  };
}

export function rulesReport(log: Table, roles: LogRoles, options: Partial<FeatureOptions> = {}): RulesReport {
  return rulesFromPrepared(prepareLog(log, roles, { dayFirst: options.dayFirst, carry: options.carry }), options);
}
