// A file too big for the tab, read once in full and kept as a stratified random sample: every data
// row is offered to a per-class reservoir (class = the target cell), and only kept rows are held,
// each as one flat string of its cells. At the end the kept rows, in file order, go through the
// same column builders and type inference as a whole file, so the rest of the app gets an
// ordinary Table, plus what it is a sample of.
import { UserError } from '../errors.ts';
import { asIngestError, decodeCsvSource, tableFromBuilt } from './index.ts';
import { CsvBuilder, type CsvBuildResult } from './parse.ts';
import type { RawColumn } from './column-builder.ts';
import { StratifiedReservoir, type StratifiedSample } from './reservoir.ts';
import { isMissingToken, trimCell } from './tokens.ts';
import type { ByteSource, ParseOptions, ParsedFile, SampleInfo } from './types.ts';

export interface SampleOptions {
  /** Column whose values are the classes (the churn flag), by its cleaned header name. */
  target: string;
  /** Rows in the sample (all rows when the file has fewer). */
  rows: number;
  seed: number;
}

/** More distinct target values than this is not a churn flag: the sample would hold a reservoir per value. */
export const MAX_SAMPLE_CLASSES = 50;

const SEP = '\u0000';
const ESC = '\u0001';
const ESCAPED = /[\u0000\u0001]/;

/**
 * Cells 0..m-1 as one new flat string (join copies, so no kept row pins the 1 MB text block its
 * cells were cut from). The rare cell holding SEP or ESC is escaped.
 */
export function packRow(row: string[], m: number): string {
  const parts = row.slice(0, m);
  for (let c = 0; c < m; c++) {
    if (ESCAPED.test(parts[c])) parts[c] = parts[c].replace(/\u0001/g, ESC + '1').replace(/\u0000/g, ESC + '0');
  }
  parts.push('');
  return parts.join(SEP);
}

export function unpackRow(packed: string): string[] {
  const cells = packed.split(SEP);
  cells.pop();
  for (let c = 0; c < cells.length; c++) {
    if (cells[c].includes(ESC)) cells[c] = cells[c].replace(/\u0001([01])/g, (_, k: string) => (k === '0' ? SEP : ESC));
  }
  return cells;
}

/** The class of a target cell: its trimmed text, '' for any way of writing "missing". */
export function classOf(cell: string | undefined): string {
  const s = cell === undefined ? '' : trimCell(cell);
  return isMissingToken(s) ? '' : s;
}

class SampleCsvBuilder extends CsvBuilder {
  private targetIndex = -1;
  private readonly reservoir: StratifiedReservoir<string>;
  sample: StratifiedSample<string> | null = null;

  constructor(delimiter: string, newline: '\n' | '\r', raggedPolicy: 'keep' | 'drop', private readonly opts: SampleOptions) {
    super(delimiter, newline, raggedPolicy);
    this.reservoir = new StratifiedReservoir<string>(opts.rows, opts.seed);
  }

  protected override acceptRow(row: string[], m: number): void {
    let t = this.targetIndex;
    if (t < 0) {
      t = this.targetIndex = this.header!.indexOf(this.opts.target);
      if (t < 0) throw new UserError('ingest.sampleNoTarget', { column: this.opts.target });
    }
    this.reservoir.offer(classOf(t < m ? row[t] : undefined), this.rows, () => packRow(row, m));
    if (this.reservoir.classCount > MAX_SAMPLE_CLASSES) throw new UserError('ingest.sampleTargetValues', { column: this.opts.target, count: MAX_SAMPLE_CLASSES });
  }

  protected override finishColumns(): RawColumn[] {
    const s = this.reservoir.finish(this.opts.rows);
    this.sample = s;
    const b = this.builders;
    const width = this.width;
    for (let i = 0; i < s.values.length; i++) {
      const cells = unpackRow(s.values[i]);
      s.values[i] = '';
      const m = Math.min(cells.length, width);
      for (let c = 0; c < m; c++) b[c].push(cells[c]);
      for (let c = m; c < width; c++) b[c].push('');
    }
    return super.finishColumns();
  }

  override end(): CsvBuildResult {
    const built = super.end();
    return { ...built, rows: this.sample!.indices.length };
  }
}

/**
 * One streaming pass over the whole file that keeps a stratified sample of `sample.rows` rows
 * (exactly proportional per target value, uniform within each; the same bytes and seed give the
 * same rows). The table holds the sampled rows in file order; `sample` says of what.
 */
export async function parseCsvSample(source: ByteSource, opts: ParseOptions & { sample: SampleOptions }): Promise<ParsedFile & { sample: SampleInfo }> {
  const raggedPolicy = opts.raggedPolicy ?? 'keep';
  const so = opts.sample;
  if (!(Number.isInteger(so.rows) && so.rows >= 1)) throw new RangeError(`sample rows must be a positive integer, got ${so.rows}`);
  const decoded = await decodeCsvSource(source, opts, (l) => new SampleCsvBuilder(l.delimiter, l.newline, raggedPolicy, so));
  try {
    const builder = decoded.builder;
    const built = builder.end();
    decoded.progress();
    const s = builder.sample!;
    const { table, report } = tableFromBuilt(built, decoded, opts.raggedPolicy);
    const sample: SampleInfo = {
      target: so.target,
      seed: so.seed,
      totalRows: builder.rows,
      sampledRows: table.rowCount,
      classes: s.classes,
      rowIndices: s.indices,
    };
    return { table, report, sha256: decoded.sha256, sample };
  } catch (e) {
    throw asIngestError(e);
  }
}
