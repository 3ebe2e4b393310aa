// Target column → 0/1 labels. The user names the churn value as text; numeric targets and
// text like "1.0" must still match "1", so values are compared as numbers when both sides are numbers,
// and text ignoring case and outer spaces ("Yes", "yes", "YES " are one answer; see isChurnValue).
import type { Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { UserError } from '../errors.ts';
import { columnsByName, parseNumber } from './binning.ts';
import { isChurnValue } from '../profile/target.ts';

/** Label of a row whose target is missing: excluded from training and evaluation. */
export const MISSING_LABEL = 255;

export interface Labels {
  labels: Uint8Array;
  positives: number;
  negatives: number;
  missing: number;
}

export function makeLabels(table: Table, target: string, positive: string): Labels {
  const col = columnsByName(table).get(target);
  if (!col) throw new UserError('model.targetMissing', { column: target });
  const n = table.rowCount;
  const labels = new Uint8Array(n);
  const posText = positive.trim();
  const posNum = parseNumber(posText);
  if (col.kind === 'numeric') {
    if (posNum !== posNum) throw new UserError('model.positiveAbsent', { column: target, value: positive });
    for (let r = 0; r < n; r++) {
      const v = col.values[r];
      labels[r] = v !== v ? MISSING_LABEL : v === posNum ? 1 : 0;
    }
  } else {
    const isPos = positiveLevels(col.levels, posText);
    for (let r = 0; r < n; r++) {
      const c = col.codes[r];
      labels[r] = c === MISSING_CODE ? MISSING_LABEL : isPos[c] ? 1 : 0;
    }
  }
  let positives = 0;
  let negatives = 0;
  for (let r = 0; r < n; r++) {
    if (labels[r] === 1) positives++;
    else if (labels[r] === 0) negatives++;
  }
  const missing = n - positives - negatives;
  if (positives + negatives === 0) throw new UserError('model.noLabels', { column: target });
  if (positives === 0) throw new UserError('model.positiveAbsent', { column: target, value: positive });
  if (negatives === 0) throw new UserError('model.singleClass', { column: target, value: positive });
  return { labels, positives, negatives, missing };
}

/** Every level that means the churn value (isChurnValue: case and outer spaces ignored, "1" ~ "1.0"). */
function positiveLevels(levels: string[], pos: string): Uint8Array {
  return Uint8Array.from(levels, (l) => (isChurnValue(l, pos) ? 1 : 0));
}
