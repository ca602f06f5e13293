/**
 * Browser test of the Weights tab in web mode on the China sample project: queen W reports
 * Hainan as an island (red sentence, histogram bar at 0) until a Hainan–Guangdong link is
 * added; clicking Hainan on the map then names Guangdong as its one neighbour; a .gal export
 * downloads and re-imports; screenshot tests/output/weights-view.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outDir, useWebApp } from './web-harness';

const app = useWebApp();

/** Clicks the map at a lon/lat, using the bounds the map writes on its container (Web Mercator). */
async function clickLonLat(lon: number, lat: number): Promise<void> {
  const map = app.page.getByTestId('weights-map');
  const bounds = JSON.parse((await map.getAttribute('data-bounds')) ?? 'null') as [number, number, number, number] | null;
  const box = await map.boundingBox();
  if (!bounds || !box) throw new Error('the weights map has no bounds yet');
  const merc = (phi: number) => Math.log(Math.tan(Math.PI / 4 + (phi * Math.PI) / 360));
  const [w, s, e, n] = bounds;
  const x = box.x + ((lon - w) / (e - w)) * box.width;
  const y = box.y + ((merc(n) - merc(lat)) / (merc(n) - merc(s))) * box.height;
  await app.page.mouse.click(x, y);
}

async function mapReady(): Promise<void> {
  await app.page.waitForSelector('[data-testid="weights-map"][data-map-ready="true"]', { timeout: 60_000 });
}

describe('web mode in Chromium: the Weights tab', () => {
  it('queen W on the China sample reports Hainan as an island until a manual link is added', async () => {
    await app.page.getByRole('tab', { name: 'Weights' }).click();
    await app.page.getByTestId('weights-tab').waitFor();
    await app.page.locator('#w-type').selectOption('queen');
    await app.page.locator('#w-name').fill('queen');
    await app.page.getByRole('button', { name: 'Build and save' }).click();
    const notes = app.page.getByTestId('island-notes');
    await notes.waitFor({ timeout: 30_000 });
    expect(await notes.innerText()).toContain('Hainan (海南) has no neighbours.');
    // The sentence is drawn in red.
    expect(await notes.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(179, 38, 30)');
    expect(await app.page.getByTestId('w-n').innerText()).toBe('31');
    expect(await app.page.getByTestId('w-components').innerText()).toBe('2 (sizes 30, 1)');
    // Histogram: one red bar (the island) at zero neighbours.
    expect(await app.page.locator('[data-testid="weights-histogram"] rect[fill="#d93025"]').count()).toBe(1);
    await mapReady();

    // Clicking Guangdong highlights it and names its neighbours (Hainan is not among them).
    await clickLonLat(113.4, 23.4);
    const selected = app.page.getByTestId('selected-region');
    await expect.poll(() => selected.innerText(), { timeout: 10_000 }).toMatch(/^Guangdong \(广东\): \d neighbours — /);
    expect(await selected.innerText()).not.toContain('Hainan');
    await mapReady();
    mkdirSync(outDir, { recursive: true });
    await app.page.screenshot({ path: join(outDir, 'weights-view-island.png') });

    // Manual link Hainan–Guangdong: the first picker already suggests the island.
    expect(await app.page.getByLabel('First region').inputValue()).toBe('460000');
    await app.page.getByLabel('Second region').selectOption({ label: 'Guangdong (广东)' });
    await app.page.getByRole('button', { name: 'Add link' }).click();
    await expect.poll(() => app.page.getByTestId('w-islands').innerText(), { timeout: 30_000 }).toBe('none');
    expect(await app.page.getByTestId('island-notes').count()).toBe(0);
    expect(await app.page.getByTestId('w-components').innerText()).toBe('1');
    // The spec is described in the UI language; its canonical text is the tooltip.
    expect(await app.page.getByTestId('w-spec').getAttribute('title')).toBe('queen:std=row:links=460000|440000');
    expect(await app.page.getByTestId('w-spec').innerText()).toBe('Queen contiguity · row · 1 manual link');
    expect(await app.page.getByTestId('weights-list').innerText()).toContain('queen+link');
    await mapReady();

    await clickLonLat(109.8, 19.2);
    await expect.poll(() => selected.innerText(), { timeout: 10_000 }).toBe('Hainan (海南): 1 neighbour — Guangdong (广东)');
    await mapReady();
    await app.page.screenshot({ path: join(outDir, 'weights-view.png') });
    expect(readFileSync(join(outDir, 'weights-view.png')).length).toBeGreaterThan(10_000);
  }, 120_000);

  it('exports the linked matrix as .gal and imports it back', async () => {
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: '.gal' }).click()]);
    expect(download.suggestedFilename()).toBe('queen+link.gal');
    const path = await download.path();
    const gal = readFileSync(path, 'utf8');
    const lines = gal.trim().split('\n');
    expect(lines[0]).toMatch(/^0 31 /);
    const at = lines.findIndex((l) => l.startsWith('460000 '));
    expect(lines[at]).toBe('460000 1');
    expect(lines[at + 1]).toBe('440000');

    await app.page.getByLabel('Name for the imported matrix').fill('from-gal');
    await app.page.locator('#w-import').setInputFiles({ name: 'queen-link.gal', mimeType: 'text/plain', buffer: Buffer.from(gal) });
    await expect.poll(() => app.page.getByTestId('w-spec').getAttribute('title'), { timeout: 30_000 }).toBe('file:queen-link.gal:std=row');
    expect(await app.page.getByTestId('w-islands').innerText()).toBe('none');

    const bad = '0 2 x\nHainan 1\nAtlantis\nAtlantis 1\nHainan\n';
    await app.page.locator('#w-import').setInputFiles({ name: 'bad.gal', mimeType: 'text/plain', buffer: Buffer.from(bad) });
    await expect.poll(() => app.page.getByRole('alert').first().innerText(), { timeout: 30_000 })
      .toContain('bad.gal: 1 region id(s) match no region of the project: "Atlantis".');
    expect(app.external).toEqual([]);
    // The refused import answers 422 (the server's status for an input error); nothing else may log an error.
    expect(app.consoleErrors.filter((e) => !/favicon|status of 422/.test(e))).toEqual([]);
  }, 60_000);
});
