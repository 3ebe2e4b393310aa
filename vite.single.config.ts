// The single-file build (`npm run build:single` → dist-single/index.html): one HTML file that works
// opened from disk (file://) on machines where nothing may be installed. Module scripts and workers
// cannot be loaded from file:// URLs, so every script is inlined (classic IIFE), the workers are
// inline blob workers (the *-factory.single.ts modules replace the URL-based factories), the wasm
// engine is inlined as data, and the CSP allows the inline scripts by hash only.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { fileURLToPath } from 'node:url';
import { singleFileCsp } from './build-tools/single-file-csp.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [
    svelte(),
    {
      // Swap each URL-based module (worker factories, the wasm source) for its inline twin.
      name: 'churnlens-inline-workers',
      enforce: 'pre',
      resolveId: {
        // The filter lets the bundler skip this hook for every other import.
        filter: { id: /(worker-factory|wasm-source)(\.ts)?$/ },
        async handler(source, importer, options) {
          if (!importer) return null;
          const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
          if (!resolved || resolved.id.endsWith('.single.ts')) return resolved;
          return resolved.id.replace(/\.ts$/, '.single.ts');
        },
      },
    },
    // removeViteModuleLoader must stay off: its pattern would eat the start of an IIFE bundle.
    viteSingleFile({ removeViteModuleLoader: false }),
    singleFileCsp(),
  ],
  define: { 'import.meta.env.SINGLE_FILE': 'true' },
  worker: { format: 'iife' },
  build: {
    target: 'es2022',
    outDir: here('./dist-single'),
    emptyOutDir: true,
    assetsInlineLimit: () => true,
    cssCodeSplit: false,
    modulePreload: false,
    rollupOptions: { output: { format: 'iife' } },
  },
});
