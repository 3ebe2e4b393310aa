// Writes the rows the benchmark trained on as a plain CSV (features + 0/1 label) and the split as
// row-index files, so bench/sklearn.py fits scikit-learn on exactly the same data and split.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Column, Table } from '../src/lib/table/types.ts';
import { MISSING_CODE } from '../src/lib/table/types.ts';

export const LABEL_COLUMN = '__label__';

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function cell(c: Column, r: number): string {
  if (c.kind === 'numeric') {
    const v = c.values[r];
    return v !== v ? '' : String(v);
  }
  const k = c.codes[r];
  return k === MISSING_CODE ? '' : quote(c.levels[k]);
}

export async function writeTrainingCsv(path: string, table: Table, features: string[], labels: Uint8Array): Promise<void> {
  const cols = features.map((f) => table.columns.find((c) => c.name === f)!);
  const out = createWriteStream(path, { encoding: 'utf8' });
  let buf = [...features.map(quote), LABEL_COLUMN].join(',') + '\n';
  for (let r = 0; r < table.rowCount; r++) {
    for (const c of cols) buf += cell(c, r) + ',';
    buf += (labels[r] === 1 ? '1' : labels[r] === 0 ? '0' : '') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export function indexLines(rows: Uint32Array): string {
  let s = '';
  for (const r of rows) s += r + '\n';
  return s;
}
