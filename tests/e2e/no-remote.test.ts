/**
 * Browser test: nothing in the renderer requests anything outside the app's own origin (issue
 * 9, "Nothing in the renderer requests anything outside the app's own origin"). Every request
 * of the page and its workers is recorded — by the harness (`external`: any address other than
 * the loopback server, data: or blob:) and here at the browser-context level — while the test
 * walks every tab, map mode and dialog in both languages and on both samples; it fails on any
 * other origin.
 */
import { describe, expect, it } from 'vitest';
import { useWebApp } from './web-harness';

const app = useWebApp({ open: false });

describe('web mode in Chromium: no request leaves the app\'s origin', () => {
  it('walks every tab, mode and dialog on both samples in both languages without an outside request', async () => {
    const page = app.page;
    const origin = new URL(app.url).origin;
    const seen: string[] = [];
    page.context().on('request', (r) => seen.push(r.url()));
    await page.goto(app.url);
    await page.locator('.variable-list').waitFor({ timeout: 90_000 });

    // What each of the first four tabs (Map, Data, Index, Weights) shows once it has loaded:
    // waited for instead of a fixed pause, so the requests of its drawing have been made.
    const TAB_CONTENT = ['[data-testid="map"]', '[data-testid="describe-table"]', '[data-testid="index-panel"]', '[data-testid="weights-tab"]'];
    const tab = async (i: number) => {
      await page.getByRole('tab').nth(i).click();
      await page.locator(TAB_CONTENT[i]).waitFor({ timeout: 60_000 });
    };
    const closeDialog = async () => {
      await page.getByRole('dialog').locator('.modal-header button').click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    };
    const walk = async () => {
      await tab(0);
      await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
      await page.getByTestId('map-labels-toggle').check();
      await page.getByTestId('map-mode-multiples').click();
      await page.waitForSelector('[data-testid="multiples"][data-ready="true"]', { timeout: 60_000 });
      await page.getByTestId('map-export').click();
      await page.getByTestId('export-preview').locator('svg').waitFor({ timeout: 60_000 });
      await closeDialog();
      await page.getByTestId('map-mode-groups').click();
      await page.waitForSelector('[data-testid="group-chart-line"][data-ready="true"]', { timeout: 60_000 });
      await page.getByTestId('map-mode-interactive').click();
      for (let i = 1; i < 4; i++) await tab(i);
      await page.getByTestId('about-button').click();
      await closeDialog();
      for (const name of [/^Import/, /^Derived/, /^导入/, /^衍生/]) {
        const b = page.locator('.header-actions button', { hasText: name });
        if (await b.count()) {
          await b.first().click();
          await closeDialog();
        }
      }
    };

    await walk();
    await page.locator('#language-select').selectOption('zh-CN');
    await walk();
    await page.locator('#sample-select').selectOption('us-states');
    await expect.poll(() => page.locator('.sidebar').innerText(), { timeout: 90_000 }).toContain('us-states');
    await walk();

    const outside = seen.filter((u) => {
      const p = new URL(u).protocol;
      return p !== 'data:' && p !== 'blob:' && new URL(u).origin !== origin;
    });
    expect(seen.length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
    expect(app.external).toEqual([]);
  }, 600_000);
});
