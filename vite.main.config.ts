/**
 * Builds the Electron main process (`electron/main.ts`) to `.vite/build/main.js` (ESM, Node
 * target), and the job worker (`src/services/jobs/worker.ts`) to `worker.js` next to it:
 * `resolveWorkerEntry` finds it there at run time; the light GTWR worker
 * (`src/services/gwr/rows-worker.ts`, the threads of a search pool) to `gtwr-rows-worker.js`,
 * found by `searchWorkerEntry`. Code both use goes to shared chunks in the
 * same directory. Dependencies stay external (electron-builder ships node_modules;
 * better-sqlite3 is native and unpacked from the asar).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, '.vite/build'),
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'electron/main.ts'),
        worker: resolve(import.meta.dirname, 'src/services/jobs/worker.ts'),
        // the light GTWR worker of search pools (src/services/gwr/gwr-search-pool.ts searchWorkerEntry)
        'gtwr-rows-worker': resolve(import.meta.dirname, 'src/services/gwr/rows-worker.ts'),
      },
      external: ['electron', 'better-sqlite3', /^node:/],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
