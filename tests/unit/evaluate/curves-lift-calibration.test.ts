import { describe, expect, it } from 'vitest';
import { downsampleIndices, downsampleRoc, rocCurve } from '../../../src/lib/evaluate/curves.ts';
import { gainsCurve, gainsFromRank, liftTable, topDecileLift } from '../../../src/lib/evaluate/lift.ts';
import { rankTable } from '../../../src/lib/evaluate/rank-table.ts';
import { brierScore, expectedCalibrationError, reliabilityBins } from '../../../src/lib/evaluate/calibration.ts';

describe('downsampling', () => {
  it('keeps both ends and at most maxPoints', () => {
    const idx = downsampleIndices(10_001, 500);
    expect(idx.length).toBe(500);
    expect(idx[0]).toBe(0);
    expect(idx[499]).toBe(10_000);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
    expect(Array.from(downsampleIndices(3, 500))).toEqual([0, 1, 2]);
  });

  it('thins a large ROC curve that still starts at (0,0) and ends at (1,1)', () => {
    const n = 20_000;
    const y = new Uint8Array(n);
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) { y[i] = i % 3 === 0 ? 1 : 0; p[i] = ((i * 7919) % n) / n; }
    const c = downsampleRoc(rocCurve(y, p), 500);
    expect(c.fpr.length).toBe(500);
    expect([c.fpr[0], c.tpr[0]]).toEqual([0, 0]);
    expect([c.fpr[499], c.tpr[499]]).toEqual([1, 1]);
  });
});

describe('lift', () => {
  it('matches a hand-computed table', () => {
    const p = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    const y = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0];
    const t = liftTable(y, p, 5);
    expect(t.map((r) => r.count)).toEqual([2, 2, 2, 2, 2]);
    expect(t.map((r) => r.positives)).toEqual([2, 1, 0, 1, 0]);
    expect(t.map((r) => r.fraction)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(t.map((r) => r.cumPositivesShare)).toEqual([0.5, 0.75, 0.75, 1, 1]);
    const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 12));
    close(t.map((r) => r.lift), [2.5, 1.25, 0, 1.25, 0]);
    close(t.map((r) => r.cumLift), [2.5, 1.875, 1.25, 1.25, 1]);
  });

  it('shares tied churners pro rata so input order does not matter', () => {
    const p = new Array(10).fill(0.5);
    const a = liftTable([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], p, 5);
    const b = liftTable([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], p, 5);
    expect(a).toEqual(b);
    for (const r of a) { expect(r.positives).toBeCloseTo(0.8, 12); expect(r.lift).toBeCloseTo(1, 12); }
  });

  it('top decile lift of a perfect ranking is 1 / base rate', () => {
    const n = 1000;
    const y = Array.from({ length: n }, (_, i) => (i < 100 ? 1 : 0));
    const p = Array.from({ length: n }, (_, i) => 1 - i / n);
    expect(topDecileLift(y, p)).toBeCloseTo(10, 12);
    const g = gainsCurve(y, p, 10);
    expect(gainsFromRank(rankTable(y, p), 10)).toEqual(g);
    expect(g.cumPositivesShare[1]).toBe(1);
    expect(g.cumPositivesShare[0]).toBe(0);
    expect(g.fraction[10]).toBe(1);
  });
});

describe('calibration', () => {
  it('bins by hand', () => {
    const p = [0.05, 0.15, 0.12, 0.95, 1.0, 0.5];
    const y = [0, 1, 0, 1, 1, 0];
    const bins = reliabilityBins(y, p, 10);
    expect(bins[0]).toMatchObject({ count: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(bins[1].count).toBe(2);
    expect(bins[1].meanPredicted).toBeCloseTo(0.135, 12);
    expect(bins[1].observedRate).toBe(0.5);
    expect(bins[9]).toMatchObject({ count: 2, meanPredicted: 0.975, observedRate: 1 });
    expect(bins[5]).toMatchObject({ count: 1, meanPredicted: 0.5, observedRate: 0 });
    expect(bins[3].count).toBe(0);
    expect(bins[3].meanPredicted).toBeNaN();
    // ECE = (1·.05 + 2·|.5−.135| + 1·.5 + 2·.025) / 6
    expect(expectedCalibrationError(bins)).toBeCloseTo((0.05 + 0.73 + 0.5 + 0.05) / 6, 12);
  });

  it('Brier score by hand, skipping unlabelled rows', () => {
    expect(brierScore([1, 0, 1, 255], [0.8, 0.3, 0.5, 0.9])).toBeCloseTo((0.04 + 0.09 + 0.25) / 3, 15);
    expect(brierScore([255], [0.5])).toBeNaN();
  });
});

describe('lift against a direct count', () => {
  it('without ties equals counting churners in each slice of the sorted rows', () => {
    const n = 997;
    const p = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n); // distinct scores
    const y: number[] = p.map((_, i) => ((i * 31) % 7 < 2 ? 1 : 0));
    const order = p.map((_, i) => i).sort((a, b) => p[b] - p[a]);
    const P = y.reduce((a, b) => a + b, 0);
    const t = liftTable(y, p, 10);
    let prev = 0;
    let cum = 0;
    t.forEach((row, g) => {
      const end = Math.round(((g + 1) * n) / 10);
      let pos = 0;
      for (let k = prev; k < end; k++) pos += y[order[k]];
      cum += pos;
      expect(row.count).toBe(end - prev);
      expect(row.positives).toBe(pos);
      expect(row.cumPositivesShare).toBeCloseTo(cum / P, 12);
      expect(row.cumLift).toBeCloseTo(cum / end / (P / n), 12);
      prev = end;
    });
  });
});
