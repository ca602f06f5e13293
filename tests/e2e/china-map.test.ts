/**
 * Browser test of web mode: build the renderer, serve it with the loopback server on a free port
 * and a temporary user directory, open it in Debian Chromium (headless, SwiftShader WebGL), let
 * it open the China sample project, wait for the map, check the canvas is not blank and the
 * simulated-data banner is visible, and save tests/output/china-map.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { outDir, useWebApp } from './web-harness';

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
  // The page stays blank: the first test opens the app and checks what happens on the way.
  const app = useWebApp({ open: false });

  it('opens the China sample, draws a coloured map, shows the simulated-data banner', async () => {
    await app.page.goto(app.url);
    // The token is taken from the fragment and removed from the address bar.
    await app.page.waitForFunction(() => !window.location.hash.includes('token='));
    const map = app.page.locator('[data-testid="map"]');
    await map.waitFor({ state: 'attached' });
    await app.page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 90_000 });

    const banner = app.page.getByTestId('simulated-banner');
    await expect(banner.isVisible()).resolves.toBe(true);
    expect(await banner.innerText()).toContain('Simulated demonstration data — not real statistics');
    // The left panel lists the simulated variables with labels.
    expect(await app.page.locator('.variable-list').innerText()).toContain('Economic resilience index');

    const canvas = app.page.locator('[data-testid="map"] canvas');
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
    await app.page.screenshot({ path: join(outDir, 'china-map.png') });
    expect(readFileSync(join(outDir, 'china-map.png')).length).toBeGreaterThan(10_000);
    expect(app.external).toEqual([]);
    expect(app.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }, 120_000);

  it('shows a tooltip with the Chinese and English name and the value on hover', async () => {
    const box = await app.page.locator('[data-testid="map"] canvas').boundingBox();
    if (!box) throw new Error('the map canvas has no bounding box');
    // Sweep across the middle of the map until a province is under the cursor.
    let text = '';
    for (let fx = 0.45; fx <= 0.8 && !text; fx += 0.05) {
      await app.page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.55);
      const tip = app.page.locator('.map-tooltip');
      if (await tip.count()) text = await tip.innerText();
    }
    expect(text).toMatch(/[\u4e00-\u9fff]+ · [A-Z][a-z]+/);
    expect(text).toMatch(/resilience: 0\.\d+/);
  }, 60_000);

  it('fades regions outside the selected region group', async () => {
    await app.page.getByRole('button', { name: 'East', exact: true }).click();
    await app.page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    await app.page.screenshot({ path: join(outDir, 'china-map-east.png') });
    await app.page.getByRole('button', { name: 'All', exact: true }).click();
    await app.page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
  }, 60_000);

  it('Import dialog: a duplicated (id, year) row is reported with its rows and Commit stays disabled', async () => {
    await app.page.getByRole('button', { name: 'Import…' }).click();
    const csv = 'code,year,score\n110000,2010,1.5\n110000,2010,1.7\n120000,2010,2\n';
    await app.page.getByLabel('Panel file').setInputFiles({ name: 'dup.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The dialog reads the CSV header and offers its columns.
    await app.page.locator('select#imp-id').waitFor({ timeout: 10_000 });
    await app.page.locator('#imp-id').selectOption('code');
    await app.page.locator('#imp-time').selectOption('year');
    await app.page.getByRole('button', { name: 'Preview' }).click();
    const report = app.page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    const text = await report.innerText();
    expect(text).toContain('Fix the errors below before importing; nothing has been written.');
    expect(text).toContain('dup.csv: duplicate (110000, 2010) at rows 2 and 3');
    expect(await app.page.getByRole('button', { name: 'Commit' }).isDisabled()).toBe(true);
    await app.page.screenshot({ path: join(outDir, 'import-dialog.png') });
    await app.page.getByRole('button', { name: 'Cancel' }).click();
  }, 60_000);

  it('Derived-variable dialog: log(pgdp) becomes a new variable on the map', async () => {
    await app.page.getByRole('button', { name: 'Derived variable…' }).click();
    await app.page.locator('#derive-name').fill('ln_pgdp');
    await app.page.locator('#derive-expr').fill('log(pgdp)');
    await app.page.locator('#derive-label').fill('Log per-capita GDP');
    await app.page.getByRole('button', { name: 'Create variable' }).click();
    const item = app.page.locator('.variable-list li.selected');
    await expect.poll(async () => item.innerText(), { timeout: 30_000 }).toContain('Log per-capita GDP');
    await app.page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    expect(await app.page.locator('.map-legend').innerText()).toContain('ln_pgdp');
    // A bad expression is explained in a sentence.
    await app.page.getByRole('button', { name: 'Derived variable…' }).click();
    await app.page.locator('#derive-name').fill('bad');
    await app.page.locator('#derive-expr').fill('log(pgpd)');
    await app.page.getByRole('button', { name: 'Create variable' }).click();
    const alert = app.page.locator('.modal [role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('unknown column "pgpd"');
    await app.page.getByRole('button', { name: 'Cancel' }).click();
  }, 60_000);

  it('switches to the US states sample (real data): the map redraws and the simulated-data banner goes away', async () => {
    await app.page.locator('#sample-select').selectOption('us-states');
    await expect.poll(async () => app.page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('us-states');
    await app.page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
    expect(await app.page.getByTestId('simulated-banner').count()).toBe(0);
    await app.page.screenshot({ path: join(outDir, 'us-map.png') });
    await app.page.locator('#sample-select').selectOption('china-provinces');
    await expect.poll(async () => app.page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('china-provinces');
    await app.page.getByTestId('simulated-banner').waitFor();
  }, 120_000);

  it('without the session token the page says how to get in', async () => {
    const other = await app.browser.newPage();
    await other.goto(`http://127.0.0.1:${app.port}/`);
    const alert = other.locator('.error-banner[role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain('Missing or wrong session token; open the URL printed by `npm run web`.');
    await other.close();
  }, 60_000);

  it('shows the descriptive-statistics table on the Data tab', async () => {
    await app.page.getByRole('tab', { name: 'Data' }).click();
    const table = app.page.getByTestId('describe-table');
    await table.waitFor({ timeout: 30_000 });
    const text = await table.innerText();
    expect(text).toContain('resilience');
    expect(text).toContain('465'); // 31 provinces × 15 years
    await app.page.screenshot({ path: join(outDir, 'china-data.png') });
  }, 60_000);
});
