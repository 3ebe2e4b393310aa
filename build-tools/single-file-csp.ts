// Vite plugin for the single-file build: once vite-plugin-singlefile has inlined every script into
// index.html, replace the page's Content-Security-Policy with one that allows exactly those inline
// scripts by their SHA-256 hashes (no 'unsafe-inline'), blob: workers (the inline engine and parser
// workers) and data: fetches (the inlined wasm). Nothing may reach the network.
import type { Plugin } from 'vite';
import { createHash } from 'node:crypto';

export function singleFileCsp(): Plugin {
  return {
    name: 'churnlens-single-file-csp',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue;
        const html = String(asset.source);
        const hashes: string[] = [];
        for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
          hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
        }
        const csp = [
          "default-src 'none'",
          `script-src ${hashes.join(' ')} 'wasm-unsafe-eval'`,
          'worker-src blob:',
          'connect-src data: blob:',
          'img-src data: blob:',
          "style-src 'unsafe-inline'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'none'",
        ].join('; ');
        const replaced = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/, `<meta http-equiv="Content-Security-Policy" content="${csp}" />`);
        if (replaced === html) this.error('single-file build: no CSP meta tag found in index.html');
        asset.source = replaced;
      }
    },
  };
}
