// End-to-end harness: serves the built app (dist/) from an in-process static server and drives
// Debian's Chromium through playwright-core. The server is ours (not `vite preview`) so a test can
// choose whether the CSP arrives as an HTTP header or only as the page's <meta> tag.
import { createServer, type Server } from 'node:http';
import { readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, extname, resolve, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CSP_HEADER } from '../../src/csp.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
  /** Paths requested so far (for offline tests). */
  requests: string[];
  /** When false the server answers nothing but connection resets, as if the network were gone. */
  setOnline(online: boolean): void;
}

export async function serveDist(opts: { cspHeader?: boolean; dir?: string } = {}): Promise<StaticServer> {
  const dir = opts.dir ?? DIST;
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no build in ${dir}: run npm run build first`);
  const requests: string[] = [];
  let online = true;
  const server: Server = createServer(async (req, res) => {
    if (!online) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    let file = resolve(dir, '.' + (path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers: Record<string, string> = { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
      if (opts.cspHeader !== false) headers['Content-Security-Policy'] = CSP_HEADER;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    setOnline: (v) => (online = v),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every request URL the browser made, from any page or worker. */
  requests: string[];
  /** Console errors and page errors (uncaught exceptions), for assertions. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(opts: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const userDir = await mkdtemp(join(tmpdir(), 'churnlens-e2e-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    locale: opts.locale ?? 'en-US',
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${opts.locale ?? 'en-US'}`,
    ],
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    requests,
    errors,
    close: async () => {
      await context.close();
      await rm(userDir, { recursive: true, force: true });
    },
  };
}

/** True for URLs the app may request: its own origin, and in-page data/blob URLs. */
export function isOwnRequest(url: string, origin: string): boolean {
  return url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:');
}

export function shotPath(name: string): string {
  return join(ROOT, 'tests', '.artifacts', `${name}.png`);
}
