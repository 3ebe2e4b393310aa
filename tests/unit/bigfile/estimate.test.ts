import { describe, expect, it } from 'vitest';
import { syntheticChurnTable } from '../../../bench/synthetic.ts';
import { cellText } from '../../../src/lib/table/types.ts';
import { sniffHead, SNIFF_BYTES } from '../../../src/lib/bigfile/sniff.ts';
import {
  estimateFile,
  estimateRows,
  estimateTable,
  fitsBudget,
  plannedBytes,
  recommendedSampleRows,
  samplePassBytes,
  shownRows,
  twoSignificantDigits,
  MIN_SAMPLE_ROWS,
} from '../../../src/lib/bigfile/estimate.ts';
import { memoryBudget, DEFAULT_BUDGET_BYTES } from '../../../src/lib/bigfile/budget.ts';
import { trainCost } from '../../../src/lib/bigfile/train-cost.ts';
import { presetParams } from '../../../src/lib/engine/presets.ts';

const GB = 1e9;
const recommended = presetParams('recommended');

/** The head of the browser benchmark's CSV (bench/browser.ts writes the same cells). */
function benchHead(): Uint8Array {
  const t = syntheticChurnTable(12_000);
  let s = t.columns.map((c) => c.name).join(',') + '\n';
  for (let r = 0; r < t.rowCount; r++) s += t.columns.map((c) => cellText(c, r)).join(',') + '\n';
  return new TextEncoder().encode(s).subarray(0, SNIFF_BYTES);
}

describe('estimate before reading', () => {
  const head = benchHead();
  // README "Benchmarks": the 1,000,000-row × 25-column benchmark CSV is 139 MB.
  const benchBytes = 139 * 1_048_576;
  const sniff = sniffHead(head, benchBytes);

  it('counts the rows of the benchmark file from its first megabyte within 1%', () => {
    expect(sniff.complete).toBe(false);
    expect(sniff.columns.length).toBe(25);
    expect(Math.abs(estimateRows(sniff, benchBytes) - 1_000_000)).toBeLessThan(10_000);
    // Shown rounded, as the estimate it is.
    const e = estimateFile(sniff, benchBytes, recommended, 2);
    expect(e.exactRows).toBe(false);
    expect(shownRows(e)).toBe(Math.round(e.rows / 1_000) * 1_000);
    expect(shownRows({ ...e, rows: 920_733 })).toBe(921_000);
    expect(shownRows({ ...e, rows: 920_733, exactRows: true })).toBe(920_733);
  });

  it('matches the README benchmark figures it is calibrated on (10.3 s read, ~45 s training, 1.58 GB peak)', () => {
    const e = estimateFile(sniff, benchBytes, recommended, 2);
    expect(e.numericColumns).toBe(20);
    expect(e.textColumns).toBe(5);
    expect(e.features).toBe(23); // the id and the target are not features
    expect(e.readSeconds).toBeGreaterThan(10.3 * 0.95);
    expect(e.readSeconds).toBeLessThan(10.3 * 1.05);
    expect(e.trainSeconds).toBeGreaterThan(42);
    expect(e.trainSeconds).toBeLessThan(48);
    expect(e.peakBytes).toBeGreaterThan(1.5 * GB);
    expect(e.peakBytes).toBeLessThan(1.7 * GB);
  });

  it('grows with the rows and the trees, shrinks with bigger leaves', () => {
    const a = estimateTable(sniff, 100_000, recommended, 2);
    const b = estimateTable(sniff, 200_000, recommended, 2);
    expect(b.peakBytes).toBeGreaterThan(a.peakBytes);
    expect(b.trainSeconds).toBeGreaterThan(a.trainSeconds);
    expect(trainCost(1e5, 20, { ...recommended, trees: 200 }, 2).bytes).toBeGreaterThan(trainCost(1e5, 20, recommended, 2).bytes);
    expect(trainCost(1e5, 20, { ...recommended, minLeaf: 50 }, 2).bytes).toBeLessThan(trainCost(1e5, 20, recommended, 2).bytes);
    // Two workers take about half the time of one.
    const one = trainCost(1e6, 23, { ...recommended, threads: 1 }, 2).seconds;
    const two = trainCost(1e6, 23, { ...recommended, threads: 2 }, 2).seconds;
    expect(two).toBeLessThan(one * 0.55);
  });

  it('fits the benchmark file in a 4 GB tab, not in 1.5 GB, and recommends a sample that fits', () => {
    const e = estimateFile(sniff, benchBytes, recommended, 2);
    const big = memoryBudget({ heapLimitBytes: 4 * 1024 ** 3 });
    const small = memoryBudget({ heapLimitBytes: 1.5 * 1024 ** 3 });
    expect(fitsBudget(e, big)).toBe(true);
    expect(fitsBudget(e, small)).toBe(false);
    const n = recommendedSampleRows(sniff, e.rows, small, recommended, 2, 2);
    expect(n).toBeLessThan(e.rows);
    expect(n).toBe(twoSignificantDigits(n));
    expect(estimateTable(sniff, n, recommended, 2).peakBytes).toBeLessThanOrEqual(plannedBytes(small));
    expect(samplePassBytes(sniff, n, 2)).toBeLessThanOrEqual(plannedBytes(small));
    // The next rounding step up would not fit.
    const step = 10 ** (Math.floor(Math.log10(n)) - 1);
    expect(estimateTable(sniff, n + 2 * step, recommended, 2).peakBytes).toBeGreaterThan(plannedBytes(small) * 0.97);
    expect(recommendedSampleRows(sniff, e.rows, { bytes: 1, source: 'override' }, recommended, 2, 2)).toBe(MIN_SAMPLE_ROWS);
  });

  it('rounds to two significant digits', () => {
    expect(twoSignificantDigits(412_345)).toBe(410_000);
    expect(twoSignificantDigits(1_987)).toBe(1_900);
    expect(twoSignificantDigits(99)).toBe(99);
  });
});

describe('memory budget', () => {
  it('takes the override, else the smaller of the heap limit and half the device memory, else 2 GB', () => {
    expect(memoryBudget({ overrideMB: 64, heapLimitBytes: 4e9 })).toEqual({ bytes: 64 * 1_048_576, source: 'override' });
    expect(memoryBudget({ heapLimitBytes: 4e9, deviceMemoryGB: 8 })).toEqual({ bytes: 4e9, source: 'heap' });
    expect(memoryBudget({ heapLimitBytes: 4e9, deviceMemoryGB: 4 })).toEqual({ bytes: 2 * 1024 ** 3, source: 'device' });
    expect(memoryBudget({ deviceMemoryGB: 2 })).toEqual({ bytes: 1024 ** 3, source: 'device' });
    expect(memoryBudget({})).toEqual({ bytes: DEFAULT_BUDGET_BYTES, source: 'default' });
    expect(memoryBudget({ overrideMB: Number.NaN, heapLimitBytes: null, deviceMemoryGB: 0 })).toEqual({ bytes: DEFAULT_BUDGET_BYTES, source: 'default' });
  });
});
