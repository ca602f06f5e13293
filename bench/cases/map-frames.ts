/**
 * Frame times of the interactive map with 3,000 regions (issue 9: "the interactive map of
 * 3,000 regions pans and zooms with frame times recorded in bench/results.json"). A synthetic
 * 60 × 50 grid of square regions (0.5° cells over 80–110°E, 20–45°N) and one variable for the
 * US sample's last year are imported into a temporary project (the US sample, in a fresh user
 * directory) through the app's own import channel; the renderer is built and served by the
 * loopback web server and opened in headless Debian Chromium (SwiftShader WebGL, as the browser
 * tests). With the grid layer on the map, the case drags the map (pan) and turns the wheel
 * (zoom in and out) while a requestAnimationFrame loop in the page records every frame
 * interval; then again with region names shown (the HTML label layer). Reported: median, p95
 * and max frame interval in milliseconds, and the frame count; `seconds` is the median frame.
 * Software WebGL on a shared 2-core machine: the numbers are an upper bound for a desktop GPU.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { AppService } from '../../src/services/handlers/app';
import { createDispatcher } from '../../src/services/handlers';
import { startWebServer } from '../../src/transport/web-server';
import { repoRoot } from '../../tests/helpers/paths';
import type { BenchCase } from '../run';

const CHROMIUM = '/usr/bin/chromium';
const COLS = 60;
const ROWS = 50;
const CELL = 0.5;

/** The grid as GeoJSON (code `g<row>_<col>`) and a long CSV of one variable in `year`. */
function grid(year: number): { geojson: string; csv: string } {
  const features: unknown[] = [];
  const lines = ['code,year,gridval'];
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const x = 80 + c * CELL;
      const y = 20 + r * CELL;
      const code = `g${r}_${c}`;
      features.push({
        type: 'Feature',
        properties: { code },
        geometry: { type: 'Polygon', coordinates: [[[x, y], [x + CELL, y], [x + CELL, y + CELL], [x, y + CELL], [x, y]]] },
      });
      // A smooth surface plus a deterministic ripple, so the classes vary across the map.
      lines.push(`${code},${year},${(Math.sin(r / 7) * Math.cos(c / 9) + ((r * 31 + c * 17) % 13) / 26).toFixed(6)}`);
    }
  }
  return { geojson: JSON.stringify({ type: 'FeatureCollection', features }), csv: lines.join('\n') };
}

/** Frame intervals (ms) while `act` runs in the page. */
async function frames(page: Page, act: () => Promise<void>): Promise<number[]> {
  // Scripts as text: tsx's transform would add helpers (__name) the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = 0;
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  })()`);
  await act();
  return page.evaluate<number[]>('(() => { window.__stop = true; return window.__frames; })()');
}

/** Pans (three drags) and zooms (wheel in, then out) over the map's centre. */
async function panAndZoom(page: Page): Promise<void> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of [[200, 0], [-150, 120], [-50, -120]]) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(cx + (dx * i) / 20, cy + (dy * i) / 20);
    await page.mouse.up();
  }
  for (const delta of [-120, -120, -120, -120, 120, 120, 120, 120]) {
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(120);
  }
  await page.waitForTimeout(300);
}

function stats(ms: number[]): { medianMs: number; p95Ms: number; maxMs: number; frames: number } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
  const r = (v: number) => Math.round(v * 10) / 10;
  return { medianMs: r(q(0.5)), p95Ms: r(q(0.95)), maxMs: r(s[s.length - 1]), frames: s.length };
}

export const cases: BenchCase[] = [
  {
    name: 'map-frames-3000-regions',
    async measure() {
      if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install chromium).`);
      const rendererDir = mkdtempSync(join(tmpdir(), 'rwb-bench-renderer-'));
      const userDir = mkdtempSync(join(tmpdir(), 'rwb-bench-'));
      await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
      const service = new AppService({ mode: 'web', userDir, version: 'bench' });
      const dispatch = createDispatcher(service.handlers);
      const call = async (channel: string, req: unknown) => {
        const env = (await dispatch(channel, req)) as { ok: boolean; value?: unknown; error?: { message: string } };
        if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
        return env.value;
      };
      const server = await startWebServer({ dispatch, port: 0, staticDir: rendererDir });
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless=new', '--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--no-first-run'],
      });
      try {
        const summary = (await call('project:openSample', { name: 'us-states' })) as { periods: number[] };
        const year = summary.periods[summary.periods.length - 1];
        const g = grid(year);
        const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
        await call('import:commit', {
          panel: { source: { name: 'grid.csv', dataBase64: b64(g.csv) }, id: 'code', time: 'year' },
          geometry: { sources: [{ name: 'grid.geojson', dataBase64: b64(g.geojson) }], key: 'code', layer: 'grid' },
        });
        const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })).newPage();
        await page.goto(server.url);
        await page.locator('.variable-list').waitFor({ timeout: 120_000 });
        await page.locator('.variable-list li', { hasText: 'gridval' }).click();
        await page.getByLabel('Boundary layer').selectOption('grid');
        await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 120_000 });
        await page.waitForTimeout(500);
        const plain = stats(await frames(page, () => panAndZoom(page)));
        await page.getByTestId('map-labels-toggle').check();
        await page.waitForTimeout(500);
        const labelled = stats(await frames(page, () => panAndZoom(page)));
        process.stderr.write(`map-frames: plain ${JSON.stringify(plain)}, with names ${JSON.stringify(labelled)}\n`);
        return { seconds: plain.medianMs / 1000, regions: COLS * ROWS, ...plain, withNames: labelled, renderer: 'headless Chromium, SwiftShader WebGL' };
      } finally {
        await browser.close();
        await server.close();
        service.close();
        rmSync(userDir, { recursive: true, force: true });
        rmSync(rendererDir, { recursive: true, force: true });
      }
    },
  },
];
