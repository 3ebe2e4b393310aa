// `churnlens features …` is implemented by the transaction-log module (features.ts); this adapter
// hands it the CLI's file access, so its errors and files behave like every other command's.
import { toCsv } from '../../lib/export/csv.ts';
import type { CliContext } from '../context.ts';
import { writeText } from '../files.ts';
import { readCsvTable } from '../read-table.ts';
import { runFeatures } from './features.ts';

export async function runFeaturesCommand(argv: string[], ctx: CliContext): Promise<number> {
  return runFeatures(argv, {
    stdout: ctx.stdout,
    readTable: async (path: string) => (await readCsvTable(path)).table,
    writeFile: writeText,
    toCsv,
    locale: ctx.locale,
  });
}
