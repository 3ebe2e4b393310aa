// Gauss–Legendre quadrature on [0, 1] for TreeSHAP (see treeshap.ts). With q nodes it integrates
// every polynomial of degree ≤ 2q − 1 exactly, which is what makes the Shapley weights exact:
//   |S|!(k − |S| − 1)!/k! = ∫₀¹ t^|S| (1 − t)^(k − |S| − 1) dt.
// Computed here rather than by the host so every engine (browser, Node) gets the same bits.

/** Largest number of nodes supported (paths with up to 2·MAX_QUADRATURE distinct features). */
export const MAX_QUADRATURE: i32 = 512;

/** P_q′(x), set by legendreP. */
let legendreDerivative: f64 = 0;

/** P_q(x) by the three-term recurrence (q ≥ 1); its derivative goes to legendreDerivative. */
function legendreP(q: i32, x: f64): f64 {
  let p0: f64 = 1;
  let p1: f64 = x;
  for (let k = 2; k <= q; k++) {
    const p2 = ((2 * <f64>k - 1) * x * p1 - (<f64>k - 1) * p0) / <f64>k;
    p0 = p1;
    p1 = p2;
  }
  legendreDerivative = (<f64>q * (x * p1 - p0)) / (x * x - 1);
  return p1;
}

/**
 * Fill q nodes t, weights w, 1 − t and w / (1 − t) (four arrays, `stride` bytes apart, at `out`). Newton's method on the Legendre polynomial P_q from the usual cosine first guesses;
 * each root converges to full double precision in a few steps.
 */
export function gaussLegendre01(q: i32, out: usize, stride: usize): void {
  const tP = out;
  const wP = out + stride;
  const oneMinusP = wP + stride;
  const wOverP = oneMinusP + stride;
  const half = (q + 1) >> 1;
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (<f64>i + 0.75)) / (<f64>q + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      const dx = legendreP(q, x) / legendreDerivative;
      x -= dx;
      if (Math.abs(dx) <= 1e-15) break;
    }
    // the derivative at the converged root, for the weight
    legendreP(q, x);
    const dp = legendreDerivative;
    const w = 1.0 / ((1 - x * x) * dp * dp); // = 2/((1−x²)P′²) on [−1, 1], halved for [0, 1]
    // x ≥ 0: t = (1 + x)/2 and its mirror (1 − x)/2; 1 − t is written from x directly, not as 1 − t
    const lo = i;
    const hi = q - 1 - i;
    store<f64>(tP + (<usize>hi << 3), (1 + x) * 0.5);
    store<f64>(oneMinusP + (<usize>hi << 3), (1 - x) * 0.5);
    store<f64>(tP + (<usize>lo << 3), (1 - x) * 0.5);
    store<f64>(oneMinusP + (<usize>lo << 3), (1 + x) * 0.5);
    store<f64>(wP + (<usize>hi << 3), w);
    store<f64>(wP + (<usize>lo << 3), w);
  }
  for (let i = 0; i < q; i++) {
    const o = <usize>i << 3;
    store<f64>(wOverP + o, load<f64>(wP + o) / load<f64>(oneMinusP + o));
  }
}
