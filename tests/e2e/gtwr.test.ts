/**
 * Browser test of the GTWR tab in web mode on the China sample project (31 provinces ×
 * 2008–2022): resilience on digital infrastructure, bisquare kernel, adaptive k and τ both
 * searched by AICc, periods 2008-2012, 2013-2017, 2018-2022. The fit shows the diagnostics
 * beside the global OLS, the bandwidth and τ profiles, the coefficient maps of the three periods
 * (small multiples with one legend), the group comparison chart (East / Central / West /
 * Northeast) and the per-region table; the maps export as PNG and the profile and group chart
 * as SVG, the table as .docx; the same screen in Chinese.
 * Screenshots: docs/screenshot-gtwr.png, docs/screenshot-gtwr-zh.png.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, useWebApp } from './web-harness';

const app = useWebApp();

/** A screenshot of the whole tab: a tall window, the panel scrolled to its top. */
async function shoot(path: string): Promise<void> {
  await app.page.setViewportSize({ width: 1400, height: 2000 });
  await app.page.getByTestId('gtwr-panel').evaluate((el) => { el.scrollTop = 0; el.closest('main')?.scrollTo(0, 0); });
  await app.page.screenshot({ path: join(root, path) });
  await app.page.setViewportSize({ width: 1400, height: 900 });
}

describe('web mode in Chromium: the GTWR tab', () => {
  it('fits GTWR on the China sample and shows diagnostics, profiles, period maps, group chart and table, in English and Chinese', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'GTWR' }).click();
    await page.getByTestId('gtwr-panel').waitFor();
    await page.locator('#gtwr-y').selectOption('resilience');
    const boxes = page.getByTestId('gtwr-x').locator('input[type="checkbox"]');
    for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).uncheck();
    await page.getByTestId('gtwr-x').getByText('Digital infrastructure', { exact: false }).first().click();
    expect(await page.locator('#gtwr-periods').inputValue()).toBe('2008-2012,2013-2017,2018-2022');
    await page.getByTestId('gtwr-run').click();

    const diagnostics = page.getByTestId('gtwr-diagnostics');
    await diagnostics.waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('gtwr-summary').innerText()).toMatch(/^GTWR on 465 region-years: Bisquare kernel, bandwidth \d+ nearest region-years, τ = /);
    // GTWR and OLS side by side; the local model fits better by AICc and R².
    const row = async (name: string) => (await diagnostics.locator('tr', { hasText: name }).first().innerText()).split('\t').slice(1).map(Number);
    const [aiccG, aiccO] = await row('AICc');
    expect(aiccG).toBeLessThan(aiccO);
    const [r2G, r2O] = await row('R²');
    expect(r2G).toBeGreaterThan(r2O);
    expect(r2G).toBeLessThanOrEqual(1);

    // Figures: profiles (searched bandwidth and τ), maps of three periods, group chart.
    for (const id of ['gtwr-profile', 'gtwr-tau-profile', 'gtwr-maps', 'gtwr-groups']) {
      await page.waitForSelector(`[data-testid="${id}"][data-ready="true"] svg`, { timeout: 60_000 });
    }
    const maps = page.getByTestId('gtwr-maps');
    // 31 provinces in each of the three panels.
    expect(await maps.locator('svg [data-region]').count()).toBeGreaterThanOrEqual(93);
    for (const p of ['2008–2012', '2013–2017', '2018–2022']) expect(await maps.locator('svg text', { hasText: p }).count()).toBeGreaterThan(0);
    const groups = page.getByTestId('gtwr-groups');
    for (const g of ['East', 'Central', 'West', 'Northeast']) expect(await groups.locator('svg text', { hasText: new RegExp(`^${g}$`) }).count()).toBe(1);
    // The per-region table: 31 rows, three periods.
    const table = page.getByTestId('gtwr-region-table');
    expect(await table.locator('tbody tr').count()).toBe(31);
    expect(await table.locator('thead tr').first().innerText()).toContain('2018–2022');

    // A click on a table row selects the region, and the map outlines it.
    await table.locator('tbody tr[data-region="110000"]').click();
    await expect.poll(() => maps.locator('.figure-selected').count()).toBeGreaterThan(0);

    // Exports: maps as PNG, profile and group chart as SVG, the table as .docx.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gtwr-export-maps').click()]);
    expect(png.suggestedFilename()).toBe('gtwr-maps-digital.png');
    await page.getByLabel('Figure format').selectOption('svg');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gtwr-export-profile').click()]);
    expect(svg.suggestedFilename()).toBe('gtwr-bandwidth-profile.svg');
    const [groupSvg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gtwr-export-groups').click()]);
    expect(groupSvg.suggestedFilename()).toBe('gtwr-groups-digital.svg');
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gtwr-export-docx').click()]);
    expect(docx.suggestedFilename()).toBe('gtwr-regions-digital.docx');
    await shoot('docs/screenshot-gtwr.png');

    // In Chinese: the tab, the table and the figures are redrawn in Chinese.
    await page.locator('#language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByText('分时期系数地图', { exact: false }).count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid="gtwr-groups"][data-ready="true"] svg', { timeout: 60_000 });
    await expect.poll(() => groups.locator('svg text', { hasText: /^东部$/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('gtwr-diagnostics').innerText()).toContain('全局 OLS');
    await shoot('docs/screenshot-gtwr-zh.png');
    expect(app.consoleErrors).toEqual([]);
  }, 300_000);
});
