// A file too big for the tab (the tab's budget lowered through ?memBudgetMB=, so a few thousand rows
// are "too big"): the estimate and the sample offer appear before any full read, the sample trains
// like any table and says it is a sample, and "Score all rows" streams the whole file into a scores
// CSV with every row, in order, with the BOM, in which the rows of the sample carry exactly the
// score the app shows (and exports) for them.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { shotPath } from './harness.ts';
import { useServedApp, numberIn } from './served-app.ts';

const ROWS = 6_000;
/** With the app's own ~96 MB, a tab of 124 MB holds a model of a few thousand rows, not 6,000. */
const BUDGET_MB = 124;

/** Deterministic customers: churn depends on tenure, calls and plan, with noise; ~25% churn. */
function customersCsv(): { text: string; ids: string[] } {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  const plans = ['basic', 'plus', 'premium'];
  const regions = ['north', 'south', 'east', 'west'];
  const lines = ['customer_id,tenure,monthly_fee,support_calls,plan,region,Churn'];
  const ids: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const id = `C${String(i + 1).padStart(5, '0')}`;
    const tenure = Math.floor(rnd() * 72);
    const calls = Math.floor(rnd() * rnd() * 8);
    const plan = Math.floor(rnd() * 3);
    const risk = (tenure < 12 ? 1.2 : 0) + 0.4 * calls + (plan === 0 ? 0.6 : 0) - 1.6 + (rnd() - 0.5) * 1.5;
    ids.push(id);
    lines.push(`${id},${tenure},${(20 + rnd() * 80).toFixed(2)},${calls},${plans[plan]},${regions[Math.floor(rnd() * 4)]},${risk > 0 ? 'Yes' : 'No'}`);
  }
  return { text: lines.join('\n') + '\n', ids };
}

async function csvRows(d: Download): Promise<{ bytes: Buffer; rows: Record<string, string>[]; fields: string[] }> {
  const bytes = await readFile((await d.path())!);
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  return { bytes, rows: parsed.data, fields: parsed.meta.fields ?? [] };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: shotPath(name), fullPage: true });
}

describe('a file too big for the tab', () => {
  const served = useServedApp({ locale: 'en-US' });

  it('offers a stratified sample, trains on it, and scores every row of the file in a stream', async () => {
    const { page, errors } = served.browser;
    const dir = await mkdtemp(join(tmpdir(), 'churnlens-big-'));
    try {
      const { text, ids } = customersCsv();
      const path = join(dir, 'customers-big.csv');
      await writeFile(path, text);
      await page.goto(`${served.server.url}?memBudgetMB=${BUDGET_MB}`);
      await page.getByTestId('file-input').setInputFiles(path);

      // The estimate and the offer, before any full read.
      const offer = page.getByTestId('big-file-offer');
      await offer.waitFor({ state: 'visible', timeout: 30_000 });
      const estimate = (await page.getByTestId('big-file-estimate').textContent()) ?? '';
      expect(estimate).toContain('6,000 rows × 7 columns');
      expect(estimate).toContain(`about ${BUDGET_MB} MB`);
      expect(await page.getByTestId('target-select').count()).toBe(0);
      expect(await page.getByTestId('sample-target').inputValue()).toBe('Churn');
      const n = Number(await page.getByTestId('sample-rows').inputValue());
      expect(n).toBeGreaterThanOrEqual(1_000);
      expect(n).toBeLessThan(ROWS);
      await shot(page, 'big-file-offer-en');
      await page.getByTestId('lang-switch').click();
      await expect.poll(async () => (await page.getByTestId('big-file-estimate').textContent()) ?? '').toContain('6,000 行 × 7 列');
      await shot(page, 'big-file-offer-zh');
      await page.getByTestId('lang-switch').click();

      // The sample pass: an ordinary table, said to be a sample everywhere.
      await page.getByTestId('sample-go').click();
      await page.getByTestId('target-select').waitFor({ state: 'visible', timeout: 60_000 });
      expect(await page.getByTestId('target-select').inputValue()).toBe('Churn');
      const banner = page.getByTestId('sample-banner');
      expect(await banner.textContent()).toContain(`${n.toLocaleString('en-US')} of the 6,000 rows of customers-big.csv`);
      await page.locator('button[data-step="model"]').click();
      await page.getByTestId('model-budget').waitFor({ state: 'visible' });
      await shot(page, 'big-file-model-en');
      await page.getByTestId('lang-switch').click();
      await expect.poll(async () => (await page.getByTestId('model-budget').textContent()) ?? '').toContain('本标签页约可使用 124 MB');
      await shot(page, 'big-file-model-zh');
      await page.getByTestId('lang-switch').click();

      await page.getByTestId('train-button').click();
      await page.getByTestId('metric-auc').waitFor({ state: 'visible', timeout: 120_000 });
      expect(numberIn(await page.getByTestId('metric-auc').textContent())).toBeGreaterThan(0.6);

      // What the app shows for the sample's customers: its own export of the training table.
      const [shown] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores').click()]);
      const app = await csvRows(shown);
      expect(app.rows.length).toBe(n);
      const appProb = new Map(app.rows.map((r) => [r.customer_id, r.churn_probability]));

      // Every row of the file, streamed.
      const [all] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('score-all').click()]);
      expect(all.suggestedFilename()).toBe('customers-big-all-scores.csv');
      const scored = await csvRows(all);
      expect([...scored.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(scored.fields).toEqual(['customer_id', 'Churn', 'churn_probability', 'score_source', 'risk_tier']);
      expect(scored.rows.map((r) => r.customer_id)).toEqual(ids);
      let inSample = 0;
      for (const r of scored.rows) {
        const p = appProb.get(r.customer_id);
        if (p !== undefined) {
          inSample++;
          expect(r.churn_probability, r.customer_id).toBe(p);
        } else expect(r.score_source).toBe('model');
        const x = Number(r.churn_probability);
        expect(x >= 0 && x <= 1).toBe(true);
      }
      expect(inSample).toBe(n);
      const summary = page.getByTestId('score-all-summary');
      await summary.waitFor({ state: 'visible' });
      expect(await summary.textContent()).toContain('All 6,000 rows of customers-big.csv scored');
      await summary.locator('summary').click();
      expect(await page.getByTestId('score-all-top').locator('tbody tr').count()).toBe(100);
      await banner.screenshot({ path: shotPath('big-file-scored-en') });
      await page.getByTestId('lang-switch').click();
      await expect.poll(async () => (await summary.textContent()) ?? '').toContain('已为 customers-big.csv 的全部 6,000 行评分');
      await banner.screenshot({ path: shotPath('big-file-scored-zh') });
      expect(errors).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
