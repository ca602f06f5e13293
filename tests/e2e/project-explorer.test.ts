/**
 * Browser test of the project explorer (issue 13, "Projects") in web mode: on the US sample the
 * "Project contents" section lists the boundary layer (48 states), the import produc.csv with its
 * nine variables over 48 regions and 17 periods (plm::Produc, 1970–1986: 816 state-years), each
 * variable with its source and counts; a variable derived in the Derive dialog shows with its
 * expression (the summary refetch), a queen matrix and a saved regression made through the API
 * (as the tabs do) after a tab change and after Refresh. Groups open and close from the keyboard (aria-expanded); a variable's
 * name shows it on the map. English and Chinese. Screenshots docs/screenshot-explorer-{en,zh}.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, useWebApp } from './web-harness';

const app = useWebApp();
const shot = (lang: string) => join(root, 'docs', `screenshot-explorer-${lang}.png`);

/** Calls a channel on the app's loopback server with the session token from its address. */
async function post(channel: string, body: unknown): Promise<unknown> {
  const token = new URL(app.url).hash.replace('#token=', '');
  const res = await fetch(`http://127.0.0.1:${app.port}/api/${channel}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-rwb-token': token }, body: JSON.stringify(body),
  });
  const env = await res.json() as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!env.ok) throw new Error(`${channel}: ${env.error?.message}`);
  return env.value;
}

describe('web mode in Chromium: the project explorer', () => {
  it('lists datasets, variables, weight matrices and runs of the US sample, refreshed after changes, in English and Chinese', async () => {
    const page = app.page;
    // The China sample's map first (as a user sees it): a switch while its layer and values are
    // still being fetched can answer those requests for the US project (422s in the console).
    await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
    await page.locator('#sample-select').selectOption('us-states');
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('us-states');

    const explorer = page.locator('section.project-explorer');
    const title = explorer.getByRole('button', { name: 'Project contents', exact: true });
    expect(await title.getAttribute('aria-expanded')).toBe('false');
    // Keyboard: the toggle is a button in the Tab order; Enter opens it.
    await title.focus();
    await page.keyboard.press('Enter');
    expect(await title.getAttribute('aria-expanded')).toBe('true');

    const datasets = explorer.getByRole('list', { name: 'Datasets' });
    await datasets.waitFor({ timeout: 15_000 });
    const rows = await datasets.locator('li').allInnerTexts();
    expect(rows[0]).toContain('states');
    expect(rows[0]).toContain('48 regions with a boundary');
    expect(rows[1]).toContain('produc.csv');
    expect(rows[1]).toContain('9 variables · 48 regions · 17 periods (1970–1986)');
    expect(rows[1]).toContain('region, pcap, hwy, water, util, pc, gsp, emp, unemp');
    const vars = explorer.getByRole('list', { name: 'Variables' });
    expect(await vars.locator('li').count()).toBe(9);
    const gsp = vars.locator('li', { has: page.getByRole('button', { name: 'Show gsp on the map' }) });
    expect(await gsp.innerText()).toContain('Source: produc.csv');
    expect(await gsp.innerText()).toContain('816 values · 0 missing');
    expect(await explorer.getByRole('button', { name: /^Weight matrices/ }).innerText()).toContain('(0)');
    expect(await explorer.locator('.explorer-empty').allInnerTexts()).toEqual(['No weight matrix saved yet (Weights tab).', 'No run saved yet (Regression tab).']);

    // A variable's name shows it on the map (the sidebar's list selects it too).
    await gsp.getByRole('button', { name: 'Show gsp on the map' }).click();
    expect(await page.locator('.variable-list [role="option"][aria-selected="true"] code').innerText()).toBe('gsp');

    // A derived variable through the Derive dialog: the app refetches the summary, and so the explorer.
    await page.getByRole('button', { name: 'Derived variable…' }).click();
    await page.locator('#derive-name').fill('lgsp');
    await page.locator('#derive-expr').fill('log(gsp)');
    await page.getByRole('button', { name: 'Create variable' }).click();
    const lgsp = vars.locator('li', { has: page.getByRole('button', { name: 'Show lgsp on the map' }) });
    await lgsp.waitFor({ timeout: 30_000 });
    expect(await lgsp.innerText()).toContain('Derived: = log(gsp)');
    expect(await lgsp.innerText()).toContain('816 values · 0 missing');
    // The derived variable is no import: the datasets keep their two rows.
    expect(await datasets.locator('li').count()).toBe(2);

    // A matrix and a saved run made elsewhere (through the API, as the Weights and Regression tabs do).
    await post('weights:build', { name: 'queen', spec: { type: 'queen' } });
    // A tab change refetches.
    await page.getByRole('tab', { name: 'Data' }).click();
    const weights = explorer.getByRole('list', { name: 'Weight matrices' });
    await weights.waitFor({ timeout: 15_000 });
    expect(await weights.innerText()).toContain('queen');
    expect(await weights.innerText()).toContain('n = 48');
    await page.getByRole('tab', { name: 'Map' }).click();
    const run = await post('regression:run', { y: 'lgsp', x: ['pcap', 'emp'] }) as { runId: number };
    await explorer.getByRole('button', { name: 'Refresh the project contents' }).click();
    const runs = explorer.getByRole('list', { name: 'Runs' });
    await runs.waitFor({ timeout: 15_000 });
    expect(await runs.innerText()).toContain(`#${run.runId} Fixed effects`);
    expect(await runs.innerText()).toContain('lgsp ~ pcap + emp · fe, twoways');

    // Groups close and open from the keyboard.
    const varsToggle = explorer.getByRole('button', { name: /^Variables/ });
    await varsToggle.focus();
    await page.keyboard.press('Enter');
    expect(await varsToggle.getAttribute('aria-expanded')).toBe('false');
    expect(await vars.count()).toBe(0);
    await page.keyboard.press('Space');
    expect(await varsToggle.getAttribute('aria-expanded')).toBe('true');

    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.screenshot({ path: shot('en') });
    expect(readFileSync(shot('en')).length).toBeGreaterThan(10_000);

    await page.locator('#language-select').selectOption('zh-CN');
    const zh = page.locator('section.project-explorer');
    expect(await zh.getByRole('button', { name: '项目内容', exact: true }).getAttribute('aria-expanded')).toBe('true');
    expect(await zh.getByRole('list', { name: '数据集' }).innerText()).toContain('9 个变量 · 48 个地区 · 17 期（1970–1986）');
    expect(await zh.getByRole('list', { name: '分析记录' }).innerText()).toContain(`#${run.runId} 固定效应`);
    expect(await zh.getByRole('list', { name: '变量' }).innerText()).toContain('来源：produc.csv');
    await page.screenshot({ path: shot('zh') });
    await page.locator('#language-select').selectOption('en');
    await page.setViewportSize({ width: 1400, height: 900 });
    expect(app.consoleErrors).toEqual([]);
    expect(app.external).toEqual([]);
  }, 240_000);
});
