/**
 * Browser test of the bilingual UI (issue 7, "a bilingual UI from now on"): in web mode the app
 * starts in English (browser locale en-US), switches to 中文 from the header, sets
 * `<html lang="zh-CN">`, remembers the choice over a reload, and on the China and the US
 * samples every tab and every dialog shows the Chinese catalogue — no English sentence of the
 * catalogue is left on the page (text, options, tooltips, aria labels, placeholders). A browser
 * whose language is Chinese starts in Chinese. Screenshots of each tab and dialog in Chinese go
 * to tests/output/zh-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { outDir, useWebApp } from './web-harness';
import { leaves } from '../helpers/i18n';

const app = useWebApp();


/**
 * English sentences and labels of the catalogue that must not be seen in Chinese: each English
 * string (or, for one with placeholders, each literal piece of it) of at least 5 characters with a
 * letter run, that differs from its Chinese translation. The error sentences are left out: until
 * a service error has its own code, the page shows the service's English sentence (the fallback).
 */
function englishPieces(): string[] {
  const zh = new Map(leaves(zhCN));
  // Names kept in Chinese text (Driscoll–Kraay, Queen, OLS …) are not leftovers.
  const zhText = [...zh.values()].join('\n');
  const pieces = new Set<string>();
  for (const [key, text] of leaves(en)) {
    if (key.startsWith('errors.') || key.endsWith('.unit') || zh.get(key) === text) continue;
    for (const piece of text.split(/\{\{[^}]*\}\}/)) {
      const p = piece.trim().replace(/^[(:·–—-]\s*|[\s(:·–—-]+$/g, '');
      if (p.length >= 5 && /[A-Za-z]{3}/.test(p) && !zhText.includes(p)) pieces.add(p);
    }
  }
  return [...pieces];
}

const ENGLISH = englishPieces();

/**
 * Everything a user can read on the page: visible text, option texts, titles, aria labels,
 * placeholders — except text shown as a service sent it (marked `data-service-text`: a code the
 * catalogue lacks); `serviceTexts()` asserts there is none in the views that raise warnings.
 */
async function pageTexts(): Promise<string> {
  return app.page.evaluate(() => {
    let body = document.body.innerText;
    for (const el of document.querySelectorAll<HTMLElement>('[data-service-text]')) {
      const own = el.innerText;
      if (own) body = body.replace(own, ' ');
    }
    const parts = [body];
    for (const el of document.querySelectorAll('*')) {
      if (el.closest('[data-service-text]')) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
      if (el instanceof HTMLOptionElement) parts.push(el.text);
      if (el.tagName === 'title' || el.tagName === 'text') parts.push(el.textContent ?? '');
    }
    return parts.join('\n');
  });
}

/**
 * Sentences the page shows as the service sent them (`data-service-text`: a code the catalogue
 * does not have, or a detail missing). Warnings, import findings and spec texts all have codes
 * now, so none should be left in the views visited here.
 */
async function serviceTexts(): Promise<string[]> {
  return app.page.locator('[data-service-text]').allInnerTexts();
}

/** Catalogue English found on the page, each with its surroundings (empty when the page is all Chinese). */
async function leftoverEnglish(): Promise<string[]> {
  const text = await pageTexts();
  return ENGLISH.filter((s) => text.includes(s)).map((s) => {
    const i = text.indexOf(s);
    return `${s} … in “${text.slice(Math.max(0, i - 40), i + s.length + 40).replace(/\s+/g, ' ')}”`;
  });
}

async function shot(name: string): Promise<void> {
  await app.page.screenshot({ path: join(outDir, `zh-${name}.png`) });
}

async function openTab(name: string): Promise<void> {
  await app.page.getByRole('tab', { name, exact: true }).click();
}

async function mapReady(testId: 'map' | 'weights-map'): Promise<void> {
  await app.page.waitForSelector(`[data-testid="${testId}"][data-map-ready="true"]`, { timeout: 60_000 });
}

/** Visits the six tabs of the open sample in Chinese, checking and photographing each. */
async function visitTabs(sample: 'china' | 'us', model: { y: string; x: readonly string[] } | null): Promise<void> {
  const page = app.page;
  await openTab('地图');
  await mapReady('map');
  expect(await page.locator('.map-legend').innerText()).toMatch(/分位数分级|自然断点/);
  expect(await leftoverEnglish()).toEqual([]);
  await shot(`${sample}-map`);

  await openTab('数据');
  await page.getByTestId('describe-table').waitFor({ timeout: 30_000 });
  expect(await page.getByRole('heading', { name: '描述性统计' }).count()).toBe(1);
  expect(await page.getByTestId('describe-table').locator('th').allInnerTexts()).toEqual(
    ['变量', '观测数', '均值', '标准差', '最小值', 'P5', '中位数', 'P95', '最大值', '缺失数']);
  expect(await leftoverEnglish()).toEqual([]);
  await shot(`${sample}-data`);

  await openTab('空间权重');
  await page.getByTestId('weights-tab').waitFor();
  await page.locator('#w-type').selectOption('queen');
  await page.locator('#w-name').fill(`queen_zh`);
  await page.getByRole('button', { name: '构建并保存' }).click();
  await expect.poll(() => page.getByTestId('weights-summary').locator('.weights-title strong').innerText(), { timeout: 60_000 }).toBe('queen_zh');
  await mapReady('weights-map');
  expect(await page.getByTestId('weights-summary').innerText()).toContain('连通分量');
  expect(await page.locator('#w-type option').allInnerTexts()).toEqual(['Queen 邻接', 'Rook 邻接', 'K近邻', '反距离', '距离阈值', '经济距离']);
  // The spec text is described in Chinese (the canonical `queen:std=row` stays as its tooltip).
  expect(await page.getByTestId('w-spec').innerText()).toBe('Queen 邻接 · 行标准化');
  if (sample === 'china') expect(await page.getByTestId('island-notes').innerText()).toContain('海南没有邻居');
  expect(await leftoverEnglish()).toEqual([]);
  expect(await serviceTexts()).toEqual([]);
  await shot(`${sample}-weights`);

  await openTab('空间自相关');
  await page.getByTestId('esda-panel').waitFor();
  // The panel shows "no matrices" until its list of saved matrices has arrived, then the form.
  await page.getByRole('heading', { name: '全局空间自相关（逐年）' }).waitFor();
  expect(await page.getByRole('heading', { name: '全局空间自相关（逐年）' }).count()).toBe(1);
  expect(await page.getByRole('button', { name: '计算各年 LISA' }).count()).toBe(1);
  expect(await leftoverEnglish()).toEqual([]);
  await shot(`${sample}-esda`);

  // The Spatial panel tab (before Regression: the tests below go on from the Regression tab).
  await openTab('空间面板');
  await page.getByTestId('spatial-panel').waitFor();
  expect(await page.getByRole('heading', { name: '空间面板模型' }).count()).toBe(1);
  expect(await page.getByRole('button', { name: '估计', exact: true }).count()).toBe(1);
  expect(await leftoverEnglish()).toEqual([]);
  await shot(`${sample}-spatial`);

  await openTab('回归');
  await page.getByTestId('regression-tab').waitFor();
  if (model) {
    await page.locator('#r-y').fill(model.y);
    for (const x of model.x) await page.locator('.regression-x').getByRole('checkbox', { name: x, exact: true }).check();
  }
  await page.getByRole('button', { name: '运行回归' }).click();
  await page.getByTestId('regression-table').waitFor({ timeout: 60_000 });
  // The table's labels follow the UI language unless a table language is chosen.
  await expect.poll(() => page.locator('[data-testid="regression-table"] tr[data-row="regionFE"] td').allInnerTexts(), { timeout: 30_000 })
    .toEqual(['地区固定效应', '是']);
  expect(await page.getByRole('button', { name: '中文', exact: true }).getAttribute('class')).toContain('active');
  expect(await leftoverEnglish()).toEqual([]);
  expect(await serviceTexts()).toEqual([]);
  await shot(`${sample}-regression`);

}

describe('web mode in Chromium: the UI in Simplified Chinese', () => {
  it('starts in English in an en-US browser', async () => {
    mkdirSync(outDir, { recursive: true });
    expect(await app.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await app.page.getByRole('tab').allInnerTexts()).toEqual(['Map', 'Data', 'Index', 'Weights', 'Spatial autocorrelation', 'Regression', 'Spatial panel', 'GTWR']);
    expect(await app.page.locator('#language-select').inputValue()).toBe('en');
  });

  it('switches to 中文 from the header: lang, tabs, sidebar, banner and region groups', async () => {
    const page = app.page;
    await page.locator('#language-select').selectOption('zh-CN');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.title()).toBe('经济韧性工作台');
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['地图', '数据', '综合指数', '空间权重', '空间自相关', '回归', '空间面板', 'GTWR']);
    expect(await page.getByTestId('simulated-banner').innerText()).toContain('模拟演示数据——并非真实统计数据');
    expect(await page.locator('.variable-list').innerText()).toContain('经济韧性指数（模拟）');
    expect(await page.locator('.group-filter button').allInnerTexts()).toEqual(['全部', '东部', '中部', '西部', '东北']);
    await page.getByRole('button', { name: '东部', exact: true }).click();
    await mapReady('map');
    expect(await page.locator('.map-legend').innerText()).toContain('东部以外');
    await page.getByRole('button', { name: '全部', exact: true }).click();
    expect(await page.locator('#sample-select option').allInnerTexts()).toContain('中国省级区域（模拟演示数据）');
  }, 60_000);

  it('remembers the choice over a reload', async () => {
    const page = app.page;
    await page.reload();
    await page.locator('.variable-list').waitFor({ timeout: 90_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('#language-select').inputValue()).toBe('zh-CN');
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['地图', '数据', '综合指数', '空间权重', '空间自相关', '回归', '空间面板', 'GTWR']);
    expect(await page.evaluate(() => localStorage.getItem('rwb.language'))).toBe('zh-CN');
  }, 120_000);

  it('shows every tab of the China sample in Chinese', async () => {
    await visitTabs('china', null);
    // The group comparison in Chinese (a short run).
    const page = app.page;
    await page.locator('#r-model').selectOption('fe');
    // lag() leaves the first year missing: every column drops rows and says so.
    await page.locator('#r-y').fill('lag(resilience)');
    await page.getByLabel('分区域回归').check();
    await page.getByRole('button', { name: '运行回归' }).click();
    // The grouped table first: the comparison box of the run before is still shown until then,
    // and is replaced (remounted, its comparison lost) when the new run's result arrives.
    const header = page.locator('[data-testid="regression-table"] thead tr').first();
    await expect.poll(() => header.locator('th').allInnerTexts(), { timeout: 30_000 }).toContain('(2) 东部');
    const box = page.getByTestId('regression-compare');
    await box.waitFor({ timeout: 60_000 });
    expect(await box.getByLabel('组 A').locator('option').allInnerTexts()).toEqual(['东部', '中部', '西部', '东北']);
    await box.locator('#r-perm').fill('19');
    await box.getByRole('button', { name: '比较', exact: true }).click();
    await box.locator('table.regression-gaps').waitFor({ timeout: 60_000 });
    expect(await box.locator('table.regression-gaps th').allInnerTexts()).toEqual(['系数', '合并交互模型（Chow）', '分组单独回归（置换）', '差值（东部 − 西部）', 'p 值（Chow）', '差值（东部 − 西部）', 'p 值（置换）']);
    expect(await box.innerText()).toContain('Chow 检验');
    await expect.poll(() => header.locator('th').allInnerTexts(), { timeout: 30_000 }).toContain('(2) 东部');
    const notes = await page.locator('.regression-warnings li').allInnerTexts();
    expect(notes.length).toBe(5);
    expect(notes[0]).toMatch(/^全样本：删除了 31 行（lag\(resilience\), .*中有缺失值）。$/);
    expect(notes[1]).toMatch(/^东部：删除了 \d+ 行/);
    expect(await leftoverEnglish()).toEqual([]);
    expect(await serviceTexts()).toEqual([]);
    await shot('china-regression-groups');
    // A Chinese UI can still export an English table: the table language is its own choice.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(async () => (await page.locator('[data-testid="regression-table"] tr[data-row="regionFE"] td').allInnerTexts()).slice(0, 2), { timeout: 30_000 })
      .toEqual(['Region FE', 'YES']);
    expect(await header.locator('th').allInnerTexts()).toContain('(2) East');
    expect(await page.getByRole('tab').first().innerText()).toBe('地图');
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await expect.poll(async () => (await page.locator('[data-testid="regression-table"] tr[data-row="regionFE"] td').allInnerTexts()).slice(0, 2), { timeout: 30_000 })
      .toEqual(['地区固定效应', '是']);
  }, 300_000);

  it('shows the Import dialog and its preview report in Chinese', async () => {
    const page = app.page;
    await openTab('地图');
    await page.getByRole('button', { name: '导入…' }).click();
    const dialog = page.getByRole('dialog', { name: '导入数据' });
    await dialog.waitFor();
    expect(await leftoverEnglish()).toEqual([]);
    // A duplicated row (an error), a region missing 2011 (a gap) and so an unbalanced panel.
    const csv = 'code,year,gdp\n110000,2010,1\n110000,2010,2\n110000,2011,3\n110000,2012,4\n120000,2010,5\n120000,2012,6\n';
    await page.getByLabel('面板数据文件').setInputFiles({ name: 'dup.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('select#imp-id').waitFor({ timeout: 10_000 });
    await page.locator('#imp-id').selectOption('code');
    await page.locator('#imp-time').selectOption('year');
    await page.getByRole('button', { name: '预览' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    const text = await report.innerText();
    expect(text).toContain('请先修正下列错误再导入；尚未写入任何数据。');
    expect(text).toMatch(/错误 \(\d+\)/);
    expect(text).toContain('地区数');
    expect(text).toContain('dup.csv：(110000, 2010) 在第 2 行和第 3 行重复');
    expect(text).toContain('120000：缺少 2011 的数据');
    expect(text).toContain('非平衡面板：2 个地区中有 1 个缺少部分时期（共 3 期）');
    expect(await serviceTexts()).toEqual([]);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    expect(await leftoverEnglish()).toEqual([]);
    await shot('import-dialog');
    await page.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);

  it('shows the Derived-variable dialog in Chinese and creates a variable', async () => {
    const page = app.page;
    await page.getByRole('button', { name: '衍生变量…' }).click();
    const dialog = page.getByRole('dialog', { name: '新建衍生变量' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('自然对数');
    expect(await leftoverEnglish()).toEqual([]);
    await shot('derive-dialog');
    await page.locator('#derive-name').fill('ln_pgdp_zh');
    await page.locator('#derive-expr').fill('log(pgdp)');
    await page.locator('#derive-label').fill('人均 GDP 对数');
    await page.getByRole('button', { name: '创建变量' }).click();
    await expect.poll(() => page.locator('.variable-list li.selected').innerText(), { timeout: 30_000 }).toContain('人均 GDP 对数');
    expect(await page.locator('.variable-list li.selected').innerText()).toContain('衍生');
  }, 60_000);

  it('shows every tab of the US sample in Chinese', async () => {
    const page = app.page;
    await page.locator('#sample-select').selectOption('us-states');
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('us-states');
    expect(await page.getByTestId('simulated-banner').count()).toBe(0);
    expect(await page.locator('.variable-list').innerText()).toContain('州生产总值');
    await visitTabs('us', { y: 'log(gsp)', x: ['pcap', 'emp'] });
  }, 300_000);

  it('switches back to English', async () => {
    const page = app.page;
    await page.locator('#language-select').selectOption('en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Map', 'Data', 'Index', 'Weights', 'Spatial autocorrelation', 'Regression', 'Spatial panel', 'GTWR']);
    // Back in English the regression table follows the UI language again: the tab re-makes the
    // table on screen (the button reads "Fitting…" meanwhile), then offers "Run regression".
    await expect.poll(() => page.getByTestId('regression-tab').innerText(), { timeout: 30_000 }).toContain('Run regression');
    await expect.poll(() => page.locator('[data-testid="regression-table"] tr[data-row="regionFE"] td').allInnerTexts(), { timeout: 30_000 })
      .toEqual(['Region FE', 'YES']);
    // Nothing was fetched from elsewhere (the catalogues are bundled) and React logged no errors.
    expect(app.external).toEqual([]);
    expect(app.consoleErrors.filter((e) => !/favicon|status of 4\d\d/.test(e))).toEqual([]);
  }, 60_000);

  it('a browser whose language is Chinese starts in Chinese, errors included', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN' });
    const other = await context.newPage();
    await other.goto(`http://127.0.0.1:${app.port}/`);
    const alert = other.locator('.error-banner[role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await other.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await alert.innerText()).toContain('会话令牌缺失或错误');
    expect(await other.getByRole('tab').allInnerTexts()).toEqual(['地图', '数据', '综合指数', '空间权重', '空间自相关', '回归', '空间面板', 'GTWR']);
    await context.close();
  }, 60_000);
});
