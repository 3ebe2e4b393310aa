// Browser benchmark: the built app in headless Chromium on a generated 1,000,000-row × 25-column
// CSV (~120 MB), driven like a user (file → target → train → export). Reports time to parse and
// profile, to train and evaluate (100 trees, all cores, honest scores for every row), to export,
// the longest main-thread task in each phase (the UI must never freeze: target < 200 ms during
// parse and training), and the browser's peak memory (sum of its processes' resident sets).
//   node bench/browser.mjs [--rows N]
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { syntheticChurnTable, SYNTHETIC_TARGET } from './synthetic.ts';
import { cellText, type Table } from '../src/lib/table/types.ts';
import { serveDist, openBrowser, ROOT } from '../tests/e2e/harness.ts';

async function writeCsv(path: string, table: Table): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const quote = (s: string) => (/[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);
  let buf = table.columns.map((c) => quote(c.name)).join(',') + '\n';
  for (let r = 0; r < table.rowCount; r++) {
    buf += table.columns.map((c) => quote(cellText(c, r))).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * Proportional set size (MB) summed over all Chromium processes (pages, workers, GPU, browser):
 * shared pages are split between the processes sharing them, so the sum is not double-counted.
 */
function chromiumPssMb(): number {
  let kb = 0;
  try {
    const pids = execFileSync('pgrep', ['-f', 'chromium'], { encoding: 'utf8' }).trim().split('\n');
    for (const pid of pids) {
      try {
        const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        if (m) kb += Number(m[1]);
      } catch {
        // the process ended between pgrep and the read
      }
    }
  } catch {
    return 0;
  }
  return kb / 1024;
}

export async function browserBench(rows: number): Promise<void> {
  const outDir = join(ROOT, 'bench', 'out');
  await mkdir(outDir, { recursive: true });
  const csv = join(outDir, `synthetic-${rows}.csv`);
  if (!existsSync(csv)) {
    process.stderr.write(`writing ${csv} …\n`);
    await writeCsv(csv, syntheticChurnTable(rows));
  }
  const mb = statSync(csv).size / 1048576;
  const server = await serveDist({ cspHeader: true });
  const b = await openBrowser({ locale: 'en-US' });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumPssMb())), 250);
  try {
    const { page } = b;
    // Record main-thread long tasks (> 50 ms) with their end times, to attribute them to phases.
    await page.addInitScript(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.url);
    const now = () => page.evaluate(() => performance.now());
    const t0 = await now();
    await page.getByTestId('file-input').setInputFiles(csv);
    await page.getByTestId('target-select').waitFor({ state: 'visible', timeout: 600_000 });
    await page.getByTestId('target-select').selectOption(SYNTHETIC_TARGET);
    const t1 = await now();
    await page.getByTestId('train-button').click();
    await page.getByTestId('metric-auc').waitFor({ state: 'visible', timeout: 1_200_000 });
    const t2 = await now();
    const auc = await page.getByTestId('metric-auc').textContent();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId('export-scores').click()]);
    await download.path();
    const t3 = await now();
    const long = await page.evaluate(() => (window as unknown as { __long: { start: number; duration: number }[] }).__long);
    const worst = (a: number, z: number) => long.filter((l) => l.start >= a && l.start < z).reduce((m, l) => Math.max(m, l.duration), 0);
    const over = (a: number, z: number) => long.filter((l) => l.start >= a && l.start < z && l.duration > 200).length;
    const s = (ms: number) => (ms / 1000).toFixed(1);
    console.log(`\nBrowser path (headless Chromium, ${rows.toLocaleString('en-US')} rows × 25 columns, ${mb.toFixed(0)} MB CSV)`);
    console.log(`  load + parse + profile   ${s(t1 - t0)} s   longest main-thread task ${worst(t0, t1).toFixed(0)} ms (${over(t0, t1)} over 200 ms)`);
    console.log(`  train + evaluate + score ${s(t2 - t1)} s   longest main-thread task ${worst(t1, t2).toFixed(0)} ms (${over(t1, t2)} over 200 ms)`);
    console.log(`  export scores CSV        ${s(t3 - t2)} s`);
    console.log(`  test AUC ${auc?.trim()}; peak memory of all browser processes (PSS) ${peak.toFixed(0)} MB`);
  } finally {
    clearInterval(sampler);
    await b.close();
    await server.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf('--rows');
  const rows = i >= 0 ? Number(argv[i + 1]) : 1_000_000;
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
    console.error('bench: no build in dist/ (run npm run build)');
    return 2;
  }
  await browserBench(rows);
  return 0;
}


