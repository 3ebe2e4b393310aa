// One served build and one browser for a describe block: the hooks every end-to-end file needs.
// (Kept out of harness.ts, which the benchmark imports outside Vitest.)
import { beforeAll, afterAll } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, openBrowser, ROOT, type StaticServer, type BrowserSession } from './harness.ts';

export interface ServedApp {
  readonly server: StaticServer;
  readonly browser: BrowserSession;
}

export function useServedApp(opts: { cspHeader?: boolean; locale?: string } = {}): ServedApp {
  let server: StaticServer | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    await mkdir(join(ROOT, 'tests', '.artifacts'), { recursive: true });
    server = await serveDist({ cspHeader: opts.cspHeader ?? true });
    browser = await openBrowser({ locale: opts.locale ?? 'en-US' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the app is not served yet (use it inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('no browser yet (use it inside a test)');
      return browser;
    },
  };
}

/** The number in a metric's text ("0.842", "74.3%", "1,234"). */
export function numberIn(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9.\-]/g, ''));
}
