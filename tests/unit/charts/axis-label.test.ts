// Width estimates of chart axis labels: Chinese names need a full em per character (they were cut
// off at the chart's edge when every character was counted as 6.5 px).
import { describe, it, expect } from 'vitest';
import { labelWidth, shortLabel, labelMargin } from '../../../src/ui/charts/axis-label.ts';

describe('axis labels', () => {
  it('counts Chinese characters as a full 11 px em and lower-case Latin as 6.6 px', () => {
    expect(labelWidth('月消费')).toBe(33);
    expect(labelWidth('tenure')).toBeCloseTo(6 * 6.6, 9);
    expect(labelWidth('月消费(元)')).toBeCloseTo(4 * 11 + 2 * 6.6, 9);
  });
  it('keeps names that fit and shortens the rest with … inside the widest margin', () => {
    expect(shortLabel('tenure')).toBe('tenure');
    const long = '<img src=x onerror="window.__xss=1">';
    const s = shortLabel(long);
    expect(s.endsWith('…')).toBe(true);
    expect(long.startsWith(s.slice(0, -1))).toBe(true);
    expect(labelWidth(s)).toBeLessThanOrEqual(160 - 14);
    const zh = '客户最近十二个月的平均每月消费金额（元）';
    expect(labelWidth(shortLabel(zh))).toBeLessThanOrEqual(146);
    expect(shortLabel(zh)).toBe('客户最近十二个月的平均每…');
  });
  it('margin fits the widest shortened label plus the tick, capped at 160 px', () => {
    expect(labelMargin(['tenure', '月消费(元)'])).toBe(Math.ceil(14 + 4 * 11 + 2 * 6.6));
    expect(labelMargin(['x'.repeat(200)])).toBe(160);
    expect(labelMargin([])).toBe(Math.ceil(14 + 3 * 6.6 + 8.8)); // never narrower than "name"
  });
});
