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

  /**
   * The map tooltip's text, '' when none is shown: one round trip per hovered point (the sweeps
   * below hover some 200 points), the same reading as `locator('.map-tooltip')` count + innerText.
   */
  const tooltipText = () => app.page.evaluate(() => document.querySelector<HTMLElement>('.map-tooltip')?.innerText ?? '');

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
      text = await tooltipText();
    }
    expect(text).toMatch(/[\u4e00-\u9fff]+ · [A-Z][a-z]+/);
    expect(text).toMatch(/resilience: 0\.\d+/);
  }, 60_000);

  it('fades regions outside the selected region group: their pixels turn the outside grey, the group keeps its colours', async () => {
    const canvas = app.page.locator('[data-testid="map"] canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the map canvas has no bounding box');
    const shot = async () => decodePng(await canvas.screenshot());
    const moveAway = async () => {
      await app.page.mouse.move(2, 2);
      await expect.poll(async () => app.page.locator('.map-tooltip').count(), { timeout: 5_000 }).toBe(0);
    };
    // Find points inside an East province and inside one of another group: hover a grid of
    // points and read the province's English name from the tooltip ("北京 · Beijing …").
    const found: { x: number; y: number; name: string }[] = [];
    for (let fy = 0.2; fy <= 0.85; fy += 0.05) {
      for (let fx = 0.15; fx <= 0.9; fx += 0.05) {
        const x = Math.round(box.width * fx);
        const y = Math.round(box.height * fy);
        await app.page.mouse.move(box.x + x, box.y + y);
        const tip = await tooltipText();
        if (!tip) continue;
        const name = /· ([A-Za-z][A-Za-z ]*[a-z])/.exec(tip)?.[1];
        if (name) found.push({ x, y, name });
      }
    }
    await moveAway();
    const all = await shot();
    const at = (img: typeof all, x: number, y: number) => {
      // Canvas screenshots are in device pixels; the viewport has device scale factor 1.
      const i = (Math.round(y * (img.height / box.height)) * img.width + Math.round(x * (img.width / box.width))) * 4;
      return [img.rgba[i], img.rgba[i + 1], img.rgba[i + 2]];
    };
    const dist = (a: number[], b: number[]) => Math.max(...a.map((v, k) => Math.abs(v - b[k])));
    // Interior points only: the same colour 3 px around (no border or label under the point).
    const interior = found.filter((p) => [[-3, 0], [3, 0], [0, -3], [0, 3]].every(([dx, dy]) => dist(at(all, p.x, p.y), at(all, p.x + dx, p.y + dy)) <= 2));
    // The NBS groups (国家统计局 东中西部和东北地区划分, 2011), as in the sample's region groups.
    const EAST = new Set(['Beijing', 'Tianjin', 'Hebei', 'Shanghai', 'Jiangsu', 'Zhejiang', 'Fujian', 'Shandong', 'Guangdong', 'Hainan']);
    const east = interior.filter((p) => EAST.has(p.name));
    const others = interior.filter((p) => !EAST.has(p.name));
    expect(east.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(2);

    await app.page.getByRole('button', { name: 'East', exact: true }).click();
    await app.page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    await moveAway();
    // Each point's colour once the East group is selected (polled: the repaint is asynchronous).
    await expect.poll(async () => {
      const img = await shot();
      return others.every((p) => dist(at(img, p.x, p.y), at(all, p.x, p.y)) > 6);
    }, { timeout: 10_000 }).toBe(true);
    const faded = await shot();
    await app.page.screenshot({ path: join(outDir, 'china-map-east.png') });
    // Every region outside the group has one colour, the outside grey (#eceff2) at opacity 0.7
    // over the map background; the East provinces keep palette colours, unlike that grey.
    const grey = at(faded, others[0].x, others[0].y);
    for (const p of others) expect({ name: p.name, d: dist(at(faded, p.x, p.y), grey) <= 3 }).toEqual({ name: p.name, d: true });
    const background = at(faded, 2, 2);
    const expected = [0xec, 0xef, 0xf2].map((c, k) => Math.round(0.7 * c + 0.3 * background[k]));
    expect(dist(grey, expected)).toBeLessThanOrEqual(4);
    for (const p of east) expect({ name: p.name, faded: dist(at(faded, p.x, p.y), grey) <= 10 }).toEqual({ name: p.name, faded: false });

    // "All" brings the colours back.
    await app.page.getByRole('button', { name: 'All', exact: true }).click();
    await app.page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    await expect.poll(async () => {
      const img = await shot();
      return [...east, ...others].every((p) => dist(at(img, p.x, p.y), at(all, p.x, p.y)) <= 3);
    }, { timeout: 10_000 }).toBe(true);
  }, 120_000);

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
