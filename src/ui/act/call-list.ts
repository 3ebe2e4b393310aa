// The call list file: whom to call, in order, with why. Reasons are the top three path
// contributions in the user's language; machine columns keep English names.
import type { ModelFile } from '../../lib/engine/types.ts';
import type { Table } from '../../lib/table/types.ts';
import type { Locale } from '../../lib/i18n/index.ts';
import { toCsv, type CsvValue } from '../../lib/export/csv.ts';
import { contributionsForRows } from '../customers/contributions.ts';
import { topReasons, reasonText } from '../customers/reasons.ts';

export interface CallListInput {
  model: ModelFile;
  table: Table;
  locale: Locale;
  rows: Uint32Array;
  id: (row: number) => string;
  idIsNumeric: boolean;
  probs: Float64Array;
  values: Float64Array;
  gain: Float64Array;
}

export const CALL_LIST_HEADER = ['rank', 'id', 'churn_probability', 'customer_value', 'expected_loss', 'expected_gain', 'reason_1', 'reason_2', 'reason_3'];

/** The call list as CSV text; the reasons are computed by the engine workers. */
export async function callListCsv(c: CallListInput): Promise<string> {
  const F = c.model.features.length;
  const contrib = await contributionsForRows(c.model, c.table, c.rows);
  const lines: CsvValue[][] = [];
  for (let i = 0; i < c.rows.length; i++) {
    const r = c.rows[i];
    const reasons = topReasons(c.model, c.table, r, contrib.values.subarray(i * F, (i + 1) * F), c.locale, 3).map((x) => reasonText(x, c.locale));
    while (reasons.length < 3) reasons.push('');
    lines.push([i + 1, c.id(r), c.probs[r], c.values[r], c.probs[r] * c.values[r], c.gain[r], ...reasons]);
  }
  const numericText = CALL_LIST_HEADER.map((_, j) => j === 1 && c.idIsNumeric);
  return toCsv(CALL_LIST_HEADER, lines, { numericText });
}
