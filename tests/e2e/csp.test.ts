// The Content-Security-Policy both ways it can arrive: only as the page's <meta> tag (a static host
// that sets no headers) and as an HTTP header. Either way the automated path runs with no CSP
// violation and no request off the app's origin, and the policy really blocks inline script and
// outside connections.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, openBrowser, isOwnRequest, shotPath, ROOT, DIST, type StaticServer, type BrowserSession } from './harness.ts';
import { freshPage, cspViolations, openData, trainAndWait } from './robust-helpers.ts';
import { CSP_HEADER } from '../../src/csp.ts';

const BANK = join(ROOT, 'public', 'samples', 'Churn_Modelling.csv');

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('Content-Security-Policy', () => {
  let b: BrowserSession;

  beforeAll(async () => {
    await mkdir(join(ROOT, 'tests', '.artifacts'), { recursive: true });
    b = await openBrowser({ locale: 'en-US' });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the built page carries the policy as a meta tag, with no inline script allowed', async () => {
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    expect(m).not.toBeNull();
    const d = directives(m![1]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(m![1]).toBe(CSP_HEADER);
    for (const [, values] of d) for (const v of values) expect(v).toMatch(/^'(self|none|wasm-unsafe-eval|unsafe-inline)'$|^(data|blob):$/);
    // 'unsafe-inline' only for styles (Svelte style attributes), never for scripts.
    expect([...d].filter(([, v]) => v.includes("'unsafe-inline'")).map(([k]) => k)).toEqual(['style-src']);
    // No inline <script> in the built page: every script is a file of the app's origin.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  for (const cspHeader of [false, true]) {
    const how = cspHeader ? 'HTTP header' : 'meta tag only';
    describe(how, () => {
      let server: StaticServer;
      beforeAll(async () => {
        server = await serveDist({ cspHeader });
      });
      afterAll(async () => {
        await server?.close();
      });

      it(`automated path with the policy as ${how}: no violation, only own-origin requests, and the policy blocks`, async () => {
        const before = b.requests.length;
        const { page, errors } = await freshPage(b.context, server.url);
        const res = await page.reload();
        expect(res?.headers()['content-security-policy'] ?? null).toBe(cspHeader ? CSP_HEADER : null);
        expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CSP_HEADER);

        await openData(page, BANK);
        await page.getByTestId('target-select').selectOption('Exited');
        expect(Number(await trainAndWait(page))).toBeGreaterThan(0.8);
        await page.locator('button[data-step="report"]').click();
        await page.getByTestId('audit-report').waitFor();
        await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scores').click()]);
        await page.screenshot({ path: shotPath(`csp-${cspHeader ? 'header' : 'meta'}`) });
        expect(cspViolations(errors)).toEqual([]);
        expect(errors).toEqual([]);
        const origin = new URL(server.url).origin;
        expect(b.requests.slice(before).filter((u) => !isOwnRequest(u, origin))).toEqual([]);

        // The policy is live: inline script and outside connections are refused.
        const probe = await page.evaluate(async () => {
          const seen: string[] = [];
          document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.appendChild(s);
          let fetched = 'allowed';
          try {
            await fetch('http://example.invalid/collect', { method: 'POST', body: 'x' });
          } catch {
            fetched = 'refused';
          }
          await new Promise((r) => setTimeout(r, 100));
          return { inline: (window as unknown as { __inline?: number }).__inline ?? null, fetched, seen };
        });
        expect(probe.inline).toBeNull();
        expect(probe.fetched).toBe('refused');
        // With header and meta both in force, each policy reports the same violation.
        expect([...new Set(probe.seen)].sort()).toEqual(['connect-src', 'script-src-elem']);
        expect(b.requests.filter((u) => u.includes('example.invalid'))).toEqual([]);
      });
    });
  }
});
