// Reusing a saved model in the browser: train, save the model file, reload, load the file, score a
// CSV; the browser's churn_probability must equal the CLI's for the same model and file, to the
// last digit (same model + data = same scores everywhere). A file missing one of the model's
// columns names that column under data-testid="app-error".
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile, writeFile, mkdir, mkdtemp, copyFile, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { serveDist, openBrowser, isOwnRequest, shotPath, ROOT, type StaticServer, type BrowserSession } from './harness.ts';
import { msg, freshPage, openData, trainAndWait, appError, type TestPage } from './robust-helpers.ts';

const run = promisify(execFile);
const BANK = join(ROOT, 'public', 'samples', 'Churn_Modelling.csv');
const NO_AGE = join(ROOT, 'tests', 'fixtures', 'e2e', 'bank-no-age.csv');

function scoresOf(text: string): Record<string, string>[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function downloadedText(d: Download): Promise<string> {
  return readFile(await d.path(), 'utf8');
}

/** The Load screen's (not the model bar's) model-file and score-file inputs. */
const modelInput = (page: Page) => page.locator('section.load input[type=file][accept=".json,application/json"]');
const scoreInput = (page: Page) => page.locator('section.load input[id^="score-input-"]');

describe('saved model reused in headless Chromium', () => {
  let server: StaticServer;
  let b: BrowserSession;
  let tp: TestPage | undefined;
  let work: string;

  beforeAll(async () => {
    await mkdir(join(ROOT, 'tests', '.artifacts'), { recursive: true });
    work = await mkdtemp(join(tmpdir(), 'churnlens-reuse-'));
    server = await serveDist({ cspHeader: true });
    b = await openBrowser({ locale: 'en-US' });
  });
  afterAll(async () => {
    const origin = new URL(server.url).origin;
    expect(b.requests.filter((u) => !isOwnRequest(u, origin))).toEqual([]);
    await b?.close();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('train → save model → reload → load model → score: browser scores equal the CLI scores exactly', async () => {
    tp = await freshPage(b.context, server.url);
    const { page, errors } = tp;
    await openData(page, BANK);
    await page.getByTestId('target-select').selectOption('Exited');
    await trainAndWait(page);
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: msg('en', 'ui.export.saveModel') }).click()]);
    expect(saved.suggestedFilename()).toBe('Churn_Modelling-model.json');
    const modelPath = join(work, 'model.json');
    await copyFile(await saved.path(), modelPath);

    await page.reload();
    await modelInput(page).setInputFiles(modelPath);
    await expect.poll(() => page.locator('section.load').innerText()).toContain('Exited');
    const [scored] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), scoreInput(page).setInputFiles(BANK)]);
    expect(scored.suggestedFilename()).toBe('Churn_Modelling-scores.csv');
    await expect.poll(() => page.locator('section.load [role=status]').innerText()).toContain(
      msg('en', 'ui.export.scoredDone', { rows: 10000, name: 'Churn_Modelling.csv' }),
    );
    await page.screenshot({ path: shotPath('reuse-scored'), fullPage: true });
    const browser = scoresOf(await downloadedText(scored));

    const cliOut = join(work, 'cli-scores.csv');
    await run(process.execPath, [join(ROOT, 'bin', 'churnlens.mjs'), 'score', modelPath, BANK, '--out', cliOut], { cwd: ROOT, timeout: 120_000 });
    const cli = scoresOf(await readFile(cliOut, 'utf8'));

    expect(browser.length).toBe(10000);
    expect(cli.length).toBe(10000);
    let differ = 0;
    for (let i = 0; i < cli.length; i++) if (browser[i].churn_probability !== cli[i].churn_probability) differ++;
    expect(differ).toBe(0);
    // Full precision, not rounded: most probabilities need more than 6 significant digits.
    expect(browser.filter((r) => r.churn_probability.replace(/^0\.|^1$|^0$/, '').length > 6).length).toBeGreaterThan(5000);
    // Same ids in the same order.
    const idKey = Object.keys(cli[0])[0];
    expect(browser.map((r) => r[idKey])).toEqual(cli.map((r) => r[idKey]));

    // With reasons: the browser's reason_1..3 are the CLI's score --reasons, text for text.
    await page.getByTestId('score-with-reasons').check();
    const [withReasons] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), scoreInput(page).setInputFiles(BANK)]);
    expect(withReasons.suggestedFilename()).toBe('Churn_Modelling-scores-reasons.csv');
    const browserReasons = scoresOf(await downloadedText(withReasons));
    const cliReasonsOut = join(work, 'cli-reasons.csv');
    await run(process.execPath, [join(ROOT, 'bin', 'churnlens.mjs'), 'score', modelPath, BANK, '--reasons', '--out', cliReasonsOut], { cwd: ROOT, timeout: 180_000 });
    const cliReasons = scoresOf(await readFile(cliReasonsOut, 'utf8'));
    expect(Object.keys(browserReasons[0])).toEqual(Object.keys(cliReasons[0]));
    let reasonDiffer = 0;
    for (let i = 0; i < cliReasons.length; i++) {
      for (const k of ['churn_probability', 'reason_1', 'reason_2', 'reason_3']) if (browserReasons[i][k] !== cliReasons[i][k]) reasonDiffer++;
    }
    expect(reasonDiffer).toBe(0);
    expect(cliReasons.every((r) => / (raises|lowers) risk by /.test(r.reason_1))).toBe(true);
    await page.getByTestId('score-with-reasons').uncheck();
    expect(errors).toEqual([]);
  });

  it('damaged, foreign, future and tampered model files each get their own message; the loaded model stays', async () => {
    const { page } = tp!;
    const good = JSON.parse(await readFile(join(work, 'model.json'), 'utf8')) as Record<string, unknown>;
    const text = JSON.stringify(good);
    const tree0 = (good.trees as Record<string, unknown>[])[0];
    const cases: [string, string, string][] = [
      ['truncated.json', text.slice(0, Math.floor(text.length / 2)), msg('en', 'model.notJson')],
      ['other-tool.json', JSON.stringify({ model: 'xgboost', trees: [] }), msg('en', 'model.foreign')],
      ['future.json', JSON.stringify({ ...good, version: 99 }), msg('en', 'model.futureVersion', { version: 99, supported: good.version as number })],
      ['proto.json', text.replace('{', '{"__proto__":{"polluted":1},'), msg('en', 'model.tampered', { detail: 'forbidden key "__proto__"' })],
    ];
    for (const [name, body, expected] of cases) {
      const path = join(work, name);
      await writeFile(path, body);
      await modelInput(page).setInputFiles(path);
      await expect.poll(async () => (await page.getByTestId('app-error').textContent())?.trim(), { message: name }).toBe(expected);
    }
    // A node pointing outside its tree: refused with the tampered message, whatever the detail says.
    const bad = structuredClone(good) as { trees: { left: number[] }[] };
    bad.trees[0].left[0] = 1e9;
    expect(tree0).toHaveProperty('left');
    await writeFile(join(work, 'out-of-range.json'), JSON.stringify(bad));
    await modelInput(page).setInputFiles(join(work, 'out-of-range.json'));
    const prefix = msg('en', 'model.tampered', { detail: '@' }).split('@')[0];
    await expect.poll(async () => (await page.getByTestId('app-error').textContent())?.trim().startsWith(prefix)).toBe(true);
    expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted ?? null)).toBeNull();
    await page.screenshot({ path: shotPath('reuse-tampered-model'), fullPage: true });
    // The model loaded before is still the one in use.
    expect(await page.locator('section.load').innerText()).toContain(msg('en', 'ui.export.scoreFile'));
  });

  it('scoring a file without one of the model columns names that column', async () => {
    const { page } = tp!;
    await expect.poll(() => scoreInput(page).count()).toBe(1);
    await scoreInput(page).setInputFiles(NO_AGE);
    expect(await appError(page)).toBe(msg('en', 'model.missingColumns', { columns: 'Age' }));
    await page.screenshot({ path: shotPath('reuse-missing-column'), fullPage: true });
    // The loaded model stays; a complete file still scores.
    const [scored] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), scoreInput(page).setInputFiles(BANK)]);
    expect(scoresOf(await downloadedText(scored)).length).toBe(10000);
    await expect.poll(() => page.getByTestId('app-error').count()).toBe(0);
  });
});
