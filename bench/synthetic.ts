// Deterministic synthetic churn data for the benchmark: 20 numeric and 3 categorical columns, a few
// percent missing values, about 15% churners, and a signal a linear model cannot see (thresholds,
// interactions, a periodic term, informative missingness). Built straight into a columnar Table.
import type { CategoricalColumn, NumericColumn, Table } from '../src/lib/table/types.ts';
import { MISSING_CODE } from '../src/lib/table/types.ts';

export const SYNTHETIC_TARGET = 'churn';
export const SYNTHETIC_POSITIVE = 'yes';
export const SYNTHETIC_ID = 'customer_id';
const CHURN_RATE = 0.15;

/** splitmix32-style seeded generator: floats in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  // Box–Muller; 1 - r() keeps the log argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function poisson(r: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > l) {
    k++;
    p *= r();
  }
  return k;
}

const PLANS = ['basic', 'standard', 'plus', 'premium', 'family'];
const REGIONS = ['north', 'south', 'east', 'west', 'central', 'coast', 'mountain', 'lakes', 'capital', 'islands', 'border', 'delta'];
const PAYMENTS = ['card', 'debit', 'invoice', 'cash'];

/** `rows` customers; the same (rows, seed) always gives the same table. */
export function syntheticChurnTable(rows: number, seed = 20240601): Table {
  const r = rng(seed);
  const num = Array.from({ length: 20 }, () => new Float64Array(rows));
  const plan = new Int32Array(rows);
  const region = new Int32Array(rows);
  const payment = new Int32Array(rows);
  const logit = new Float64Array(rows);
  const regionEffect = REGIONS.map((_, i) => ((i * 7919) % 13) / 13 - 0.5);

  for (let i = 0; i < rows; i++) {
    const tenure = Math.floor(r() * 73);
    const spend = Math.exp(3.8 + 0.5 * normal(r));
    const calls = poisson(r, 1.6);
    const idle = -Math.log(1 - r()) * 12;
    const pl = Math.min(4, Math.floor(r() * r() * 6));
    const rg = Math.floor(r() * REGIONS.length);
    const pay = r() < 0.45 ? 0 : r() < 0.5 ? 1 : r() < 0.7 ? 2 : 3;
    const x = num;
    x[0][i] = tenure;
    x[1][i] = Math.round(spend * 100) / 100;
    x[2][i] = calls;
    x[3][i] = Math.round(idle * 10) / 10;
    x[4][i] = Math.round((spend * (tenure + 1)) / 10) * 10; // lifetime spend, correlated
    for (let k = 5; k < 20; k++) x[k][i] = Math.round(normal(r) * 1000) / 1000;
    x[6][i] = Math.round((x[6][i] + 0.3 * x[5][i]) * 1000) / 1000;
    plan[i] = pl;
    region[i] = rg;
    payment[i] = pay;

    let f = 0;
    f += tenure < 6 ? 1.4 : tenure < 18 ? 0.6 : -0.02 * (tenure - 18);
    f += 0.45 * Math.pow(calls, 1.3) * (pl === 0 ? 1 : 0.35);
    f += idle > 20 ? 1.1 : 0.02 * idle;
    f += 0.8 * Math.sin(2 * x[5][i]);
    f += x[6][i] > 0.8 && x[7][i] < -0.2 ? 1.0 : 0;
    f += 0.5 * x[8][i] * x[9][i];
    f += 0.4 * Math.abs(x[10][i]) - 0.3;
    f += regionEffect[rg] * 0.8;
    f += pay === 3 ? 0.5 : pay === 2 ? 0.2 : 0;
    f += spend > 90 && pl <= 1 ? 0.7 : 0;
    logit[i] = f;
  }

  // Missing values: mostly at random, but an empty idle-days field goes with churn (a lost account
  // stops reporting usage), so missingness carries signal as it does in real data.
  for (let i = 0; i < rows; i++) {
    if (r() < 0.03) num[1][i] = NaN;
    if (r() < 0.05) {
      num[3][i] = NaN;
      logit[i] += 0.6;
    }
    if (r() < 0.02) num[7][i] = NaN;
    if (r() < 0.08) num[12][i] = NaN;
    if (r() < 0.04) payment[i] = MISSING_CODE;
  }

  const intercept = interceptForRate(logit, CHURN_RATE);
  const churn = new Int32Array(rows);
  for (let i = 0; i < rows; i++) churn[i] = r() < 1 / (1 + Math.exp(-(logit[i] + intercept))) ? 1 : 0;

  const names = [
    'tenure_months', 'monthly_spend', 'support_calls', 'days_idle', 'lifetime_spend',
    ...Array.from({ length: 15 }, (_, k) => `usage_${String(k + 5).padStart(2, '0')}`),
  ];
  const ids = new Int32Array(rows);
  for (let i = 0; i < rows; i++) ids[i] = i;
  const columns = [
    { kind: 'categorical', name: SYNTHETIC_ID, codes: ids, levels: Array.from({ length: rows }, (_, i) => `C${String(i).padStart(7, '0')}`), semantic: 'id' } satisfies CategoricalColumn,
    ...num.map((values, k): NumericColumn => ({ kind: 'numeric', name: names[k], values, semantic: 'number' })),
    cat('plan', plan, PLANS),
    cat('region', region, REGIONS),
    cat('payment', payment, PAYMENTS),
    cat(SYNTHETIC_TARGET, churn, ['no', 'yes']),
  ];
  return { rowCount: rows, columns };
}

export function syntheticFeatureColumns(table: Table): string[] {
  return table.columns.map((c) => c.name).filter((n) => n !== SYNTHETIC_TARGET && n !== SYNTHETIC_ID);
}

function cat(name: string, codes: Int32Array, levels: string[]): CategoricalColumn {
  return { kind: 'categorical', name, codes, levels, semantic: 'category' };
}

/** Intercept b with mean(sigmoid(logit + b)) = rate, by bisection (the mean is monotone in b). */
function interceptForRate(logit: Float64Array, rate: number): number {
  let lo = -20;
  let hi = 20;
  const step = Math.max(1, Math.floor(logit.length / 20000));
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    let s = 0;
    let n = 0;
    for (let i = 0; i < logit.length; i += step) {
      s += 1 / (1 + Math.exp(-(logit[i] + mid)));
      n++;
    }
    if (s / n > rate) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
