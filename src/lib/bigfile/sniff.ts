// A look at a file's first megabyte before committing to read it all: encoding, delimiter, the
// header, how many bytes a row takes, and what the columns are (numbers or text, how many distinct
// values), using the same decoding, parsing and type inference as the full read.
import type { Table } from '../table/types.ts';
import { ChunkDecoder, detectEncoding } from '../ingest/decode.ts';
import { detectDelimiter, detectNewline } from '../ingest/delimiter.ts';
import { assertTextTable } from '../ingest/file-kind.ts';
import { tableFromBuilt, type CsvLayout } from '../ingest/index.ts';
import { CsvBuilder } from '../ingest/parse.ts';

/** How much of a file the sniff reads. */
export const SNIFF_BYTES = 1 << 20;

export interface SniffedColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Distinct texts among the head's rows (categorical columns). */
  distinct: number;
  /** Mean length of those texts, in characters. */
  meanTextLength: number;
  /** The ingest's type guess: 'id' columns are never features. */
  semantic: Table['columns'][number]['semantic'];
}

export interface HeadSniff {
  layout: CsvLayout;
  /** The head's complete rows as a table (for guessing the target column). */
  table: Table;
  columns: SniffedColumn[];
  /** Data rows read from the head. */
  rows: number;
  /** Bytes of the header line (and a BOM). */
  headerBytes: number;
  /** Mean bytes per data row in the head. */
  bytesPerRow: number;
  /** The head held the whole file. */
  complete: boolean;
  /** Bytes a character of this text takes in memory: 2 when it has characters beyond Latin-1 (Chinese), else 1. */
  bytesPerChar: number;
}

/**
 * Sniffs `head`, the first bytes of a file of `fileSize` bytes. Only complete lines count; the
 * partial last line is left out. Throws the ingest's UserError for files that are not text tables.
 */
export function sniffHead(head: Uint8Array, fileSize: number): HeadSniff {
  const guess = detectEncoding(head);
  const utf16 = guess.encoding.startsWith('utf-16');
  assertTextTable(head, utf16);
  const complete = head.length >= fileSize;
  const text = new ChunkDecoder(guess).decode(head);
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  const layout: CsvLayout = { encoding: guess.encoding, delimiter: detectDelimiter(sample), newline: detectNewline(sample) };
  const cut = complete ? text.length : text.lastIndexOf(layout.newline) + 1;
  const kept = text.slice(0, cut);
  const builder = new CsvBuilder(layout.delimiter, layout.newline, 'keep');
  builder.feed(kept);
  const built = builder.end();
  const { table } = tableFromBuilt(built, { layout, replaced: 0, sha256: '' }, 'keep');

  // Bytes per character of this text in its encoding, measured on the head itself.
  const charBytes = (head.length - guess.bomLength) / Math.max(1, text.length);
  const headerEnd = firstLineEnd(kept, layout.newline);
  const headerBytes = guess.bomLength + Math.round(headerEnd * charBytes);
  const rowBytes = Math.round((cut - headerEnd) * charBytes);
  const columns: SniffedColumn[] = table.columns.map((c) => {
    if (c.kind === 'numeric') return { name: c.name, kind: 'numeric', distinct: 0, meanTextLength: 0, semantic: c.semantic };
    let len = 0;
    for (const l of c.levels) len += l.length;
    return { name: c.name, kind: 'categorical', distinct: c.levels.length, meanTextLength: c.levels.length ? len / c.levels.length : 0, semantic: c.semantic };
  });
  return {
    layout,
    table,
    columns,
    rows: table.rowCount,
    headerBytes,
    bytesPerRow: rowBytes / Math.max(1, table.rowCount),
    complete,
    bytesPerChar: /[^\u0000-\u00ff]/.test(kept) ? 2 : 1,
  };
}

/** Characters up to and including the header's line break (a quoted header cell may hold one). */
function firstLineEnd(text: string, newline: '\n' | '\r'): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === newline && !quoted) return i + 1;
  }
  return text.length;
}

/** The first SNIFF_BYTES of a Blob (a File), read without touching the rest. */
export async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, Math.min(file.size, SNIFF_BYTES)).arrayBuffer());
}
