// The few distributions the segment analysis needs, written out so no statistics package is pulled in.

/**
 * ln Γ(x) for x > 0: shift x up to at least 15 with Γ(x+1) = xΓ(x), then Stirling's series to the
 * B12 term (the first omitted term is below 1e-17 there), so about 1e-15 relative.
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 15) {
    shift += Math.log(x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

/** P(X >= x) for X ~ Binomial(n, p), summed term by term from the side where terms shrink. */
export function binomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const pmf = (k: number) => Math.exp(lnChoose(n, k) + k * lp + (n - k) * lq);
  const ratio = p / (1 - p);
  if (x > n * p) {
    // Upper tail: terms fall from k = x onwards (x is at or past the mode, up to one step).
    let term = pmf(x);
    let sum = term;
    for (let k = x; k < n; k++) {
      term *= ((n - k) / (k + 1)) * ratio;
      sum += term;
      if (term < sum * 1e-17 && k > n * p) break;
    }
    return Math.min(1, sum);
  }
  // x at or below the mean: 1 − P(X <= x − 1), the lower sum falling from k = x − 1 downwards.
  let term = pmf(x - 1);
  let sum = term;
  for (let k = x - 1; k > 0; k--) {
    term *= (k / (n - k + 1)) / ratio;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.max(0, 1 - sum);
}

/** erfc(x), about 1e-15 relative: a positive-term series for |x| < 3, a continued fraction beyond. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the tail up
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** P(Z >= z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the input order; NaN p-values stay NaN and are not counted. */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  const out = new Float64Array(pValues.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) if (!Number.isNaN(pValues[i])) idx.push(i);
  idx.sort((a, b) => pValues[a] - pValues[b] || a - b);
  const m = idx.length;
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const q = (pValues[idx[r]] * m) / (r + 1);
    if (q < running) running = q;
    out[idx[r]] = running;
  }
  return out;
}
