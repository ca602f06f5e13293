/**
 * Browser test of the Data tab's table view (issue 13, "Data table view"), in web mode: on the
 * US sample, sort by a header (aria-sort), filter by region search, group chip and period
 * range, edit a cell (a non-number is refused with a sentence, empty = missing, the missing cell
 * is marked and counted, the edit is in the history), undo it with Ctrl+Z, delete a variable
 * (confirm) and undo that with the Undo button; a derived variable is named when its input is
 * deleted and recomputed on request after its input is edited; then an edit and its undo in Chinese.
 * Screenshots docs/screenshot-data-table-{en,delete-en,zh}.png.
 *
 * Reference values: assets/datasets/produc.csv (Munnell 1990, plm::Produc): 48 states ×
 * 1970–1986 = 816 rows; California 1986 gsp 464550 is the largest gsp; Alabama 1970 unemp 4.7;
 * the Pacific division is California, Oregon, Washington.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { root, useWebApp } from './web-harness';

const app = useWebApp();
const shot = (name: string) => join(root, 'docs', `screenshot-data-table-${name}.png`);
/** Waits for the UI (the machine is shared: each change is a round trip or two to the server). */
/** Brings the table view to the top of the Data tab (and the grid to its first column unless `keepLeft`), for a screenshot. */
const showTable = (page: Page, keepLeft = false) => page.evaluate((keep) => {
  document.querySelector('#data-table-title')?.scrollIntoView({ block: 'start' });
  const grid = document.querySelector('.data-grid-scroll');
  if (grid && !keep) grid.scrollLeft = 0;
}, keepLeft);
const until = <T,>(f: () => Promise<T>) => expect.poll(f, { timeout: 20_000 });

describe('web mode in Chromium: the data table', () => {
  it('sorts, filters, edits a cell, undoes it, deletes a variable and undoes that; English and Chinese', async () => {
    const page = app.page;
    // The China sample's map first (as a user sees it): a switch while its layer and values are
    // still being fetched can answer those requests for the US project (422s in the console).
    await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
    await page.locator('#sample-select').selectOption('us-states');
    await expect.poll(() => page.locator('.project-card .muted').innerText(), { timeout: 60_000 }).toContain('48 regions');
    await page.getByRole('tab', { name: 'Data' }).click();
    const grid = page.getByTestId('data-grid');
    await grid.waitFor({ timeout: 30_000 });
    const counts = page.getByTestId('data-table-counts');
    await until(() => counts.innerText()).toBe('816 rows · 0 missing cells');
    const rows = grid.locator('tbody tr');
    const cellText = (r: number, c: number) => rows.nth(r).locator('td').nth(c).innerText();
    // Columns: Region, Name, Group, Period, then region (census code), pcap, hwy, water, util, pc, gsp, emp, unemp.
    const GSP = 4 + 6;
    const UNEMP = 4 + 8;

    // Sort by gsp: first click ascending, second descending.
    const gspHeader = grid.locator('th').filter({ has: page.locator('[data-sort="v:gsp"]') });
    expect(await gspHeader.getAttribute('aria-sort')).toBe('none');
    await page.locator('[data-sort="v:gsp"]').click();
    await until(() => gspHeader.getAttribute('aria-sort')).toBe('ascending');
    await page.locator('[data-sort="v:gsp"]').click();
    await until(() => gspHeader.getAttribute('aria-sort')).toBe('descending');
    await until(() => cellText(0, 0)).toBe('California');
    expect(await cellText(0, 3)).toBe('1986');
    expect(await cellText(0, GSP)).toBe('464,550');

    // Filters: search + period range, then a group chip.
    await page.getByTestId('data-search').fill('cali');
    await page.getByTestId('data-period-from').selectOption('1980');
    await page.getByTestId('data-period-to').selectOption('1981');
    await until(() => counts.innerText()).toBe('2 rows · 0 missing cells');
    await page.getByTestId('data-search').fill('');
    // A From after To moves To along (the range never turns empty).
    await page.getByTestId('data-period-from').selectOption('1986');
    expect(await page.getByTestId('data-period-to').inputValue()).toBe('1986');
    const chips = page.locator('.data-filters .group-filter');
    await chips.locator('[data-group="Pacific"]').click();
    expect(await chips.locator('[data-group="Pacific"]').getAttribute('aria-pressed')).toBe('true');
    await until(() => counts.innerText()).toBe('3 rows · 0 missing cells');
    // Still sorted by gsp, descending (1986: California > Washington > Oregon).
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent))).toEqual(['California', 'Washington', 'Oregon']);
    await chips.getByRole('button', { name: 'All' }).click();
    await page.getByTestId('data-period-from').selectOption('');
    await page.getByTestId('data-period-to').selectOption('');
    await page.locator('[data-sort="region"]').click();
    await until(() => counts.innerText()).toBe('816 rows · 0 missing cells');
    await until(() => cellText(0, 0)).toBe('Alabama');

    // Edit Alabama 1970 unemp: a non-number is refused, empty makes it missing.
    const cell = rows.first().locator('td').nth(UNEMP);
    expect(await cell.innerText()).toBe('4.7');
    await cell.dblclick();
    const editor = cell.locator('input');
    expect(await editor.inputValue()).toBe('4.7');
    await editor.fill('abc');
    await editor.press('Enter');
    await until(() => cell.getByRole('alert').innerText())
      .toBe('“abc” is not a number: type a number such as 12.5, or leave the cell empty for a missing value.');
    await editor.fill('');
    await editor.press('Enter');
    await until(() => cell.getAttribute('data-missing')).toBe('true');
    await until(() => counts.innerText()).toBe('816 rows · 1 missing cell');
    expect(await grid.locator('th').filter({ has: page.locator('[data-sort="v:unemp"]') }).innerText()).toContain('1 missing');
    expect(await page.getByTestId('data-notice').innerText()).toBe('unemp of Alabama in 1970 set to missing.');
    const history = page.getByTestId('data-history');
    await until(() => history.locator('li').first().innerText()).toContain('unemp · Alabama 1970: 4.7 → missing');
    // The edit is in the file: the table from the main side says so too.
    await page.getByTestId('data-missing-only').check();
    await until(() => counts.innerText()).toBe('1 row · 1 missing cell');
    await showTable(page, true); // the missing unemp cell at the right, the sticky region code at the left
    await page.screenshot({ path: shot('en') });
    await page.getByTestId('data-missing-only').uncheck();
    await until(() => counts.innerText()).toBe('816 rows · 1 missing cell');

    // Keyboard: the grid is one Tab stop; arrows move; Ctrl+Z undoes the last edit.
    await rows.first().locator('td').first().click();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('0:1');
    await page.keyboard.press('Control+z');
    await until(() => rows.first().locator('td').nth(UNEMP).innerText()).toBe('4.7');
    await until(() => counts.innerText()).toBe('816 rows · 0 missing cells');
    await until(() => history.locator('li').first().innerText()).toContain('undone');

    // Delete a variable (confirm), then Undo.
    await page.getByTestId('data-delete-which').selectOption('unemp');
    await page.getByTestId('data-delete').click();
    const dialog = page.getByRole('dialog', { name: 'Delete variable' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Delete “unemp” with all its values? You can undo this.');
    await page.screenshot({ path: shot('delete-en') });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await until(() => page.locator('[data-sort="v:unemp"]').count()).toBe(0);
    await until(() => page.locator('.variable-list').innerText()).not.toContain('unemp');
    await until(() => history.locator('li').first().innerText()).toContain('Deleted unemp (816 values)');
    await page.getByTestId('data-undo').click();
    await until(() => page.locator('[data-sort="v:unemp"]').count()).toBe(1);
    await until(() => rows.first().locator('td').nth(UNEMP).innerText()).toBe('4.7');
    await until(() => page.locator('.variable-list').innerText()).toContain('unemp');

    // A derived variable: deleting gsp names it; an edit of gsp leaves it stale until Recompute.
    await page.getByRole('button', { name: 'Derived variable…' }).click();
    await page.locator('#derive-name').fill('lgsp');
    await page.locator('#derive-expr').fill('log(gsp)');
    await page.getByRole('button', { name: 'Create variable' }).click();
    await until(() => page.locator('[data-sort="v:lgsp"]').count()).toBe(1);
    const LGSP = 4 + 9;
    await page.getByTestId('data-delete-which').selectOption('gsp');
    await page.getByTestId('data-delete').click();
    await until(() => page.getByTestId('delete-dependents').innerText())
      .toBe('These derived variables are computed from it and will be deleted with it: lgsp.');
    expect(await dialog.getByRole('button', { name: 'Delete it and 1 derived variable' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const gspCell0 = rows.first().locator('td').nth(GSP);
    // log(28418) = 10.25478…, log(30000) = 10.30895…
    expect(await rows.first().locator('td').nth(LGSP).innerText()).toBe(String(Number(Math.log(28418).toPrecision(10))));
    await gspCell0.dblclick();
    await gspCell0.locator('input').fill('30000');
    await gspCell0.locator('input').press('Enter');
    await until(() => page.getByTestId('data-notice').innerText()).toContain('Not recomputed: lgsp is derived from gsp');
    expect(await rows.first().locator('td').nth(LGSP).innerText()).toBe(String(Number(Math.log(28418).toPrecision(10))));
    await page.getByTestId('data-recompute').click();
    await until(() => rows.first().locator('td').nth(LGSP).innerText()).toBe(String(Number(Math.log(30000).toPrecision(10))));
    await until(() => history.locator('li').first().innerText()).toContain('Recomputed lgsp (816 values before)');
    await page.getByTestId('data-undo').click(); // the recomputation
    await until(() => rows.first().locator('td').nth(LGSP).innerText()).toBe(String(Number(Math.log(28418).toPrecision(10))));
    await page.getByTestId('data-undo').click(); // the edit
    await until(() => gspCell0.innerText()).toBe('28,418');

    // Chinese: the same view, an edit and its undo.
    await page.locator('#language-select').selectOption('zh-CN');
    await until(() => page.locator('#data-table-title').innerText()).toBe('数据表');
    await until(() => counts.innerText()).toBe('816 行 · 0 个缺失单元格');
    const gspCell = rows.first().locator('td').nth(GSP);
    expect(await gspCell.innerText()).toBe('28,418');
    await gspCell.click();
    await page.keyboard.press('Enter');
    await gspCell.locator('input').fill('３００００');
    await gspCell.locator('input').press('Enter');
    await until(() => gspCell.innerText()).toBe('30,000');
    await until(() => page.getByTestId('data-notice').innerText()).toContain('已将 Alabama 1970 的 gsp 设为 30,000。');
    expect(await page.getByTestId('data-notice').innerText()).toContain('未重新计算：lgsp 由 gsp 派生');
    expect(await page.getByTestId('data-recompute').innerText()).toBe('重新计算 lgsp');
    await until(() => history.locator('li').first().innerText()).toContain('gsp · Alabama 1970：28,418 → 30,000');
    await showTable(page);
    await page.screenshot({ path: shot('zh') });
    await page.getByTestId('data-undo').click();
    await until(() => gspCell.innerText()).toBe('28,418');
    await page.locator('#language-select').selectOption('en');
    expect(app.consoleErrors).toEqual([]);
  }, 240_000);
});
