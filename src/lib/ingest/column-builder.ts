// Collects one column while the file streams by, without keeping a string per cell:
// plain numbers go to a Float64 buffer, every other text to a dictionary with Int32 codes.
// Each buffer is created on first need, so a pure number column holds 8 bytes per row and a
// category column 4; the type is decided once the whole column is known (infer.ts).
import { ChunkedF64, ChunkedI32 } from './chunked.ts';
import { plainNumber, trimCell } from './tokens.ts';

/** Code of a cell held in the number buffer. */
export const CODE_NUMBER = -2;
/** Code of an empty cell. */
export const CODE_EMPTY = -1;

export interface RawColumn {
  name: string;
  rows: number;
  /** Plain-number values per row (NaN elsewhere), or null when the column had none. */
  numbers: Float64Array | null;
  /** Dictionary code per row (CODE_NUMBER / CODE_EMPTY elsewhere), or null when no cell needed one. */
  codes: Int32Array | null;
  /** Distinct non-plain texts, trimmed, in first-seen order. */
  texts: string[];
  /** How many plain numbers had a fractional part (evidence for a decimal point). */
  fractions: number;
}

export class ColumnBuilder {
  private numbers: ChunkedF64 | null = null;
  private codes: ChunkedI32 | null = null;
  private readonly dict = new Map<string, number>();
  private readonly texts: string[] = [];
  private fractions = 0;
  private rows = 0;
  constructor(readonly name: string, private readonly allowThreeDecimals: boolean) {}

  push(raw: string): void {
    const s = trimCell(raw);
    if (s.length === 0) {
      this.numbers?.push(NaN);
      this.codes?.push(CODE_EMPTY);
      this.rows++;
      return;
    }
    const v = plainNumber(s, this.allowThreeDecimals);
    if (v === v) {
      if (this.numbers === null) this.numbers = this.backfillNumbers();
      this.numbers.push(v);
      this.codes?.push(CODE_NUMBER);
      if (v !== Math.floor(v)) this.fractions++;
    } else {
      let code = this.dict.get(s);
      if (code === undefined) {
        code = this.texts.length;
        this.texts.push(s);
        this.dict.set(s, code);
      }
      if (this.codes === null) this.codes = this.backfillCodes();
      this.codes.push(code);
      this.numbers?.push(NaN);
    }
    this.rows++;
  }

  /** Rows before the first number were empty or text: NaN. */
  private backfillNumbers(): ChunkedF64 {
    const b = new ChunkedF64();
    for (let i = 0; i < this.rows; i++) b.push(NaN);
    return b;
  }

  /** Rows before the first text were numbers or empty; this runs once, only for mixed columns. */
  private backfillCodes(): ChunkedI32 {
    const b = new ChunkedI32();
    if (this.numbers === null) {
      for (let i = 0; i < this.rows; i++) b.push(CODE_EMPTY);
      return b;
    }
    const done = this.numbers.finish();
    const again = new ChunkedF64();
    for (let i = 0; i < this.rows; i++) {
      b.push(Number.isNaN(done[i]) ? CODE_EMPTY : CODE_NUMBER);
      again.push(done[i]);
    }
    this.numbers = again;
    return b;
  }

  finish(): RawColumn {
    const out: RawColumn = {
      name: this.name,
      rows: this.rows,
      numbers: this.numbers ? this.numbers.finish() : null,
      codes: this.codes ? this.codes.finish() : null,
      texts: this.texts,
      fractions: this.fractions,
    };
    this.dict.clear();
    return out;
  }
}
