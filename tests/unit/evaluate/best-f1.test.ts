// The threshold the app starts at and the CLI reports at: the best F1 over the distinct scores.
import { describe, expect, it } from 'vitest';
import { bestF1Threshold, rankTable } from '../../../src/lib/evaluate/rank-table.ts';

describe('bestF1Threshold', () => {
  it('picks the score with the best F1, by hand', () => {
    // churners 0.9, 0.4, 0.35; stayers 0.6, 0.2, 0.1. F1 = 2tp / (tp + fp + 3):
    // ≥0.9: 2/4 = 0.5; ≥0.6: 2/5 = 0.4; ≥0.4: 4/6 = 0.667; ≥0.35: 6/7 = 0.857 (best); ≥0.2: 6/8; ≥0.1: 6/9
    const t = rankTable([1, 0, 1, 1, 0, 0], [0.9, 0.6, 0.4, 0.35, 0.2, 0.1]);
    expect(bestF1Threshold(t)).toBe(0.35);
  });

  it('finds a low threshold when churners are rare and scores small (0.5 would flag nobody)', () => {
    const labels = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const probs = [0.12, 0.09, 0.08, 0.05, 0.04, 0.03, 0.03, 0.02, 0.01, 0.01];
    expect(bestF1Threshold(rankTable(labels, probs))).toBe(0.09);
  });

  it('keeps the higher threshold on equal F1, and is 0.5 with nothing to go on', () => {
    // ≥0.8: 2·1/(1+0+2) = 0.667; ≥0.7: 2·1/(1+1+2) = 0.5; ≥0.3: 2·2/(2+1+2) = 0.8; ≥0.2: 2·2/(2+2+2) = 0.667
    expect(bestF1Threshold(rankTable([1, 0, 1, 0], [0.8, 0.7, 0.3, 0.2]))).toBe(0.3);
    // tie: ≥0.8 gives 2/(1+0+1)... one churner at the top: F1 1 at 0.8, and lower ones only add stayers
    expect(bestF1Threshold(rankTable([1, 0, 0], [0.8, 0.8, 0.1]))).toBe(0.8);
    expect(bestF1Threshold(rankTable([0, 0], [0.4, 0.3]))).toBe(0.5);
    expect(bestF1Threshold(rankTable([], []))).toBe(0.5);
  });
});
