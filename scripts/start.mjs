#!/usr/bin/env node
/**
 * `npm start`: make sure the sample projects exist, build the renderer, the Electron main process
 * and the preload with Vite, then launch Electron. When the Electron binary is absent (machines
 * installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 — it cannot be downloaded offline), say so on
 * stderr and start web mode instead, which prints the URL to open.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
process.chdir(root);

if (!existsSync(join(root, 'assets/generated/samples/china-provinces.rwb')) || !existsSync(join(root, 'assets/generated/samples/us-states.rwb'))) {
  process.stderr.write('Building the sample projects…\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-samples.ts'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

for (const configFile of ['vite.config.ts', 'vite.main.config.ts', 'vite.preload.config.ts']) {
  await build({ configFile: join(root, configFile), logLevel: 'warn' });
}

/** Path of the Electron executable, or null when the binary was never downloaded. */
function electronBinary() {
  if (!existsSync(join(root, 'node_modules/electron/dist'))) return null;
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
const child = bin
  ? spawn(bin, ['.'], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } })
  : (process.stderr.write(
      'Electron is not installed here (node_modules/electron/dist is missing; it cannot be downloaded offline).\n' +
        'Starting web mode instead: open the URL below in Chromium.\n',
    ),
    spawn(process.execPath, ['--import', 'tsx', 'scripts/web.ts', ...process.argv.slice(2)], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
