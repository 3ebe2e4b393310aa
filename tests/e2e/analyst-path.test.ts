// The automated path every reasonable churn CSV must survive with defaults everywhere
// (issue 3 "stable test hooks"), plus the privacy rule: every request the page, its workers
// and the downloads make goes to the app's own origin.
import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { isOwnRequest, shotPath, ROOT } from './harness.ts';
import { useServedApp, numberIn as num } from './served-app.ts';

const SAMPLES = join(ROOT, 'public', 'samples');

describe('analyst path in headless Chromium', () => {
  const app = useServedApp();

  it('file → target → train → metrics → threshold → export, with no foreign request', async () => {
    const { server, browser: b } = app;
    const { page } = b;
    await page.goto(server.url);
    await page.screenshot({ path: shotPath('01-load') });

    await page.getByTestId('file-input').setInputFiles(join(SAMPLES, 'Churn_Modelling.csv'));
    const target = page.getByTestId('target-select');
    await target.waitFor({ state: 'visible', timeout: 60_000 });
    await target.selectOption('Exited');
    await page.screenshot({ path: shotPath('02-profile'), fullPage: true });

    await page.getByTestId('train-button').click();
    const auc = page.getByTestId('metric-auc');
    await auc.waitFor({ state: 'visible', timeout: 120_000 });
    const aucValue = num(await auc.textContent());
    const recall = num(await page.getByTestId('metric-recall').textContent());
    const precision = num(await page.getByTestId('metric-precision').textContent());
    expect(aucValue).toBeGreaterThan(0.8);
    expect(aucValue).toBeLessThanOrEqual(1);
    expect(recall).toBeGreaterThan(0);
    expect(precision).toBeGreaterThan(0);
    await page.screenshot({ path: shotPath('03-results'), fullPage: true });
    // ~200 held-out churners: chance ranges shown, no small-sample caution
    expect(await page.getByTestId('metric-ranges').textContent()).toMatch(/AUC 0\.\d{3}–0\.\d{3}, recall/);
    expect(await page.getByTestId('few-churners').count()).toBe(0);

    // Moving the threshold up must trade recall away (live update, no retraining).
    const slider = page.getByTestId('threshold-slider');
    await slider.fill('0.9');
    await expect.poll(async () => num(await page.getByTestId('metric-recall').textContent())).toBeLessThan(recall);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores').click()]);
    const path = await download.path();
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data.length).toBe(10000);
    const p = parsed.data.map((r) => Number(r.churn_probability));
    expect(p.every((x) => x >= 0 && x <= 1)).toBe(true);

    // The same file with reasons: exact TreeSHAP for all 10,000 customers in the workers.
    const [withReasons] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-scores-reasons').click()]);
    expect(withReasons.suggestedFilename()).toBe('Churn_Modelling-scores-reasons.csv');
    const rb = await readFile(await withReasons.path());
    expect([...rb.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rp = Papa.parse<Record<string, string>>(rb.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(rp.meta.fields).toEqual([...(parsed.meta.fields ?? []), 'explained_probability', 'reason_1', 'reason_2', 'reason_3']);
    expect(rp.data.length).toBe(10000);
    let held = 0;
    rp.data.forEach((r, i) => {
      // the columns of the plain export are unchanged
      expect(r.churn_probability).toBe(parsed.data[i].churn_probability);
      const explained = Number(r.explained_probability);
      expect(explained >= 0 && explained <= 1).toBe(true);
      // a held-out customer's score is the whole forest's, which is what the reasons add up to
      if (r.score_source === 'test') {
        held++;
        expect(Math.abs(explained - Number(r.churn_probability))).toBeLessThan(1e-12);
      }
      expect(r.reason_1).toMatch(/ (raises|lowers) risk by [\d.]+ points$/);
    });
    expect(held).toBe(1000);
    // A second export reuses the contributions already worked out: the same file.
    const [again] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-scores-reasons').click()]);
    expect((await readFile(await again.path())).equals(rb)).toBe(true);

    const origin = new URL(server.url).origin;
    const foreign = b.requests.filter((u) => !isOwnRequest(u, origin));
    expect(foreign).toEqual([]);
    expect(b.errors.filter((e) => !/beforeunload/i.test(e))).toEqual([]);
  });
});
