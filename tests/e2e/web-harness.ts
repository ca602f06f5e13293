/**
 * Shared set-up of the browser tests: build the renderer into a private folder (so a running
 * `npm run web` keeps dist/renderer), serve it with the loopback web server on a free port over
 * a fresh user directory, and open it in Debian Chromium (headless, SwiftShader WebGL) with
 * downloads and the clipboard allowed.
 *
 * What it costs, and how that is kept down (each test file runs in its own process):
 * - The renderer and the server are built once per content, into `.vite/e2e/<hash>/` (git-
 *   ignored) under a hash of everything they are built from (renderer/, src/, the config files,
 *   package-lock.json and web-server-child.ts); a later test file, or a later run on unchanged
 *   sources, reuses the build.
 * - The web server runs in a child process (web-server-child.ts), started while Vitest collects
 *   the file's tests and Chromium starts. By default it is that file and the job worker
 *   (src/services/jobs/worker.ts) bundled side by side, the way vite.main.config.ts builds the
 *   desktop app's main process and its `worker.js`: a job's worker thread then loads in well
 *   under a second instead of the 2–3 s it takes to compile the engine from source through tsx
 *   in every new thread (each import preview, LISA run, figure PNG … starts one).
 *   `RWB_E2E_SERVER=source` runs the sources through tsx instead, as `npm run web` does.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ChildReady } from './web-server-child';

/** Repository root. */
export const root = resolve(import.meta.dirname, '../..');
/** Where screenshots go. */
export const outDir = join(root, 'tests/output');
const CHROMIUM = '/usr/bin/chromium';
/**
 * Builds kept between test files and runs, one folder per content hash. Inside the repository
 * (git-ignored), so that the bundled server finds node_modules and the repository root
 * (src/services/samples/paths.ts) from its own location, as the desktop build does from
 * `.vite/build/`.
 */
const BUILD_CACHE = join(root, '.vite', 'e2e');
/** A cached build unused for this long is removed when another one is made. */
const BUILD_CACHE_MAX_AGE_MS = 24 * 3600_000;
/** The server's source entry. */
const SERVER_SOURCE = join(import.meta.dirname, 'web-server-child.ts');
/** Run the server from source through tsx instead of the bundle (see the file comment). */
const SERVER_FROM_SOURCE = process.env.RWB_E2E_SERVER === 'source';

/** Files under `dir` (recursively), sorted, as paths relative to `root`. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(relative(root, p));
  }
  return out.sort();
}

/** SHA-256 of the names and contents of everything the two builds read from the repository. */
function buildInputsHash(): string {
  const h = createHash('sha256');
  const files = [...filesUnder(join(root, 'renderer')), ...filesUnder(join(root, 'src')), relative(root, SERVER_SOURCE),
    'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
  for (const f of files) {
    h.update(f).update('\0');
    h.update(readFileSync(join(root, f))).update('\0');
  }
  return h.digest('hex').slice(0, 24);
}

/** Where the two builds are. */
interface Built {
  /** The built renderer (what `npm run build:renderer` writes to dist/renderer). */
  readonly rendererDir: string;
  /** web-server-child.ts bundled, with worker.js beside it. */
  readonly serverScript: string;
}

/**
 * The builds of the current sources: the cached ones when they exist, else a fresh
 * `vite build` of the renderer (vite.config.ts) and an SSR build of the server and the job
 * worker (the settings of vite.main.config.ts), moved into the cache in one rename (two test
 * files building at once both succeed; one copy is kept).
 */
async function built(): Promise<Built> {
  const dir = join(BUILD_CACHE, buildInputsHash());
  const result: Built = { rendererDir: join(dir, 'renderer'), serverScript: join(dir, 'server', 'server.js') };
  if (existsSync(join(dir, 'done'))) {
    const now = new Date();
    utimesSync(dir, now, now);
    return result;
  }
  mkdirSync(BUILD_CACHE, { recursive: true });
  const tmp = mkdtempSync(`${dir}.building-`);
  try {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(tmp, 'renderer'), emptyOutDir: true } });
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        ssr: true,
        outDir: join(tmp, 'server'),
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: {
          input: { server: SERVER_SOURCE, worker: join(root, 'src/services/jobs/worker.ts') },
          external: ['electron', 'better-sqlite3', /^node:/],
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
        },
      },
    });
    // A marker written last: a folder without it is not a finished build.
    writeFileSync(join(tmp, 'done'), '');
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Another test file put the same build there first.
    if (!existsSync(join(dir, 'done'))) throw e;
  }
  for (const name of readdirSync(BUILD_CACHE)) {
    const p = join(BUILD_CACHE, name);
    if (p !== dir && Date.now() - statSync(p).mtimeMs > BUILD_CACHE_MAX_AGE_MS) rmSync(p, { recursive: true, force: true });
  }
  return result;
}

/** A running web server child (see web-server-child.ts). */
interface ServerChild extends ChildReady {
  close(): Promise<void>;
}

/** Starts the web server child over `staticDir` and `userDir`; resolves once it listens. */
function startServerChild(serverScript: string, staticDir: string, userDir: string): Promise<ServerChild> {
  const child: ChildProcess = fork(SERVER_FROM_SOURCE ? SERVER_SOURCE : serverScript, [staticDir, userDir], {
    cwd: root,
    execArgv: SERVER_FROM_SOURCE ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((ready, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`the web server child exited before listening (code ${code}, signal ${signal})`)));
    child.once('message', (m) => {
      const { url, port } = m as ChildReady;
      ready({
        url,
        port,
        async close() {
          if (child.exitCode === null && child.signalCode === null) {
            if (child.connected) child.send('close');
            else child.kill('SIGTERM');
          }
          await exited;
        },
      });
    });
  });
}

/** A running app in a browser page. */
export interface WebApp {
  readonly page: Page;
  readonly browser: Browser;
  /** The app's address with the session token in the fragment. */
  readonly url: string;
  /** The loopback server's port. */
  readonly port: number;
  /** The service's user directory (its `projects` folder is what the Open project dialog lists). */
  readonly userDir: string;
  /** Console errors of the page, each followed by the script's address when it has one. */
  readonly consoleErrors: string[];
  /** Requests to anything but the loopback server. */
  readonly external: string[];
  close(): Promise<void>;
}

/** Options of {@link startWebApp}. */
export interface WebAppOptions {
  /** Open the app in the page and wait until the sample project is open (default true); false leaves the page blank. */
  readonly open?: boolean;
  /**
   * The browser's locale (default `en-US`, so the UI starts in English whatever the machine's
   * LANG is; `zh-CN` starts it in Chinese when nothing is remembered).
   */
  readonly locale?: string;
}

/** A started server over a fresh user directory (see {@link startServer}). */
interface StartedServer {
  readonly server: ServerChild;
  readonly userDir: string;
}

/** Makes a user directory and starts the web server child over the built renderer. */
async function startServer(): Promise<StartedServer> {
  const userDir = mkdtempSync(join(tmpdir(), 'rwb-e2e-'));
  try {
    const { rendererDir, serverScript } = await built();
    return { server: await startServerChild(serverScript, rendererDir, userDir), userDir };
  } catch (e) {
    rmSync(userDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Starts the web app and, unless `open` is false, opens it; resolves once the China sample
 * project is open (the session token gone from the address bar, the variable list shown).
 * `serverStart` is a server started earlier by {@link useWebApp} (default: started here).
 * @throws Error when Chromium is missing.
 */
export async function startWebApp(options: WebAppOptions = {}, serverStart: Promise<StartedServer> = startServer()): Promise<WebApp> {
  if (!existsSync(CHROMIUM)) {
    await serverStart.then(({ server, userDir }) => server.close().then(() => rmSync(userDir, { recursive: true, force: true })), () => undefined);
    throw new Error(`Chromium is not installed at ${CHROMIUM}; install Debian's chromium package (apt-get install chromium) to run the browser test.`);
  }
  // Chromium starts while the server (built renderer, then the child) does.
  const [serverDone, browserDone] = await Promise.allSettled([
    serverStart,
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    }),
  ]);
  if (serverDone.status === 'rejected' || browserDone.status === 'rejected') {
    if (serverDone.status === 'fulfilled') {
      await serverDone.value.server.close();
      rmSync(serverDone.value.userDir, { recursive: true, force: true });
    }
    if (browserDone.status === 'fulfilled') await browserDone.value.close();
    throw serverDone.status === 'rejected' ? serverDone.reason : (browserDone as PromiseRejectedResult).reason;
  }
  const { server, userDir } = serverDone.value;
  const browser: Browser = browserDone.value;
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: options.locale ?? 'en-US',
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text() + (m.location().url ? ` (${m.location().url})` : ''));
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.host !== `127.0.0.1:${server.port}`) external.push(r.url());
  });
  if (options.open ?? true) {
    await page.goto(server.url);
    await page.waitForFunction(() => !window.location.hash.includes('token='));
    await page.locator('.variable-list').waitFor({ timeout: 90_000 });
  }
  return {
    page,
    browser,
    url: server.url,
    port: server.port,
    userDir,
    consoleErrors,
    external,
    async close() {
      await browser.close();
      await server.close();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers a `beforeAll` that starts the web app (see {@link startWebApp}) and an `afterAll`
 * that closes it; returns the app, whose fields can be read once the `beforeAll` has run.
 * Call it at the top level of a test file or inside a `describe`. The web server starts at
 * once (while Vitest collects the file's tests); Chromium and the page in the `beforeAll`.
 */
export function useWebApp(options: WebAppOptions = {}): WebApp {
  const serverStart = startServer();
  // Awaited (and its failure reported) in the beforeAll; not an unhandled rejection before.
  serverStart.catch(() => undefined);
  let app: WebApp | undefined;
  const started = (): WebApp => {
    if (!app) throw new Error('the web app is not started yet (read before beforeAll)');
    return app;
  };
  beforeAll(async () => {
    app = await startWebApp(options, serverStart);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });
  return {
    get page() { return started().page; },
    get browser() { return started().browser; },
    get url() { return started().url; },
    get port() { return started().port; },
    get userDir() { return started().userDir; },
    get consoleErrors() { return started().consoleErrors; },
    get external() { return started().external; },
    close: () => started().close(),
  };
}
