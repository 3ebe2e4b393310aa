// CSV writing that Excel, WPS and any RFC 4180 parser read back exactly, and that cannot smuggle a
// formula into a spreadsheet (CSV injection, OWASP):
// - UTF-8 BOM first, so Excel opens Chinese text correctly; CRLF line ends (RFC 4180).
// - A cell is quoted when it holds a quote, comma, CR or LF; inner quotes are doubled.
// - A text cell starting with = + - @ TAB or CR gets a leading single quote ', so a spreadsheet
//   shows it as text instead of evaluating it. Real numbers are never touched: a number (typeof
//   'number') is written with String(x), which round-trips every double (-0.5 stays -0.5; NaN → empty).
//   A string the caller marks as numeric text is left alone too when it is a plain decimal number
//   (e.g. an id "-12" or a phone "+8613800000000"): such text cannot be a formula.

export type CsvValue = string | number | null | undefined;

export const BOM = '\uFEFF';
const EOL = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One cell. `numericText`: the caller says this text is a number, so a plain decimal is not prefixed. */
export function csvCell(v: CsvValue, numericText = false): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(v);
  let s = v;
  if (FORMULA_START.test(s) && !(numericText && PLAIN_NUMBER.test(s))) s = "'" + s;
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export interface CsvOptions {
  /** Per column: true when string cells of that column are numeric text (see csvCell). */
  numericText?: boolean[];
  /** Approximate characters per yielded chunk (default 1 MiB of UTF-16 code units). */
  chunkSize?: number;
}

function line(cells: readonly CsvValue[], numericText: boolean[] | undefined): string {
  let s = '';
  for (let i = 0; i < cells.length; i++) {
    if (i) s += ',';
    s += csvCell(cells[i], numericText ? numericText[i] === true : false);
  }
  return s + EOL;
}

/** The file in chunks (BOM in the first), for writing big files without one giant string. */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): Generator<string> {
  const size = options.chunkSize ?? 1 << 20;
  let buf = BOM + line(header, undefined);
  for (const row of rows) {
    buf += line(row, options.numericText);
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  let s = '';
  for (const c of csvChunks(header, rows, options)) s += c;
  return s;
}
