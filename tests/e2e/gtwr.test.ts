/**
 * Browser test of the GTWR tab in web mode on the China sample project (31 provinces ×
 * 2008–2022): resilience on digital infrastructure, bisquare kernel, adaptive k and τ both
 * searched by AICc, periods 2008-2012, 2013-2017, 2018-2022. The fit shows the diagnostics
 * beside the global OLS, the bandwidth and τ profiles, the coefficient maps of the three periods
 * (small multiples with one legend), the group comparison chart (East / Central / West /
 * Northeast) and the per-region table; the maps export as PNG and the profile and group chart
 * as SVG, the table as .docx; the same screen in Chinese. Issue 12's additions: the two-way FE
 * column of the diagnostics (and its export), the Monte Carlo test of non-stationarity (19
 * permutations, seed 7) as a table, and the significance overlay of the maps (hatched regions
 * and a legend entry; off / local p / corrected p).
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
    // More options: the Monte Carlo test (19 permutations, seed 7); the years and the
    // locations keep their defaults (all years, centroids; capitals are offered).
    await page.getByTestId('gtwr-options').locator('summary').click();
    expect(await page.locator('#gtwr-from').inputValue()).toBe('2008');
    expect(await page.locator('#gtwr-to').inputValue()).toBe('2022');
    expect(await page.locator('#gtwr-locations option[value="points"]').isDisabled()).toBe(false);
    await page.locator('#gtwr-mc').fill('19');
    await page.locator('#gtwr-seed').fill('7');
    await page.getByTestId('gtwr-run').click();

    const diagnostics = page.getByTestId('gtwr-diagnostics');
    await diagnostics.waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('gtwr-summary').innerText()).toMatch(/^GTWR on 465 region-years: Bisquare kernel, bandwidth \d+ nearest region-years, τ = /);
    // GTWR and OLS side by side; the local model fits better by AICc and R².
    const row = async (name: string) => (await diagnostics.locator('tr', { hasText: name }).first().innerText()).split('\t').slice(1).map(Number);
    const [aiccG, aiccO] = await row('AICc');
    expect(aiccG).toBeLessThan(aiccO);
    const [r2G, r2O, r2F] = await row('R²');
    expect(r2G).toBeGreaterThan(r2O);
    expect(r2G).toBeLessThanOrEqual(1);
    // The two-way FE column: 31 + 15 − 1 effects and one slope = 46 parameters, 465 observations.
    expect(await diagnostics.locator('thead').innerText()).toContain('Two-way FE');
    expect(r2F).toBeGreaterThan(r2O);
    const [, parO, parF] = await row('Parameters (tr S)');
    expect([parO, parF]).toEqual([2, 46]);
    expect(await row('Observations')).toEqual([465, 465, 465]);
    const [, aiccO2, aiccF] = await row('AICc');
    expect(aiccO2).toBe(aiccO);
    expect(Number.isFinite(aiccF)).toBe(true);
    // The Monte Carlo table: one row per coefficient, p = (1 + m)/20.
    const mc = page.getByTestId('gtwr-monte-carlo');
    expect(await mc.locator('tbody tr').count()).toBe(2);
    const pDigital = Number((await mc.locator('tbody tr[data-coefficient="digital"] td').nth(2).innerText()));
    expect(pDigital).toBeGreaterThan(0);
    expect(pDigital).toBeLessThanOrEqual(1);
    expect(Math.abs(pDigital * 20 - Math.round(pDigital * 20))).toBeLessThan(0.03);
    expect(await mc.innerText()).toContain('19 permutations of the locations among the regions, seed 7');

    // Figures: profiles (searched bandwidth and τ), maps of three periods, group chart.
    for (const id of ['gtwr-profile', 'gtwr-tau-profile', 'gtwr-maps', 'gtwr-groups']) {
      await page.waitForSelector(`[data-testid="${id}"][data-ready="true"] svg`, { timeout: 60_000 });
    }
    const maps = page.getByTestId('gtwr-maps');
    // 31 provinces in each of the three panels.
    expect(await maps.locator('svg [data-region]').count()).toBeGreaterThanOrEqual(93);
    // The significance overlay (corrected p by default): hatched copies of the regions' paths
    // (no outline) and a legend entry; off removes both; the local p hatches no more regions.
    const hatched = () => maps.locator('svg path[stroke="none"][data-region][fill*="hatch"]').count();
    expect(await maps.getAttribute('data-significance')).toBe('corrected');
    const nCorrected = await hatched();
    expect(nCorrected).toBeGreaterThan(0);
    expect(await maps.locator('svg text', { hasText: /^Not significant$/ }).count()).toBe(1);
    await page.locator('#gtwr-significance').selectOption('off');
    await page.waitForSelector('[data-testid="gtwr-maps"][data-significance="off"][data-ready="true"] svg', { timeout: 60_000 });
    expect(await hatched()).toBe(0);
    expect(await maps.locator('svg text', { hasText: /^Not significant$/ }).count()).toBe(0);
    await page.locator('#gtwr-significance').selectOption('uncorrected');
    await page.waitForSelector('[data-testid="gtwr-maps"][data-significance="uncorrected"][data-ready="true"] svg', { timeout: 60_000 });
    expect(await hatched()).toBeLessThanOrEqual(nCorrected);
    await page.locator('#gtwr-significance').selectOption('corrected');
    await page.waitForSelector('[data-testid="gtwr-maps"][data-significance="corrected"][data-ready="true"] svg', { timeout: 60_000 });
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
    const [diagCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gtwr-export-diagnostics-csv').click()]);
    expect(diagCsv.suggestedFilename()).toBe('gtwr-diagnostics.csv');
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(await diagCsv.path(), 'utf8');
    expect(csv).toContain('Two-way FE');
    expect(csv).toContain(aiccF.toFixed(3));
    expect(csv).toContain('Monte Carlo non-stationarity p: digital');
    await shoot('docs/screenshot-gtwr.png');

    // In Chinese: the tab, the table and the figures are redrawn in Chinese.
    await page.locator('#language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByText('分时期系数地图', { exact: false }).count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid="gtwr-groups"][data-ready="true"] svg', { timeout: 60_000 });
    await expect.poll(() => groups.locator('svg text', { hasText: /^东部$/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('gtwr-diagnostics').innerText()).toContain('全局 OLS');
    expect(await page.getByTestId('gtwr-diagnostics').innerText()).toContain('双向固定效应');
    expect(await page.getByTestId('gtwr-monte-carlo').innerText()).toContain('非平稳性蒙特卡洛检验');
    await page.waitForSelector('[data-testid="gtwr-maps"][data-ready="true"] svg', { timeout: 60_000 });
    await expect.poll(() => maps.locator('svg text', { hasText: /^不显著$/ }).count(), { timeout: 30_000 }).toBe(1);
    await shoot('docs/screenshot-gtwr-zh.png');
    expect(app.consoleErrors).toEqual([]);
  }, 300_000);
});
