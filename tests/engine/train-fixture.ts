// Loads the small churn CSV of tests/fixtures into a Table without the ingest layer, so engine
// tests do not depend on it: a column is numeric when every non-empty cell parses as a number.
import { readFileSync } from 'node:fs';
import type { Column, Table } from '../../src/lib/table/types.ts';

export function tableFromCsv(text: string): Table {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  const columns: Column[] = header.map((name, j) => {
    const raw = cells.map((r) => (r[j] ?? '').trim());
    if (raw.every((s) => s === '' || Number.isFinite(Number(s)))) {
      return { kind: 'numeric', name, values: Float64Array.from(raw, (s) => (s === '' ? NaN : Number(s))), semantic: 'number' };
    }
    const levels: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(raw, (s) => {
      if (s === '') return -1;
      let i = index.get(s);
      if (i === undefined) {
        i = levels.push(s) - 1;
        index.set(s, i);
      }
      return i;
    });
    return { kind: 'categorical', name, codes, levels, semantic: 'category' };
  });
  return { rowCount: cells.length, columns };
}

export function churnTable(): Table {
  return tableFromCsv(readFileSync(new URL('../fixtures/mlc_churn.csv', import.meta.url), 'utf8'));
}

export const CHURN_FEATURES = [
  'state', 'account_length', 'area_code', 'international_plan', 'voice_mail_plan', 'number_vmail_messages',
  'total_day_minutes', 'total_day_calls', 'total_day_charge', 'total_eve_minutes', 'total_eve_calls',
  'total_eve_charge', 'total_night_minutes', 'total_night_calls', 'total_night_charge', 'total_intl_minutes',
  'total_intl_calls', 'total_intl_charge', 'number_customer_service_calls',
];
