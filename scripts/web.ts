/**
 * `npm run web`: the workbench in a browser. Starts the loopback server (127.0.0.1 only, random
 * session token) over the built renderer, opens the last project or, on first run, the China
 * sample project (building the samples first if needed) and prints the URL to open, `http://127.0.0.1:PORT/#token=…`.
 *
 * Options: `--port N` (or env `RWB_PORT`; default 5178; 0 picks a free port). User directory:
 * env `RWB_USER_DIR`, else `~/.resilience-workbench`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppService } from '../src/services/handlers/app';
import { createDispatcher } from '../src/services/handlers';
import { projectsFolder } from '../src/services/projects/folder';
import { DEFAULT_WEB_PORT, startWebServer } from '../src/transport/web-server';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function fail(message: string): never {
  process.stderr.write(`rwb web: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: false });
const portText = values.port ?? process.env.RWB_PORT ?? String(DEFAULT_WEB_PORT);
if (!/^\d+$/.test(portText) || Number(portText) > 65535) fail(`--port must be a number from 0 to 65535, not "${portText}".`);
const port = Number(portText);

const staticDir = join(root, 'dist', 'renderer');
if (!existsSync(join(staticDir, 'index.html'))) fail('the renderer is not built: run `npm run build:renderer` (or `npm run web`, which builds it).');

const userDir = process.env.RWB_USER_DIR ? resolve(process.env.RWB_USER_DIR) : join(homedir(), '.resilience-workbench');
mkdirSync(userDir, { recursive: true });

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const service = new AppService({ mode: 'web', userDir, version });
try {
  await service.openInitial('china-provinces');
} catch (e) {
  process.stderr.write(`rwb web: could not open the China sample project: ${e instanceof Error ? e.message : String(e)}\n`);
}

const server = await startWebServer({ dispatch: createDispatcher(service.handlers), port, staticDir, uploads: service.uploads }).catch((e: NodeJS.ErrnoException) =>
  fail(e.code === 'EADDRINUSE' ? `port ${port} is in use; try --port 0 for a free one.` : e.message),
);
process.stdout.write(`Resilience Workbench (web mode) is running. Open:\n  ${server.url}\n`);
process.stdout.write('Only this machine can connect (127.0.0.1); the token in the link is required. Ctrl+C stops it.\n');
process.stdout.write(`The app opens project files (.rwb) from ${projectsFolder(userDir)} only.\n`);

const stop = () => {
  void server.close().finally(() => {
    service.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
