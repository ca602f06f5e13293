#!/usr/bin/env node
/**
 * `npm run build:cli`: bundle the `rwb` command line (src/cli/main.ts and everything it
 * imports) with esbuild into dist/cli/ (git-ignored), so `rwb` starts without compiling
 * TypeScript. bin/rwb.mjs uses the bundle when it is present (RWB_DEV=1 forces the sources
 * through tsx). Run by `npm ci`/`npm install` (the `prepare` script), `npm start` and
 * `npm run build`.
 *
 * Shape, and why:
 * - A second entry, dist/cli/gtwr-rows-worker.mjs: the worker thread of `rwb gtwr`'s split fit
 *   and of its bandwidth / τ search pool (src/services/gwr/rows-worker.ts: the `gtwr-rows` task,
 *   or `serveSearchRows` when started by src/services/gwr/gwr-search-pool.ts), sharing chunks
 *   with the commands.
 * - ESM with code splitting: each sub-command (loaded on demand by src/cli/commands/index.ts)
 *   becomes its own chunk, so `rwb describe` parses only what describe needs.
 * - better-sqlite3 stays external: a native addon found through `bindings` at run time.
 * - exceljs and docx stay external: they are big and loaded by dynamic import only when a
 *   .xlsx/.docx file is read or written; resolving them from node_modules keeps that lazy.
 * - @resvg/resvg-js (figure PNGs) loads a platform-specific native addon (.node) found from its
 *   own package at run time, and pdfkit reads its font metrics (js/data/*.afm) relative to its
 *   own files: both stay external. The Noto Sans SC files are found through
 *   `createRequire(import.meta.url)` (src/services/figures/fonts.ts), which resolves from the
 *   bundle's folder up to node_modules as from the sources.
 * - dist/cli/rwb.mjs sits two folders below the repository root, the same depth as
 *   src/cli/main.ts, so `new URL('../../package.json', import.meta.url)` (rwb --version) and
 *   the sample builder's search for the repository root work unchanged.
 */
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist', 'cli');

/** Packages resolved from node_modules at run time instead of being bundled. */
const EXTERNAL = ['better-sqlite3', 'exceljs', 'docx', '@resvg/resvg-js', 'pdfkit'];

const t0 = Date.now();
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // the worker entries sit beside rwb.mjs (src/cli/worker-entry.ts finds them there)
  entryPoints: { rwb: 'src/cli/main.ts', 'gtwr-rows-worker': 'src/services/gwr/rows-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // Some bundled CommonJS packages call require() for node built-ins.
  banner: { js: "import { createRequire as __rwbCreateRequire } from 'node:module'; const require = __rwbCreateRequire(import.meta.url);" },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
process.stdout.write(`build:cli: dist/cli/rwb.mjs, gtwr-rows-worker.mjs + ${Object.keys(result.metafile.outputs).length - 2} chunks (inputs in dist/cli/meta.json), ${(bytes / 1e6).toFixed(1)} MB, ${Date.now() - t0} ms\n`);
