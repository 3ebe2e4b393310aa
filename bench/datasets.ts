// The benchmark's datasets: synthetic churn tables of any size (generated in memory) and the three
// public churn files, looked up in the shared datasets folder, then in the repo's own copies.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Table } from '../src/lib/table/types.ts';
import { syntheticChurnTable, SYNTHETIC_ID, SYNTHETIC_POSITIVE, SYNTHETIC_TARGET } from './synthetic.ts';

export interface DatasetSpec {
  name: string;
  /** Synthetic rows, or undefined for a file. */
  rows?: number;
  file?: string;
  target: string;
  positive: string;
  id: string | null;
  drop: string[];
}

export const DATASETS: Record<string, DatasetSpec> = {
  'synthetic-100k': { name: 'synthetic-100k', rows: 100_000, target: SYNTHETIC_TARGET, positive: SYNTHETIC_POSITIVE, id: SYNTHETIC_ID, drop: [] },
  'synthetic-1m': { name: 'synthetic-1m', rows: 1_000_000, target: SYNTHETIC_TARGET, positive: SYNTHETIC_POSITIVE, id: SYNTHETIC_ID, drop: [] },
  telco: { name: 'telco', file: 'Telco-Customer-Churn.csv', target: 'Churn', positive: 'Yes', id: 'customerID', drop: [] },
  bank: { name: 'bank', file: 'Churn_Modelling.csv', target: 'Exited', positive: '1', id: 'CustomerId', drop: ['RowNumber', 'Surname'] },
  mlc: { name: 'mlc', file: 'mlc_churn.csv', target: 'churn', positive: 'yes', id: null, drop: [] },
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** First existing copy of a dataset file, or null. */
export function findDatasetFile(file: string): string | null {
  const dirs = ['/work/shared/datasets', join(repoRoot, '..', 'shared', 'datasets'), join(repoRoot, 'public', 'samples'), join(repoRoot, 'tests', 'fixtures')];
  for (const d of dirs) {
    const p = join(d, file);
    if (existsSync(p)) return p;
  }
  return null;
}

export async function loadDataset(spec: DatasetSpec): Promise<{ table: Table; sha256: string; source: string }> {
  if (spec.rows !== undefined) {
    return { table: syntheticChurnTable(spec.rows), sha256: `synthetic-${spec.rows}`, source: 'generated' };
  }
  const path = findDatasetFile(spec.file!);
  if (!path) throw new Error(`dataset file ${spec.file} not found`);
  const { parseCsvFile } = await import('../src/lib/ingest/node.ts');
  const parsed = await parseCsvFile(path);
  return { table: parsed.table, sha256: parsed.sha256, source: path };
}
