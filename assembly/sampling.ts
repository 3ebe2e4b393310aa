// Draw one tree's training sample: a count per training position (bootstrap with replacement,
// balanced bootstrap, oversampled pool, or every row once for a single tree), then gather the
// drawn rows into the sample arrays the tree builder partitions. Duplicates become counts, not rows.
import { below } from './prng';
import {
  BAL_BOOTSTRAP, drawSize, labelsPtr, multPtr, nNeg, nPos, nTrain, negListPtr, oversampleK,
  poolSize, posListPtr, samplePackedPtr, sampleRowsPtr, singleTree, trainRowsPtr, balance,
} from './state';

@inline function bump(pos: u32): void {
  const p = multPtr + (<usize>pos << 2);
  store<u32>(p, load<u32>(p) + 1);
}

@inline function drawFrom(list: usize, n: i32, draws: i32): void {
  for (let i = 0; i < draws; i++) bump(load<u32>(list + (<usize>below(<u32>n) << 2)));
}

/** Fill the counts per training position for the current tree's PRNG stream. */
function drawCounts(): void {
  memory.fill(multPtr, 0, <usize>nTrain << 2);
  if (singleTree) {
    for (let i = 0; i < nNeg; i++) store<u32>(multPtr + (<usize>load<u32>(negListPtr + (<usize>i << 2)) << 2), 1);
    for (let i = 0; i < nPos; i++) store<u32>(multPtr + (<usize>load<u32>(posListPtr + (<usize>i << 2)) << 2), oversampleK);
    return;
  }
  if (balance == BAL_BOOTSTRAP && nPos > 0 && nNeg > 0) {
    const half = (drawSize + 1) >> 1;
    drawFrom(negListPtr, nNeg, half);
    drawFrom(posListPtr, nPos, half);
    return;
  }
  // Pool = every non-churner once, then every churner K times (K = 1 unless oversampling).
  const neg = <u32>nNeg;
  const pos = <u32>nPos;
  for (let i = 0; i < drawSize; i++) {
    const j = below(<u32>poolSize);
    if (j < neg) bump(load<u32>(negListPtr + (<usize>j << 2)));
    else bump(load<u32>(posListPtr + (<usize>((j - neg) % pos) << 2)));
  }
}

/** Draw the sample and gather it; returns the number of distinct drawn rows. */
export function drawSample(): i32 {
  drawCounts();
  let n = 0;
  for (let i = 0; i < nTrain; i++) {
    const c = load<u32>(multPtr + (<usize>i << 2));
    if (c == 0) continue;
    const row = load<u32>(trainRowsPtr + (<usize>i << 2));
    const churn: u64 = load<u8>(labelsPtr + row) == 1 ? <u64>c : 0;
    store<u32>(sampleRowsPtr + (<usize>n << 2), row);
    store<u64>(samplePackedPtr + (<usize>n << 3), ((<u64>c) << 32) | churn);
    n++;
  }
  return n;
}
