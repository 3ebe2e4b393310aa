import { describe, expect, it } from 'vitest';
import { M, PH, PW, linePath, niceScale, ticks } from '../../../src/ui/report/chart-geometry.ts';

describe('report chart geometry', () => {
  it('maps the unit square onto the plot area and breaks the line at missing points', () => {
    expect(linePath([0, 1], [0, 1])).toBe(`M${M.left.toFixed(2)},${(M.top + PH).toFixed(2)}L${(M.left + PW).toFixed(2)},${M.top.toFixed(2)}`);
    const d = linePath([0, NaN, 0.5, 1], [0, 0.2, 0.5, 1]);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
  });

  it('picks round axis maxima and ticks', () => {
    expect(niceScale(2)).toEqual({ max: 2, step: 0.5 });
    expect(niceScale(3.7)).toEqual({ max: 4, step: 1 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.2 });
    expect(ticks(1, 0.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
