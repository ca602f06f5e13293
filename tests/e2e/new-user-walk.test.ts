/**
 * The new-user walk of issue 13 ("Done when"), in the browser (web mode, Chromium), in English
 * and then in Chinese: create an empty project in the Projects dialog → import us48 (its
 * shapefile's .shp/.shx/.dbf through the Boundary files picker) with Produc (CSV) → import the
 * Mexico pair (mexicojoin's shapefile and the wide mexico.csv, `pcgdp1940 … pcgdp2000`),
 * accepting the suggested names in the dialog → build a queen matrix in the Weights tab → run
 * the Regression tab's starting model → export its table as CSV. Nothing is edited by hand;
 * every file is one of assets/datasets as shipped. Screenshots docs/screenshot-walk-*-{en,zh}.png.
 *
 * Before the walk, the map-colour bug of issue 13: after switching from the China sample (its
 * map coloured) to a project from the China provinces template (same region codes, no data), the
 * map kept the sample's fill colours. The rendered pixels of the map are read after the switch.
 *
 * Reference values:
 * - us48 × Produc: 48 states × 17 years (1970–1986); Munnell (1990) / plm `Produc`.
 * - Two-way FE of log(gsp) on log(pcap), log(pc), log(emp), unemp with Stata-style clustered SE:
 *   tests/fixtures/reference/produc_reference.json `fe_twoways` (R plm + sandwich): log(pcap)
 *   −0.0301760565798378, log(emp) 0.769306196203368.
 * - mexicojoin.dbf NAME ↔ mexico.csv State (docs/notes/i13-import.md): Baja California Norte,
 *   Coahuila De Zaragoza, Michoacan de Ocampo, Queretaro de Arteaga, Veracruz-Llave are offered
 *   for Baja California, Coahuila, Michoacan, Quertaro, Veracruz; the other 27 match as written.
 * - Queen contiguity of us48: 48 regions, no islands (spdep::poly2nb; produc_reference.json
 *   `neighbors`).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, type Catalogue } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { paletteFor, MISSING_COLOR } from '../../renderer/src/lib/palette';
import { datasetPath, repoPath } from '../helpers/paths';
import { useWebApp } from './web-harness';

const app = useWebApp();

type Lang = 'en' | 'zh';
const CATALOGUES: Record<Lang, Catalogue> = { en, zh: zhCN };

/** The catalogue string at `key` in `lang`, placeholders filled from `vars`. */
function s(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  let v: unknown = CATALOGUES[lang];
  for (const part of key.split('.')) v = (v as Record<string, unknown>)[part];
  if (typeof v !== 'string') throw new Error(`no string ${key}`);
  return v.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));
}

const shot = (page: Page, step: string, lang: Lang) => page.screenshot({ path: repoPath('docs', `screenshot-walk-${step}-${lang}.png`) });

/** The map's palette colours (every class count the app uses) and the no-data grey, as #rrggbb. */
const PALETTE = new Set([3, 4, 5, 6, 7].flatMap((n) => paletteFor(n)));

/**
 * Colours of the map as rendered (a screenshot of the map element decoded in the page), counted
 * per colour over every 7th pixel. Fill colours are drawn at opacity 0.95 over the background,
 * so a class colour appears within a few units of its palette value.
 */
async function renderedColours(page: Page): Promise<Map<string, number>> {
  const map = page.getByTestId('map');
  await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
  const png = await map.screenshot();
  const counts = await page.evaluate(async (b64) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
    const out: Record<string, number> = {};
    for (let i = 0; i < d.length; i += 4 * 7) {
      const k = '#' + [d[i], d[i + 1], d[i + 2]].map((x) => x.toString(16).padStart(2, '0')).join('');
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  }, png.toString('base64'));
  return new Map(Object.entries(counts));
}

/** Pixels within `tol` of a palette colour blended at 0.95 over the map background #f4f6f8. */
function classPixels(colours: Map<string, number>, tol = 6): number {
  const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const bg = rgb('#f4f6f8');
  const targets = [...PALETTE].map((h) => rgb(h).map((c, i) => 0.95 * c + 0.05 * bg[i]));
  let n = 0;
  for (const [hex, count] of colours) {
    const c = rgb(hex);
    if (targets.some((t) => t.every((v, i) => Math.abs(v - c[i]) <= tol))) n += count;
  }
  return n;
}

/** Pixels of the no-data grey, blended like the classes (within 2 units per channel). */
function greyPixels(colours: Map<string, number>): number {
  const grey = 0.95 * parseInt(MISSING_COLOR.slice(1, 3), 16) + 0.05 * 0xf4;
  let n = 0;
  for (const [hex, count] of colours) {
    if ([1, 3, 5].every((i) => Math.abs(parseInt(hex.slice(i, i + 2), 16) - grey) <= 2)) n += count;
  }
  return n;
}

async function openDialog(page: Page, button: string, title: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

async function newProject(page: Page, lang: Lang, name: string, template: 'empty' | 'china-provinces') {
  const dialog = await openDialog(page, s(lang, 'header.projects'), s(lang, 'projects.title'));
  await dialog.getByTestId('new-project-name').fill(name);
  await dialog.getByTestId('new-project-template').selectOption(template);
  return dialog;
}

describe('the map after a project switch (issue 13: it kept the previous project\'s colours)', () => {
  it('draws the new project\'s colours, not the sample\'s', async () => {
    const page = app.page;
    const before = await renderedColours(page);
    // The China sample's resilience map: five quantile classes of the blue palette.
    expect(classPixels(before)).toBeGreaterThan(5_000);
    const dialog = await newProject(page, 'en', 'same codes, no data', 'china-provinces');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe('same codes, no data');
    const after = await renderedColours(page);
    expect(classPixels(after)).toBe(0);
    expect(greyPixels(after)).toBeGreaterThan(5_000);
    expect(await page.getByTestId('map').getAttribute('data-fills')).toBe('');
  }, 120_000);
});

for (const lang of ['en', 'zh'] as const) {
  describe(`the new-user walk in ${lang === 'en' ? 'English' : 'Chinese'}`, () => {
    it('new project → us48 + Produc → the Mexico pair with the suggested names → weights → regression → exported table', async () => {
      const page = app.page;
      const t = (key: string, vars?: Record<string, string | number>) => s(lang, key, vars);
      await page.locator('#language-select').selectOption(lang === 'en' ? 'en' : 'zh-CN');

      // 1. A new, empty project of one's own.
      const name = `walk-${lang}`;
      const projects = await newProject(page, lang, name, 'empty');
      await shot(page, '1-new', lang);
      await projects.getByRole('button', { name: t('projectFiles.create') }).click();
      await expect.poll(() => page.locator('.project-name').innerText(), { timeout: 60_000 }).toBe(name);
      expect(await page.getByTestId('simulated-banner').count()).toBe(0);
      // No error for having no boundaries yet, a hint instead; nothing of the project before drawn.
      expect(await page.locator('.error-banner').count()).toBe(0);
      expect(await page.getByTestId('map-no-boundaries').innerText()).toBe(t('mapNoData.noBoundaries'));
      const emptyMap = await renderedColours(page);
      expect(classPixels(emptyMap) + greyPixels(emptyMap)).toBe(0);
      await shot(page, '1-empty', lang);

      // 2. us48 (shapefile) and Produc (CSV) in one import.
      let dialog = await openDialog(page, t('header.import'), t('import.title'));
      await page.getByLabel(t('import.panelFile')).setInputFiles(datasetPath('produc.csv'));
      await page.getByLabel(t('import.boundaryFiles')).setInputFiles(['us48.shp', 'us48.shx', 'us48.dbf'].map((f) => datasetPath('us48', f)));
      await page.locator('select#imp-key').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator('#imp-id').inputValue(), { timeout: 30_000 }).toBe('state_name');
      expect(await page.locator('#imp-time').inputValue()).toBe('year');
      await page.locator('#imp-key').selectOption('STATE_NAME');
      await page.locator('#imp-name-en').selectOption('STATE_NAME');
      await dialog.getByRole('button', { name: t('import.preview') }).click();
      const report = page.getByTestId('import-report');
      await report.waitFor({ timeout: 60_000 });
      expect(await report.innerText()).toContain(t('importReport.ok'));
      await dialog.getByRole('button', { name: t('import.commit') }).click();
      await dialog.getByText(t('import.done')).waitFor({ timeout: 60_000 });
      await shot(page, '2-us48', lang);
      await dialog.getByRole('button', { name: t('common.close'), exact: true }).last().click();
      await expect.poll(() => page.locator('.project-card .muted').innerText(), { timeout: 30_000 }).toMatch(/^48\D/);
      expect(classPixels(await renderedColours(page))).toBeGreaterThan(2_000);
      await shot(page, '3-us48-map', lang);

      // 3. The Mexico pair: the wide CSV and the shapefile; accept the suggested names.
      dialog = await openDialog(page, t('header.import'), t('import.title'));
      await page.getByLabel(t('import.panelFile')).setInputFiles(datasetPath('mexico', 'mexico.csv'));
      await page.getByLabel(t('import.boundaryFiles')).setInputFiles(['mexicojoin.shp', 'mexicojoin.shx', 'mexicojoin.dbf'].map((f) => datasetPath('mexico', f)));
      await page.getByTestId('import-wide').waitFor({ timeout: 30_000 });
      await page.locator('select#imp-key').waitFor({ timeout: 30_000 });
      expect(await page.locator('#imp-id').inputValue()).toBe('State');
      await page.locator('#imp-key').selectOption('CODE');
      await page.locator('#imp-name-en').selectOption('NAME');
      await dialog.getByRole('button', { name: t('import.preview') }).click();
      await report.waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid="import-match"] button').allInnerTexts()).toEqual(
        ['Baja California Norte', 'Coahuila De Zaragoza', 'Michoacan de Ocampo', 'Queretaro de Arteaga', 'Veracruz-Llave'].map((n) => t('importDialog.accept', { name: n })),
      );
      await shot(page, '4-mexico-names', lang);
      await page.getByTestId('import-accept-all').click();
      expect(await page.getByTestId('import-aliases').locator('li').count()).toBe(5);
      await dialog.getByRole('button', { name: t('import.preview') }).click();
      await report.waitFor({ timeout: 60_000 });
      expect(await report.innerText()).toContain(t('importReport.ok'));
      await dialog.getByRole('button', { name: t('import.commit') }).click();
      await dialog.getByText(t('import.done')).waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: t('common.close'), exact: true }).last().click();
      await expect.poll(() => page.locator('.project-card .muted').innerText(), { timeout: 30_000 }).toMatch(/^80\D/);
      expect(classPixels(await renderedColours(page))).toBeGreaterThan(2_000);
      await shot(page, '5-mexico-map', lang);

      // 4. Weights: queen contiguity over the us48 layer.
      await page.getByLabel(t('sidebar.boundaryLayer')).selectOption('us48');
      await page.getByRole('tab', { name: t('tabs.weights') }).click();
      await page.locator('#w-type').selectOption('queen');
      await page.getByRole('button', { name: t('weights.buildAndSave') }).click();
      const summary = page.getByTestId('weights-summary');
      await summary.waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('weights-list').innerText(), { timeout: 30_000 }).toContain('queen');
      expect(await summary.getByTestId('w-n').innerText()).toBe('48');
      expect(await summary.getByTestId('w-islands').innerText()).toBe(t('common.none'));
      await page.locator('[data-testid="weights-map"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
      await shot(page, '6-weights', lang);

      // 5. The Regression tab's starting model, then its table as CSV.
      await page.getByRole('tab', { name: t('tabs.regression') }).click();
      expect(await page.locator('#r-y').inputValue()).toBe('log(gsp)');
      await page.getByRole('button', { name: t('regression.run') }).click();
      const table = page.getByTestId('regression-table');
      await table.waitFor({ timeout: 60_000 });
      // produc_reference.json fe_twoways: log(pcap) −0.0302, log(emp) 0.7693.
      expect(await table.locator('tr[data-coef="log(pcap)"] td').nth(1).innerText()).toMatch(/^−?-?0\.030\b/);
      expect(await table.locator('tr[data-coef="log(emp)"] td').nth(1).innerText()).toMatch(/^0\.769\b/);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '.csv', exact: true }).click();
      const file = await download;
      const csv = readFileSync(await file.path(), 'utf8');
      expect(csv).toContain('log(pcap)');
      expect(csv).toMatch(/0\.769/);
      await page.getByRole('status').filter({ hasText: file.suggestedFilename() }).waitFor({ timeout: 10_000 });
      await shot(page, '7-regression', lang);
      await page.getByRole('tab', { name: t('tabs.map') }).click();
    }, 150_000);
  });
}

describe('the walk left no trace of trouble', () => {
  it('no console errors and no request off the machine', () => {
    expect(app.consoleErrors).toEqual([]);
    expect(app.external).toEqual([]);
  });
});
