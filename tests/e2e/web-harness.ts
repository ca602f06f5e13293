/**
 * Shared set-up of the browser tests of the Weights and Regression tabs: build the renderer
 * into a private folder, serve it with the loopback web server over a fresh user directory,
 * and open it in Debian Chromium (headless, SwiftShader WebGL) with downloads and the
 * clipboard allowed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { AppService } from '../../src/services/app-service';
import { createDispatcher } from '../../src/services/handlers';
import { startWebServer, type WebServer } from '../../src/services/web-server';

/** Repository root. */
export const root = resolve(import.meta.dirname, '../..');
/** Where screenshots go. */
export const outDir = join(root, 'tests/output');
const CHROMIUM = '/usr/bin/chromium';

/** A running app in a browser page. */
export interface WebApp {
  readonly page: Page;
  readonly consoleErrors: string[];
  /** Requests to anything but the loopback server. */
  readonly external: string[];
  close(): Promise<void>;
}

/**
 * Starts the web app and opens it; resolves once the China sample project is open.
 * @throws Error when Chromium is missing.
 */
export async function startWebApp(): Promise<WebApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; install Debian's chromium package (apt-get install chromium) to run the browser test.`);
  }
  const rendererDir = mkdtempSync(join(tmpdir(), 'rwb-e2e-renderer-'));
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  const userDir = mkdtempSync(join(tmpdir(), 'rwb-e2e-'));
  const service = new AppService({ mode: 'web', userDir, version: 'test' });
  const server: WebServer = await startWebServer({ dispatch: createDispatcher(service.handlers), port: 0, staticDir: rendererDir });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.host !== `127.0.0.1:${server.port}`) external.push(r.url());
  });
  await page.goto(server.url);
  await page.waitForFunction(() => !window.location.hash.includes('token='));
  await page.locator('.variable-list').waitFor({ timeout: 90_000 });
  return {
    page,
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
