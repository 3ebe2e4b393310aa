// Append-only typed buffers made of chunks, so growing never copies what was already read and a
// 2,000-column file with few rows does not reserve big blocks per column. Chunks start small and
// double up to 64 Ki elements.

const MAX_CHUNK = 65536;

export class ChunkedF64 {
  private chunks: Float64Array[] = [];
  private cur: Float64Array = new Float64Array(256);
  private pos = 0;
  length = 0;
  push(v: number): void {
    if (this.pos === this.cur.length) this.grow();
    this.cur[this.pos++] = v;
    this.length++;
  }
  private grow(): void {
    this.chunks.push(this.cur);
    this.cur = new Float64Array(Math.min(MAX_CHUNK, this.cur.length * 2));
    this.pos = 0;
  }
  /** Copies into one array of exactly `length` elements and releases the chunks. */
  finish(): Float64Array {
    const out = new Float64Array(this.length);
    let o = 0;
    for (const c of this.chunks) { out.set(c, o); o += c.length; }
    out.set(this.cur.subarray(0, this.pos), o);
    this.chunks = [];
    this.cur = new Float64Array(0);
    return out;
  }
}

export class ChunkedI32 {
  private chunks: Int32Array[] = [];
  private cur: Int32Array = new Int32Array(256);
  private pos = 0;
  length = 0;
  push(v: number): void {
    if (this.pos === this.cur.length) this.grow();
    this.cur[this.pos++] = v;
    this.length++;
  }
  private grow(): void {
    this.chunks.push(this.cur);
    this.cur = new Int32Array(Math.min(MAX_CHUNK, this.cur.length * 2));
    this.pos = 0;
  }
  finish(): Int32Array {
    const out = new Int32Array(this.length);
    let o = 0;
    for (const c of this.chunks) { out.set(c, o); o += c.length; }
    out.set(this.cur.subarray(0, this.pos), o);
    this.chunks = [];
    this.cur = new Int32Array(0);
    return out;
  }
}
