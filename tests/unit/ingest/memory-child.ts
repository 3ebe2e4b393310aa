// Child process of ingest-memory.test.ts: parses one CSV file with the Node streaming ingest and
// prints, as one JSON line, the table's size and the process's peak resident memory, so the
// parent measures this parse alone (not Vitest, not the file generator).
import { parseCsvFile } from '../../../src/lib/ingest/node.ts';

const path = process.argv[2];
const parsed = await parseCsvFile(path);
let columnarBytes = 0;
const kinds: string[] = [];
for (const c of parsed.table.columns) {
  columnarBytes += c.kind === 'numeric' ? c.values.byteLength : c.codes.byteLength;
  kinds.push(c.kind);
}
process.stdout.write(
  JSON.stringify({ rows: parsed.table.rowCount, columns: parsed.table.columns.length, kinds, columnarBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n',
);
