// Plot geometry shared by the report's SVG charts: a fixed viewBox with margins for the axis
// labels, and data → pixel mappings. Plain SVG (no Plot, no fonts, no external files) prints crisply.
export const W = 320;
export const H = 250;
export const M = { left: 48, right: 12, top: 10, bottom: 44 };
export const PW = W - M.left - M.right;
export const PH = H - M.top - M.bottom;

export function sx(x: number, max = 1): number {
  return M.left + (Math.min(Math.max(x, 0), max) / max) * PW;
}

export function sy(y: number, max = 1): number {
  return M.top + PH - (Math.min(Math.max(y, 0), max) / max) * PH;
}

/** An SVG path through the points (x_i, y_i), skipping non-finite ones. */
export function linePath(xs: readonly number[], ys: readonly number[], xMax = 1, yMax = 1): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${sx(x, xMax).toFixed(2)},${sy(y, yMax).toFixed(2)}`;
    pen = true;
  }
  return d;
}

/** Tick values 0, step, … up to max (inclusive, within float noise). */
export function ticks(max: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) out.push(Math.round(i * step * 1e9) / 1e9);
  return out;
}

/** A "nice" upper bound and tick step for a positive maximum (1, 2, 2.5, 5 × 10^k). */
export function niceScale(max: number, targetTicks = 5): { max: number; step: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, step: 0.2 };
  const raw = max / targetTicks;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}
