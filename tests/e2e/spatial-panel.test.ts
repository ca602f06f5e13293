/**
 * Browser test of the Spatial panel tab in web mode on the China sample project: the SDM of
 * resilience on four drivers under two matrices side by side — the sample's saved kNN-4 W (the W
 * of its simulation) and queen contiguity with Hainan linked to Guangdong, built from a spec in
 * the builder — gives the comparison table with coefficients, W·x, ρ, direct / indirect / total
 * effects and the test rows (with the spatial Hausman test), the model-choice sentence per W, the map of each province's
 * spillover of digital (one panel per W) and the bar chart of the NBS group means; the table and
 * both figures download; the same screen in Chinese.
 * Screenshots: docs/screenshot-spatial-panel.png, docs/screenshot-spatial-panel-zh.png.
 */
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/paths';
import { useWebApp } from './web-harness';

const app = useWebApp();

describe('web mode in Chromium: the Spatial panel tab', () => {
  it('SDM under two matrices: table with effects and tests, spillover map, group chart, exports, in English and Chinese', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Spatial panel' }).click();
    await page.getByTestId('spatial-panel').waitFor();
    await page.locator('#sp-y').selectOption('resilience');
    const xs = page.getByTestId('spatial-x').locator('input[type="checkbox"]');
    for (let i = 0; i < await xs.count(); i++) await xs.nth(i).uncheck();
    for (const name of [/^Digital infrastructure/, /^Financial development/, /^Secondary-industry/, /^Openness/]) {
      await page.getByTestId('spatial-x').getByRole('checkbox', { name }).check();
    }
    await page.getByRole('checkbox', { name: /^knn4_capitals/ }).check();
    await page.locator('#sp-spec').fill('queen:links=460000|440000');
    await page.getByTestId('spatial-add-spec').click();
    await page.locator('#sp-draws').fill('500');
    await page.locator('#sp-region').selectOption('digital');
    // Random effects are offered for SAR and SDM (this run keeps fixed effects; the Hausman row compares the two).
    expect(await page.getByTestId('spatial-random-effects').isEnabled()).toBe(true);
    expect(await page.getByTestId('spatial-random-effects').isChecked()).toBe(false);
    await page.getByTestId('spatial-run').click();

    const table = page.getByTestId('spatial-table');
    await table.waitFor({ timeout: 120_000 });
    const head = await table.locator('thead').innerText();
    expect(head).toContain('knn4_capitals');
    expect(head).toContain('queen:std=row:links=460000|440000');
    const text = await table.innerText();
    for (const row of ['W*digital', 'ρ', 'Direct: digital', 'Indirect: open', 'Total: industry', 'LM lag', 'Robust LM error', 'LR test (SAR)', 'Wald test (SEM)', 'Hausman', 'Log-likelihood', 'σ²']) {
      expect(text).toContain(row);
    }
    expect(text).toMatch(/ρ\s+0\.\d{3}\*{1,3}\s+0\.\d{3}\**/);
    expect(await page.getByTestId('spatial-choice').locator('li').count()).toBe(2);

    // The region map (one panel per W) and the group chart are the figure engine's SVGs.
    const map = page.getByTestId('spatial-region-map');
    await map.waitFor({ timeout: 60_000 });
    await expect.poll(() => map.locator('[data-region="110000"]').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('spatial-group-chart').waitFor();
    // The chart has a bar group per NBS region (East, Central, West, Northeast).
    expect((await page.getByTestId('spatial-group-chart').locator('text').allTextContents()).join(' ')).toMatch(/East.*Central|Central.*East/);
    await page.getByTestId('spatial-measures').getByRole('button', { name: 'Spillover emitted' }).click();
    await expect.poll(() => map.locator('text').allTextContents().then((t) => t.join(' ')), { timeout: 30_000 }).toContain('Spillover emitted');

    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spatial-export-docx').click()]);
    expect(docx.suggestedFilename()).toBe('sdm-resilience.docx');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spatial-export-map').click()]);
    expect(png.suggestedFilename()).toBe('spatial-region-map-emitted-digital.png');
    await page.getByLabel('Figure format').selectOption('pdf');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('spatial-export-chart').click()]);
    expect(pdf.suggestedFilename()).toBe('spatial-group-chart-emitted-digital.pdf');
    await page.screenshot({ path: repoPath('docs', 'screenshot-spatial-panel.png'), fullPage: true });

    // In Chinese: the table's labels, the measures and the figures follow.
    await page.locator('#language-select').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('tab', { name: '空间面板' }).count()).toBe(1);
    await expect.poll(() => table.innerText(), { timeout: 30_000 }).toContain('直接效应: digital');
    expect(await table.innerText()).toContain('LR-lag');
    // The model-choice sentences come from the catalogue (no sentence shown as the service sent it).
    expect(await page.getByTestId('spatial-choice').innerText()).toContain('空间杜宾模型');
    expect(await page.getByTestId('spatial-choice').locator('[data-service-text]').count()).toBe(0);
    // So are the notes on how the numbers were found.
    await page.locator('.spatial-panel details summary').click();
    expect(await page.locator('.spatial-panel details').innerText()).toContain('方差来自解析信息矩阵');
    expect(await page.locator('.spatial-panel details [data-service-text]').count()).toBe(0);
    await expect.poll(() => map.locator('text').allTextContents().then((t) => t.join(' ')), { timeout: 30_000 }).toContain('发出的溢出效应');
    await page.screenshot({ path: repoPath('docs', 'screenshot-spatial-panel-zh.png'), fullPage: true });
  }, 300_000);
});
