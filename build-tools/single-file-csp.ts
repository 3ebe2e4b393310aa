// Vite plugin for the single-file build: once vite-plugin-singlefile has inlined every script into
// index.html, replace the page's Content-Security-Policy with one that allows exactly those inline
// scripts by their SHA-256 hashes (no 'unsafe-inline'), blob: workers (the inline engine and parser
// workers) and data: fetches (the inlined wasm). Nothing may reach the network.
// It works on the written file (writeBundle), so the hashes are those of the bytes the browser reads,
// whatever order the other plugins' generateBundle hooks ran in. The favicon is inlined as a data:
// URL too: a file:// page has nothing next to it to load it from.
import type { Plugin, ResolvedConfig } from 'vite';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** SHA-256 CSP sources of every inline <script> of `html`, in document order. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc\s*=/.test(m[1])) throw new Error('single-file build: a script is still loaded by URL: ' + m[0].slice(0, 120));
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export function singleFileCspPolicy(scriptHashes: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ')} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    'connect-src data: blob:',
    'img-src data: blob:',
    "style-src 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function singleFileCsp(opts: { favicon?: string } = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'churnlens-single-file-csp',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      config = c;
    },
    // Until the scripts are inlined their hashes are unknown: a placeholder policy with a hash that
    // matches nothing (fail closed if writeBundle never ran) also tells vite-plugin-singlefile's own
    // CSP check that inline scripts are meant to be allowed by hash.
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        const placeholder = `<meta http-equiv="Content-Security-Policy" content="${singleFileCspPolicy(["'sha256-pending-until-the-scripts-are-inlined'"])}" />`;
        return html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/, () => placeholder);
      },
    },
    async writeBundle() {
      const file = join(config.build.outDir, 'index.html');
      let html = await readFile(file, 'utf8');
      const favicon = opts.favicon ?? join(config.root, 'public', 'favicon.svg');
      if (existsSync(favicon)) {
        const data = `data:image/svg+xml;base64,${(await readFile(favicon)).toString('base64')}`;
        html = html.replace(/(<link rel="icon" href=")[^"]*(")/, `$1${data}$2`);
      } else {
        html = html.replace(/\s*<link rel="icon"[^>]*>/, '');
      }
      const hashes = inlineScriptHashes(html);
      if (hashes.length === 0) throw new Error('single-file build: no inline script found in index.html');
      const meta = `<meta http-equiv="Content-Security-Policy" content="${singleFileCspPolicy(hashes)}" />`;
      const replaced = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/, () => meta);
      if (replaced === html) throw new Error('single-file build: no CSP meta tag found in index.html');
      await writeFile(file, replaced);
    },
  };
}
