/**
 * The GTWR figures through the dispatcher (`gwr:figure`, `gwr:figureExport`) on a `gtwr` job
 * result of the China sample project (31 provinces × 2008–2022, simulated data): the period
 * maps hold one panel per period with 31 provinces each and one five-class legend; the profile
 * plot marks the bandwidth the search chose; the group chart has one bar per group and period
 * whose heights are the means of the regions' period means (recomputed here from
 * `periods.by_region`); the exports are PNG / SVG / PDF files; the per-region table
 * (`gwr:tableExport`) carries the job's own means, ranges and group means; bad requests are refused with
 * their codes.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import type { JobResultOf } from '../../../src/contract';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-app-gtwr-fig-' });
const { call } = app;

async function finish(jobId: string) {
  let s = await call('job:status', { jobId });
  for (let i = 0; i < 6000 && s.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 10));
    s = await call('job:status', { jobId });
  }
  return s;
}

const periods = [{ from: 2008, to: 2012, label: '2008–2012' }, { from: 2013, to: 2017, label: '2013–2017' }, { from: 2018, to: 2022, label: '2018–2022' }];
let result: JobResultOf<'gtwr'>;

describe('GTWR figures on the China sample', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
    const { jobId } = await call('job:start', { task: 'gtwr', input: { y: 'resilience', x: ['digital'], bandwidth: 'auto', tau: 90000, periods } });
    const s = await finish(jobId);
    expect(s.state).toBe('done');
    result = s.result as JobResultOf<'gtwr'>;
  }, 180_000);

  it('draws the period maps as small multiples with shared breaks', async () => {
    const { svg, fileStem } = await call('gwr:figure', { result, kind: 'coefficient-maps', coefficient: 'digital' });
    expect(fileStem).toBe('gtwr-maps-digital');
    for (const p of ['2008–2012', '2013–2017', '2018–2022']) expect(svg).toContain(p);
    // 31 provinces in each of the three panels (paths carry data-region), plus Taiwan, Hong Kong
    // and Macao, which the China frame draws as reference areas without data.
    const regions = (svg.match(/data-region="\d{6}"/g) ?? []).map((m) => m.slice(13, 19));
    const provinces = new Set(result.local.map((r) => r.id));
    expect(provinces.size).toBe(31);
    expect(regions.filter((c) => provinces.has(c)).length).toBe(93);
    expect(new Set(regions.filter((c) => !provinces.has(c)))).toEqual(new Set(['710000', '810000', '820000']));
    expect(svg).toContain('natural breaks');
  });

  it('draws the bandwidth profile with the chosen k marked, and the τ profile only when τ was searched', async () => {
    const { svg } = await call('gwr:figure', { result, kind: 'profile' });
    expect(svg).toContain(`chosen: ${result.bandwidth}`);
    expect(result.tau_search).toBeNull();
    await expect(call('gwr:figure', { result, kind: 'tau-profile' })).rejects.toMatchObject({ code: 'gwr-figure-no-profile' });
  });

  it('draws group bars whose heights are the group means of the period means', async () => {
    const { svg } = await call('gwr:figure', { result, kind: 'groups', coefficient: 'digital', lang: 'zh' });
    for (const g of ['东部', '中部', '西部', '东北']) expect(svg).toContain(`>${g}<`);
    const dig = result.periods?.find((p) => p.coefficient === 'digital');
    // Reference: the engine's own by-group mean over region-years equals, with a balanced panel,
    // the mean of the regions' period means drawn here.
    const east = dig?.by_group.find((g) => g.group === 'East' && g.period === '2018–2022')?.mean as number;
    const summary = await call('project:summary', {});
    const eastIds = new Set(summary.regions.filter((r) => r.regionGroup === 'East').map((r) => r.code));
    const rows = dig?.by_region.filter((r) => r.period === '2018–2022' && eastIds.has(r.id)) ?? [];
    const mean = rows.reduce((a, r) => a + (r.mean as number), 0) / rows.length;
    expect(mean).toBeCloseTo(east, 10);
  });

  it('exports PNG, SVG and PDF and refuses unknown coefficients', async () => {
    for (const format of ['png', 'svg', 'pdf'] as const) {
      const d = await call('gwr:figureExport', { result, kind: 'coefficient-maps', coefficient: 'digital', format, size: { widthMm: 160, heightMm: 90, dpi: 96 } });
      expect(d.fileName).toBe(`gtwr-maps-digital.${format}`);
      const head = Buffer.from(d.dataBase64, 'base64').subarray(0, 5).toString('latin1');
      expect(head).toBe(format === 'png' ? '\u0089PNG\r' : format === 'pdf' ? '%PDF-' : '<?xml');
    }
    await expect(call('gwr:figure', { result, kind: 'groups', coefficient: 'nope' })).rejects.toMatchObject({ code: 'gwr-figure-unknown-coefficient' });
    await expect(call('gwr:figure', { result: { ...result, periods: null }, kind: 'coefficient-maps' })).rejects.toMatchObject({ code: 'gwr-figure-no-periods' });
  });

  it('exports the per-region table: region rows, period columns, group means in the footer', async () => {
    const d = await call('gwr:tableExport', { result, coefficient: 'digital', format: 'csv' });
    expect(d.fileName).toBe('gtwr-regions-digital.csv');
    const csv = Buffer.from(d.dataBase64, 'base64').toString('utf8');
    const dig = result.periods?.find((p) => p.coefficient === 'digital');
    // Reference: the job's own summaries, printed to 3 decimals.
    const beijing = dig?.by_region.find((r) => r.id === '110000' && r.period === '2018–2022');
    const east = dig?.by_group.find((g) => g.group === 'East' && g.period === '2018–2022');
    expect(csv).toContain('2008–2012');
    expect(csv).toContain((beijing?.mean as number).toFixed(3));
    expect(csv).toContain(`[${(beijing?.min as number).toFixed(3)}, ${(beijing?.max as number).toFixed(3)}]`);
    const eastLine = csv.split(/\r?\n/).find((l) => l.startsWith('"East, mean"') || l.startsWith('East, mean'));
    expect(eastLine).toContain((east?.mean as number).toFixed(3));
    for (const format of ['docx', 'xlsx', 'tex'] as const) {
      const t = await call('gwr:tableExport', { result, coefficient: 'digital', format, language: 'zh' });
      expect(t.fileName).toBe(`gtwr-regions-digital.${format}`);
      expect(Buffer.from(t.dataBase64, 'base64').length).toBeGreaterThan(100);
    }
  });

  it('hatches the regions whose local coefficient is not significant in a period, with a legend entry', async () => {
    const dig = result.periods?.find((p) => p.coefficient === 'digital');
    const overlayCount = (svg: string): number => (svg.match(/<path d="[^"]*" fill="url\(#hatch-\d+\)" fill-rule="evenodd" stroke="none" data-region="\d{6}"\/>/g) ?? []).length;
    const off = await call('gwr:figure', { result, kind: 'coefficient-maps', coefficient: 'digital' });
    expect(overlayCount(off.svg)).toBe(0);
    // Reference: the job's own shares significant; a region-period is hatched when fewer than
    // half of its local estimates are significant.
    for (const mode of ['uncorrected', 'corrected'] as const) {
      const expected = dig?.by_region.filter((r) => ((mode === 'corrected' ? r.share_significant_corrected : r.share_significant) as number) < 0.5).length;
      const { svg } = await call('gwr:figure', { result, kind: 'coefficient-maps', coefficient: 'digital', significance: mode });
      expect(overlayCount(svg)).toBe(expected);
      expect(svg).toContain('>Not significant<');
      expect(svg).toContain(mode === 'corrected' ? 'corrected p &lt; 0.05' : 'local t-test p &lt; 0.05');
      // the pattern has no background: the class colour shows between the lines
      expect(svg).toMatch(/<pattern id="hatch-\d+"[^>]*><rect x="0" y="0" width="4" height="4" fill="none"\/><line [^>]*stroke="#262626"/);
    }
    const corrected = dig?.by_region.filter((r) => (r.share_significant_corrected as number) < 0.5).length as number;
    const plain = dig?.by_region.filter((r) => (r.share_significant as number) < 0.5).length as number;
    expect(corrected).toBeGreaterThanOrEqual(plain); // corrected p ≥ p
    const zh = await call('gwr:figure', { result, kind: 'coefficient-maps', coefficient: 'digital', significance: 'corrected', lang: 'zh' });
    expect(zh.svg).toContain('>不显著<');
    for (const format of ['png', 'pdf'] as const) {
      const d = await call('gwr:figureExport', { result, kind: 'coefficient-maps', coefficient: 'digital', significance: 'corrected', format, size: { widthMm: 160, heightMm: 90, dpi: 96 } });
      expect(Buffer.from(d.dataBase64, 'base64').subarray(0, 4).toString('latin1')).toBe(format === 'png' ? '\u0089PNG' : '%PDF');
    }
    const old = { ...result, periods: result.periods?.map((p) => ({ ...p, by_region: p.by_region.map(({ share_significant_corrected: _, ...r }) => r) })) ?? null };
    await expect(call('gwr:figure', { result: old, kind: 'coefficient-maps', coefficient: 'digital', significance: 'corrected' })).rejects.toMatchObject({ code: 'gwr-figure-no-corrected' });
  });

  it('exports the diagnostics table: GTWR, global OLS and two-way FE side by side', async () => {
    const c = result.comparison;
    expect(c?.fe).not.toBeNull();
    // 31 provinces × 15 years, one slope: K = 1 + 31 + 15 − 1 = 46 parameters, edf = 465 − 46
    expect(result.fe).toMatchObject({ effects: 'twoways', regions: 31, periods: 15, absorbed: 45, parameters: 46, df_resid: 419 });
    const d = await call('gwr:tableExport', { result, table: 'diagnostics', format: 'csv' });
    expect(d.fileName).toBe('gtwr-diagnostics.csv');
    const csv = Buffer.from(d.dataBase64, 'base64').toString('utf8');
    const line = (label: string) => csv.split(/\r?\n/).find((l) => l.replace(/"/g, '').startsWith(`${label},`)) ?? '';
    expect(csv).toContain('Two-way FE');
    expect(line('AICc')).toContain((c?.fe?.aicc as number).toFixed(3));
    expect(line('AICc')).toContain((c?.gtwr.aicc as number).toFixed(3));
    expect(line('AICc')).toContain((c?.ols.aicc as number).toFixed(3));
    expect(line('R² (within)')).toContain((c?.fe?.r2_within as number).toFixed(4));
    expect(csv).toContain((result.fe?.coefficients.digital as number).toFixed(3));
    const zh = await call('gwr:tableExport', { result, table: 'diagnostics', format: 'docx', language: 'zh' });
    expect(zh.fileName).toBe('gtwr-diagnostics.docx');
    await expect(call('gwr:tableExport', { result: { ...result, comparison: undefined }, table: 'diagnostics', format: 'csv' })).rejects.toMatchObject({ code: 'gwr-table-no-comparison' });
  });
});
