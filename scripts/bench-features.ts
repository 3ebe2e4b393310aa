// Timing of the transaction-log mode on a synthetic 1M-row log (parse excluded, as in the issue's
// target: panel + features under 10 s, memory under 500 MB). Not a test: prints numbers.
//
//   node --expose-gc --import tsx scripts/bench-features.ts [rows=1000000] [customers=40000]
import type { Table } from '../src/lib/table/types.ts';
import { prepareLog } from '../src/lib/features/prepare.ts';
import { featuresAtCutoff } from '../src/lib/features/build.ts';
import { stackPrepared, timeSplitPlan } from '../src/lib/features/stack.ts';
import { activityFromPanel } from '../src/lib/features/activity.ts';
import { daysFromCivil, formatMonth } from '../src/lib/features/month.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 40_000);
const MONTHS = 24;

function makeLog(datesAsText: boolean): Table {
  let s = 42;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const start = daysFromCivil(2023, 1, 1);
  const span = daysFromCivil(2025, 1, 1) - start;
  const custCodes = new Int32Array(rows);
  const kindCodes = new Int32Array(rows);
  const branchCodes = new Int32Array(rows);
  const amount = new Float64Array(rows);
  const balance = new Float64Array(rows);
  const days = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    custCodes[i] = Math.floor(rnd() * customers);
    kindCodes[i] = Math.floor(rnd() * 4);
    branchCodes[i] = custCodes[i] % 6;
    amount[i] = Math.round(rnd() * 50000) / 100 - (rnd() < 0.003 ? 600 : 0);
    balance[i] = Math.round(rnd() * 100000) / 100;
    days[i] = start + Math.floor(rnd() * span);
  }
  const custLevels = Array.from({ length: customers }, (_, i) => `C${String(i).padStart(6, '0')}`);
  let dateCol: Table['columns'][number];
  if (datesAsText) {
    const levels = Array.from({ length: span }, (_, d) => new Date((start + d) * 86400000).toISOString().slice(0, 10));
    dateCol = { kind: 'categorical', name: 'date', codes: Int32Array.from(days, (d) => d - start), levels, semantic: 'text' };
  } else {
    dateCol = { kind: 'numeric', name: 'date', values: days, semantic: 'date' };
  }
  return {
    rowCount: rows,
    columns: [
      dateCol,
      { kind: 'categorical', name: 'customer', codes: custCodes, levels: custLevels, semantic: 'id' },
      { kind: 'categorical', name: 'kind', codes: kindCodes, levels: ['recharge', 'purchase', 'points_earned', 'points_spent'], semantic: 'category' },
      { kind: 'numeric', name: 'amount', values: amount, semantic: 'number' },
      { kind: 'numeric', name: 'balance', values: balance, semantic: 'number' },
      { kind: 'categorical', name: 'branch', codes: branchCodes, levels: ['A', 'B', 'C', 'D', 'E', 'F'], semantic: 'category' },
    ],
  };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const roles = { customer: 'customer', date: 'date', amount: 'amount', kind: 'kind', balance: 'balance' };

for (const datesAsText of [false, true]) {
  const log = makeLog(datesAsText);
  gc();
  const before = used();
  let peak = before;
  const sample = () => { peak = Math.max(peak, used()); };
  const t0 = performance.now();
  const prep = prepareLog(log, roles, { carry: ['branch'] });
  sample();
  const t1 = performance.now();
  const res = featuresAtCutoff(prep, {});
  sample();
  const t2 = performance.now();
  const peakFeatures = peak;
  const plan = timeSplitPlan(res.report);
  const stacked = stackPrepared(prep, {}, [...plan.train, plan.validation!]);
  sample();
  const t3 = performance.now();
  activityFromPanel(prep, 1);
  const t4 = performance.now();
  console.log(`${rows} rows, ${customers} customers, ${MONTHS} months, dates as ${datesAsText ? 'text' : 'numeric days'}:`);
  console.log(`  prepare (dates, codes, panel): ${(t1 - t0).toFixed(0)} ms`);
  console.log(`  features at ${formatMonth(res.report.cutoff)}: ${(t2 - t1).toFixed(0)} ms, ${res.table.rowCount} rows × ${res.table.columns.length} columns`);
  console.log(`  panel + features: ${(t2 - t0).toFixed(0)} ms`);
  console.log(`  stack ${plan.train.length + 1} cutoffs: ${(t3 - t2).toFixed(0)} ms, ${stacked.table.rowCount} rows`);
  console.log(`  monthly activity: ${(t4 - t3).toFixed(0)} ms`);
  console.log(`  memory above the log (heap + array buffers): panel + features peak ${mb(peakFeatures - before)}, with the stack ${mb(peak - before)}; the log itself ${mb(before)}`);
  console.log(`  rss: ${mb(process.memoryUsage().rss)}`);
}
