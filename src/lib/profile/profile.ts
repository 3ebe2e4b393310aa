// profileTable: one pass per column over the typed arrays; flags that decide which columns are
// offered as features (ids, constants, empty columns, leakage, very many categories).
import type { ColumnFormat } from '../ingest/types.ts';
import type { Table } from '../table/types.ts';
import { binaryEntropy } from './entropy.ts';
import { profileCategorical } from './categorical-profile.ts';
import { profileNumeric } from './numeric-profile.ts';
import { labelVector, targetKey } from './target.ts';
import type { ColumnFlags, ColumnProfile, ExclusionReason, FeatureSuggestion, TableProfile, TargetChoice } from './types.ts';

/** A column whose gain is this share of the target's entropy, or whose AUC alone reaches LEAK_AUC, leaks the answer. */
const LEAK_GAIN = 0.9;
const LEAK_AUC = 0.98;
const HIGH_CARDINALITY = 1000;
/**
 * Leakage needs evidence: on a handful of rows any column can separate the classes by chance
 * (10 rows, 2 churners), so the flag waits for enough churners and stayers to mean something.
 */
const LEAK_MIN_PER_CLASS = 20;

export function profileTable(table: Table, target?: TargetChoice, formats?: Record<string, ColumnFormat>): TableProfile {
  const y = target ? labelVector(table, target) : null;
  let H = 0;
  let enoughForLeakage = false;
  let summary: TableProfile['target'];
  if (target && y) {
    let labelled = 0, positives = 0;
    for (let i = 0; i < y.length; i++) if (y[i] !== 255) { labelled++; positives += y[i]; }
    H = binaryEntropy(positives, labelled);
    enoughForLeakage = positives >= LEAK_MIN_PER_CLASS && labelled - positives >= LEAK_MIN_PER_CLASS;
    summary = { ...target, labelled, positives, churnRate: labelled ? positives / labelled : 0, entropy: H };
  }
  const columns: ColumnProfile[] = table.columns.map((col) => {
    const isTarget = target?.column === col.name;
    const p = col.kind === 'numeric' ? profileNumeric(col, isTarget ? null : y) : profileCategorical(col, isTarget ? null : y);
    const { flagsInput, ...rest } = p;
    const present = rest.rows - flagsInput.missing;
    const idLike = col.semantic === 'id' || (col.kind === 'categorical' && present >= 50 && flagsInput.distinct >= 0.95 * present);
    if (rest.informationGain !== undefined) rest.normalizedGain = H > 0 ? rest.informationGain / H : 0;
    const flags: ColumnFlags = {
      idLike,
      constant: present > 0 && flagsInput.distinct === 1,
      allMissing: present === 0,
      leakage: !isTarget && !idLike && enoughForLeakage && ((rest.normalizedGain ?? 0) >= LEAK_GAIN || (rest.auc ?? 0) >= LEAK_AUC),
      highCardinality: !idLike && col.kind === 'categorical' && flagsInput.distinct > HIGH_CARDINALITY,
    };
    const out: ColumnProfile = { ...rest, flags };
    if (col.kind === 'categorical' && !isTarget && !idLike) {
      const v = caseVariants(col.levels);
      if (v.length) out.caseVariants = v;
    }
    const f = formats?.[col.name];
    if (f) out.format = f;
    return out;
  });
  return summary ? { rows: table.rowCount, columns, target: summary } : { rows: table.rowCount, columns };
}

/** Most text values looked at for case variants (a column with more is an id or free text). */
const CASE_VARIANT_LEVELS = 5000;

/**
 * Values that differ only in upper/lower case or outer spaces, as `"North" / "north "` (the
 * spellings of one value in order of first appearance, quoted so spaces show), up to three. A target column's spellings are merged
 * (see targetKey); a feature's are not, so the profile points them out.
 */
export function caseVariants(levels: string[]): string[] {
  if (levels.length > CASE_VARIANT_LEVELS) return [];
  const groups = new Map<string, string[]>();
  for (const l of levels) {
    const key = targetKey(l);
    const g = groups.get(key);
    if (g) g.push(l);
    else groups.set(key, [l]);
  }
  const out: string[] = [];
  for (const g of groups.values()) if (g.length > 1 && out.length < 3) out.push(g.map((v) => `"${v}"`).join(' / '));
  return out;
}

/** Columns by information gain on the target, most informative first (columns without one last). */
export function byInformationGain(profile: TableProfile): ColumnProfile[] {
  return [...profile.columns].sort((a, b) => (b.informationGain ?? -1) - (a.informationGain ?? -1));
}

/**
 * The columns to offer as model inputs: all but the target, identifiers, constants, empty
 * columns, leaking columns, free text and categories with more than 1000 values — each
 * excluded column with its reason, so the screen can say why (and let the user put it back).
 */
export function suggestFeatureColumns(table: Table, target: TargetChoice, profile: TableProfile): FeatureSuggestion {
  const byName = new Map(profile.columns.map((c) => [c.name, c]));
  const features: string[] = [];
  const excluded: FeatureSuggestion['excluded'] = [];
  for (const col of table.columns) {
    const p = byName.get(col.name);
    let reason: ExclusionReason | null = null;
    if (col.name === target.column) reason = 'target';
    else if (!p) reason = null;
    else if (p.flags.allMissing) reason = 'allMissing';
    else if (p.flags.idLike) reason = 'id';
    else if (p.flags.constant) reason = 'constant';
    else if (p.flags.leakage) reason = 'leakage';
    else if (col.semantic === 'text') reason = 'text';
    else if (p.flags.highCardinality) reason = 'highCardinality';
    if (reason) excluded.push({ column: col.name, reason });
    else features.push(col.name);
  }
  return { features, excluded };
}
