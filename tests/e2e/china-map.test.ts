/**
 * Browser test of web mode: build the renderer, serve it with the loopback server on a free port
 * and a temporary user directory, open it in Debian Chromium (headless, SwiftShader WebGL), let
 * it open the China sample project, wait for the map, check the canvas is not blank and the
 * simulated-data banner is visible, and save tests/output/china-map.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppService } from '../../src/services/app-service';
import { createDispatcher } from '../../src/services/handlers';
import { startWebServer, type WebServer } from '../../src/services/web-server';

const root = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const outDir = join(root, 'tests/output');

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) into RGBA pixels. */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Uint8Array } {
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG (bit depth or interlace)');
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? px[y * stride + x - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      px[y * stride + x] = (cur + pred) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = px[i * bpp];
    rgba[i * 4 + 1] = px[i * bpp + 1];
    rgba[i * 4 + 2] = px[i * bpp + 2];
    rgba[i * 4 + 3] = bpp === 4 ? px[i * bpp + 3] : 255;
  }
  return { width, height, rgba };
}

describe('web mode in Chromium: China sample on the map', () => {
  let server: WebServer;
  let service: AppService;
  let browser: Browser;
  let page: Page;
  let userDir: string;
  let rendererDir: string;
  const consoleErrors: string[] = [];
  const external: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}; install Debian's chromium package (apt-get install chromium) to run the browser test.`);
    }
    // Build into a private directory so a running `npm run web` (dist/renderer) is left alone.
    rendererDir = mkdtempSync(join(tmpdir(), 'rwb-e2e-renderer-'));
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
    userDir = mkdtempSync(join(tmpdir(), 'rwb-e2e-'));
    service = new AppService({ mode: 'web', userDir, version: 'test' });
    server = await startWebServer({ dispatch: createDispatcher(service.handlers), port: 0, staticDir: rendererDir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--enable-unsafe-swiftshader',
        '--use-angle=swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text() + (m.location().url ? ` (${m.location().url})` : ''));
    });
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.host !== `127.0.0.1:${server.port}`) external.push(r.url());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    service?.close();
    if (userDir) rmSync(userDir, { recursive: true, force: true });
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });

  it('opens the China sample, draws a coloured map, shows the simulated-data banner', async () => {
    await page.goto(server.url);
    // The token is taken from the fragment and removed from the address bar.
    await page.waitForFunction(() => !window.location.hash.includes('token='));
    const map = page.locator('[data-testid="map"]');
    await map.waitFor({ state: 'attached' });
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 90_000 });

    const banner = page.getByTestId('simulated-banner');
    await expect(banner.isVisible()).resolves.toBe(true);
    expect(await banner.innerText()).toContain('Simulated demonstration data — not real statistics');
    // The left panel lists the simulated variables with labels.
    expect(await page.locator('.variable-list').innerText()).toContain('Economic resilience index');

    const canvas = page.locator('[data-testid="map"] canvas');
    const png = await canvas.screenshot();
    const { width, height, rgba } = decodePng(png);
    const colours = new Map<number, number>();
    for (let i = 0; i < width * height; i++) {
      const key = (rgba[i * 4] << 16) | (rgba[i * 4 + 1] << 8) | rgba[i * 4 + 2];
      colours.set(key, (colours.get(key) ?? 0) + 1);
    }
    // Background plus at least the 5 class colours (and anti-aliased borders): far more than a blank canvas.
    const frequent = [...colours.values()].filter((n) => n > 200).length;
    expect(frequent).toBeGreaterThan(5);
    // The background (#f4f6f8) does not fill the canvas: provinces were drawn.
    const bg = colours.get((0xf4 << 16) | (0xf6 << 8) | 0xf8) ?? 0;
    expect(bg / (width * height)).toBeLessThan(0.8);

    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'china-map.png') });
    expect(readFileSync(join(outDir, 'china-map.png')).length).toBeGreaterThan(10_000);
    expect(external).toEqual([]);
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }, 120_000);

  it('shows a tooltip with the Chinese and English name and the value on hover', async () => {
    const box = await page.locator('[data-testid="map"] canvas').boundingBox();
    if (!box) throw new Error('the map canvas has no bounding box');
    // Sweep across the middle of the map until a province is under the cursor.
    let text = '';
    for (let fx = 0.45; fx <= 0.8 && !text; fx += 0.05) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.55);
      const tip = page.locator('.map-tooltip');
      if (await tip.count()) text = await tip.innerText();
    }
    expect(text).toMatch(/[\u4e00-\u9fff]+ · [A-Z][a-z]+/);
    expect(text).toMatch(/resilience: 0\.\d+/);
  }, 60_000);

  it('fades regions outside the selected region group', async () => {
    await page.getByRole('button', { name: 'East', exact: true }).click();
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    await page.screenshot({ path: join(outDir, 'china-map-east.png') });
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
  }, 60_000);

  it('Import dialog: a duplicated (id, year) row is reported with its rows and Commit stays disabled', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const csv = 'code,year,score\n110000,2010,1.5\n110000,2010,1.7\n120000,2010,2\n';
    await page.getByLabel('Panel file').setInputFiles({ name: 'dup.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The dialog reads the CSV header and offers its columns.
    await page.locator('select#imp-id').waitFor({ timeout: 10_000 });
    await page.locator('#imp-id').selectOption('code');
    await page.locator('#imp-time').selectOption('year');
    await page.getByRole('button', { name: 'Preview' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    const text = await report.innerText();
    expect(text).toContain('Fix the errors below before importing; nothing has been written.');
    expect(text).toContain('dup.csv: duplicate (110000, 2010) at rows 2 and 3');
    expect(await page.getByRole('button', { name: 'Commit' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(outDir, 'import-dialog.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
  }, 60_000);

  it('Derived-variable dialog: log(pgdp) becomes a new variable on the map', async () => {
    await page.getByRole('button', { name: 'Derived variable…' }).click();
    await page.locator('#derive-name').fill('ln_pgdp');
    await page.locator('#derive-expr').fill('log(pgdp)');
    await page.locator('#derive-label').fill('Log per-capita GDP');
    await page.getByRole('button', { name: 'Create variable' }).click();
    const item = page.locator('.variable-list li.selected');
    await expect.poll(async () => item.innerText(), { timeout: 30_000 }).toContain('Log per-capita GDP');
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('.map-legend').innerText()).toContain('ln_pgdp');
    // A bad expression is explained in a sentence.
    await page.getByRole('button', { name: 'Derived variable…' }).click();
    await page.locator('#derive-name').fill('bad');
    await page.locator('#derive-expr').fill('log(pgpd)');
    await page.getByRole('button', { name: 'Create variable' }).click();
    const alert = page.locator('.modal [role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('unknown column "pgpd"');
    await page.getByRole('button', { name: 'Cancel' }).click();
  }, 60_000);

  it('switches to the US states sample (real data): the map redraws and the simulated-data banner goes away', async () => {
    await page.locator('#sample-select').selectOption('us-states');
    await expect.poll(async () => page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('us-states');
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('simulated-banner').count()).toBe(0);
    await page.screenshot({ path: join(outDir, 'us-map.png') });
    await page.locator('#sample-select').selectOption('china-provinces');
    await expect.poll(async () => page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('china-provinces');
    await page.getByTestId('simulated-banner').waitFor();
  }, 120_000);

  it('without the session token the page says how to get in', async () => {
    const other = await browser.newPage();
    await other.goto(`http://127.0.0.1:${server.port}/`);
    const alert = other.locator('.error-banner[role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('Missing or wrong session token; open the URL printed by `npm run web`.');
    await other.close();
  }, 60_000);

  it('shows the descriptive-statistics table on the Data tab', async () => {
    await page.getByRole('tab', { name: 'Data' }).click();
    const table = page.getByTestId('describe-table');
    await table.waitFor({ timeout: 30_000 });
    const text = await table.innerText();
    expect(text).toContain('resilience');
    expect(text).toContain('465'); // 31 provinces × 15 years
    await page.screenshot({ path: join(outDir, 'china-data.png') });
  }, 60_000);
});
