// Stratified train/test split with a seeded shuffle, so the same seed gives the same split
// in the browser and the CLI.
import { UserError } from '../errors.ts';
import { mulberry32 } from '../util/random.ts';

/** Fisher–Yates shuffle driven by `rand`. */
export function shuffleInPlace(a: Uint32Array, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

export interface Split {
  train: Uint32Array;
  test: Uint32Array;
}

/** Rows each class must keep in training for a forest to learn anything. */
const MIN_TRAIN_PER_CLASS = 2;

export function stratifiedSplit(labels: Uint8Array, testFraction: number, seed: number): Split {
  if (!(testFraction >= 0 && testFraction <= 0.9)) throw new UserError('model.badTestFraction', { value: String(testFraction) });
  const byClass: number[][] = [[], []];
  for (let r = 0; r < labels.length; r++) {
    // 0 and 1 are the classes; anything else (255) is a missing target, left out.
    const l = labels[r];
    if (l === 0 || l === 1) byClass[l].push(r);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const rows = Uint32Array.from(byClass[cls]);
    const n = rows.length;
    // Each class gets its own stream so adding rows of one class does not reshuffle the other.
    shuffleInPlace(rows, mulberry32((seed ^ (cls === 1 ? 0x9e3779b9 : 0x85ebca6b)) >>> 0));
    const nTest = testFraction > 0 ? Math.max(1, Math.round(testFraction * n)) : 0;
    if (n - nTest < MIN_TRAIN_PER_CLASS) {
      const need = MIN_TRAIN_PER_CLASS + (testFraction > 0 ? 1 : 0);
      throw new UserError(cls === 1 ? 'model.tooFewChurners' : 'model.tooFewStayers', { n, need });
    }
    for (let i = 0; i < n; i++) (i < nTest ? test : train).push(rows[i]);
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}
