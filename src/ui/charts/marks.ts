// The one way every chart marks the current threshold: a dashed near-black rule plus a ringed
// dot where the curve sits at that threshold. Shared so all charts look the same.
import * as Plot from '@observablehq/plot';

export const THRESHOLD_COLOR = '#111111';
export const CURVE_COLOR = '#2b5d8a';
export const SECOND_COLOR = '#c26a00';
export const BASELINE_COLOR = '#9aa4ae';

/** Dashed vertical rule at x plus a ringed dot at (x, y). */
export function thresholdMarks(x: number, y: number, label: string): Plot.Markish[] {
  if (!Number.isFinite(x)) return [];
  if (!Number.isFinite(y)) {
    // no curve point at this threshold: the rule and its label only
    return [
      Plot.ruleX([x], { stroke: THRESHOLD_COLOR, strokeDasharray: '4,3', strokeWidth: 1.2 }),
      Plot.text([{ x, y: 1 }], { x: 'x', y: 'y', text: () => label, dx: 6, dy: 4, textAnchor: 'start', fill: THRESHOLD_COLOR, fontWeight: 600 }),
    ];
  }
  return [
    Plot.ruleX([x], { stroke: THRESHOLD_COLOR, strokeDasharray: '4,3', strokeWidth: 1.2 }),
    Plot.dot([{ x, y }], { x: 'x', y: 'y', r: 5, stroke: THRESHOLD_COLOR, strokeWidth: 2, fill: 'white' }),
    Plot.text([{ x, y }], { x: 'x', y: 'y', text: () => label, dx: 8, dy: -10, textAnchor: 'start', fill: THRESHOLD_COLOR, fontWeight: 600 }),
  ];
}

export const HIGHLIGHT_COLOR = '#c26a00';

/**
 * A point of interest that is not the threshold (recommended cut, top 20%): a solid orange rule and
 * a filled dot, so it is never mistaken for the threshold marker.
 */
export function highlightMarks(x: number, y: number, label: string): Plot.Markish[] {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return [];
  return [
    Plot.ruleX([x], { stroke: HIGHLIGHT_COLOR, strokeWidth: 1.5 }),
    Plot.dot([{ x, y }], { x: 'x', y: 'y', r: 5, fill: HIGHLIGHT_COLOR, stroke: 'white', strokeWidth: 1.5 }),
    Plot.text([{ x, y }], { x: 'x', y: 'y', text: () => label, dx: 8, dy: 12, textAnchor: 'start', fill: '#6b3b00', fontWeight: 600 }),
  ];
}
