/**
 * Browser test of projects of one's own (issue 13, defect 2) and dialog focus (defect 12):
 * before, the UI offered only the two samples, so every import landed in a sample under its
 * "Simulated demonstration data" banner with no way back. Here, in web mode: the Projects
 * dialog takes focus (first field) and gives it back to "Projects…" on Escape, Tab stays inside;
 * New project from the China provinces template opens a project of the user's own (31
 * provinces, the four region groups, no variables, no simulated-data banner, the sample
 * switcher empty); Save As and Rename of that project; Reset sample of the China sample; the
 * recent list; a map period without data (defect 9); keyboard use of the variable list, chips
 * and tabs (defect 12); the Weights tab's standardisation and layer mismatch (defect 10); then
 * the same dialog in Chinese. Screenshots docs/screenshot-projects-*.png.
 *
 * Reference values: the 31 mainland provincial units of the China sample's `provinces` layer
 * (src/services/samples/china.ts) and its groups East / Central / West / Northeast.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/store/project-store';
import { root, useWebApp } from './web-harness';

const app = useWebApp();
const shot = (name: string) => join(root, 'docs', `screenshot-projects-${name}.png`);

describe('web mode in Chromium: projects of the user\'s own', () => {
  it('New project from a template, Save As, Rename, Reset sample, recent; focus trapped and restored; English and Chinese', async () => {
    const page = app.page;
    expect(await page.getByTestId('simulated-banner').count()).toBe(1);

    // Focus: into the dialog on opening, Tab stays inside, Escape closes and restores it.
    const opener = page.getByRole('button', { name: 'Projects…' });
    await opener.focus();
    await opener.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Projects' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('new-project-name');
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Projects…');

    // New project from the China provinces template.
    await opener.click();
    await dialog.getByTestId('new-project-name').fill('my china study');
    await dialog.getByTestId('new-project-template').selectOption('china-provinces');
    await page.screenshot({ path: shot('new-en') });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('my china study');
    expect(await page.locator('.project-card .eyebrow').textContent()).toBe('Project');
    expect(await page.locator('.project-card .muted').innerText()).toContain('31 regions');
    expect(await page.getByTestId('simulated-banner').count()).toBe(0);
    expect(await page.locator('#sample-select').inputValue()).toBe('');
    expect(existsSync(join(app.userDir, 'projects', 'my china study.rwb'))).toBe(true);
    await page.screenshot({ path: shot('template-en') });

    // Save As, then Rename the copy.
    await opener.click();
    await dialog.getByTestId('save-as-name').fill('copy');
    await dialog.getByRole('button', { name: 'Save As' }).click();
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 30_000 }).toBe('copy');
    await opener.click();
    await dialog.getByTestId('rename-name').fill('studies/renamed');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 30_000 }).toBe('renamed');
    expect(existsSync(join(app.userDir, 'projects', 'studies', 'renamed.rwb'))).toBe(true);
    expect(existsSync(join(app.userDir, 'projects', 'copy.rwb'))).toBe(false);

    // Recent projects: newest first; opening one by its entry.
    await opener.click();
    const recent = dialog.locator('.recent-projects button');
    await expect.poll(() => recent.allInnerTexts(), { timeout: 15_000 }).toEqual(['studies/renamed.rwb', 'my china study.rwb', 'china-provinces']);
    await dialog.getByRole('button', { name: 'Create' }).waitFor();
    await page.screenshot({ path: shot('dialog-en') });
    await recent.filter({ hasText: 'china-provinces' }).click();
    await expect.poll(() => page.locator('#sample-select').inputValue(), { timeout: 30_000 }).toBe('china-provinces');
    expect(await page.getByTestId('simulated-banner').count()).toBe(1);

    // Reset sample (two steps) on the sample; no Rename there.
    await opener.click();
    expect(await dialog.getByTestId('rename-name').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Reset sample…' }).click();
    await dialog.getByRole('button', { name: 'Reset the sample' }).click();
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 30_000 }).toBe('china-provinces');
    expect(await page.locator('.error-banner').count()).toBe(0);

    // Defect 10: knn4_capitals says row standardisation, like its spec; over the cities layer
    // (other regions than its 31 provinces) the Weights tab says so instead of drawing nothing.
    await page.getByRole('tab', { name: 'Weights' }).click();
    await page.getByTestId('weights-list').getByRole('button', { name: 'knn4_capitals' }).click();
    const summary = page.getByTestId('weights-summary');
    await summary.waitFor({ timeout: 30_000 });
    await expect.poll(() => summary.locator('tr', { hasText: 'Standardisation' }).locator('td').innerText()).toBe('row');
    expect(await page.getByTestId('weights-layer-mismatch').count()).toBe(0);
    await page.getByLabel('Boundary layer').selectOption('cities');
    const mismatch = page.getByTestId('weights-layer-mismatch');
    await mismatch.waitFor({ timeout: 30_000 });
    expect(await mismatch.innerText()).toMatch(/^None of the 31 regions of “knn4_capitals” is on the layer “cities” \(\d+ regions\): choose the layer it was built on, or build a matrix on this one\.$/);
    await page.screenshot({ path: shot('weights-layer-en') });
    await page.getByLabel('Boundary layer').selectOption('provinces');
    await page.getByRole('tab', { name: 'Map' }).click();

    // A taken name is refused in the error banner with the service's sentence.
    await opener.click();
    await dialog.getByTestId('new-project-name').fill('my china study');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const banner = page.locator('.error-banner[data-code="project-exists"]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toContain('There is already a project "my china study.rwb" in the project folder; choose another name');

    // Defect 9: a variable with no data in the chosen period says which years it covers and the
    // map moves into them (the project's periods run to 2022, gdp_old covers 1990–1995).
    const file = ProjectStore.open(join(app.userDir, 'projects', 'my china study.rwb'));
    file.upsertVariable({ name: 'gdp_old', label: null, unit: null, source: 'test', expression: null, simulated: false });
    file.upsertVariable({ name: 'recent', label: null, unit: null, source: 'test', expression: null, simulated: false });
    file.putObservations('gdp_old', [1990, 1991, 1992, 1993, 1994, 1995].flatMap((period) => ['110000', '120000', '310000'].map((region, i) => ({ region, period, value: period + i }))));
    file.putObservations('recent', [2000, 2022].map((period) => ({ region: '110000', period, value: 1 })));
    file.close();
    await opener.click();
    await dialog.locator('.recent-projects button').filter({ hasText: 'my china study.rwb' }).click();
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 30_000 }).toBe('my china study');
    const hint = page.getByTestId('map-no-data');
    await hint.waitFor({ timeout: 30_000 });
    expect(await hint.innerText()).toBe('No data for gdp_old in 2022 — data cover 1990–1995; showing 1995.');
    await expect.poll(() => page.locator('.map-title').innerText()).toContain('1995');
    await page.locator('.map-legend').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: shot('no-data-en') });

    await page.locator('#language-select').selectOption('zh-CN');
    expect(await hint.innerText()).toBe('gdp_old 在 2022 年没有数据——数据覆盖 1990–1995 年；现显示 1995 年。');
    await page.locator('#language-select').selectOption('en');

    // Defect 12: the variable list, region-group chips and tabs work from the keyboard.
    const option = page.locator('.variable-list [role="option"]');
    expect(await option.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['0', '-1']);
    await option.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => option.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('recent');
    await page.keyboard.press('Home');
    await expect.poll(() => option.first().getAttribute('aria-selected')).toBe('true');
    const chips = page.locator('.group-filter button');
    expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('aria-pressed')))).toEqual(['true', 'false', 'false', 'false', 'false']);
    await chips.nth(1).click();
    expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('aria-pressed')))).toEqual(['false', 'true', 'false', 'false', 'false']);
    await chips.first().click();
    const tabs = page.getByRole('tab');
    expect(await tabs.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') === '0').length)).toBe(1);
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => tabs.first().getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');

    // In Chinese.
    await page.locator('#language-select').selectOption('zh-CN');
    await page.getByRole('button', { name: '项目…', exact: true }).click();
    const zh = page.getByRole('dialog', { name: '项目' });
    await zh.getByRole('button', { name: '创建' }).waitFor();
    await zh.getByTestId('new-project-template').selectOption('china-cities');
    expect(await zh.locator('h3').first().innerText()).toBe('新建项目');
    await zh.locator('.recent-projects').waitFor();
    await page.screenshot({ path: shot('dialog-zh') });
    await page.keyboard.press('Escape');
    await page.locator('#language-select').selectOption('en');
    expect(app.consoleErrors.filter((e) => !e.includes('422') && !e.includes('400'))).toEqual([]);
    expect(app.external).toEqual([]);
  }, 240_000);
});
