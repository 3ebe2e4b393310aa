// Node cost = weight × impurity (entropy in nats, or Gini) from integer class counts and the class
// weights. A split's children minimise cost_left + cost_right; the gain is
// (cost_node - cost_left - cost_right) / weight_root (entropy divided by ln 2 for bits), which is
// scikit-learn's N_t/N · (imp - N_l/N_t·imp_l - N_r/N_t·imp_r).
import { CRIT_GINI, criterion, cw0, cw1, unitWeights, xlogxPtr } from './state';

@inline function xlogx(x: f64): f64 {
  return x > 0 ? x * Math.log(x) : 0;
}

@inline export function nodeCost(p: i32, q: i32): f64 {
  if (criterion == CRIT_GINI) {
    const wp = cw1 * <f64>p;
    const wq = cw0 * <f64>q;
    const w = wp + wq;
    return w > 0 ? w - (wp * wp + wq * wq) / w : 0;
  }
  if (unitWeights) {
    return (
      load<f64>(xlogxPtr + (<usize>(p + q) << 3)) -
      load<f64>(xlogxPtr + (<usize>p << 3)) -
      load<f64>(xlogxPtr + (<usize>q << 3))
    );
  }
  const wp = cw1 * <f64>p;
  const wq = cw0 * <f64>q;
  return xlogx(wp + wq) - xlogx(wp) - xlogx(wq);
}

/** Cost in the unit of the reported impurity (bits for entropy). */
@inline export function costToImpurityUnits(c: f64): f64 {
  return criterion == CRIT_GINI ? c : c / Math.LN2;
}
