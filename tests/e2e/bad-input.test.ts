// Issue 6 end to end: every bad input ends in the specific message of its key (in the UI language)
// under data-testid="app-error", and the app then completes a normal run without a reload.
// Also: markup in names and cells stays text, cancel and a dead engine worker leave a usable app,
// and the leave-page warning guards an unexported model.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serveDist, openBrowser, isOwnRequest, shotPath, ROOT, CHROMIUM, type StaticServer, type BrowserSession } from './harness.ts';
import { msg, freshPage, cspViolations, openData, trainAndWait, setTrees, appError, type TestPage } from './robust-helpers.ts';

const E2E = join(ROOT, 'tests', 'fixtures', 'e2e');
const INGEST = join(ROOT, 'tests', 'fixtures', 'ingest');
const BANK = join(ROOT, 'public', 'samples', 'Churn_Modelling.csv');

describe('bad input in headless Chromium', () => {
  let server: StaticServer;
  let b: BrowserSession;
  let tp: TestPage | undefined;
  const fresh = async (): Promise<TestPage> => (tp = await freshPage(b.context, server.url, tp?.page));

  beforeAll(async () => {
    await mkdir(join(ROOT, 'tests', '.artifacts'), { recursive: true });
    server = await serveDist({ cspHeader: true });
    b = await openBrowser({ locale: 'en-US' });
  });
  afterAll(async () => {
    const origin = new URL(server.url).origin;
    expect(b.requests.filter((u) => !isOwnRequest(u, origin))).toEqual([]);
    await b?.close();
    await server?.close();
  });

  it('GB18030 file with Chinese headers: encoding reported, 是否流失 preselected, trains', async () => {
    const { page, errors } = await fresh();
    await openData(page, join(E2E, 'gbk-customers.csv'));
    await expect.poll(() => page.getByTestId('target-select').inputValue()).toBe('是否流失');
    const report = await page.locator('section.report').innerText();
    expect(report).toMatch(/GB18030|GBK/);
    expect(report).not.toContain('�');
    const columns = await page.locator('section.columns table').innerText();
    for (const name of ['客户编号', '地区', '套餐', '在网月数', '月消费(元)', '投诉次数', '是否流失']) expect(columns).toContain(name);
    await page.screenshot({ path: shotPath('bad-gbk-profile'), fullPage: true });
    const auc = Number(await trainAndWait(page));
    expect(auc).toBeGreaterThan(0.5);
    await page.getByTestId('contribution-swarm').waitFor();
    expect(await clippedChartText(page)).toEqual([]);
    await page.screenshot({ path: shotPath('bad-gbk-results'), fullPage: true });
    expect(await page.getByTestId('app-error').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a PNG and an Excel workbook named .csv get their own messages; then a good file trains', async () => {
    const { page, errors } = await fresh();
    await page.getByTestId('file-input').setInputFiles(join(E2E, 'picture.csv'));
    expect(await appError(page)).toBe(msg('en', 'ingest.image', { format: 'PNG' }));
    await page.screenshot({ path: shotPath('bad-png'), fullPage: true });

    await page.getByTestId('file-input').setInputFiles(join(INGEST, 'renamed-xlsx.csv'));
    await expect.poll(async () => (await page.getByTestId('app-error').textContent())?.trim()).toBe(msg('en', 'ingest.excel'));
    expect(msg('en', 'ingest.excel')).toContain('CSV UTF-8');
    await page.screenshot({ path: shotPath('bad-xlsx'), fullPage: true });

    await page.getByTestId('file-input').setInputFiles(join(INGEST, 'archive.zip'));
    await expect.poll(async () => (await page.getByTestId('app-error').textContent())?.trim()).toBe(msg('en', 'ingest.zip'));
    // Each case below follows another error: the banner must change to the new file's message.
    // Made here rather than stored: a file of blank lines, and 1 MB of text without a line break.
    const blank = { name: 'blank.csv', mimeType: 'text/csv', buffer: Buffer.from('\r\n\n  \n\n') };
    const oneLine = { name: 'one-line.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c,'.repeat(175_000)) };
    for (const [file, key] of [
      ['workbook.xlsx', 'ingest.excel'],
      ['empty.csv', 'ingest.empty'],
      ['header-only.csv', 'ingest.headerOnly'],
      [blank, 'ingest.noRows'],
      [oneLine, 'ingest.singleLine'],
      ['picture.csv', 'ingest.image'],
    ] as const) {
      await page.getByTestId('file-input').setInputFiles(typeof file === 'string' ? join(E2E, file) : file);
      await expect.poll(async () => (await page.getByTestId('app-error').textContent())?.trim(), { message: key }).toBe(msg('en', key, { format: 'PNG' }));
    }

    // Same page, no reload: a good file loads (the banner goes) and trains.
    await openData(page, join(E2E, 'gbk-customers.csv'));
    expect(await page.getByTestId('app-error').count()).toBe(0);
    await trainAndWait(page);
    expect(errors).toEqual([]);
  });

  it('markup in column names and cells renders as literal text; no script runs', async () => {
    const { page, errors, dialogs } = await fresh();
    await openData(page, join(E2E, 'markup.csv'));
    await page.getByTestId('target-select').selectOption('churn');
    const columns = await page.locator('section.columns table').innerText();
    expect(columns).toContain('<img src=x onerror="window.__xss=1">');
    expect(columns).toContain('{{constructor}}');
    expect(columns).toContain('{{constructor.constructor}}');
    expect(columns).toContain('<b>bold</b>');
    // No element was created from the file's markup.
    expect(await page.locator('main img, main b, main i').count()).toBe(0);
    await page.screenshot({ path: shotPath('bad-markup-profile'), fullPage: true });

    await trainAndWait(page);
    await page.locator('button[data-step="customers"]').click();
    const rows = page.getByTestId('customer-row');
    await rows.first().waitFor({ state: 'visible' });
    expect(await page.getByTestId('customers-screen').innerText()).toMatch(/<i>\d+<\/i>/);
    await rows.first().click();
    const detail = await page.getByTestId('customer-detail').innerText();
    expect(detail).toMatch(/<i>\d+<\/i>/);
    await page.screenshot({ path: shotPath('bad-markup-customers'), fullPage: true });
    await page.locator('button[data-step="results"]').click();
    await page.getByTestId('results-screen').waitFor();
    // Charts draw names as SVG text (long ones shortened with …): textContent is what the chart shows.
    expect(await page.getByTestId('importance').textContent()).toContain('<img src=x onerror="');
    expect(await page.getByTestId('contribution-swarm').textContent()).toContain('<img src=x onerror="');
    expect(await clippedChartText(page)).toEqual([]);
    await page.getByTestId('tree-section').locator('summary').click();
    await expect.poll(() => page.getByTestId('tree-rules').innerText()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.getByTestId('tree-section').textContent()).toContain('<img src=x onerror="window.__xss=1">');
    await page.screenshot({ path: shotPath('bad-markup-results'), fullPage: true });
    await page.locator('button[data-step="report"]').click();
    const report = await page.getByTestId('audit-report').innerText();
    expect(report).toContain('<img src=x onerror="window.__xss=1">');

    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main b, main i, main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(cspViolations(errors)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('cancel during training returns to a usable app; then defaults train', async () => {
    const { page, errors } = await fresh();
    await openData(page, BANK);
    await page.getByTestId('target-select').selectOption('Exited');
    await setTrees(page, 'en', 2000);
    await page.getByTestId('train-button').click();
    const progress = page.locator('section.progress');
    await progress.waitFor({ state: 'visible' });
    // Cancel once some trees are built (the detail line counts them: "12 of 2,000 trees").
    const detail = msg('en', 'ui.progress.trainDetail', { done: 999, total: '2,000' }).replace('999', '[1-9][\\d,]*');
    await expect.poll(() => progress.innerText(), { timeout: 60_000 }).toMatch(new RegExp(detail));
    await page.screenshot({ path: shotPath('bad-cancel-progress'), fullPage: true });
    await progress.getByRole('button', { name: msg('en', 'ui.progress.cancel') }).click();
    await progress.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await page.getByTestId('app-error').count()).toBe(0);
    expect(await page.getByTestId('metric-auc').count()).toBe(0);
    await expect.poll(() => page.getByTestId('train-button').isEnabled()).toBe(true);

    await page.locator('details.advanced summary').scrollIntoViewIfNeeded();
    await page.getByLabel(msg('en', 'ui.param.trees')).fill('60');
    await page.getByLabel(msg('en', 'ui.param.trees')).press('Tab');
    expect(Number(await trainAndWait(page))).toBeGreaterThan(0.8);
    expect(errors).toEqual([]);
  });

  it('ragged rows: reported with their lines, kept or left out by choice, and training follows', async () => {
    const { page, errors } = await fresh();
    await openData(page, join(E2E, 'ragged.csv'));
    const report = page.locator('section.report');
    expect(await report.innerText()).toContain(msg('en', 'ui.report.ragged', { count: '3', lines: '5, 9, 14' }));
    const rows = () => report.locator('dd.num').first().innerText();
    expect(await rows()).toBe('40');
    await page.getByLabel(msg('en', 'ui.report.raggedDrop')).check();
    await expect.poll(rows).toBe('37');
    expect(await report.innerText()).toContain(msg('en', 'ui.report.dropped', { count: '3' }));
    expect(await page.getByTestId('target-select').inputValue()).toBe('churn');
    // The two choices sit together (side by side, or stacked without a gap wider than a line).
    const [keep, drop] = await Promise.all(
      ['ui.report.raggedKeep', 'ui.report.raggedDrop'].map((k) => report.locator('label', { hasText: msg('en', k) }).boundingBox()),
    );
    expect(drop!.y - (keep!.y + keep!.height)).toBeLessThan(10);
    await page.screenshot({ path: shotPath('bad-ragged'), fullPage: true });
    await trainAndWait(page);
    expect(await page.getByTestId('app-error').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('cancelling a parse keeps the file already open', async () => {
    const { page, errors } = await fresh();
    await openData(page, join(E2E, 'gbk-customers.csv'));
    await page.getByTestId('file-input').setInputFiles(join(ROOT, 'public', 'samples', 'fuel-card-log.csv'));
    const progress = page.locator('section.progress');
    await progress.getByRole('button', { name: msg('en', 'ui.progress.cancel') }).click({ timeout: 10_000 });
    await progress.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await page.getByTestId('app-error').count()).toBe(0);
    await expect.poll(() => page.getByTestId('target-select').inputValue()).toBe('是否流失');
    expect(await page.locator('section.report').innerText()).toContain('gbk-customers.csv');
    await trainAndWait(page);
    expect(errors).toEqual([]);
  });

  it('an engine worker that dies during training shows engine.workerFailed; retry works', async () => {
    const { page, errors } = await fresh();
    await openData(page, join(E2E, 'gbk-customers.csv'));
    await trainAndWait(page);
    // The pool keeps its workers between runs: make each of them fail on the next job it is sent,
    // the way a worker that dies reports itself (an uncaught error event on the Worker object).
    const engineWorkers = page.workers().filter((w) => /worker-browser/.test(w.url()));
    expect(engineWorkers.length).toBeGreaterThan(0);
    for (const w of engineWorkers) await w.evaluate(() => self.addEventListener('message', () => { throw new Error('simulated crash'); }));
    await page.locator('button[data-step="model"]').click();
    await page.getByTestId('train-button').click();
    const text = await appError(page);
    await page.screenshot({ path: shotPath('bad-worker-died'), fullPage: true });
    expect(text).toMatch(new RegExp('^' + escapeRe(msg('en', 'engine.workerFailed', { reason: '@' })).replace('@', '.*simulated crash.*') + '$'));
    // The model of the first run stays (a failed training never discards the previous model).
    expect(await page.getByTestId('metric-auc').count()).toBe(1);

    await trainAndWait(page);
    await expect.poll(() => page.getByTestId('app-error').count()).toBe(0);
    expect(errors.filter((e) => !/simulated crash/.test(e))).toEqual([]);
  });

  it('an engine that cannot start (broken wasm download) shows engine.loadFailed; retry works', async () => {
    // Routing only sees requests the service worker does not answer from its cache: block it here.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--lang=en-US'] });
    try {
      const context = await browser.newContext({ serviceWorkers: 'block', locale: 'en-US' });
      const { page, errors } = await freshPage(context, server.url);
      await openData(page, join(E2E, 'gbk-customers.csv'));
      await context.route('**/*.wasm', (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: 'not a wasm module' }));
      await page.getByTestId('train-button').click();
      const text = await appError(page);
      await page.screenshot({ path: shotPath('bad-worker-nowasm'), fullPage: true });
      expect(text).toMatch(new RegExp('^' + escapeRe(msg('en', 'engine.loadFailed', { reason: '@' })).replace('@', '.*WebAssembly.*') + '$'));
      expect(await page.getByTestId('metric-auc').count()).toBe(0);

      await context.unroute('**/*.wasm');
      await trainAndWait(page);
      await expect.poll(() => page.getByTestId('app-error').count()).toBe(0);
      expect(errors.filter((e) => !/wasm|WebAssembly/i.test(e))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a 10-row file explains that it is too small to train and test', async () => {
    const { page } = await fresh();
    await openData(page, join(E2E, 'ten-rows.csv'));
    await page.getByTestId('target-select').selectOption('churn');
    await page.getByTestId('train-button').click();
    expect(await appError(page)).toBe(msg('en', 'model.tooFewChurners', { n: 2, need: 3 }));
    // An excluded column's name is struck through, the reason under it is not.
    const excluded = page.locator('section.columns tr.excluded').first();
    expect(await excluded.locator('.cname').evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('line-through');
    expect(await excluded.locator('.note').first().evaluate((e) => getComputedStyle(e.parentElement!).textDecorationLine)).toBe('none');
    await page.screenshot({ path: shotPath('bad-ten-rows'), fullPage: true });
    await expect.poll(() => page.getByTestId('train-button').isEnabled()).toBe(true);
  });

  it('leave-page warning while the model is unexported, none after export', async () => {
    const { page, dialogs } = await fresh();
    await openData(page, join(E2E, 'gbk-customers.csv'));
    await trainAndWait(page);
    await reloadAfterInteraction(page);
    expect(dialogs.map((d) => d.type)).toEqual(['beforeunload']);

    await openData(page, join(E2E, 'gbk-customers.csv'));
    await trainAndWait(page);
    await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores').click()]);
    await reloadAfterInteraction(page);
    expect(dialogs.map((d) => d.type)).toEqual(['beforeunload']);
  });
});

/** Chromium shows beforeunload only after a user gesture on the page; the clicks above were one. */
async function reloadAfterInteraction(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('file-input').waitFor({ state: 'attached' });
}

/** Chart text cut off at the chart's left edge (axis labels of long or Chinese names), with the overflow. */
async function clippedChartText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main figure svg')].flatMap((svg) => {
      const left = svg.getBoundingClientRect().left;
      return [...svg.querySelectorAll('text')]
        .filter((t) => t.getBoundingClientRect().left < left - 1)
        .map((t) => `${t.textContent} (${Math.round(left - t.getBoundingClientRect().left)} px)`);
    }),
  );
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
