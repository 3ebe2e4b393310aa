// Public entry of the ingest layer: bytes (whole, async chunks or a ReadableStream) → Table.
// Reads the first megabyte to recognise the file kind and the encoding, then decodes, parses and
// hashes chunk by chunk, so memory holds the columns being built, not the file.
import { CancelledError, UserError } from '../errors.ts';
import type { Column, Table } from '../table/types.ts';
import { ChunkDecoder, detectEncoding, type EncodingName } from './decode.ts';
import { detectDelimiter, detectNewline } from './delimiter.ts';
import { assertTextTable } from './file-kind.ts';
import { inferColumn } from './infer.ts';
import { CsvBuilder, type CsvBuildResult } from './parse.ts';
import { Sha256 } from './sha256.ts';
import type { ByteSource, ColumnFormat, IngestReport, IngestWarning, ParseOptions, ParsedFile } from './types.ts';

export type { ByteSource, ColumnFormat, IngestReport, IngestWarning, ParseOptions, ParsedFile, ParseProgress } from './types.ts';

/** Bytes looked at before decoding starts (file kind, encoding, delimiter). */
const HEAD_BYTES = 1 << 20;
/** A whole Uint8Array is fed in slices of this size, like a stream. */
const SLICE_BYTES = 1 << 20;
/** Progress is reported at most every this many bytes. */
const PROGRESS_BYTES = 1 << 20;

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += SLICE_BYTES) yield source.subarray(i, Math.min(source.length, i + SLICE_BYTES));
    return;
  }
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) { finished = true; return; }
        if (value && value.length) yield value;
      }
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  for await (const c of source as AsyncIterable<Uint8Array>) {
    if (c.length) yield c instanceof Uint8Array ? c : new Uint8Array(c);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** What the first megabyte showed; every reader of the file (table, sample, scoring batches) decides it the same way. */
export interface CsvLayout {
  encoding: EncodingName;
  delimiter: string;
  newline: '\n' | '\r';
}

export interface DecodedFile {
  layout: CsvLayout;
  sha256: string;
  /** Characters that were not valid in the detected encoding (U+FFFD). */
  replaced: number;
}

export interface DecodedSource<B> extends DecodedFile {
  builder: B;
  /** Reports progress now (all bytes read, the builder's row count). */
  progress(): void;
}

/**
 * Reads, hashes and decodes `source` piece by piece: `begin` gets the layout once (and returns the
 * builder that receives the text), `piece` is awaited after every decoded piece, so a caller may
 * do slow work (scoring a batch) before more bytes are read. Cancels and reports progress.
 */
export async function decodeCsvSource<B extends CsvBuilder>(
  source: ByteSource,
  opts: ParseOptions,
  begin: (layout: CsvLayout) => B,
  piece?: (builder: B) => void | Promise<void>,
): Promise<DecodedSource<B>> {
  const { signal, onProgress } = opts;
  const totalBytes = opts.totalBytes ?? (source instanceof Uint8Array ? source.length : 0);
  const checkCancel = () => { if (signal?.aborted) throw new CancelledError(); };
  checkCancel();
  const sha = new Sha256();
  const it = chunksOf(source);
  try {
    const headParts: Uint8Array[] = [];
    let headLen = 0;
    let exhausted = false;
    while (headLen < HEAD_BYTES) {
      const r = await it.next();
      if (r.done) { exhausted = true; break; }
      checkCancel();
      headParts.push(r.value);
      headLen += r.value.length;
      sha.update(r.value);
    }
    const head = concat(headParts, headLen);
    const guess = detectEncoding(head);
    assertTextTable(head, guess.encoding.startsWith('utf-16'));
    const decoder = new ChunkDecoder(guess);
    const headText = decoder.decode(head);
    const sample = headText.length > 65536 ? headText.slice(0, 65536) : headText;
    const layout: CsvLayout = { encoding: guess.encoding, delimiter: detectDelimiter(sample), newline: detectNewline(sample) };
    const builder = begin(layout);
    let replaced = countReplacements(headText, guess.encoding);
    builder.feed(headText);
    if (piece) await piece(builder);
    let bytes = headLen;
    let reported = 0;
    const progress = () => {
      reported = bytes;
      onProgress?.({ bytes, totalBytes: Math.max(totalBytes, bytes), rows: builder.rows });
    };
    progress();
    if (!exhausted) {
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        checkCancel();
        const chunk = r.value;
        sha.update(chunk);
        bytes += chunk.length;
        const text = decoder.decode(chunk);
        replaced += countReplacements(text, guess.encoding);
        builder.feed(text);
        if (piece) await piece(builder);
        if (bytes - reported >= PROGRESS_BYTES) progress();
      }
    }
    const tail = decoder.end();
    replaced += countReplacements(tail, guess.encoding);
    builder.feed(tail);
    return { layout, sha256: sha.hex(), replaced, builder, progress };
  } catch (e) {
    await it.return(undefined).catch(() => undefined);
    throw asIngestError(e);
  }
}

/** Out-of-memory failures while building columns become the translated "too large" message. */
export function asIngestError(e: unknown): unknown {
  if (e instanceof UserError || e instanceof CancelledError) return e;
  if (e instanceof RangeError && /string length|allocation failed|array length|memory/i.test(e.message)) return new UserError('ingest.tooLarge');
  return e;
}

/** Typed table and report from the finished builder's raw columns. */
export function tableFromBuilt(built: CsvBuildResult, decoded: DecodedFile, raggedPolicy: 'keep' | 'drop' | undefined): { table: Table; report: IngestReport } {
  const { layout, replaced } = decoded;
  const warnings: IngestWarning[] = [...built.warnings];
  if (replaced > 0) warnings.push({ key: 'ingest.badCharacters', params: { count: replaced, encoding: layout.encoding } });
  if (built.raggedCount > 0) {
    warnings.push({
      key: raggedPolicy === 'drop' ? 'ingest.raggedDropped' : 'ingest.raggedKept',
      params: { count: built.raggedCount, lines: built.raggedFirst.join(', ') },
    });
  }
  // A delimiter at the end of every line makes an unnamed, empty last column: drop it.
  let raw = built.columns;
  while (raw.length > 1 && built.blankHeader[raw.length - 1] && raw[raw.length - 1].numbers === null && raw[raw.length - 1].codes === null) {
    raw = raw.slice(0, -1);
  }
  const columns: Column[] = [];
  const formats: Record<string, ColumnFormat> = {};
  for (let i = 0; i < raw.length; i++) {
    const inferred = inferColumn(raw[i], layout.delimiter === ';');
    raw[i] = null as never; // release the builder buffers column by column
    columns.push(inferred.column);
    if (Object.keys(inferred.format).length > 0) formats[inferred.column.name] = inferred.format;
    warnings.push(...inferred.warnings);
  }
  const table: Table = { rowCount: built.rows, columns };
  const report: IngestReport = {
    encoding: layout.encoding,
    delimiter: layout.delimiter,
    rows: built.rows,
    columns: columns.length,
    raggedRows: { count: built.raggedCount, first: built.raggedFirst },
    droppedRows: built.droppedRows,
    blankRows: built.blankRows,
    warnings,
    formats,
  };
  return { table, report };
}

export async function parseCsvBytes(source: ByteSource, opts: ParseOptions = {}): Promise<ParsedFile> {
  const raggedPolicy = opts.raggedPolicy ?? 'keep';
  const decoded = await decodeCsvSource(source, opts, (l) => new CsvBuilder(l.delimiter, l.newline, raggedPolicy));
  try {
    const built = decoded.builder.end();
    if (opts.signal?.aborted) throw new CancelledError();
    decoded.progress();
    const { table, report } = tableFromBuilt(built, decoded, opts.raggedPolicy);
    return { table, report, sha256: decoded.sha256 };
  } catch (e) {
    throw asIngestError(e);
  }
}

/** U+FFFD marks bytes that were not valid in the detected encoding. */
function countReplacements(text: string, encoding: string): number {
  if (encoding !== 'utf-8' && encoding !== 'gb18030') return 0;
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}
