// Vite plugin: after the build, write dist/sw.js, a service worker that precaches every file of
// the app (hashed bundles, the wasm engine, the bundled samples), so that after one visit the app
// works with the network off. The cache name carries a hash of the file list and contents, so a
// new build replaces the old cache instead of mixing versions.
import type { Plugin, ResolvedConfig } from 'vite';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

export function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'churnlens-service-worker',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    async closeBundle() {
      const outDir = config.build.outDir;
      const files = (await listFiles(outDir))
        .map((f) => relative(outDir, f).split(sep).join('/'))
        .filter((f) => f !== 'sw.js')
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(await readFile(join(outDir, f)));
      const version = hash.digest('hex').slice(0, 16);
      const urls = ['./', ...files.map((f) => './' + f)];
      await writeFile(join(outDir, 'sw.js'), swSource(version, urls));
    },
  };
}

function swSource(version: string, urls: string[]): string {
  return `// Generated at build time by build-tools/service-worker-plugin.ts. Serves the app's own files
// from a versioned cache (cache first, network as fallback); never fetches other origins.
// On the first visit it takes control of the open page at once (clients.claim), so that page's later
// loads (workers, the wasm engine) come from the cache too.
const CACHE = 'churnlens-${version}';
const FILES = ${JSON.stringify(urls)};
self.addEventListener('install', (e) => {
  // No skipWaiting: a new version waits until every tab of the old one is closed, so a page that is
  // still open never loses the cached workers and wasm of its own version halfway through a session.
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('churnlens-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin) return;
  e.respondWith(
    caches.open(CACHE).then(async (c) => {
      const hit = await c.match(e.request, { ignoreSearch: true });
      if (hit) return hit;
      if (e.request.mode === 'navigate') {
        const index = await c.match('./');
        if (index) return index;
      }
      return fetch(e.request);
    }),
  );
});
`;
}
