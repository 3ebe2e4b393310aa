// Profile of a categorical column: counts, top values with churn rates, information gain / AUC.
// For the gain the 50 most frequent values keep their own group and the rest are pooled, so a
// column with thousands of rare values does not look informative just by memorising rows.
import { MISSING_CODE, type CategoricalColumn } from '../table/types.ts';
import { groupedAuc, informationGain } from './entropy.ts';
import type { CategoryCount, ColumnProfile, GroupStats } from './types.ts';

const TOP = 10;
const GAIN_GROUPS = 50;

export function profileCategorical(col: CategoricalColumn, y: Uint8Array | null): Omit<ColumnProfile, 'flags'> & { flagsInput: { distinct: number; missing: number } } {
  const L = col.levels.length;
  const count = new Float64Array(L);
  const pos = new Float64Array(L);
  const lab = new Float64Array(L);
  const codes = col.codes;
  const missing: GroupStats = { count: 0 };
  let mPos = 0, mLab = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    const t = y ? y[i] : 255;
    if (c === MISSING_CODE) {
      missing.count++;
      if (t !== 255) { mLab++; mPos += t; }
      continue;
    }
    count[c]++;
    if (t !== 255) { lab[c]++; pos[c] += t; }
  }
  let distinct = 0;
  for (let k = 0; k < L; k++) if (count[k] > 0) distinct++;
  const order = mostFrequent(count, GAIN_GROUPS);
  const top: CategoryCount[] = order.slice(0, TOP).map((k) => {
    const e: CategoryCount = { value: col.levels[k], count: count[k] };
    if (y) { e.positives = pos[k]; e.labelled = lab[k]; if (lab[k] > 0) e.churnRate = pos[k] / lab[k]; }
    return e;
  });
  const out: Omit<ColumnProfile, 'flags'> & { flagsInput: { distinct: number; missing: number } } = {
    name: col.name,
    kind: 'categorical',
    semantic: col.semantic,
    rows: codes.length,
    missing: missing.count,
    distinct,
    top,
    flagsInput: { distinct, missing: missing.count },
  };
  if (y) {
    missing.positives = mPos;
    missing.labelled = mLab;
    if (mLab > 0) missing.churnRate = mPos / mLab;
    out.missingGroup = missing;
    const groups = order.length;
    const gp = new Float64Array(groups + 2);
    const gl = new Float64Array(groups + 2);
    let topPos = 0, topLab = 0;
    for (let r = 0; r < groups; r++) {
      gp[r] = pos[order[r]];
      gl[r] = lab[order[r]];
      topPos += gp[r];
      topLab += gl[r];
    }
    // The pooled "other" group: everything labelled outside the top groups.
    let allPos = 0, allLab = 0;
    for (let k = 0; k < L; k++) { allPos += pos[k]; allLab += lab[k]; }
    gp[groups] = allPos - topPos;
    gl[groups] = allLab - topLab;
    gp[groups + 1] = mPos;
    gl[groups + 1] = mLab;
    out.informationGain = informationGain(gp, gl);
    const auc = groupedAuc(gp, gl);
    out.auc = Math.max(auc, 1 - auc);
  }
  return out;
}

/** Indices of the `k` largest counts (ties: first level first), largest first, skipping zeros. */
function mostFrequent(count: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < count.length; i++) {
    const c = count[i];
    if (c === 0 || (best.length === k && c <= count[best[k - 1]])) continue;
    let j = best.length < k ? best.length : k - 1;
    while (j > 0 && count[best[j - 1]] < c) j--;
    best.splice(j, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
