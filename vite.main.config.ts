/**
 * Builds the Electron main process (`electron/main.ts`) to `.vite/build/main.js` (ESM, Node
 * target). Dependencies stay external (electron-builder ships node_modules; better-sqlite3 is
 * native and unpacked from the asar).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'electron/main.ts'),
    outDir: resolve(import.meta.dirname, '.vite/build'),
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      external: ['electron', 'better-sqlite3', /^node:/],
      output: { format: 'es', entryFileNames: 'main.js' },
    },
  },
});
