/**
 * Builds the preload script to `.vite/build/preload.cjs`. Sandboxed preloads cannot be ES
 * modules and can only `require('electron')` (plus a few built-ins), so everything else (the
 * contract's channel list, zod) is bundled into one CommonJS file.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: resolve(import.meta.dirname, '.vite/build'),
    emptyOutDir: false,
    target: 'chrome130',
    minify: false,
    sourcemap: false,
    lib: {
      entry: resolve(import.meta.dirname, 'electron/preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
