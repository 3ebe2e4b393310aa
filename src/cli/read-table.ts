// Reads a CSV file into a Table through the same ingest code the app uses, after checking that the
// path is a readable file (so "file not found" names the file rather than an errno).
import { parseCsvFile } from '../lib/ingest/node.ts';
import type { IngestWarning } from '../lib/ingest/types.ts';
import type { Table } from '../lib/table/types.ts';
import { checkReadable } from './files.ts';

export interface ReadTable {
  table: Table;
  sha256: string;
  warnings: IngestWarning[];
}

export async function readCsvTable(path: string): Promise<ReadTable> {
  await checkReadable(path);
  const parsed = await parseCsvFile(path);
  return { table: parsed.table, sha256: parsed.sha256, warnings: parsed.report.warnings };
}
