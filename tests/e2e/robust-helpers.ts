// Shared steps of the robustness end-to-end tests (bad input, i18n, CSP, model reuse): a fresh page
// per test with its own error and dialog log, and the few UI moves every test repeats.
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { translate, type Locale } from '../../src/lib/i18n/index.ts';
import type { MessageParams } from '../../src/lib/errors.ts';

/** The exact text the app shows for a message key (the test's expectation comes from the catalogue). */
export const msg = (locale: Locale, key: string, params: MessageParams = {}): string => translate(locale, key, params);

export interface TestPage {
  page: Page;
  /** Console errors and uncaught exceptions of this page (CSP violations show up here). */
  errors: string[];
  /** Every dialog the page opened (type and message); beforeunload dialogs are accepted. */
  dialogs: { type: string; message: string }[];
}

/** Closes `previous` (without its leave-page warning) and opens a new page of `context` at `url`. */
export async function freshPage(context: BrowserContext, url: string, previous?: Page): Promise<TestPage> {
  if (previous && !previous.isClosed()) await previous.close({ runBeforeUnload: false });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: { type: string; message: string }[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d: Dialog) => {
    dialogs.push({ type: d.type(), message: d.message() });
    void (d.type() === 'beforeunload' ? d.accept() : d.dismiss());
  });
  await page.goto(url);
  return { page, errors, dialogs };
}

/** Console errors that are CSP violations (Chromium logs "Refused to …" with the directive). */
export function cspViolations(errors: string[]): string[] {
  return errors.filter((e) => /Content Security Policy|Refused to/i.test(e));
}

/** Load a data file through the header's file input and wait for the Profile step. */
export async function openData(page: Page, path: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(path);
  await page.getByTestId('target-select').waitFor({ state: 'visible', timeout: 60_000 });
}

/** Click Train and wait for the headline metrics; returns the AUC text. */
export async function trainAndWait(page: Page, timeout = 150_000): Promise<string> {
  await page.getByTestId('train-button').click();
  // A retrain keeps the previous metrics on screen: wait for the run itself to end first.
  await page.locator('section.progress').waitFor({ state: 'hidden', timeout });
  const auc = page.getByTestId('metric-auc');
  await auc.waitFor({ state: 'visible', timeout });
  return (await auc.textContent()) ?? '';
}

/** Number of trees through the Model step's Advanced panel. */
export async function setTrees(page: Page, locale: Locale, trees: number): Promise<void> {
  await page.locator('button[data-step="model"]').click();
  const adv = page.locator('details.advanced');
  if (!(await adv.evaluate((d) => (d as HTMLDetailsElement).open))) await adv.locator('summary').click();
  const input = page.getByLabel(msg(locale, 'ui.param.trees'));
  await input.fill(String(trees));
  await input.press('Tab');
}

/** The error banner's text once it shows. */
export async function appError(page: Page, timeout = 60_000): Promise<string> {
  const el = page.getByTestId('app-error');
  await el.waitFor({ state: 'visible', timeout });
  return ((await el.textContent()) ?? '').trim();
}
