// Chinese UI end to end: a zh-CN browser gets 简体中文 from the first screen, the language switch
// toggles both ways (and is remembered), the whole automated path works in Chinese, messages come
// in Chinese, numbers are grouped, and no raw message key shows on any step.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serveDist, openBrowser, isOwnRequest, shotPath, ROOT, type StaticServer, type BrowserSession } from './harness.ts';
import { msg, freshPage, openData, trainAndWait, appError, type TestPage } from './robust-helpers.ts';
import { catalogues } from '../../src/lib/i18n/index.ts';

const BANK = join(ROOT, 'public', 'samples', 'Churn_Modelling.csv');
const STEPS = ['load', 'profile', 'model', 'results', 'customers', 'act', 'report'];

/** Visible text that is a message key of the catalogue (a missing translation shows its key). */
async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const keys = Object.keys(catalogues.en);
  return keys.filter((k) => new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(text));
}

describe('Chinese UI in headless Chromium', () => {
  let server: StaticServer;
  let b: BrowserSession;
  let tp: TestPage | undefined;

  beforeAll(async () => {
    await mkdir(join(ROOT, 'tests', '.artifacts'), { recursive: true });
    server = await serveDist({ cspHeader: true });
    b = await openBrowser({ locale: 'zh-CN' });
  });
  afterAll(async () => {
    const origin = new URL(server.url).origin;
    expect(b.requests.filter((u) => !isOwnRequest(u, origin))).toEqual([]);
    await b?.close();
    await server?.close();
  });

  it('a zh-CN browser starts in Chinese; the switch goes to English and back, and is remembered', async () => {
    tp = await freshPage(b.context, server.url);
    const { page } = tp;
    const header = page.locator('header').first();
    await expect.poll(() => header.innerText()).toContain(msg('zh', 'ui.privacy.badge'));
    const rail = page.locator('aside.rail');
    expect(await rail.innerText()).toContain(msg('zh', 'ui.step.load'));
    expect(await rail.innerText()).toContain(msg('zh', 'ui.step.profile'));
    expect(msg('zh', 'ui.step.load')).toBe('载入');
    expect(msg('zh', 'ui.step.profile')).toBe('数据概况');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe(msg('zh', 'ui.app.name'));
    await page.screenshot({ path: shotPath('i18n-zh-load'), fullPage: true });

    const sw = page.getByTestId('lang-switch');
    expect((await sw.textContent())?.trim()).toBe(msg('zh', 'ui.lang.other'));
    await sw.click();
    await expect.poll(() => header.innerText()).toContain(msg('en', 'ui.privacy.badge'));
    expect(await rail.innerText()).toContain(msg('en', 'ui.step.profile'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await sw.textContent())?.trim()).toBe(msg('en', 'ui.lang.other'));

    // The choice outlives a reload (it is the user's, not the browser's).
    await page.reload();
    await expect.poll(() => page.locator('header').first().innerText()).toContain(msg('en', 'ui.privacy.badge'));
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('header').first().innerText()).toContain(msg('zh', 'ui.privacy.badge'));
    expect(tp.errors).toEqual([]);
  });

  it('errors are shown in Chinese', async () => {
    tp = await freshPage(b.context, server.url, tp?.page);
    const { page } = tp;
    await page.getByTestId('file-input').setInputFiles(join(ROOT, 'tests', 'fixtures', 'e2e', 'picture.csv'));
    expect(await appError(page)).toBe(msg('zh', 'ingest.image', { format: 'PNG' }));
    await page.getByTestId('file-input').setInputFiles(join(ROOT, 'tests', 'fixtures', 'ingest', 'renamed-xlsx.csv'));
    await expect.poll(async () => (await page.getByTestId('app-error').textContent())?.trim()).toBe(msg('zh', 'ingest.excel'));
    await page.screenshot({ path: shotPath('i18n-zh-error'), fullPage: true });
  });

  it('the automated path in Chinese: grouped numbers, every step translated, switch mid-way', async () => {
    tp = await freshPage(b.context, server.url, tp?.page);
    const { page, errors } = tp;
    await openData(page, BANK);
    await page.getByTestId('target-select').selectOption('Exited');
    const report = await page.locator('section.report').innerText();
    expect(report).toContain(msg('zh', 'ui.report.rows'));
    expect(report).toContain('10,000');
    expect(report).toContain(msg('zh', 'ui.delim.comma'));
    expect(await page.locator('section.columns').innerText()).toContain(msg('zh', 'ui.columns.title'));

    const auc = Number(await trainAndWait(page));
    expect(auc).toBeGreaterThan(0.8);
    expect(await page.locator('.modelbar').innerText()).toContain(msg('zh', 'ui.metric.recall'));
    const recall = (await page.getByTestId('metric-recall').textContent()) ?? '';
    expect(recall).toMatch(/^\d{1,3}\.\d%$/);

    for (const s of STEPS) {
      await page.locator(`button[data-step="${s}"]`).click();
      await page.waitForTimeout(300);
      expect(await rawKeys(page), `step ${s}`).toEqual([]);
      expect(await page.getByTestId('app-error').count(), `step ${s}`).toBe(0);
    }
    await page.locator('button[data-step="customers"]').click();
    expect(await page.getByTestId('customers-screen').innerText()).toContain(
      msg('zh', 'results.customers.showing', { n: '10,000', total: '10,000' }),
    );
    await page.screenshot({ path: shotPath('i18n-zh-customers'), fullPage: true });
    await page.locator('button[data-step="results"]').click();
    await page.screenshot({ path: shotPath('i18n-zh-results'), fullPage: true });

    // Switching language keeps the trained model and its numbers.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('header').first().innerText()).toContain(msg('en', 'ui.privacy.badge'));
    expect(Number(await page.getByTestId('metric-auc').textContent())).toBe(auc);
    expect(await rawKeys(page)).toEqual([]);
    await page.getByTestId('lang-switch').click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores').click()]);
    expect(download.suggestedFilename()).toBe('Churn_Modelling-scores.csv');
    // reasons come in the user's language
    const [withReasons] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-scores-reasons').click()]);
    const text = (await readFile(await withReasons.path())).toString('utf8');
    const first = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data[0];
    expect(first.reason_1).toMatch(/风险/);
    expect(errors).toEqual([]);
  });
});
