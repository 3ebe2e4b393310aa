// The paced rank table (runs of 64k sorted, merged with turns for the page) is the same table as the
// one-piece sort, ties, NaN and unknown labels included, and it really takes turns.
import { describe, expect, it } from 'vitest';
import { rankTable, rankTablePaced } from '../../../src/lib/evaluate/rank-table.ts';
import { computeMetrics, metricsFromRank } from '../../../src/lib/evaluate/metrics.ts';
import { defaultTierCuts, defaultTierCutsFromRank } from '../../../src/lib/evaluate/tiers.ts';

function scores(n: number, seed: number): { labels: Uint8Array; probs: Float64Array } {
  let s = seed;
  const r = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const labels = new Uint8Array(n);
  const probs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    labels[i] = u < 0.15 ? 1 : u < 0.99 ? 0 : 255;
    // coarse scores (many ties, like soft votes), a few exact zeros of both signs, some NaN
    probs[i] = i % 997 === 0 ? NaN : i % 501 === 0 ? (i % 2 ? -0 : 0) : Math.round((labels[i] === 1 ? 0.25 : 0) * 1000 + r() * 750) / 1000;
  }
  return { labels, probs };
}

describe('rankTablePaced', () => {
  it.each([0, 1, 5, 65_536, 65_537, 300_001])('%i scores: the same table as rankTable', async (n) => {
    const { labels, probs } = scores(n, n + 7);
    let turns = 0;
    const paced = await rankTablePaced(labels, probs, async () => void turns++);
    const whole = rankTable(labels, probs);
    expect(paced.positives).toBe(whole.positives);
    expect(paced.negatives).toBe(whole.negatives);
    expect(Array.from(paced.thresholds)).toEqual(Array.from(whole.thresholds));
    expect(Array.from(paced.tp)).toEqual(Array.from(whole.tp));
    expect(Array.from(paced.fp)).toEqual(Array.from(whole.fp));
    // one turn per sorted run and per merged slice: at least n / 64k of them
    expect(turns).toBeGreaterThanOrEqual(Math.floor(n / 65_536));
  });

  it('gives the same metrics and tier cuts as the one-piece versions', async () => {
    const { labels, probs } = scores(200_000, 3);
    const rank = await rankTablePaced(labels, probs, async () => {});
    expect(metricsFromRank(rank, labels, probs, 0.4)).toEqual(computeMetrics(labels, probs, 0.4));
    expect(defaultTierCutsFromRank(rank, probs)).toEqual(defaultTierCuts(labels, probs));
  });
});
