// Plot builders for the Results charts. Pure functions of their data: (inputs, width) → element.
import * as Plot from '@observablehq/plot';
import type { Confusion } from '../../lib/evaluate/metrics.ts';
import type { EvaluationSet } from '../results/evaluation-set.ts';
import { thresholdMarks, CURVE_COLOR, BASELINE_COLOR, SECOND_COLOR } from './marks.ts';
import { labelMargin, shortLabel } from './axis-label.ts';

export interface AxisLabels {
  x: string;
  y: string;
}

/** Axis ticks of a 0–1 share, in percent (the axis label says %). */
export const pctTick = (d: number) => String(Math.round(d * 100));

const idx = (n: number) => Array.from({ length: n }, (_, i) => i);
const FONT = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
// Explicit margins: the threshold overlay is drawn as a second plot of the same size on top.
const base = (width: number, height: number) => ({
  width,
  height,
  marginTop: 24,
  marginRight: 20,
  marginLeft: 48,
  marginBottom: 40,
  style: { fontFamily: FONT, fontSize: '11px' },
});
export const CURVE_HEIGHT = 250;

/** Where the threshold sits on each chart (all coordinates are shares 0–1). */
export function markerPoints(c: Confusion) {
  const r = rates(c);
  return { roc: [r.fpr, r.tpr], pr: [r.tpr, r.precision], gains: [r.flaggedShare, r.tpr] } as const;
}

/** The threshold marker alone, on a transparent plot laid exactly over a 0–1 × 0–1 chart. */
export function thresholdOverlay(x: number, y: number, label: string, width: number): Element {
  return Plot.plot({
    ...base(width, CURVE_HEIGHT),
    x: { domain: [0, 1], axis: null },
    y: { domain: [0, 1], axis: null },
    marks: thresholdMarks(x, y, label),
  });
}

function rates(c: Confusion) {
  const P = c.tp + c.fn;
  const N = c.fp + c.tn;
  const flagged = c.tp + c.fp;
  return {
    tpr: P ? c.tp / P : 0,
    fpr: N ? c.fp / N : 0,
    precision: flagged ? c.tp / flagged : 1,
    flaggedShare: P + N ? flagged / (P + N) : 0,
  };
}

export function rocPlot(s: EvaluationSet, labels: AxisLabels, width: number): Element {
  return Plot.plot({
    ...base(width, CURVE_HEIGHT),
    x: { label: labels.x, domain: [0, 1], grid: true, tickFormat: pctTick },
    y: { label: labels.y, domain: [0, 1], grid: true, tickFormat: pctTick },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: BASELINE_COLOR, strokeDasharray: '2,3' }),
      Plot.line(idx(s.roc.fpr.length), { x: (i: number) => s.roc.fpr[i], y: (i: number) => s.roc.tpr[i], stroke: CURVE_COLOR, strokeWidth: 2 }),
    ],
  });
}

export function prPlot(s: EvaluationSet, labels: AxisLabels, width: number): Element {
  const baseRate = s.rows ? s.positives / s.rows : 0;
  return Plot.plot({
    ...base(width, CURVE_HEIGHT),
    x: { label: labels.x, domain: [0, 1], grid: true, tickFormat: pctTick },
    y: { label: labels.y, domain: [0, 1], grid: true, tickFormat: pctTick },
    marks: [
      Plot.ruleY([baseRate], { stroke: BASELINE_COLOR, strokeDasharray: '2,3' }),
      Plot.line(idx(s.pr.recall.length), { x: (i: number) => s.pr.recall[i], y: (i: number) => s.pr.precision[i], stroke: CURVE_COLOR, strokeWidth: 2, curve: 'step-before' }),
    ],
  });
}

export function gainsPlot(s: EvaluationSet, labels: AxisLabels & { random: string }, width: number): Element {
  const g = s.gains;
  return Plot.plot({
    ...base(width, CURVE_HEIGHT),
    x: { label: labels.x, domain: [0, 1], grid: true, tickFormat: pctTick },
    y: { label: labels.y, domain: [0, 1], grid: true, tickFormat: pctTick },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: BASELINE_COLOR, strokeDasharray: '2,3' }),
      Plot.text([[0.62, 0.5]], { text: () => labels.random, fill: '#6b757f', rotate: 0 }),
      Plot.line(idx(g.fraction.length), { x: (i: number) => g.fraction[i], y: (i: number) => g.cumPositivesShare[i], stroke: CURVE_COLOR, strokeWidth: 2 }),
      Plot.dot(s.lift, { x: 'fraction', y: 'cumPositivesShare', r: 2.5, fill: CURVE_COLOR }),
    ],
  });
}

export function calibrationPlot(s: EvaluationSet, labels: AxisLabels, width: number): Element {
  const bins = s.calibration.filter((b) => b.count > 0);
  return Plot.plot({
    ...base(width, CURVE_HEIGHT),
    x: { label: labels.x, domain: [0, 1], grid: true, tickFormat: pctTick },
    y: { label: labels.y, domain: [0, 1], grid: true, tickFormat: pctTick },
    r: { range: [2.5, 9] },
    marks: [
      Plot.line([[0, 0], [1, 1]], { stroke: BASELINE_COLOR, strokeDasharray: '2,3' }),
      Plot.line(bins, { x: 'meanPredicted', y: 'observedRate', stroke: CURVE_COLOR, strokeWidth: 1.5 }),
      Plot.dot(bins, { x: 'meanPredicted', y: 'observedRate', r: 'count', fill: CURVE_COLOR, fillOpacity: 0.75, stroke: 'white' }),
    ],
  });
}

/** Horizontal bars of one importance measure, features in the given order. */
export function importancePlot(values: number[], names: string[], order: number[], xLabel: string, color: string, width: number): Element {
  const data = order.map((f) => ({ feature: names[f], value: values[f] }));
  return Plot.plot({
    width,
    height: 46 + order.length * 17,
    marginLeft: labelMargin(data.map((d) => d.feature)),
    marginBottom: 36,
    style: { fontFamily: FONT, fontSize: '11px' },
    x: { label: xLabel, grid: true },
    y: { domain: data.map((d) => d.feature), label: null, tickFormat: shortLabel },
    marks: [Plot.barX(data, { x: 'value', y: 'feature', fill: color, insetTop: 2, insetBottom: 2 }), Plot.ruleX([0])],
  });
}
