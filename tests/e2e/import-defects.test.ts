/**
 * Browser test of the Import dialog's defects of issue 13 (web mode, Chromium): a header-only
 * CSV is refused naming the file (1); the Mexico pair's names are offered as their official
 * long forms, accepted in the dialog and remembered for the next import (4); a PNG renamed
 * .csv/.xlsx gets one plain sentence (5); mexico.csv's `pcgdp1940…` headers are read wide and
 * the dialog says why Preview is disabled whenever it is (6); zip and XLSX uploads list their
 * fields and columns, the layer placeholder is the shapefile's name (7); the name and group
 * fields are offered (8); the preview's counts are sentences with every period (13). Then the
 * same in Chinese. Screenshots: docs/screenshot-import-*.png.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetPath, repoPath } from '../helpers/paths';
import { useWebApp } from './web-harness';

const app = useWebApp();

const MEXICO_CSV = datasetPath('mexico', 'mexico.csv');
const PNG = readFileSync(repoPath('docs', 'screenshot-china.png'));

async function mexicoZip(): Promise<Buffer> {
  const zip = new JSZip();
  for (const ext of ['shp', 'shx', 'dbf']) zip.file(`mexicojoin.${ext}`, readFileSync(datasetPath('mexico', `mexicojoin.${ext}`)));
  return Buffer.from(await zip.generateAsync({ type: 'uint8array' }));
}

async function openDialog(name: string, title: string) {
  // A dialog a failed test left open would cover the button.
  if (await app.page.getByRole('dialog').count()) await app.page.keyboard.press('Escape');
  await app.page.getByRole('dialog').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await app.page.getByRole('button', { name, exact: true }).click();
  const dialog = app.page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

async function shot(name: string): Promise<void> {
  await app.page.screenshot({ path: repoPath('docs', `screenshot-import-${name}.png`) });
}

const why = () => app.page.getByTestId('import-why');

describe('Import dialog defects of issue 13, in English', () => {
  it('says why Preview is disabled, and refuses a header-only CSV naming the file (defects 1, 6)', async () => {
    const dialog = await openDialog('Import…', 'Import data');
    expect(await why().innerText()).toBe('Preview needs a panel file, boundary files, or both.');
    const header = readFileSync(datasetPath('produc.csv'), 'utf8').split(/\r?\n/)[0] + '\n';
    await app.page.getByLabel('Panel file').setInputFiles({ name: 'produc-header.csv', mimeType: 'text/csv', buffer: Buffer.from(header) });
    // The columns are listed and the id and time columns guessed (state_name, year).
    await expect.poll(() => app.page.locator('#imp-time').inputValue(), { timeout: 20_000 }).toBe('year');
    expect(await app.page.locator('#imp-id').inputValue()).toBe('state_name');
    await app.page.locator('#imp-id').selectOption('');
    expect(await why().innerText()).toBe('Preview needs the column of produc-header.csv that holds the region ids.');
    await app.page.locator('#imp-id').selectOption('state_name');
    await why().waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const report = app.page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.innerText()).toContain('produc-header.csv has a header row but no data rows: there is nothing to import');
    expect(await dialog.getByRole('button', { name: 'Commit' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 90_000);

  it('calls a PNG renamed .csv or .xlsx a PNG image, and says Preview cannot run (defect 5)', async () => {
    const dialog = await openDialog('Import…', 'Import data');
    await app.page.getByLabel('Panel file').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: PNG });
    const banner = dialog.locator('.error-banner');
    await expect.poll(() => banner.first().innerText(), { timeout: 20_000 }).toBe('x.csv is not a text table: it looks like a PNG image');
    expect(await why().innerText()).toBe('Preview is not possible: x.csv cannot be read (see the message above).');
    // No "�PNG" column offered.
    expect(await app.page.locator('#imp-id').evaluate((e) => e.tagName)).toBe('INPUT');
    await shot('png');
    await app.page.getByLabel('Panel file').setInputFiles({ name: 'x.xlsx', mimeType: 'application/octet-stream', buffer: PNG });
    await expect.poll(() => banner.first().innerText(), { timeout: 20_000 }).toBe('x.xlsx is not an Excel workbook (.xlsx): it looks like a PNG image');
    expect(await dialog.innerText()).not.toMatch(/https?:\/\//);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 90_000);

  it('lists an XLSX\'s columns and sheets (defect 7)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRows([['city', 'year', 'gdp'], ['Hefei', 2020, 1], ['Wuhu', 2020, 2]]);
    wb.addWorksheet('Notes').addRows([['source'], ['yearbook']]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const dialog = await openDialog('Import…', 'Import data');
    await app.page.getByLabel('Panel file').setInputFiles({ name: 'cities.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await app.page.locator('select#imp-id').waitFor({ timeout: 20_000 });
    expect(await app.page.locator('#imp-id option').allInnerTexts()).toEqual(['—', 'city', 'year', 'gdp']);
    expect(await app.page.locator('#imp-sheet option').allInnerTexts()).toEqual(['Data', 'Notes']);
    expect(await app.page.locator('#imp-time').inputValue()).toBe('year');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 90_000);

  it('imports the Mexico pair: wide headers, zip fields, long-form names accepted and remembered (defects 4, 6, 7, 8, 13)', async () => {
    const page = app.page;
    const dialog = await openDialog('Import…', 'Import data');
    await page.getByLabel('Panel file').setInputFiles(MEXICO_CSV);
    // Detect reads pcgdp1940 … pcgdp2000 as a wide file: a period name, not a column.
    await page.getByTestId('import-wide').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-wide').innerText()).toBe(
      'Wide file: 7 year columns (1940–2000) for pcgdp; each becomes a variable with one value per year.',
    );
    expect(await page.locator('#imp-time').evaluate((e) => e.tagName)).toBe('INPUT');
    expect(await page.locator('#imp-time').inputValue()).toBe('year');
    expect(await page.locator('#imp-id').inputValue()).toBe('State');

    await page.getByLabel('Boundary files').setInputFiles({ name: 'mexico-boundaries.zip', mimeType: 'application/zip', buffer: await mexicoZip() });
    await page.locator('select#imp-key').waitFor({ timeout: 20_000 });
    const fields = await page.locator('#imp-key option').allInnerTexts();
    expect(fields.slice(0, 5)).toEqual(['—', 'POLY_ID', 'AREA', 'CODE', 'NAME']);
    expect(await page.locator('#imp-layer').getAttribute('placeholder')).toBe('mexicojoin');
    expect(await why().innerText()).toBe('Preview needs the field of mexico-boundaries.zip that holds the region ids (the key field).');
    await page.locator('#imp-key').selectOption('CODE');
    await page.locator('#imp-name-en').selectOption('NAME');
    expect(await page.locator('#imp-group option').count()).toBe(fields.length);

    await dialog.getByRole('button', { name: 'Preview' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    const text = await report.innerText();
    expect(text).toContain('region "Baja California" (column "State", row 3) is neither a project region nor in mexicojoin.shp — did you mean "Baja California Norte" (MX02)?');
    expect(text).not.toContain('"California"');
    expect(text).not.toContain('Michigan');
    expect(text).not.toMatch(/suggestions:\s*(·|$)/m);
    const matches = page.getByTestId('import-match');
    expect(await matches.count()).toBe(5);
    const offered = await page.locator('[data-testid="import-match"] button').allInnerTexts();
    expect(offered).toEqual([
      'Use “Baja California Norte”',
      'Use “Coahuila De Zaragoza”',
      'Use “Michoacan de Ocampo”',
      'Use “Queretaro de Arteaga”',
      'Use “Veracruz-Llave”',
    ]);
    await shot('names');

    // Accept one by its button, the others at once, and one pick from the list instead.
    await page.getByRole('button', { name: 'Use “Baja California Norte”' }).click();
    expect(await page.getByTestId('import-aliases').innerText()).toContain('“Baja California” → Baja California Norte (MX02)');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await report.waitFor({ timeout: 60_000 });
    await page.getByTestId('import-accept-all').click();
    expect(await page.getByTestId('import-aliases').locator('li').count()).toBe(5);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await report.waitFor({ timeout: 60_000 });
    const ok = await report.innerText();
    expect(ok).toContain('No errors: the data can be imported.');
    // Counts in words, every period (defect 13).
    const summary = await page.getByTestId('import-summary').innerText();
    expect(summary).toContain('Periods: 7, 1940–2000');
    expect(summary).toContain('Panel file mexico.csv: wide layout, region ids in column “State”, one column per year');
    expect(summary).toContain('Boundaries: 32 from mexicojoin.shp into layer “mexicojoin”, matched by field “CODE”');
    expect(summary).toContain('Columns not imported: hanson03, hanson98, esquivel99, inegi, inegi2');
    expect(summary).not.toMatch(/lon lat|true|false/);
    await shot('ready');
    await dialog.getByRole('button', { name: 'Commit' }).click();
    await dialog.getByText('Imported. The project has been updated.').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    // The next import of the same yearbook matches without asking: the names were kept.
    const again = await openDialog('Import…', 'Import data');
    await page.getByLabel('Panel file').setInputFiles(MEXICO_CSV);
    await page.getByTestId('import-wide').waitFor({ timeout: 20_000 });
    await again.getByRole('button', { name: 'Preview' }).click();
    await report.waitFor({ timeout: 60_000 });
    expect(await report.innerText()).toContain('No errors: the data can be imported.');
    await again.getByRole('button', { name: 'Cancel' }).click();
  }, 240_000);
});

describe('Import dialog defects of issue 13, in Chinese', () => {
  it('says the same in Chinese: reasons, a PNG named .csv, long-form names to accept', async () => {
    const page = app.page;
    await page.locator('#language-select').selectOption('zh-CN');
    const dialog = await openDialog('导入…', '导入数据');
    expect(await why().innerText()).toBe('预览需要面板数据文件、边界文件或两者。');
    await page.getByLabel('面板数据文件').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: PNG });
    await expect.poll(() => dialog.locator('.error-banner').first().innerText(), { timeout: 20_000 }).toBe('x.csv 不是文本表格：它看起来是 PNG 文件');
    expect(await why().innerText()).toBe('无法预览：x.csv 无法读取（见上方说明）。');
    await shot('png-zh');

    const file = join(datasetPath('mexico'), 'mexico.csv');
    const small = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => /^(State|Coahuila|Veracruz|Sonora),/.test(l)).join('\n') + '\n';
    await page.getByLabel('面板数据文件').setInputFiles({ name: 'mexico-few.csv', mimeType: 'text/csv', buffer: Buffer.from(small) });
    await page.getByTestId('import-wide').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-wide').innerText()).toBe('宽格式文件：7 个年份列（1940–2000），对应 pcgdp；每个变量每年一个值。');
    // The project now has the Mexican regions (imported above) and remembers "Coahuila" and "Veracruz".
    await dialog.getByRole('button', { name: '预览' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    const text = await report.innerText();
    expect(text).toContain('未发现错误：数据可以导入。');
    expect(text).toContain('时期数：7，1940–2000');
    expect(text).toContain('面板文件 mexico-few.csv：宽格式，地区代码在“State”列，每年一列');
    await shot('ready-zh');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.locator('#language-select').selectOption('en');
  }, 120_000);
});
