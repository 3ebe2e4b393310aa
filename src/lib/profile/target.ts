// Which column says whether a customer churned, and which of its values means "churned".
import { MISSING_CODE, type Column, type Table } from '../table/types.ts';

const EXACT_NAMES = new Set([
  'churn', 'churned', 'churnflag', 'churnlabel', 'ischurn', 'ischurned', 'exited', 'exit', 'attrition',
  'attritionflag', 'left', 'hasleft', 'cancelled', 'canceled', 'iscancelled', 'churnvalue', 'target', 'label',
  '流失', '是否流失', '流失标志', '流失标识', '是否离网', '离网', '流失状态',
]);
const NAME_PARTS = ['churn', 'attrition', 'exited', 'cancel', '流失', '离网', '退订'];

const CHURN_VALUES = new Set([
  'yes', 'y', '1', '1.0', 'true', 't', '是', 'churn', 'churned', 'exited', 'left', 'attrited customer', 'attrited',
  '流失', '已流失', 'cancelled', 'canceled', 'lost', 'inactive', 'closed', '离网', '已离网',
]);
const STAY_VALUES = new Set([
  'no', 'n', '0', '0.0', 'false', 'f', '否', 'stayed', 'stay', 'existing customer', 'existing', 'retained', 'active',
  '未流失', '在网', '正常', 'current', 'not churned',
]);

function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.:]/g, '');
}

export interface ValueCount {
  value: string;
  count: number;
}

/**
 * What a target value is compared by: exports from Excel and CRMs mix "Yes", "yes" and "YES " in one
 * column, and all of them mean the same answer. Counting them apart would call some churners stayers.
 */
export function targetKey(v: string): string {
  return v.trim().toLowerCase();
}

/** Does target text `value` mean the churn value `positive`: the same text ignoring case and outer spaces, or the same number ("1", "1.0")? */
export function isChurnValue(value: string, positive: string): boolean {
  if (targetKey(value) === targetKey(positive)) return true;
  const a = value.trim();
  const b = positive.trim();
  if (a === '' || b === '') return false;
  const x = Number(a);
  return Number.isFinite(x) && x === Number(b);
}

/**
 * Per categorical level, its group: levels equal by targetKey share one, named by its most frequent
 * spelling. `counts` are per level (missing codes skipped).
 */
function levelGroups(levels: string[], counts: ArrayLike<number>): Map<string, { value: string; best: number; count: number }> {
  const groups = new Map<string, { value: string; best: number; count: number }>();
  levels.forEach((v, k) => {
    const n = counts[k];
    if (!(n > 0)) return;
    const key = targetKey(v);
    const g = groups.get(key);
    if (!g) groups.set(key, { value: v, best: n, count: n });
    else {
      g.count += n;
      if (n > g.best) {
        g.best = n;
        g.value = v;
      }
    }
  });
  return groups;
}

/** Distinct non-missing values of a column with their counts, most frequent first; text values equal by targetKey are one value. */
export function targetValues(table: Table, column: string): ValueCount[] {
  const col = table.columns.find((c) => c.name === column);
  if (!col) return [];
  const out: ValueCount[] = [];
  if (col.kind === 'categorical') {
    const counts = new Int32Array(col.levels.length);
    for (let i = 0; i < col.codes.length; i++) if (col.codes[i] !== MISSING_CODE) counts[col.codes[i]]++;
    for (const g of levelGroups(col.levels, counts).values()) out.push({ value: g.value, count: g.count });
  } else {
    const m = new Map<number, number>();
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if (v === v) m.set(v, (m.get(v) ?? 0) + 1);
    }
    for (const [v, n] of m) out.push({ value: String(v), count: n });
  }
  return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

/** Distinct values, stopping early once more than `limit` are seen (cheap for wide tables). */
function fewValues(col: Column, limit: number): ValueCount[] | null {
  const m = new Map<string, number>();
  if (col.kind === 'categorical') {
    // grouped as targetValues: "Yes", "yes" and "YES " are one value
    const counts = new Map<number, number>();
    const keys = new Set<string>();
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c === MISSING_CODE) continue;
      const n = counts.get(c);
      if (n === undefined) {
        const key = targetKey(col.levels[c]);
        if (!keys.has(key) && keys.size === limit) return null;
        keys.add(key);
      }
      counts.set(c, (n ?? 0) + 1);
    }
    const perLevel = new Float64Array(col.levels.length);
    for (const [c, n] of counts) perLevel[c] = n;
    for (const g of levelGroups(col.levels, perLevel).values()) m.set(g.value, g.count);
  } else {
    const counts = new Map<number, number>();
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i];
      if (v !== v) continue;
      const n = counts.get(v);
      if (n === undefined && counts.size === limit) return null;
      counts.set(v, (n ?? 0) + 1);
    }
    for (const [v, n] of counts) m.set(String(v), n);
  }
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

/**
 * Of two values, the one that means churn: a churn word (Yes, 1, true, 是, Attrited Customer,
 * 流失 …), else the opposite of a stay word, else the rarer one (churners are usually fewer).
 * `sure` is false when only the rarity decided.
 */
export function churnValue(values: ValueCount[]): { positive: string; sure: boolean } {
  const norm = (s: string) => s.trim().toLowerCase();
  const churn = values.filter((v) => CHURN_VALUES.has(norm(v.value)));
  if (churn.length === 1) return { positive: churn[0].value, sure: true };
  const stay = values.filter((v) => STAY_VALUES.has(norm(v.value)));
  if (stay.length === values.length - 1) {
    const other = values.find((v) => !STAY_VALUES.has(norm(v.value)));
    if (other) return { positive: other.value, sure: true };
  }
  const rarest = [...values].sort((a, b) => a.count - b.count)[0];
  return { positive: rarest.value, sure: false };
}

/**
 * The most likely churn column: a churn-like name (exact, then containing a churn word) with
 * exactly two values; else the last two-valued column whose values are churn / stay words.
 */
export function detectTarget(table: Table): { column: string; positive: string; confidence: number } | null {
  let best: { column: string; positive: string; confidence: number } | null = null;
  for (const col of table.columns) {
    if (col.semantic === 'id' || col.semantic === 'empty') continue;
    const s = squash(col.name);
    const exact = EXACT_NAMES.has(s);
    const part = !exact && NAME_PARTS.some((p) => s.includes(p));
    const values = fewValues(col, 2);
    if (!values || values.length !== 2) continue;
    const { positive, sure } = churnValue(values);
    const wordsKnown = values.every((v) => CHURN_VALUES.has(v.value.trim().toLowerCase()) || STAY_VALUES.has(v.value.trim().toLowerCase()));
    let confidence: number;
    if (exact) confidence = sure ? 0.95 : 0.8;
    else if (part) confidence = sure ? 0.85 : 0.7;
    else if (wordsKnown) confidence = 0.2;
    else continue;
    // Generic names ("target", "label") are a little less certain than "churn".
    if (exact && (s === 'target' || s === 'label')) confidence -= 0.1;
    if (!best || confidence > best.confidence || (confidence === best.confidence && !exact && !part)) {
      best = { column: col.name, positive, confidence };
    }
  }
  return best;
}

/**
 * Per row: 1 churned, 0 stayed, 255 target missing. With more than two values, every value other
 * than `positive` counts as stayed.
 */
export function labelVector(table: Table, target: { column: string; positive: string }): Uint8Array {
  const col = table.columns.find((c) => c.name === target.column);
  if (!col) throw new Error(`no column ${target.column}`);
  const y = new Uint8Array(table.rowCount);
  if (col.kind === 'categorical') {
    const isPos = col.levels.map((l) => isChurnValue(l, target.positive));
    for (let i = 0; i < y.length; i++) {
      const c = col.codes[i];
      y[i] = c === MISSING_CODE ? 255 : isPos[c] ? 1 : 0;
    }
  } else {
    const pos = Number(target.positive);
    for (let i = 0; i < y.length; i++) {
      const v = col.values[i];
      y[i] = v !== v ? 255 : v === pos ? 1 : 0;
    }
  }
  return y;
}
