/**
 * Browser test of the Spatial autocorrelation tab in web mode on the China sample project: two
 * saved matrices (queen, kNN 4) give the per-year Moran table with a column each (queen leaves
 * Hainan out and says so), the table downloads as .docx; LISA for every year draws the cluster
 * map with a legend of counts, the Moran scatterplot (a click on a point selects the region on
 * the map) and the transition table; the year slider moves; the same screen in Chinese.
 * Screenshots: tests/output/esda-view.png, esda-view-zh.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outDir, useWebApp } from './web-harness';

const app = useWebApp();

async function build(type: string, name: string, k?: number): Promise<void> {
  await app.page.locator('#w-type').selectOption(type);
  if (k !== undefined) await app.page.locator('#w-k').fill(String(k));
  await app.page.locator('#w-name').fill(name);
  await app.page.getByRole('button', { name: 'Build and save' }).click();
  await app.page.getByTestId('weights-list').getByText(name, { exact: true }).first().waitFor({ timeout: 30_000 });
}

describe('web mode in Chromium: the Spatial autocorrelation tab', () => {
  it('per-year Moran table under two matrices, LISA map, scatterplot, transitions, in English and Chinese', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Weights' }).click();
    await page.getByTestId('weights-tab').waitFor();
    await build('queen', 'queen');
    await build('knn', 'knn4', 4);

    await page.getByRole('tab', { name: 'Spatial autocorrelation' }).click();
    await page.getByTestId('esda-panel').waitFor();
    await page.locator('#esda-var').selectOption('resilience');
    await page.locator('#esda-perm').fill('199');
    const boxes = page.locator('.esda-matrices input[type="checkbox"]');
    for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).uncheck();
    await page.getByRole('checkbox', { name: /^queen \(/ }).check();
    await page.getByRole('checkbox', { name: /^knn4 \(/ }).check();
    await page.getByTestId('esda-run-global').click();
    const table = page.getByTestId('esda-global-table');
    await table.waitFor({ timeout: 60_000 });
    const head = await table.locator('thead tr').nth(1).innerText();
    expect(head).toContain('queen');
    expect(head).toContain('knn4');
    // One row per year of the sample (2008–2022).
    expect(await table.locator('tbody tr').count()).toBe(15);
    expect(await table.locator('tbody tr').first().innerText()).toMatch(/^2008\s+-?\d\.\d{3}\**\s*\(-?\d\.\d{3}\)/);
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esda-export-docx').click()]);
    expect(docx.suggestedFilename()).toBe('moran-resilience.docx');

    await page.locator('#esda-localw').selectOption('knn4');
    await page.getByTestId('esda-run-local').click();
    await page.getByTestId('moran-scatter').waitFor({ timeout: 60_000 });
    await page.waitForSelector('[data-testid="lisa-map"] [data-map-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('esda-year').innerText()).toBe('2022');
    // The legend counts add up to the 31 provinces.
    let total = 0;
    for (const c of ['HH', 'LL', 'LH', 'HL', 'ns']) {
      const m = /\((\d+)\)/.exec(await page.getByTestId(`lisa-legend-${c}`).innerText());
      total += Number(m?.[1] ?? NaN);
    }
    expect(total).toBe(31);
    expect(await page.locator('[data-testid="moran-scatter"] circle[data-region]').count()).toBe(31);
    expect(await page.getByTestId('esda-transitions').locator('tbody tr').count()).toBe(4);

    // A click on a point selects that region (the map outlines it, the point grows).
    const point = page.locator('[data-testid="moran-scatter"] circle[data-region="110000"]');
    await point.click();
    await expect.poll(() => point.getAttribute('r')).toBe('6');

    // Figure exports from the figure engine: LISA small multiples (PNG) and the scatterplot (SVG).
    await page.locator('#esda-fig-years').fill('2008,2015,2022');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esda-export-lisa').click()]);
    expect(png.suggestedFilename()).toMatch(/^lisa-map-resilience-2008_2015_2022\.png$/);
    await page.getByLabel('Figure format').selectOption('svg');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('esda-export-scatter').click()]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);

    // The slider moves the year.
    await page.locator('#esda-year').fill('0');
    await expect.poll(() => page.getByTestId('esda-year').innerText()).toBe('2008');
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'esda-view.png'), fullPage: true });

    // Local G_i* hot spots, and the bivariate LISA of resilience against the lag of digital.
    await page.locator('#esda-localstat').selectOption('getis-star');
    await page.getByTestId('esda-run-local').click();
    await expect.poll(() => page.getByTestId('lisa-legend-HH').innerText(), { timeout: 60_000 }).toMatch(/^Hot spot \(\d+\)$/);
    expect(await page.getByTestId('lisa-legend-LH').count()).toBe(0);
    await page.locator('#esda-localstat').selectOption('bivariate');
    await page.locator('#esda-second').selectOption('digital');
    await page.getByTestId('esda-run-local').click();
    await expect.poll(() => page.getByTestId('lisa-legend-LH').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('#esda-localstat').selectOption('moran');
    await page.getByTestId('esda-run-local').click();
    await page.getByTestId('moran-scatter').waitFor({ timeout: 60_000 });

    // In Chinese.
    await page.locator('#language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('tab', { name: '空间自相关' }).count()).toBe(1);
    expect(await page.getByText('莫兰散点图', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('lisa-legend-HH').innerText()).toMatch(/^高-高 \(\d+\)$/);
    await page.screenshot({ path: join(outDir, 'esda-view-zh.png'), fullPage: true });
  }, 240_000);
});
