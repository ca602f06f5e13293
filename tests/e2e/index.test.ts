/**
 * Browser test of the Index tab in web mode on the China sample project: an entropy-TOPSIS
 * resilience index with two criterion layers (Resistance, Recovery; gov as a cost indicator),
 * the weights table (six indicators, weights summing to 1, each layer's weight = the sum of its
 * indicators'), the .docx export of the table, the index saved as a variable and mapped for
 * three periods (small multiples with shared breaks) beside its region-group chart, a saved
 * recipe re-opened, the coupling coordination of the index with digital, and the screen in
 * Chinese. Screenshots: docs/screenshot-index.png, docs/screenshot-index-coupling.png,
 * docs/screenshot-index-zh.png.
 */
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/paths';
import { useWebApp } from './web-harness';

const app = useWebApp();

describe('web mode in Chromium: the Index tab', () => {
  it('builds an entropy-TOPSIS index with two layers, shows and exports the weights table, maps three periods', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Index' }).click();
    await page.getByTestId('index-panel').waitFor();
    const rows = page.getByTestId('index-indicators').locator('tbody tr');
    expect(await rows.count()).toBe(6);
    for (let k = 0; k < 6; k++) await rows.nth(k).getByLabel('Criterion layer').fill(k < 3 ? 'Resistance' : 'Recovery');
    const gov = rows.filter({ has: page.locator('input[value="gov"]') });
    await gov.getByLabel('Direction').selectOption('-');
    await page.locator('#index-weights').selectOption('entropy');
    await page.locator('#index-aggregate').selectOption('topsis');
    await page.getByRole('button', { name: 'Build index' }).click();

    const table = page.getByTestId('index-weights-table');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Criterion layer', 'Indicator', 'Direction', 'Weight in layer', 'Weight']);
    const body = table.locator('tbody tr');
    expect(await body.count()).toBe(6);
    const weights = (await body.locator('td:last-child').allInnerTexts()).map(Number);
    expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(6e-4);
    expect(await body.nth(0).locator('td').first().innerText()).toMatch(/^Resistance \(0\.\d{4}\)$/);
    expect(await body.nth(3).locator('td').first().innerText()).toMatch(/^Recovery \(0\.\d{4}\)$/);
    expect(await table.locator('tr[data-indicator="gov"] td').nth(2).innerText()).toBe('−');
    expect(await page.getByTestId('index-robustness').locator('tbody tr').count()).toBe(5);
    expect(await page.getByTestId('index-describe').locator('tbody tr').first().innerText()).toMatch(/^Index\s+465\s/);

    const [docx] = await Promise.all([page.waitForEvent('download'), page.locator('.index-results button[data-format="docx"]').click()]);
    expect(docx.suggestedFilename()).toBe('index-weights.docx');

    // Saved as a project variable with its recipe, then mapped for three periods.
    await page.locator('#index-variable').fill('res_index');
    await page.getByTestId('index-save-variable').click();
    await page.getByTestId('index-maps').waitFor({ timeout: 60_000 });
    expect(await page.locator('#index-periods').inputValue()).toBe('2008, 2015, 2022');
    await page.waitForSelector('[data-testid="index-maps"] [data-testid="multiples"][data-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('multiples').getAttribute('data-panels')).toBe('3');
    await expect.poll(() => page.locator('#index-recipe option').allInnerTexts()).toContain('res_index → variable res_index');
    await page.getByTestId('index-maps').scrollIntoViewIfNeeded();
    await page.screenshot({ path: repoPath('docs', 'screenshot-index.png'), fullPage: true });

    // Coupling coordination of the saved index with digital: C, T, D and the level, 31 provinces.
    await page.locator('#index-measure').selectOption('coupling');
    await page.locator('#index-u1').selectOption('res_index');
    await page.locator('#index-u2').selectOption('digital');
    await page.getByRole('button', { name: 'Compute' }).click();
    const coupling = page.getByTestId('index-measure-table');
    await coupling.waitFor({ timeout: 30_000 });
    expect(await coupling.locator('tbody tr').count()).toBe(31);
    expect(await coupling.locator('tbody tr').first().locator('td').last().innerText()).toMatch(/disorder|coordinat/);
    await page.getByTestId('index-measures').screenshot({ path: repoPath('docs', 'screenshot-index-coupling.png') });

    // Re-open the saved recipe after changing the editor: the layers and directions come back.
    await page.locator('#index-weights').selectOption('critic');
    await page.locator('#index-recipe').selectOption('res_index');
    expect(await page.locator('#index-weights').inputValue()).toBe('entropy');
    expect(await gov.getByLabel('Direction').inputValue()).toBe('-');

    await page.locator('#language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('tab', { name: '综合指数' }).count()).toBe(1);
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['准则层', '指标层', '属性', '层内权重', '权重']);
    await page.screenshot({ path: repoPath('docs', 'screenshot-index-zh.png'), fullPage: true });
  }, 300_000);
});
