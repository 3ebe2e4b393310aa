// The transaction-log path end to end in headless Chromium, on the shipped fuel-card sample:
// one click opens it as a log, default roles, build features (time-based stack of past cutoffs),
// train on that split, read the validation AUC, then the latest month's customers with sparklines.
// Every request the page and its workers make goes to the app's own origin.
import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { isOwnRequest, shotPath, openBrowser, ROOT } from './harness.ts';
import { useServedApp, numberIn as num } from './served-app.ts';

/** Customers of the sample whose last transaction is before 2024-07: inactive through the 6-month window ending 2024-12. */
async function inactiveCustomers(): Promise<string[]> {
  const text = await readFile(join(ROOT, 'public', 'samples', 'fuel-card-log.csv'), 'utf8');
  const last = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    const [date, id] = line.split(',');
    const m = date.slice(0, 7);
    if ((last.get(id) ?? '') < m) last.set(id, m);
  }
  return [...last].filter(([, m]) => m < '2024-07').map(([id]) => id).sort();
}

describe('transaction-log path in headless Chromium', () => {
  const app = useServedApp();

  it('fuel-card sample → log step → features → time-split training → AUC → scored customers with sparklines', async () => {
    const { server, browser: b } = app;
    const { page } = b;
    await page.goto(server.url);
    await page.getByTestId('mode-log').click();
    await page.screenshot({ path: shotPath('txlog-01-load') });

    await page.locator('[data-sample="fuel"]').click();
    const summary = page.getByTestId('txlog-summary');
    await summary.waitFor({ state: 'visible', timeout: 120_000 });
    // read with the detected roles: every transaction kept, 18 months (4,939 of the 5,000 generated customers ever transact)
    expect(await summary.textContent()).toMatch(/^229,203 transactions from 4,939 customers, 2023-07 to 2024-12 \(18 months\)/);
    const build = page.getByTestId('txlog-build');
    await expect.poll(() => build.isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.screenshot({ path: shotPath('txlog-02-log'), fullPage: true });

    await build.click();
    // The built table becomes the customer table: Profile with `churned` as target.
    const target = page.getByTestId('target-select');
    await target.waitFor({ state: 'visible', timeout: 120_000 });
    expect(await target.inputValue()).toBe('churned');
    expect(await page.getByTestId('log-built').textContent()).toMatch(/fuel-card-log\.csv/);
    await page.screenshot({ path: shotPath('txlog-03-profile'), fullPage: true });

    // Model step: the split is time-based and the random hold-out control is gone.
    await page.locator('[data-step="model"]').click();
    const split = page.getByTestId('time-split');
    await split.waitFor({ state: 'visible' });
    expect(await split.textContent()).toMatch(/trained on the cutoffs \d{4}-\d{2} to \d{4}-\d{2} .* validated on the cutoff \d{4}-\d{2}/);
    await page.locator('details.advanced summary').click();
    expect(await page.getByText('Held out for testing').count()).toBe(0);
    // Fewer trees keep the test quick on a loaded machine; the split is what is under test.
    const trees = page.locator('details.advanced label.field', { hasText: /number of trees/i }).locator('input');
    if ((await trees.count()) === 1) {
      await trees.fill('60');
      await trees.dispatchEvent('change');
    }
    await page.screenshot({ path: shotPath('txlog-04-model'), fullPage: true });

    await page.getByTestId('train-button').click();
    const auc = page.getByTestId('metric-auc');
    await auc.waitFor({ state: 'visible', timeout: 170_000 });
    const aucValue = num(await auc.textContent());
    expect(aucValue).toBeGreaterThan(0.7);
    expect(aucValue).toBeLessThanOrEqual(1);
    await page.screenshot({ path: shotPath('txlog-05-results'), fullPage: true });

    await page.locator('[data-step="customers"]').click();
    await page.getByTestId('customers-screen').waitFor({ state: 'visible' });
    const intro = await page.getByTestId('log-customers-intro').textContent();
    expect(intro).toMatch(/Customers of \d{4}-\d{2}/);
    const rows = page.getByTestId('customer-row');
    await rows.first().waitFor({ state: 'visible' });
    expect(await rows.count()).toBeGreaterThan(5);
    const sparks = page.getByTestId('customer-sparkline');
    expect(await sparks.count()).toBe(await rows.count());
    // each sparkline draws a line over the months
    const d = await sparks.first().locator('path').getAttribute('d');
    expect((d ?? '').split(/[ML]/).filter(Boolean).length).toBeGreaterThan(6);
    await page.screenshot({ path: shotPath('txlog-06-customers'), fullPage: true });

    // The customers inactive through the whole window are listed as churned without a model.
    const inactive = await inactiveCustomers();
    expect(intro).toContain(`and ${inactive.length.toLocaleString('en-US')} with no transaction in the last 6 months`);
    await page.getByTestId('customer-search').fill(inactive[0]);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/100\.0%\s*N.*Churned.*no activity/);
    await rows.first().click();
    const detail = page.getByTestId('customer-detail');
    await detail.waitFor({ state: 'visible' });
    expect(await detail.textContent()).toMatch(/No transaction since \d{4}-\d{2}/);
    await page.screenshot({ path: shotPath('txlog-07-detail'), fullPage: true });

    // The scores download is the list to act on: every customer of the latest month, the inactive ones marked.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores').click()]);
    const csv = (await readFile(await download.path())).toString('utf8').slice(1);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.data.length).toBe(4939);
    const marked = parsed.data.filter((r) => r.no_activity_in_window === '1');
    expect(marked.map((r) => r.customer_id).sort()).toEqual(inactive);
    expect(marked.every((r) => r.churn_probability === '1' && r.risk_tier === 'churned')).toBe(true);
    expect(parsed.data.every((r) => Number(r.churn_probability) >= 0 && Number(r.churn_probability) <= 1)).toBe(true);

    // With reasons: every model-scored customer gets them, adding up to its score; the inactive ones,
    // scored without a model, get none.
    const [withReasons] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-scores-reasons').click()]);
    const rcsv = (await readFile(await withReasons.path())).toString('utf8').slice(1);
    const rdata = Papa.parse<Record<string, string>>(rcsv, { header: true, skipEmptyLines: true }).data;
    expect(rdata.length).toBe(4939);
    for (const r of rdata) {
      if (r.no_activity_in_window === '1') {
        expect([r.explained_probability, r.reason_1]).toEqual(['', '']);
      } else {
        expect(Math.abs(Number(r.explained_probability) - Number(r.churn_probability))).toBeLessThan(1e-12);
        expect(r.reason_1).toMatch(/ (raises|lowers) risk by /);
      }
    }

    // A model-scored customer's detail comes with the monthly sparkline.
    await page.locator('[data-step="customers"]').click();
    await page.getByTestId('customer-search').fill('');
    await page.getByTestId('tier-filter-0').click();
    await rows.first().click();
    await page.getByTestId('customer-monthly').waitFor({ state: 'visible' });
    await page.screenshot({ path: shotPath('txlog-07b-detail-scored'), fullPage: true });

    await page.locator('[data-step="act"]').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: shotPath('txlog-08-act'), fullPage: true });

    // The audit report describes the validated model (stacked training table), like Results.
    await page.locator('[data-step="report"]').click();
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('report-unavailable').count()).toBe(0);
    await page.screenshot({ path: shotPath('txlog-09-report'), fullPage: false });

    const origin = new URL(server.url).origin;
    expect(b.requests.filter((u) => !isOwnRequest(u, origin))).toEqual([]);
    expect(b.errors.filter((e) => !/beforeunload/i.test(e))).toEqual([]);
  });

  it('offers the log path for a log opened as a customer table, and the Log step keeps its settings on revisit', async () => {
    const { server, browser: b } = app;
    const { page } = b;
    await page.goto(server.url);
    expect(await page.getByTestId('mode-table').getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('file-input').setInputFiles(join(ROOT, 'public', 'samples', 'fuel-card-log.csv'));
    const offer = page.getByTestId('log-offer');
    await offer.waitFor({ state: 'visible', timeout: 120_000 });
    // offered, not forced: the file is on Profile as a table until the user accepts
    expect(await page.getByTestId('target-select').count()).toBe(1);
    expect(await offer.textContent()).toContain('customer “customer_id”, date “transaction_date”, amount “amount”');
    await page.screenshot({ path: shotPath('txlog-10-offer'), fullPage: false });
    await page.getByTestId('log-offer-accept').click();
    await page.getByTestId('txlog-summary').waitFor({ state: 'visible', timeout: 60_000 });

    const win = page.getByTestId('txlog-window');
    await win.fill('4');
    await win.dispatchEvent('change');
    await page.locator('[data-step="load"]').click();
    await page.locator('[data-step="log"]').click();
    expect(await page.getByTestId('txlog-window').inputValue()).toBe('4');
  });

  it('speaks Chinese on the log path (交易流水)', async () => {
    const zh = await openBrowser({ locale: 'zh-CN' });
    try {
      const { page } = zh;
      await page.goto(app.server.url);
      await page.getByTestId('mode-log').click();
      expect(await page.locator('section.load h2').textContent()).toBe('打开交易流水文件');
      await page.locator('[data-sample="fuel"]').click();
      await page.getByTestId('txlog-summary').waitFor({ state: 'visible', timeout: 120_000 });
      expect(await page.locator('[data-step="log"]').textContent()).toContain('流水');
      await page.screenshot({ path: shotPath('txlog-zh-log'), fullPage: false });
      expect(zh.errors).toEqual([]);
    } finally {
      await zh.close();
    }
  });
});
