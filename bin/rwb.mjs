#!/usr/bin/env node
// Entry point of the `rwb` command-line tool: runs main() and sets the exit code it returns
// (0 ok, 2 bad input, 1 internal error).
//
// Which code runs (simple on purpose, so it is easy to predict):
// - the esbuild bundle dist/cli/rwb.mjs when it exists (built by `npm run build:cli`, which
//   `npm ci`/`npm install`, `npm start` and `npm run build` run): starts in ~0.1 s;
// - the TypeScript sources through tsx otherwise, or always with RWB_DEV=1 (development:
//   edits to src/ apply at once; rebuild the bundle with `npm run build:cli`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

// `rwb ... | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'rwb.mjs');
let main;
if (process.env.RWB_DEV !== '1' && existsSync(bundle)) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href));
}
process.exitCode = await main(process.argv.slice(2));
