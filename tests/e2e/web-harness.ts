/**
 * Shared set-up of the browser tests (China map, Weights and Regression tabs): build the
 * renderer into a private folder (so a running `npm run web` keeps dist/renderer), serve it
 * with the loopback web server on a free port over a fresh user directory, and open it in
 * Debian Chromium (headless, SwiftShader WebGL) with downloads and the clipboard allowed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { AppService } from '../../src/services/handlers/app';
import { createDispatcher } from '../../src/services/handlers';
import { startWebServer, type WebServer } from '../../src/transport/web-server';

/** Repository root. */
export const root = resolve(import.meta.dirname, '../..');
/** Where screenshots go. */
export const outDir = join(root, 'tests/output');
const CHROMIUM = '/usr/bin/chromium';

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

/**
 * Starts the web app and, unless `open` is false, opens it; resolves once the China sample
 * project is open (the session token gone from the address bar, the variable list shown).
 * @throws Error when Chromium is missing.
 */
export async function startWebApp(options: WebAppOptions = {}): Promise<WebApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; install Debian's chromium package (apt-get install chromium) to run the browser test.`);
  }
  const rendererDir = mkdtempSync(join(tmpdir(), 'rwb-e2e-renderer-'));
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  const userDir = mkdtempSync(join(tmpdir(), 'rwb-e2e-'));
  const service = new AppService({ mode: 'web', userDir, version: 'test' });
  const server: WebServer = await startWebServer({ dispatch: createDispatcher(service.handlers), port: 0, staticDir: rendererDir, uploads: service.uploads });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
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
      service.close();
      rmSync(userDir, { recursive: true, force: true });
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers a `beforeAll` that starts the web app (see {@link startWebApp}) and an `afterAll`
 * that closes it; returns the app, whose fields can be read once the `beforeAll` has run.
 * Call it at the top level of a test file or inside a `describe`.
 */
export function useWebApp(options: WebAppOptions = {}): WebApp {
  let app: WebApp | undefined;
  const started = (): WebApp => {
    if (!app) throw new Error('the web app is not started yet (read before beforeAll)');
    return app;
  };
  beforeAll(async () => {
    app = await startWebApp(options);
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
