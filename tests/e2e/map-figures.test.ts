/**
 * Browser test of the map screens of issue 9 in web mode (Debian Chromium, headless): the
 * interactive map with natural breaks, offline region names and click-to-select linked to the
 * Data tab; Small multiples for three periods (one figure from `figure:map`, hover shows region
 * and value); the UI switched to Chinese (no catalogue English left, the figure's text in
 * Chinese); the Export dialog saving a PNG that equals the CLI's `rwb map` PNG for the same spec;
 * the Groups mode's charts and their export; the About dialog's credits. Screenshots go to
 * docs/screenshot-map-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { leaves } from '../helpers/i18n';
import { repoPath } from '../helpers/paths';
import { decodePng } from '../services/figures/png-decode';
import { useWebApp } from './web-harness';

const app = useWebApp({ open: false });
const work = mkdtempSync(join(tmpdir(), 'rwb-e2e-figures-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The open project's file (from the app's own project:openSample answer). */
let projectPath = '';

async function shot(name: string): Promise<void> {
  await app.page.screenshot({ path: repoPath('docs', `screenshot-map-${name}.png`) });
}

/** English catalogue pieces (≥ 5 characters, ≥ 3 letters) that differ from the Chinese text. */
function englishPieces(): string[] {
  const zh = new Map(leaves(zhCN));
  const zhText = [...zh.values()].join('\n');
  const out = new Set<string>();
  for (const [key, text] of leaves(en)) {
    if (key.startsWith('errors.') || key.endsWith('.unit') || zh.get(key) === text) continue;
    for (const piece of text.split(/\{\{[^}]*\}\}/)) {
      const p = piece.trim().replace(/^[(:·–—-]\s*|[\s(:·–—-]+$/g, '');
      if (p.length >= 5 && /[A-Za-z]{3}/.test(p) && !zhText.includes(p)) out.add(p);
    }
  }
  return [...out];
}

/**
 * Catalogue English in the page's own UI (visible text, titles, aria labels, placeholders,
 * options). The figures' SVG text is left out: it is the figure service's wording (checked to be
 * Chinese separately), and the project's variable label there is the stored English one.
 */
async function leftoverEnglish(): Promise<string[]> {
  const text = await app.page.evaluate(() => {
    const hidden: HTMLElement[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.figure-view')) {
      hidden.push(el);
      el.style.display = 'none';
    }
    const parts = [document.body.innerText];
    for (const el of hidden) el.style.display = '';
    for (const el of document.querySelectorAll('*')) {
      if (el.closest('.figure-view')) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
      if (el instanceof HTMLOptionElement) parts.push(el.text);
      if (el.tagName === 'text') parts.push(el.textContent ?? '');
    }
    return parts.join('\n');
  });
  return englishPieces().filter((s) => text.includes(s));
}

describe('web mode in Chromium: the map screens (issue 9)', () => {
  it('draws a natural-breaks choropleth with offline names and selects a region by click', async () => {
    const page = app.page;
    const opened = page.waitForResponse((r) => r.url().includes('/api/project%3AopenSample') || r.url().includes('/api/project:openSample'));
    await page.goto(app.url);
    const body = (await (await opened).json()) as { ok: boolean; value: { path: string } };
    expect(body.ok).toBe(true);
    projectPath = body.value.path;
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 90_000 });
    await page.locator('#class-method').selectOption('jenks');
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('.map-legend').innerText()).toContain('Natural breaks (Jenks)');

    await page.getByTestId('map-labels-toggle').check();
    await expect.poll(async () => Number(await page.getByTestId('map-labels').getAttribute('data-labels-shown')), { timeout: 10_000 }).toBeGreaterThan(10);
    const names = await page.locator('.map-label').evaluateAll((els) => els.filter((e) => (e as HTMLElement).style.visibility === 'visible').map((e) => e.textContent));
    expect(names).toContain('Sichuan');

    // Click where Sichuan's label is: the region under it is selected and outlined.
    const box = (await page.locator('.map-label', { hasText: /^Sichuan$/ }).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height + 6);
    await expect.poll(() => page.getByTestId('map').getAttribute('data-selected')).toBe('510000');
    expect(await page.getByTestId('selection-bar').innerText()).toContain('Sichuan');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 6);
    await page.locator('.map-tooltip').waitFor();
    await shot('interactive');

    // Choosing a region group draws the dissolved outlines of the four NBS regions (East thick).
    await page.locator('.group-filter').getByRole('button', { name: 'East', exact: true }).click();
    await expect.poll(() => page.getByTestId('map').getAttribute('data-outlines'), { timeout: 30_000 }).toBe('4');
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    await shot('outlines');
    await page.locator('.group-filter').getByRole('button', { name: 'All', exact: true }).click();

    // The selection follows to the Data tab.
    await page.getByRole('tab', { name: 'Data', exact: true }).click();
    await page.getByTestId('region-card').waitFor();
    expect(await page.getByTestId('region-card').locator('h3').textContent()).toContain('Selected region: Sichuan');
    await page.getByRole('tab', { name: 'Map', exact: true }).click();
    await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 30_000 });
    // The tab was rebuilt: natural breaks again for the small multiples.
    await page.locator('#class-method').selectOption('jenks');
  }, 180_000);

  it('shows small multiples for three periods from one figure, with hover values', async () => {
    const page = app.page;
    await page.getByTestId('map-mode-multiples').click();
    expect(await page.locator('#multiples-periods').inputValue()).toBe('2008-2012,2013-2017,2018-2022');
    await page.waitForSelector('[data-testid="multiples"][data-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('multiples').getAttribute('data-panels')).toBe('3');
    const figure = page.getByTestId('multiples-figure');
    // One legend for the three panels, and every region drawn in each panel.
    expect(await figure.locator('g[data-role="legend"]').count()).toBe(1);
    expect(await figure.locator('g[data-role="panel"]').count()).toBe(3);
    expect(await figure.locator('[data-region="510000"]').count()).toBeGreaterThanOrEqual(3);
    const path = figure.locator('g[data-role="panel"]').nth(1).locator('[data-region="510000"]').first();
    await path.hover();
    await page.locator('.map-tooltip').waitFor();
    const tip = await page.locator('.map-tooltip').innerText();
    expect(tip).toContain('Sichuan');
    expect(tip).toMatch(/2013.2017/);
    expect(tip).toMatch(/\d/);
    await shot('multiples');
  }, 120_000);

  it('switches the UI to Chinese: the mode, the controls and the figure text are Chinese', async () => {
    const page = app.page;
    await page.locator('#language-select').selectOption('zh-CN');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('map-mode-multiples').innerText()).toBe('多期对比');
    await page.waitForSelector('[data-testid="multiples"][data-ready="true"]', { timeout: 60_000 });
    const svgText = await page.getByTestId('multiples-figure').locator('text').allTextContents();
    expect(svgText.join(' ')).toMatch(/[\u4e00-\u9fff]/u);
    expect(await leftoverEnglish()).toEqual([]);
    await shot('multiples-zh');
  }, 120_000);

  it('exports a PNG from the dialog that equals the CLI\'s rwb map PNG for the same spec', async () => {
    const page = app.page;
    await page.getByTestId('map-export').click();
    await page.getByRole('dialog').waitFor();
    await expect.poll(() => page.getByTestId('export-preview').locator('svg').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('#fig-title').fill('经济韧性（模拟）');
    await page.locator('#fig-approval').fill('GS(2019)1822号');
    await expect.poll(() => page.getByTestId('export-preview').locator('text').allTextContents().then((t) => t.join(' ')), { timeout: 30_000 }).toContain('经济韧性（模拟）');
    expect(await leftoverEnglish()).toEqual([]);
    await shot('export-zh');

    const request = page.waitForRequest((r) => r.url().includes('figure%3AmapExport') || r.url().includes('figure:mapExport'));
    const download = page.waitForEvent('download');
    await page.getByTestId('export-save').click();
    const sent = JSON.parse((await request).postData() ?? '{}') as { spec: { classification?: { method?: string }; periods?: unknown[] }; format: string };
    expect(sent.format).toBe('png');
    expect(sent.spec.classification?.method).toBe('jenks');
    expect(sent.spec.periods).toHaveLength(3);
    const file = join(work, 'app.png');
    await (await download).saveAs(file);
    const appPng = readFileSync(file);
    const a = decodePng(appPng);
    // 160 × 120 mm at 300 DPI.
    expect([a.width, a.height]).toEqual([1890, 1417]);

    // The CLI, on the same project file, with the spec the app sent.
    const specFile = join(work, 'spec.json');
    writeFileSync(specFile, JSON.stringify(sent.spec));
    const cliFile = join(work, 'cli.png');
    execFileSync(process.execPath, [repoPath('bin', 'rwb.mjs'), 'map', '--project', projectPath, '--spec', specFile, '--out', cliFile], { stdio: 'pipe', timeout: 120_000 });
    const cliPng = readFileSync(cliFile);
    process.stderr.write(`export PNG vs rwb map PNG: ${appPng.equals(cliPng) ? 'same bytes' : 'bytes differ'} (${appPng.length} bytes)\n`);
    if (!appPng.equals(cliPng)) {
      // Same renderer, same spec: allow only anti-aliasing noise — under 0.1 % of pixels differ by more than 8 levels.
      const b = decodePng(cliPng);
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      let off = 0;
      for (let i = 0; i < a.rgba.length; i += 4) {
        if (Math.max(Math.abs(a.rgba[i] - b.rgba[i]), Math.abs(a.rgba[i + 1] - b.rgba[i + 1]), Math.abs(a.rgba[i + 2] - b.rgba[i + 2])) > 8) off++;
      }
      expect(off / (a.width * a.height)).toBeLessThan(0.001);
    }
    // The spec is kept in the project for reports (figure:save → figure:list).
    await page.getByTestId('export-keep').click();
    await expect.poll(() => page.getByTestId('export-kept').innerText(), { timeout: 30_000 }).toMatch(/^已存为图 \d+。$/);
    await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click();
  }, 240_000);

  it('draws the Groups charts (line, box, bar) and exports one as SVG', async () => {
    const page = app.page;
    await page.getByTestId('map-mode-groups').click();
    for (const kind of ['line', 'box', 'bar']) await page.waitForSelector(`[data-testid="group-chart-${kind}"][data-ready="true"]`, { timeout: 60_000 });
    const line = await page.getByTestId('group-chart-line').locator('text').allTextContents();
    expect(line.join(' ')).toContain('东部');
    const download = page.waitForEvent('download');
    await page.getByTestId('chart-export-line-svg').click();
    const file = join(work, 'chart.svg');
    await (await download).saveAs(file);
    expect(readFileSync(file, 'utf8')).toMatch(/^<\?xml|^<svg/);
    expect(await leftoverEnglish()).toEqual([]);
    await shot('groups-zh');
  }, 120_000);

  it('names the boundaries\' and the font\'s sources and licences in About, in both languages', async () => {
    const page = app.page;
    await page.getByTestId('about-button').click();
    const zh = await page.getByTestId('about-dialog').innerText();
    expect(zh).toContain('Apache ECharts 4.9');
    expect(zh).toContain('Apache License 2.0');
    expect(zh).toContain('SIL Open Font License 1.1');
    expect(zh).toContain('审图号');
    await shot('about-zh');
    await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click();
    await page.locator('#language-select').selectOption('en');
    await page.getByTestId('about-button').click();
    const enText = await page.getByTestId('about-dialog').innerText();
    expect(enText).toContain('US state boundaries');
    expect(enText).toContain('Noto Sans SC');
    expect(enText).toContain('BSD-3-Clause');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
  }, 60_000);

  it('requested nothing outside its own origin in all of the above, and logged no errors', () => {
    expect(app.external).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
