// A model file's text, chunk by chunk, split into its trees and everything else ("the outer
// text", with an empty array where the trees were). A forest trained on a million rows is ~1 GB
// of JSON: more than one JavaScript string can hold, and parsed whole it would be millions of
// boxed numbers. Split this way each tree is parsed on its own and turned into typed arrays at
// once, and the outer text (features, parameters, metrics) stays small.
//
// The scanner only tracks strings (with escapes) and bracket depth; it never judges the JSON:
// every piece still goes through JSON.parse, so malformed text fails exactly as before.

/** What the scanner found besides the trees. */
export interface SplitResult {
  /** The text with the top-level "trees" array emptied (or the whole text if there was none). */
  outer: string;
  /** True if a top-level "trees" array was found and split out. */
  split: boolean;
  /** True if the trees array held something other than objects and arrays (never written by us). */
  junk: boolean;
  /** True if a second top-level "trees" array followed the one split out. */
  twice: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

const TREES_KEY = /"trees"\s*:\s*$/;

export class ModelTextSplitter {
  private readonly outer: string[] = [];
  private outerLength = 0;
  /** The last characters of the outer text, to recognise the "trees" key before its '['. */
  private recent = '';
  private depth = 0;
  private inString = false;
  private escape = false;
  private state: 'before' | 'in' | 'after' = 'before';
  private tree: string[] = [];
  private inTree = false;
  private junk = false;
  private twice = false;

  /** `maxOuter` caps the text kept outside the trees (a foreign file must not fill memory). */
  constructor(
    private readonly onTree: (text: string) => void,
    private readonly maxOuter = 256 * 1024 * 1024,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      const between = this.state === 'in' && !this.inTree && this.depth === 2;
      if (between) {
        // Between trees: separators are dropped; a tree starts at '{' (or '['); ']' ends the list.
        if (c === OPEN_OBJ || c === OPEN_ARR) {
          start = i;
          this.inTree = true;
          this.depth++;
        } else if (c === CLOSE_ARR) {
          this.depth--;
          this.state = 'after';
          start = i;
        } else if (!isSpace(c) && c !== COMMA) {
          this.junk = true;
          if (c === QUOTE) this.inString = true;
        }
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (c === OPEN_ARR && this.state !== 'in' && this.depth === 1 && TREES_KEY.test(i - start >= 64 ? chunk.slice(i - 64, i) : this.recent + chunk.slice(start, i))) {
          // A second "trees" array is left in the text: JSON.parse would keep the last one, we the first.
          if (this.state === 'after') {
            this.twice = true;
          } else {
            this.addOuter(chunk.slice(start, i + 1));
            start = i + 1;
            this.state = 'in';
          }
        }
        this.depth++;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        this.depth--;
        if (this.inTree && this.depth === 2) {
          this.tree.push(chunk.slice(start, i + 1));
          const text = this.tree.join('');
          this.tree = [];
          this.inTree = false;
          start = i + 1;
          this.onTree(text);
        }
      }
    }
    if (this.state === 'in') {
      if (this.inTree) this.tree.push(chunk.slice(start));
    } else {
      this.addOuter(chunk.slice(start));
    }
  }

  finish(): SplitResult {
    // An unfinished tree goes back into the text so that JSON.parse reports it as malformed.
    if (this.tree.length) this.addOuter(this.tree.join(''));
    return { outer: this.outer.join(''), split: this.state !== 'before', junk: this.junk, twice: this.twice };
  }

  private addOuter(s: string): void {
    if (!s) return;
    this.outer.push(s);
    this.outerLength += s.length;
    if (this.outerLength > this.maxOuter) throw new RangeError('too much text outside the trees');
    this.recent = (this.recent + s).slice(-64);
  }
}
