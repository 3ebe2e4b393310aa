// The K customers most at risk of a stream of millions, kept in a bounded heap: memory holds K
// entries whatever the stream's length. Ranked by probability, highest first; equal probabilities
// by row, earliest first, so the list does not depend on how the stream was cut into batches.

export interface RankedRow {
  /** Data row in the file (from 0). */
  row: number;
  prob: number;
  /** The row's id text ('' when the file has no id column). */
  id: string;
  /** Risk tier (0 normal, 1 at risk, 2 churned). */
  tier: number;
}

/** a ranks below b (b is more at risk). */
function worse(a: RankedRow, b: RankedRow): boolean {
  return a.prob < b.prob || (a.prob === b.prob && a.row > b.row);
}

export class TopK {
  /** Min-heap on rank: the root is the least at-risk of the kept rows. */
  private readonly heap: RankedRow[] = [];

  constructor(readonly k: number) {}

  /** Offers a row; `make` builds its entry only when it gets in. NaN probabilities never do. */
  offer(row: number, prob: number, make: () => Omit<RankedRow, 'row' | 'prob'>): void {
    if (!(prob === prob) || this.k <= 0) return;
    const h = this.heap;
    if (h.length === this.k) {
      const root = h[0];
      if (!(root.prob < prob || (root.prob === prob && root.row > row))) return;
      h[0] = { row, prob, ...make() };
      this.down(0);
      return;
    }
    h.push({ row, prob, ...make() });
    this.up(h.length - 1);
  }

  /** The kept rows, most at risk first. */
  sorted(): RankedRow[] {
    return [...this.heap].sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && worse(h[l], h[m])) m = l;
      if (r < h.length && worse(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
