/**
 * Browser test of the Open project dialog in web mode (issue 8, path policy): the app starts on
 * the China sample; "Projects…" lists the `.rwb` files of `<userDir>/projects` with size and
 * modification time; opening `study/us-states.rwb` by name switches the app to the US sample
 * (48 states); a project that has gone from the folder is refused in the error banner with the
 * service's sentence; the dialog speaks Chinese after the language switch. Screenshot
 * tests/output/project-open.png.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSampleProject } from '../../src/services/samples/ensure';
import { outDir, useWebApp } from './web-harness';

const app = useWebApp();

describe('web mode in Chromium: the Open project dialog', () => {
  it('lists the project folder and opens a project by name; a vanished one is refused in the error banner', async () => {
    const study = join(app.userDir, 'projects', 'study');
    mkdirSync(study, { recursive: true });
    const usPath = await ensureSampleProject('us-states', study);
    const bytes = statSync(usPath).size;
    const page = app.page;
    expect(await page.locator('#sample-select').inputValue()).toBe('china-provinces');

    await page.getByRole('button', { name: 'Projects…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Projects' });
    const row = dialog.locator('tr[data-project="study/us-states.rwb"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await dialog.locator('.project-folder').innerText()).toBe(join(app.userDir, 'projects'));
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe('study/us-states.rwb');
    // formatBytes: MB with one decimal (the US sample is over 1 MB) or KB.
    expect(cells[1]).toBe(bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);
    expect(cells[2]).toMatch(/\d{4}/);
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'project-open.png') });

    await row.getByRole('button', { name: 'Open study/us-states.rwb' }).click();
    await expect.poll(() => page.locator('#sample-select').inputValue(), { timeout: 30_000 }).toBe('us-states');
    expect(await dialog.count()).toBe(0);
    expect(await page.locator('.error-banner').count()).toBe(0);

    // Listed, then removed from the folder before it is opened: the banner gives the refusal.
    await page.getByRole('button', { name: 'Projects…' }).click();
    await row.waitFor();
    rmSync(usPath);
    await row.getByRole('button', { name: 'Open study/us-states.rwb' }).click();
    const banner = page.locator('.error-banner[data-code="project-not-in-folder"]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toContain(`There is no project "study/us-states.rwb" in the project folder ${join(app.userDir, 'projects')}`);
    expect(await page.locator('#sample-select').inputValue()).toBe('us-states');

    // An empty folder says so.
    await page.getByRole('button', { name: 'Projects…' }).click();
    expect(await dialog.locator('.projects-empty').innerText()).toBe('No projects here yet: put .rwb project files in this folder to open them from here.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // In Chinese.
    await page.locator('#language-select').selectOption('zh-CN');
    await page.getByRole('button', { name: '项目…', exact: true }).click();
    const zh = page.getByRole('dialog', { name: '项目' });
    await zh.locator('.projects-empty').waitFor();
    expect(await zh.locator('.projects-empty').innerText()).toBe('这里还没有项目：把 .rwb 项目文件放进此文件夹，即可在这里打开。');
    await zh.getByRole('button', { name: '取消' }).click();
    await page.locator('#language-select').selectOption('en');
    expect(app.consoleErrors.filter((e) => !e.includes('422'))).toEqual([]);
    expect(app.external).toEqual([]);
  }, 180_000);
});
