// Deterministic generator of a realistic fuel-card transaction log, in the shape of the founding
// study's data: customers with a main card and (for firms and some families) sub cards, recharges
// into the account, fuel purchases from it, loyalty points earned monthly and spent now and then,
// the cash balance after each transaction, seasonality (Spring Festival dip, summer driving,
// National Day), customers joining over time, and churners who mostly fade out over a few months
// (some stop abruptly). One branch ("Daxing") leaks customers after a competitor opens nearby.
//
//   npx tsx scripts/gen-fuel-log.ts [--seed 20240601] [--customers 5000] [--out public/samples/fuel-card-log.csv]
//
// Same seed and sizes → byte-identical file (seeded PRNG; no Math.random, no clock).

export interface FuelLogOptions {
  seed: number;
  customers: number;
  months: number;
  /** First month as year and month (1-12). */
  startYear: number;
  startMonth: number;
}

export const DEFAULT_FUEL_LOG: FuelLogOptions = { seed: 20240601, customers: 5000, months: 18, startYear: 2023, startMonth: 7 };

export interface FuelLogResult {
  csv: string;
  rows: number;
  churners: number;
  abrupt: number;
}

export const FUEL_LOG_HEADER = ['transaction_date', 'customer_id', 'card_id', 'card_type', 'kind', 'amount', 'balance', 'branch'];

const BRANCHES = ['Haidian', 'Chaoyang', 'Fengtai', 'Tongzhou', 'Changping', 'Daxing'];
const LEAKY_BRANCH = 5; // Daxing
/** A competitor station opens near the leaky branch this many months into the log. */
const COMPETITOR_MONTH = 9;

// Fuel demand by calendar month: January travel before the Spring Festival, the February holiday
// dip, May Day, summer driving in July–August, the October National Day week.
const SEASON = [1.12, 0.78, 0.95, 1.0, 1.06, 1.0, 1.14, 1.2, 1.0, 1.1, 0.95, 0.96];

/** sfc32: small, fast, good enough for simulation, and identical on every JS engine. */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162;
  let d = seed | 0;
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

type Rng = () => number;

function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng();
  } while (p > l);
  return k - 1;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function daysIn(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function money(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Number.isInteger(r) ? String(r) : r.toFixed(2).replace(/0$/, '');
}

interface Txn {
  day: number; // day within the month, 1..31
  seq: number; // order within the customer's month
  card: number; // 0 = main card
  kind: 'recharge' | 'purchase' | 'points_earned' | 'points_spent';
  amount: number;
  /** Cash balance right after this transaction (points do not change it). */
  balance: number;
}

interface Row {
  month: number;
  day: number;
  customer: number;
  seq: number;
  text: string;
}

export function generateFuelLog(options: Partial<FuelLogOptions> = {}): FuelLogResult {
  const o = { ...DEFAULT_FUEL_LOG, ...options };
  const rng = sfc32(o.seed);
  const rows: Row[] = [];
  let churners = 0;
  let abrupt = 0;

  for (let c = 0; c < o.customers; c++) {
    const id = `C${String(c + 1).padStart(5, '0')}`;
    const segR = rng();
    const segment = segR < 0.08 ? 'fleet' : segR < 0.3 ? 'business' : 'private';
    const subCards = segment === 'fleet' ? 2 + Math.floor(rng() * 4) : segment === 'business' ? 1 + Math.floor(rng() * 2) : rng() < 0.2 ? 1 : 0;
    const branch = Math.floor(rng() * BRANCHES.length);
    const baseSpend = Math.exp(normal(rng) * 0.45) * (segment === 'fleet' ? 6000 : segment === 'business' ? 1800 : 520);
    const fills = segment === 'fleet' ? 4.5 : segment === 'business' ? 2.6 : 1.5; // purchase rows per month
    const rechargeUnit = segment === 'fleet' ? 5000 : segment === 'business' ? 2000 : 500;
    const redeemer = rng() < 0.35; // some customers never use their points
    const join = rng() < 0.62 ? 0 : 1 + Math.floor(rng() * (o.months - 2));
    const priorTenure = join === 0 ? Math.floor(rng() * 36) : 0;

    // Churn: a monthly hazard that depends on who the customer is; when it strikes, the customer
    // fades over 2–4 months (most) or stops at once (some).
    let hazard = 0.016;
    if (subCards > 0) hazard *= 0.55;
    if (segment === 'private' && baseSpend < 380) hazard *= 1.6;
    if (!redeemer) hazard *= 1.25;
    let churnStart = Infinity;
    let fadeMonths = 0;
    for (let m = join; m < o.months; m++) {
      let h = hazard;
      if (branch === LEAKY_BRANCH) h *= m >= COMPETITOR_MONTH ? 4 : 1.6;
      if (m - join + priorTenure < 4) h *= 1.5;
      if (rng() < h) {
        churnStart = m;
        fadeMonths = rng() < 0.35 ? 0 : 2 + Math.floor(rng() * 3);
        break;
      }
    }
    if (churnStart < Infinity) {
      churners++;
      if (fadeMonths === 0) abrupt++;
    }

    let balance = Math.round(rng() * 3) * rechargeUnit * 0.5;
    let points = join === 0 ? Math.floor(rng() * 3000) : 0;
    let drift = 1;
    for (let m = join; m < o.months; m++) {
      let activity = 1;
      if (m >= churnStart) {
        const k = m - churnStart + 1;
        if (k > fadeMonths) break; // gone
        activity = 1 - k / (fadeMonths + 1); // 0.67, 0.33 … or 0.75, 0.5, 0.25 …
      }
      drift *= Math.exp(normal(rng) * 0.08);
      const mi = o.startYear * 12 + o.startMonth - 1 + m;
      const y = Math.floor(mi / 12);
      const mo = (mi % 12) + 1;
      const season = SEASON[mo - 1];
      if (m < churnStart && rng() < 0.02) continue; // an ordinary quiet month (holiday, car in repair)
      const txns: Txn[] = [];
      // at least one fill in an ordinary month; a fading customer skips months more and more often
      const nFills = rng() < activity ? 1 + poisson(rng, (fills - 1) * activity * (0.85 + 0.15 * season)) : 0;
      const spend = baseSpend * drift * season * activity;
      const last = daysIn(y, mo);
      for (let i = 0; i < nFills; i++) {
        const amount = Math.max(50, Math.round((spend / Math.max(1, nFills)) * (0.7 + 0.6 * rng())));
        const card = subCards > 0 && rng() < 0.6 ? 1 + Math.floor(rng() * subCards) : 0;
        txns.push({ day: 1 + Math.floor(rng() * last), seq: 0, card, kind: 'purchase', amount, balance: 0 });
      }
      if (redeemer && points >= 500 && rng() < (m === churnStart + fadeMonths - 1 || m === churnStart ? 0.5 : 0.07)) {
        const spent = Math.min(points, 100 * (5 + Math.floor(rng() * 20)));
        txns.push({ day: 1 + Math.floor(rng() * last), seq: 0, card: 0, kind: 'points_spent', amount: spent, balance: 0 });
      }
      txns.sort((a, b) => a.day - b.day);

      // Walk the month in order: recharge on the main card whenever the balance cannot pay.
      const out: Txn[] = [];
      let earned = 0;
      for (const t of txns) {
        if (t.kind === 'purchase') {
          if (balance < t.amount) {
            const fading = m >= churnStart ? 0.5 : 1;
            const units = Math.ceil((t.amount - balance) / rechargeUnit) + (rng() < 0.6 * fading ? 1 : 0);
            const amount = units * rechargeUnit;
            balance += amount;
            out.push({ day: t.day, seq: 0, card: 0, kind: 'recharge', amount, balance });
          }
          balance -= t.amount;
          earned += Math.floor(t.amount / 10);
          t.balance = balance;
          out.push(t);
          if (rng() < 0.004) {
            // a reversed sale: refunded to the account the same day
            balance += t.amount;
            earned -= Math.floor(t.amount / 10);
            out.push({ day: t.day, seq: 0, card: t.card, kind: 'purchase', amount: -t.amount, balance });
          }
        } else {
          points -= t.amount;
          t.balance = balance;
          out.push(t);
        }
      }
      if (earned > 0) {
        points += earned;
        out.push({ day: last, seq: 0, card: 0, kind: 'points_earned', amount: earned, balance }); // posted at month end
      }
      out.forEach((t, i) => {
        t.seq = i;
        const cardType = t.card === 0 ? 'main' : 'sub';
        const text = `${y}-${mo < 10 ? '0' : ''}${mo}-${t.day < 10 ? '0' : ''}${t.day},${id},${id}-${t.card},${cardType},${t.kind},${money(t.amount)},${money(t.balance)},${BRANCHES[branch]}`;
        rows.push({ month: m, day: t.day, customer: c, seq: i, text });
      });
    }
  }
  rows.sort((a, b) => a.month - b.month || a.day - b.day || a.customer - b.customer || a.seq - b.seq);
  let csv = FUEL_LOG_HEADER.join(',') + '\n';
  for (const r of rows) csv += r.text + '\n';
  return { csv, rows: rows.length, churners, abrupt };
}

async function main(argv: string[]): Promise<void> {
  const { writeFileSync } = await import('node:fs');
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(get('seed') ?? DEFAULT_FUEL_LOG.seed);
  const customers = Number(get('customers') ?? DEFAULT_FUEL_LOG.customers);
  const out = get('out') ?? 'public/samples/fuel-card-log.csv';
  const res = generateFuelLog({ seed, customers });
  writeFileSync(out, res.csv);
  console.log(`${out}: ${res.rows} rows, ${(res.csv.length / 1e6).toFixed(1)} MB, ${res.churners} churners (${res.abrupt} abrupt)`);
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
