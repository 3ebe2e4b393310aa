// Offline use (issue 7): after one visit the service worker has cached every file of the app, so with
// the network gone (the server resets every connection) a reload still opens ChurnLens and the full
// analyst path runs: parser worker, engine workers and the wasm engine all come from the cache.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { isOwnRequest, shotPath, ROOT } from './harness.ts';
import { useServedApp } from './served-app.ts';
import { cspViolations } from './robust-helpers.ts';
import { CSP_HEADER } from '../../src/csp.ts';
import { runFullPath } from './full-path.ts';

describe('offline after the first visit', () => {
  const app = useServedApp();

  it('reloads with the network off and runs file → target → train → metrics → export', async () => {
    const { server, browser: b } = app;
    const { page } = b;
    await page.goto(server.url);
    const status = page.getByTestId('offline-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    expect(server.requests).toContain('/sw.js');

    server.setOnline(false);
    const servedBefore = server.requests.length;
    const reloaded = await page.reload();
    // The cached page keeps the strict policy it was first served with.
    expect(reloaded?.fromServiceWorker()).toBe(true);
    expect(reloaded?.headers()['content-security-policy']).toBe(CSP_HEADER);
    await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 30_000 });
    // The network really is gone: a file the service worker never cached cannot be fetched.
    const uncached = await page.evaluate(() =>
      fetch('./not-in-the-cache.txt').then(
        () => 'answered',
        () => 'failed',
      ),
    );
    expect(uncached).toBe('failed');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    expect(await status.textContent()).toContain('Works offline');
    await page.screenshot({ path: shotPath('offline-01-reloaded') });

    await runFullPath(page, 'offline-02');

    // Nothing reached the server while offline, and nothing ever went to another origin.
    expect(server.requests.length).toBe(servedBefore);
    const origin = new URL(server.url).origin;
    expect(b.requests.filter((u) => !isOwnRequest(u, origin))).toEqual([]);
    expect(cspViolations(b.errors)).toEqual([]);
    // The probe above is the only failed load the page may report.
    const probeError = 'console: Failed to load resource: net::ERR_FAILED';
    const errors = b.errors.filter((e) => !/beforeunload/i.test(e));
    expect(errors.filter((e) => e !== probeError)).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
  });
});
