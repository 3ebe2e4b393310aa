// A stratified random sample of a stream whose length is unknown until it ends: one reservoir per
// class (Algorithm R, Vitter 1985) holds a uniform sample of that class's rows so far, at most
// `capacity` of them; at the end every class is cut to its exact proportional share of the sample
// (largest remainders), by a uniform subsample of its reservoir. One seeded stream of random
// numbers, drawn in row order, so the same rows and seed always give the same sample.
import { mulberry32 } from '../util/random.ts';

interface ClassReservoir<T> {
  key: string;
  /** Rows of this class seen so far. */
  seen: number;
  indices: number[];
  values: T[];
}

export interface ClassCount {
  /** The class value (the target cell's text; '' = missing). */
  value: string;
  /** Rows of the class in the whole stream. */
  rows: number;
  /** Rows of the class in the sample. */
  sampled: number;
}

export interface StratifiedSample<T> {
  /** Stream positions of the kept rows, ascending. */
  indices: Uint32Array;
  /** The kept values, in the same order. */
  values: T[];
  /** Every class, in the order first seen. */
  classes: ClassCount[];
  /** Rows offered in all. */
  total: number;
}

export class StratifiedReservoir<T> {
  private readonly byKey = new Map<string, ClassReservoir<T>>();
  private readonly order: ClassReservoir<T>[] = [];
  private readonly random: () => number;
  private total = 0;

  /** `capacity`: most rows any one class keeps while the stream runs (the final sample size is enough). */
  constructor(private readonly capacity: number, seed: number) {
    if (!(capacity >= 1)) throw new RangeError(`reservoir capacity must be at least 1, got ${capacity}`);
    this.random = mulberry32(seed);
  }

  get classCount(): number {
    return this.order.length;
  }

  /** Offers the row at stream position `index`; `value` is called only when the row is kept. */
  offer(key: string, index: number, value: () => T): void {
    this.total++;
    let r = this.byKey.get(key);
    if (r === undefined) {
      r = { key, seen: 0, indices: [], values: [] };
      this.byKey.set(key, r);
      this.order.push(r);
    }
    const seen = ++r.seen;
    if (r.indices.length < this.capacity) {
      r.indices.push(index);
      r.values.push(value());
      return;
    }
    const j = Math.floor(this.random() * seen);
    if (j < this.capacity) {
      r.indices[j] = index;
      r.values[j] = value();
    }
  }

  /**
   * The sample of `size` rows (every row when the stream was not longer): each class gets
   * floor(size · rows/total) rows, the rows left over go to the largest remainders (first-seen
   * class on ties). The reservoir should not be used afterwards.
   */
  finish(size: number): StratifiedSample<T> {
    const quotas = proportionalQuotas(this.order.map((r) => r.seen), Math.min(size, this.total));
    const picked: { index: number; value: T }[] = [];
    const classes: ClassCount[] = [];
    this.order.forEach((r, c) => {
      const q = quotas[c];
      if (q > r.indices.length) throw new RangeError(`class ${JSON.stringify(r.key)} needs ${q} rows, the reservoir kept ${r.indices.length}`);
      // A uniform subsample of a uniform sample is uniform: partial Fisher–Yates over the slots.
      for (let i = 0; i < q; i++) {
        const j = i + Math.floor(this.random() * (r.indices.length - i));
        const ti = r.indices[i];
        r.indices[i] = r.indices[j];
        r.indices[j] = ti;
        const tv = r.values[i];
        r.values[i] = r.values[j];
        r.values[j] = tv;
        picked.push({ index: r.indices[i], value: r.values[i] });
      }
      classes.push({ value: r.key, rows: r.seen, sampled: q });
      r.indices = [];
      r.values = [];
    });
    picked.sort((a, b) => a.index - b.index);
    const indices = new Uint32Array(picked.length);
    const values: T[] = new Array(picked.length);
    for (let i = 0; i < picked.length; i++) {
      indices[i] = picked[i].index;
      values[i] = picked[i].value;
    }
    return { indices, values, classes, total: this.total };
  }
}

/** Integer shares of `size` proportional to `counts`, summing to exactly `size` (Hamilton's method). */
export function proportionalQuotas(counts: number[], size: number): number[] {
  const total = counts.reduce((s, n) => s + n, 0);
  if (total === 0 || size <= 0) return counts.map(() => 0);
  const exact = counts.map((n) => (size * n) / total);
  const quotas = exact.map((x) => Math.floor(x));
  let left = size - quotas.reduce((s, q) => s + q, 0);
  const byRemainder = exact.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    if (quotas[i] < counts[i]) {
      quotas[i]++;
      left--;
    }
  }
  return quotas;
}
