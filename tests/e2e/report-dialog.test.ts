/**
 * Browser test of the Report dialog in web mode on the China sample: a regression run (saved
 * by the Regression tab) is listed with its heading, the HTML report downloads with that run's
 * table and the spec appendix, unticking everything disables the downloads, and the dialog
 * reads in Chinese. Screenshot tests/output/report-dialog.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outDir, useWebApp } from './web-harness';

const app = useWebApp();

describe('web mode in Chromium: the Report dialog', () => {
  it('lists the saved run, downloads the HTML report, and speaks Chinese', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Regression' }).click();
    await page.getByTestId('regression-tab').waitFor();
    await page.getByRole('button', { name: 'Run regression' }).click();
    await page.getByTestId('regression-table').waitFor({ timeout: 60_000 });

    await page.getByTestId('report-button').click();
    const dialog = page.getByTestId('report-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('checkbox').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await dialog.innerText()).toMatch(/Run \d+ · panel\.fe · resilience ~ /);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-html').click()]);
    expect(download.suggestedFilename()).toMatch(/^report-.*\.html$/);
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toContain('Regression results · 回归结果');
    expect(html).toContain('Appendix: specifications to re-run');
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'report-dialog.png') });

    for (const box of await dialog.getByRole('checkbox').all()) await box.uncheck();
    expect(await page.getByTestId('report-html').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Close' }).last().click();

    await page.locator('#language-select').selectOption('zh-CN');
    await page.getByTestId('report-button').click();
    await expect.poll(() => page.getByTestId('report-dialog').innerText(), { timeout: 30_000 }).toContain('回归结果');
    expect(await page.getByTestId('report-html').innerText()).toBe('下载 HTML');
  }, 180_000);
});
