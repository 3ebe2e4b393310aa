// Streaming CSV → column builders. Decoded text arrives in pieces; PapaParse's Parser splits
// complete records (the unfinished last record is carried over to the next block), and every
// cell goes straight into its column's builder: no per-row objects survive a block.
import Papa from 'papaparse';
import { UserError } from '../errors.ts';
import { ColumnBuilder, type RawColumn } from './column-builder.ts';
import { cleanHeaders } from './names.ts';
import type { IngestWarning } from './types.ts';

/** Decoded characters gathered before a parse call (few calls, short carried-over remainders). */
const BLOCK_CHARS = 1 << 20;
/** One record longer than this is not a table row: an unclosed quote or a file without line breaks. */
const MAX_RECORD_CHARS = 32 << 20;
/** Ragged row line numbers kept for the report. */
const FIRST_RAGGED = 10;

export interface CsvBuildResult {
  columns: RawColumn[];
  /** Header cell was blank (the column got a column_N name). */
  blankHeader: boolean[];
  rows: number;
  raggedCount: number;
  raggedFirst: number[];
  droppedRows: number;
  blankRows: number;
  warnings: IngestWarning[];
}

interface PapaResult {
  data: string[][];
  errors: { code: string; row: number }[];
  meta: { cursor: number };
}

export class CsvBuilder {
  private readonly parser: Papa.Parser;
  private pieces: string[] = [];
  private pieceChars = 0;
  private carry = '';
  /** Records seen so far, blank ones and the header included (record k is on line k + 1). */
  private records = 0;
  /** Column names once the header line is read. */
  protected header: string[] | null = null;
  private blankHeader: boolean[] = [];
  protected builders: ColumnBuilder[] = [];
  protected width = 0;
  private rowCount = 0;
  private raggedCount = 0;
  private readonly raggedFirst: number[] = [];
  private droppedRows = 0;
  private blankRows = 0;
  private readonly malformedQuoteLines: number[] = [];
  private headerCells = 0;
  private sawLineBreak = false;
  private headerChars = 0;
  private readonly headerWarnings: IngestWarning[] = [];

  constructor(
    protected readonly delimiter: string,
    private readonly newline: '\n' | '\r',
    private readonly raggedPolicy: 'keep' | 'drop',
  ) {
    this.parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  }

  get rows(): number {
    return this.rowCount;
  }

  feed(text: string): void {
    if (text.length === 0) return;
    this.pieces.push(text);
    this.pieceChars += text.length;
    if (this.pieceChars >= BLOCK_CHARS) this.parseBlock(false);
  }

  end(): CsvBuildResult {
    this.parseBlock(true);
    if (this.header === null) throw new UserError('ingest.noRows');
    if (this.rowCount === 0) {
      // One huge record: a file without line breaks (or with an unknown line ending), not a header.
      if (!this.sawLineBreak && (this.headerCells > 1000 || this.headerChars > 100_000)) throw new UserError('ingest.singleLine');
      throw new UserError('ingest.headerOnly');
    }
    const warnings: IngestWarning[] = [];
    if (this.malformedQuoteLines.length > 0) {
      warnings.push({ key: 'ingest.malformedQuotes', params: { count: this.malformedQuoteLines.length, lines: this.malformedQuoteLines.slice(0, 5).join(', ') } });
    }
    return {
      columns: this.finishColumns(),
      blankHeader: this.blankHeader,
      rows: this.rowCount,
      raggedCount: this.raggedCount,
      raggedFirst: this.raggedFirst,
      droppedRows: this.droppedRows,
      blankRows: this.blankRows,
      warnings: this.headerWarnings.concat(warnings),
    };
  }

  private parseBlock(final: boolean): void {
    const input = this.carry + this.pieces.join('');
    if (!this.sawLineBreak) this.sawLineBreak = input.includes(this.newline);
    this.pieces = [];
    this.pieceChars = 0;
    const res = this.parser.parse(input, 0, !final) as PapaResult;
    for (const e of res.errors) {
      const line = this.records + e.row + 1;
      if (e.code === 'MissingQuotes') throw new UserError('ingest.unbalancedQuotes', { line });
      // A partial last record is parsed again with the next block: count its line once.
      if (e.code === 'InvalidQuotes' && this.malformedQuoteLines.length < 1000 && !this.malformedQuoteLines.includes(line)) this.malformedQuoteLines.push(line);
    }
    const data = res.data;
    // The line break ending the file is not a blank last line.
    let count = data.length;
    if (final && count > 0 && data[count - 1].length === 1 && data[count - 1][0] === '' && /[\r\n]$/.test(input)) count--;
    for (let r = 0; r < count; r++) this.addRecord(data[r]);
    if (final) {
      this.carry = '';
      return;
    }
    this.carry = input.substring(res.meta.cursor);
    if (this.carry.length > MAX_RECORD_CHARS) {
      if (this.carry.includes('"')) throw new UserError('ingest.unbalancedQuotes', { line: this.records + 1 });
      throw new UserError('ingest.singleLine');
    }
  }

  private addRecord(row: string[]): void {
    const line = ++this.records;
    if (isBlank(row)) {
      if (this.header !== null) this.blankRows++;
      return;
    }
    if (this.header === null) {
      this.setHeader(row);
      return;
    }
    const width = this.width;
    let n = row.length;
    if (n > width) {
      // Extra cells that are all empty (a trailing delimiter) are not a problem.
      let k = width;
      while (k < n && row[k].trim() === '') k++;
      if (k === n) n = width;
    }
    if (n !== width) {
      this.raggedCount++;
      if (this.raggedFirst.length < FIRST_RAGGED) this.raggedFirst.push(line);
      if (this.raggedPolicy === 'drop') {
        this.droppedRows++;
        return;
      }
    }
    this.acceptRow(row, n < width ? n : width);
    this.rowCount++;
  }

  /**
   * A data row that counts: cells 0..m-1 are the row's, the rest of the width is empty. Its row
   * number (from 0) is `rows` at the time of the call. Subclasses sample or batch rows here.
   */
  protected acceptRow(row: string[], m: number): void {
    const b = this.builders;
    const width = this.width;
    for (let c = 0; c < m; c++) b[c].push(row[c]);
    for (let c = m; c < width; c++) b[c].push('');
  }

  /** The raw columns at the end of the file (subclasses that kept rows elsewhere fill the builders here). */
  protected finishColumns(): RawColumn[] {
    return this.builders.map((b) => b.finish());
  }

  private setHeader(row: string[]): void {
    const { names, duplicates } = cleanHeaders(row);
    this.header = names;
    this.headerCells = row.length;
    this.headerChars = row.reduce((s, c) => s + c.length, 0);
    this.blankHeader = row.map((h) => h.trim() === '' || h.trim() === '\ufeff');
    this.width = names.length;
    const semicolon = this.delimiter === ';';
    this.builders = names.map((n) => new ColumnBuilder(n, !semicolon));
    if (duplicates.length > 0) this.headerWarnings.push({ key: 'ingest.duplicateHeaders', params: { names: duplicates.join(', ') } });
  }
}

function isBlank(row: string[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const s = row[i];
    if (s.length > 0 && s.trim().length > 0) return false;
  }
  return true;
}
