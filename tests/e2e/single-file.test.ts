// The single-file build (dist-single/index.html, `npm run build:single`) opened from disk: the full
// analyst path runs from file:// with the inline workers and the inlined wasm, under a CSP that allows
// the inline scripts by hash only and no network address at all.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile, mkdir, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { openBrowser, shotPath, ROOT, type BrowserSession } from './harness.ts';
import { cspViolations } from './robust-helpers.ts';
import { runFullPath } from './full-path.ts';

const DIST_SINGLE = join(ROOT, 'dist-single');
const HTML = join(DIST_SINGLE, 'index.html');

function cspOf(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  if (!m) throw new Error('no CSP meta tag');
  return new Map(m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('single-file build opened from file://', () => {
  let b: BrowserSession;
  let html: string;

  beforeAll(async () => {
    if (!existsSync(HTML)) throw new Error('no single-file build: run npm run build:single first');
    await mkdir(join(ROOT, 'tests', '.artifacts'), { recursive: true });
    html = await readFile(HTML, 'utf8');
    b = await openBrowser({ locale: 'en-US' });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('is one self-contained HTML file with a hash-only script CSP', async () => {
    expect(await readdir(DIST_SINGLE)).toEqual(['index.html']);
    const csp = cspOf(html);
    const scriptSrc = csp.get('script-src') ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).not.toContain("'self'");
    expect(csp.get('default-src')).toEqual(["'none'"]);
    // Every inline script is allowed by its own hash, computed here independently of the build.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).not.toMatch(/\bsrc=/);
      expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
    }
    // No network origin anywhere in the policy: only keywords, hashes and the data:/blob: schemes.
    for (const values of csp.values()) for (const v of values) expect(v).toMatch(/^('[^']+'|data:|blob:)$/);
    // Nothing is loaded by URL: no external scripts, styles or icons.
    expect(html).not.toMatch(/<link\b[^>]*rel="(stylesheet|modulepreload)"/);
    expect(html).not.toMatch(/\bhref="\.?\/?(assets|favicon)/);
  });

  it('runs file → target → train → metrics → export from disk with no CSP violation', async () => {
    const { page } = b;
    const url = pathToFileURL(HTML).href;
    await page.goto(url);
    await page.getByTestId('offline-status').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByTestId('offline-status').getAttribute('data-status')).toBe('single-file');
    // The bundled samples cannot be read from disk: the Load screen says so instead of offering them.
    await expect.poll(() => page.getByTestId('samples-single-file').isVisible()).toBe(true);
    expect(await page.locator('[data-sample]').count()).toBe(0);
    await page.screenshot({ path: shotPath('single-file-01-load') });

    await runFullPath(page, 'single-file-02');

    const foreign = b.requests.filter((u) => !(u === url || u.startsWith('data:') || u.startsWith('blob:')));
    expect(foreign).toEqual([]);
    expect(cspViolations(b.errors)).toEqual([]);
    expect(b.errors.filter((e) => !/beforeunload/i.test(e))).toEqual([]);
  });
});
