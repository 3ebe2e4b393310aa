// The full analyst path the offline and single-file tests run: open the bank sample through the file
// input, choose the target, train with defaults, read the metrics, export the scores and check the
// downloaded CSV. Shared by tests/e2e/offline.test.ts and tests/e2e/single-file.test.ts.
import { expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { ROOT, shotPath } from './harness.ts';
import { numberIn as num } from './served-app.ts';

export const BANK_CSV = join(ROOT, 'public', 'samples', 'Churn_Modelling.csv');
const BANK_ROWS = 10_000;

/** Runs file → target → train → metrics → export on `page` (already showing the app). */
export async function runFullPath(page: Page, shotPrefix: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(BANK_CSV);
  const target = page.getByTestId('target-select');
  await target.waitFor({ state: 'visible', timeout: 60_000 });
  await target.selectOption('Exited');

  await page.getByTestId('train-button').click();
  const auc = page.getByTestId('metric-auc');
  await auc.waitFor({ state: 'visible', timeout: 120_000 });
  // The bank data separates churners well; a working engine lands far above chance.
  const aucValue = num(await auc.textContent());
  expect(aucValue).toBeGreaterThan(0.8);
  expect(aucValue).toBeLessThanOrEqual(1);
  expect(num(await page.getByTestId('metric-recall').textContent())).toBeGreaterThan(0);
  expect(num(await page.getByTestId('metric-precision').textContent())).toBeGreaterThan(0);
  await page.screenshot({ path: shotPath(`${shotPrefix}-results`), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores').click()]);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.data.length).toBe(BANK_ROWS);
  const p = parsed.data.map((r) => Number(r.churn_probability));
  expect(p.every((x) => x >= 0 && x <= 1)).toBe(true);
  // Scores must differ between customers (a constant column would mean a broken model).
  expect(new Set(p).size).toBeGreaterThan(10);
}
