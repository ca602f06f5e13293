/**
 * Browser test of the Regression tab in web mode (a done-when check of issue 3): on the China
 * sample project the baseline and four-region tables render; the .docx and .xlsx exports are
 * downloaded and re-read (jszip + word/document.xml; exceljs) and hold the coefficients; the
 * SE/t toggle, Copy as HTML, the group comparison (progress, cancel), and the plain sentence
 * for collinear regressors; screenshot
 * tests/output/regression-view.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { outDir, useWebApp } from './web-harness';

const app = useWebApp();

/** Printed cells of one coefficient's estimate row. */
async function estimateRow(name: string): Promise<string[]> {
  return app.page.locator(`[data-testid="regression-table"] tr[data-coef="${name}"] td`).allInnerTexts();
}

async function download(label: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: label, exact: true }).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

describe('web mode in Chromium: the Regression tab', () => {
  it('renders the baseline table of the China sample (two-way FE, region-clustered SEs)', async () => {
    await app.page.getByRole('tab', { name: 'Regression' }).click();
    await app.page.getByTestId('regression-tab').waitFor();
    expect(await app.page.locator('#r-y').inputValue()).toBe('resilience');
    expect(await app.page.locator('#r-extra').inputValue()).toBe('log(pgdp)');
    await app.page.getByRole('button', { name: 'Run regression' }).click();
    const table = app.page.getByTestId('regression-table');
    await table.waitFor({ timeout: 30_000 });
    // R: plm(resilience ~ digital + fin_dev + industry + open + gov + urban + log(pgdp), model='within',
    // effect='twoways') on the sample's panel: digital 0.287753927748367, cluster SE (Stata factor) 0.0206257797658576.
    const digital = await estimateRow('digital');
    expect(digital[1]).toBe('0.288***');
    const paren = await app.page.locator('[data-testid="regression-table"] tr[data-coef="digital"] + tr td').allInnerTexts();
    expect(paren[1]).toBe('(0.021)');
    expect(await app.page.locator('[data-testid="regression-table"] tr[data-row="n"] td').allInnerTexts()).toEqual(['N', '465']);
    expect(await table.innerText()).toContain('Standard errors clustered by region in parentheses');

    // t statistics in parentheses: 0.287753927748367 / 0.0206257797658576 = 13.951
    await app.page.getByRole('button', { name: 't', exact: true }).click();
    await expect.poll(async () => (await app.page.locator('[data-testid="regression-table"] tr[data-coef="digital"] + tr td').allInnerTexts())[1], { timeout: 30_000 }).toBe('(13.951)');
    // Chinese journals' wording: 是/否 rows and the 括号内为… note.
    await app.page.getByRole('button', { name: '中文', exact: true }).click();
    await expect.poll(() => app.page.locator('[data-testid="regression-table"] tr[data-row="regionFE"] td').allInnerTexts(), { timeout: 30_000 }).toEqual(['地区固定效应', '是']);
    expect(await app.page.getByTestId('regression-table').innerText()).toContain('括号内为');
    await app.page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => app.page.locator('[data-testid="regression-table"] tr[data-row="regionFE"] td').allInnerTexts(), { timeout: 30_000 }).toEqual(['Region FE', 'YES']);
    await app.page.getByRole('button', { name: 'SE', exact: true }).click();
    await expect.poll(async () => (await app.page.locator('[data-testid="regression-table"] tr[data-coef="digital"] + tr td').allInnerTexts())[1], { timeout: 30_000 }).toBe('(0.021)');
  }, 90_000);

  it('renders the four-region table and exports it to .docx and .xlsx that re-read with the coefficients', async () => {
    await app.page.getByLabel('By region group').check();
    await app.page.getByRole('button', { name: 'Run regression' }).click();
    const header = app.page.locator('[data-testid="regression-table"] thead tr').first();
    await expect.poll(() => header.locator('th').allInnerTexts(), { timeout: 30_000 })
      .toEqual(['', '(1) Full sample', '(2) East', '(3) Central', '(4) West', '(5) Northeast']);
    const digital = await estimateRow('digital');
    expect(digital[1]).toBe('0.288***');
    // R: the same plm call on the East sub-sample: digital 0.248055573164957.
    expect(digital[2]).toMatch(/^0\.248\**$/);
    expect(await app.page.locator('[data-testid="regression-table"] tr[data-row="n"] td').allInnerTexts()).toEqual(['N', '465', '150', '90', '180', '45']);
    mkdirSync(outDir, { recursive: true });
    await app.page.screenshot({ path: join(outDir, 'regression-view.png') });

    const docx = await download('.docx');
    expect(docx.name).toBe('regression-resilience-by-group.docx');
    const zip = await JSZip.loadAsync(docx.bytes);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('(5) Northeast');
    for (const text of digital.slice(1)) expect(xml).toContain(text.replace(/\*+$/, ''));

    const xlsx = await download('.xlsx');
    expect(xlsx.name).toBe('regression-resilience-by-group.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cells: (string | number)[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'number' || typeof c.value === 'string') cells.push(c.value); }));
    expect(cells).toContain('(2) East');
    const numbers = cells.filter((c): c is number => typeof c === 'number');
    // The full-sample and East estimates of digital, as numbers (rounded only by the cell format).
    expect(numbers.some((v) => Math.abs(v - 0.287753927748367) < 1e-9)).toBe(true);
    expect(numbers.some((v) => Math.abs(v - 0.248055573164957) < 1e-9)).toBe(true);

    await app.page.getByRole('button', { name: 'Copy as HTML' }).click();
    await app.page.getByText('Copied the table as HTML').waitFor({ timeout: 10_000 });
    const html = await app.page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/html'));
      return item ? (await item.getType('text/html')).text() : '';
    });
    expect(html).toContain('<table');
    expect(html).toContain('0.288***');

    // Where the async clipboard is refused (the desktop app denies permission requests), the copy command is used.
    await app.page.evaluate(async () => {
      await navigator.clipboard.writeText('');
      navigator.clipboard.write = () => Promise.reject(new Error('denied'));
    });
    await app.page.getByRole('button', { name: 'Copy as HTML' }).click();
    await expect.poll(() => app.page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/html'));
      return item ? (await item.getType('text/html')).text() : '';
    }), { timeout: 10_000 }).toContain('(5) Northeast');
  }, 90_000);

  it('compares East and West: Chow test and a seeded permutation test', async () => {
    const box = app.page.getByTestId('regression-compare');
    // A long run shows its progress and can be cancelled.
    await box.locator('#r-perm').fill('100000');
    await box.getByRole('button', { name: 'Compare' }).click();
    const progress = app.page.getByTestId('compare-progress');
    await expect.poll(() => progress.innerText(), { timeout: 30_000 }).toMatch(/^\s*[1-9][\d,]* of 100,000 permutations\s*$/); // counts grouped per locale
    await box.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => box.getByRole('alert').innerText(), { timeout: 30_000 }).toContain('The comparison was cancelled.');
    await box.locator('#r-perm').fill('99');
    await box.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => box.locator('table tbody tr').count(), { timeout: 60_000 }).toBe(7);
    const text = await box.innerText();
    expect(text).toContain('Gap (East − West)');
    expect(text).toMatch(/Chow test of all gaps: F\(7, \d+\) = \d+\.\d{3}, p = [01]\.\d{3}\./);
    expect(text).toMatch(/Fisher permutation test: \d+ of 99 reshuffles of regions fitted, seed 1\./);
    await app.page.screenshot({ path: join(outDir, 'regression-compare.png'), fullPage: true });
  }, 90_000);

  it('shows the service sentence for collinear regressors', async () => {
    await app.page.getByLabel('By region group').uncheck();
    await app.page.locator('#r-extra').fill('log(pgdp)\n2*digital');
    await app.page.getByRole('button', { name: 'Run regression' }).click();
    const alert = app.page.getByRole('alert');
    await alert.first().waitFor({ timeout: 30_000 });
    const text = await alert.first().innerText();
    expect(text).toMatch(/collinear/i);
    expect(text).toContain('2*digital');
    // The previous table is not left on screen under the error.
    expect(await app.page.getByTestId('regression-table').count()).toBe(0);
    await app.page.screenshot({ path: join(outDir, 'regression-error.png') });
    expect(app.external).toEqual([]);
    expect(app.consoleErrors.filter((e) => !/favicon|status of 422/.test(e))).toEqual([]);
  }, 60_000);
});
