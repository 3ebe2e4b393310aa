// Readable rules from one tree: every root-to-leaf path becomes "IF … THEN churn x% (n customers)".
// Conditions on the same feature are merged into the tightest form a person would write
// ("tenure ≤ 5", not "tenure ≤ 12 AND tenure ≤ 5").
import type { FeatureSpec, ModelFile, TreeArrays } from './types.ts';
import { MISSING_BIN } from './types.ts';
import { correctProbability, needsCorrection } from './base-rate.ts';
import { translate, type Locale } from '../i18n/index.ts';

export type RuleOp = '<=' | '>' | 'in' | 'not in' | 'missing' | 'not missing';

export interface RuleCondition {
  feature: string;
  op: RuleOp;
  /** Real-unit threshold for '<=' / '>'; category names for 'in' / 'not in'; empty for 'missing' / 'not missing'. */
  value: number | string[];
  /** Rows with a missing (or unknown) value also take this path. */
  includesMissing: boolean;
}

export interface Rule {
  conditions: RuleCondition[];
  /** Churn rate at the leaf (corrected to the true base rate when the model was balanced). */
  churnRate: number;
  /** Training rows that reached the leaf. */
  rows: number;
  /** Node index of the leaf. */
  leaf: number;
}

export interface RuleOptions {
  /** Base rates of the model: leaf values learned on balanced data are mapped back to the true rate. */
  trainedBaseRate?: number;
  trueBaseRate?: number;
}

/** What a path says about one feature so far. */
interface Constraint {
  /** Numeric: value lies in (lo, hi]. */
  lo: number;
  hi: number;
  /** Categorical: bins still allowed (256 flags, missing bin included). */
  bins: Uint8Array | null;
  missingOk: boolean;
}

export function treeToRules(tree: TreeArrays, features: FeatureSpec[], opts: RuleOptions = {}): Rule[] {
  const correct =
    opts.trainedBaseRate !== undefined && opts.trueBaseRate !== undefined && needsCorrection(opts.trainedBaseRate, opts.trueBaseRate);
  const rules: Rule[] = [];
  const walk = (node: number, path: Map<number, Constraint>): void => {
    const f = tree.feature[node];
    if (f < 0) {
      const v = tree.value[node];
      rules.push({
        conditions: pathConditions(path, features),
        churnRate: correct ? correctProbability(v, opts.trainedBaseRate!, opts.trueBaseRate!) : v,
        rows: tree.count[node],
        leaf: node,
      });
      return;
    }
    for (const goLeft of [true, false]) {
      const next = new Map(path);
      next.set(f, narrow(path.get(f), features[f], tree, node, goLeft));
      walk(goLeft ? tree.left[node] : tree.right[node], next);
    }
  };
  walk(0, new Map());
  return rules;
}

function narrow(prev: Constraint | undefined, spec: FeatureSpec, tree: TreeArrays, node: number, goLeft: boolean): Constraint {
  const missingHere = (tree.missingLeft[node] === 1) === goLeft;
  const c: Constraint = prev
    ? { lo: prev.lo, hi: prev.hi, bins: prev.bins && new Uint8Array(prev.bins), missingOk: prev.missingOk && missingHere }
    : { lo: -Infinity, hi: Infinity, bins: null, missingOk: missingHere };
  const s = tree.split[node];
  if (spec.kind === 'numeric') {
    // s = edges.length means "any value" (left) versus "missing" (right): no bound to record.
    const th = s < spec.edges.length ? spec.edges[s] : Infinity;
    if (goLeft) c.hi = Math.min(c.hi, th);
    else c.lo = Math.max(c.lo, th);
  } else {
    if (!c.bins) c.bins = new Uint8Array(256).fill(1);
    for (let b = 0; b < MISSING_BIN; b++) {
      const left = ((tree.catMasks[s + (b >>> 5)] >>> (b & 31)) & 1) === 1;
      if (left !== goLeft) c.bins[b] = 0;
    }
  }
  return c;
}

function pathConditions(path: Map<number, Constraint>, features: FeatureSpec[]): RuleCondition[] {
  const out: RuleCondition[] = [];
  // Features in the order the path first tested them (Map keeps insertion order).
  for (const [f, c] of path) {
    const spec = features[f];
    const name = spec.name;
    if (spec.kind === 'numeric') {
      if (c.lo >= c.hi) {
        out.push({ feature: name, op: 'missing', value: [], includesMissing: true });
        continue;
      }
      if (c.lo > -Infinity) out.push({ feature: name, op: '>', value: c.lo, includesMissing: c.missingOk });
      if (c.hi < Infinity) out.push({ feature: name, op: '<=', value: c.hi, includesMissing: c.missingOk });
      if (c.lo === -Infinity && c.hi === Infinity && !c.missingOk) out.push({ feature: name, op: 'not missing', value: [], includesMissing: false });
      continue;
    }
    const inside: string[] = [];
    const outside: string[] = [];
    spec.categories.forEach((cat, i) => (c.bins![spec.binOf[i]] ? inside : outside).push(cat));
    if (inside.length === 0) out.push({ feature: name, op: 'missing', value: [], includesMissing: true });
    else if (outside.length === 0) {
      if (!c.missingOk) out.push({ feature: name, op: 'not missing', value: [], includesMissing: false });
    } else if (outside.length > 0 && outside.length < inside.length) {
      out.push({ feature: name, op: 'not in', value: outside, includesMissing: c.missingOk });
    } else out.push({ feature: name, op: 'in', value: inside, includesMissing: c.missingOk });
  }
  return out;
}

// ---------------------------------------------------------------- text

/** Compact number: integers as is, others with up to 4 significant decimals ("2.75", "0.0123"). */
export function formatValue(v: number, locale: Locale): string {
  const digits = Number.isInteger(v) ? 0 : Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 2 : 4;
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, useGrouping: Math.abs(v) >= 10000 }).format(v);
}

export function formatRate(r: number): string {
  const pct = r * 100;
  if (pct > 0 && pct < 10) return `${(Math.round(pct * 10) / 10).toString()}%`;
  return `${Math.round(pct)}%`;
}

export function conditionText(c: RuleCondition, locale: Locale): string {
  const v = c.value;
  let s: string;
  if (c.op === 'missing') return translate(locale, 'model.rule.missing', { feature: c.feature });
  if (c.op === 'not missing') return translate(locale, 'model.rule.notMissing', { feature: c.feature });
  if (c.op === '<=' || c.op === '>') s = `${c.feature} ${c.op === '<=' ? '≤' : '>'} ${formatValue(v as number, locale)}`;
  else {
    const cats = v as string[];
    const list = cats.join(locale === 'zh' ? '、' : ', ');
    if (cats.length === 1) s = `${c.feature} ${c.op === 'in' ? '=' : '≠'} ${cats[0]}`;
    else s = translate(locale, c.op === 'in' ? 'model.rule.in' : 'model.rule.notIn', { feature: c.feature, list });
  }
  return c.includesMissing ? translate(locale, 'model.rule.orMissing', { condition: s }) : s;
}

export function ruleText(rule: Rule, locale: Locale): string {
  const rate = formatRate(rule.churnRate);
  const rows = rule.rows;
  if (rule.conditions.length === 0) return translate(locale, 'model.rule.all', { rate, rows });
  const conditions = rule.conditions.map((c) => conditionText(c, locale)).join(locale === 'zh' ? ' 且 ' : ' AND ');
  return translate(locale, 'model.rule.text', { conditions, rate, rows });
}

/** Rules of one tree of a saved model (tree 0 by default; in tree mode the only one). */
export function modelRules(model: ModelFile, tree = 0): Rule[] {
  const opts: RuleOptions = model.baseRateCorrected ? { trainedBaseRate: model.trainedBaseRate, trueBaseRate: model.trueBaseRate } : {};
  return treeToRules(model.trees[tree], model.features, opts);
}
