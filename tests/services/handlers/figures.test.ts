/**
 * The figure channels through the app service (web mode) on the China sample: draw a map
 * (SVG + summary), export PNG (in the job worker) / SVG / PDF, save / list / delete specs, the
 * report, and a clear error through the envelope.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { useAppService } from '../../helpers/app-service-harness';
import { decodePng, inkPixels, pngPhys } from '../figures/png-decode';

const { call, failure } = useAppService({ prefix: 'rwb-app-figures-' });
const SPEC = { variable: 'resilience', periods: [{ from: 2008, to: 2012 }, { from: 2018, to: 2022 }], title: '经济韧性', lang: 'zh' };

describe('figure channels on the China sample', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
  }, 120_000);

  it('figure:map draws two panels with a shared legend and the Chinese title as text', async () => {
    const r = await call('figure:map', { spec: SPEC });
    expect(r.svg).toContain('经济韧性');
    expect(r.summary.panels).toHaveLength(2);
    expect(r.summary.breaks).toHaveLength(1);
    // 160 × 120 mm at 300 DPI.
    expect([r.summary.widthPx, r.summary.heightPx]).toEqual([1890, 1417]);
    for (const l of r.summary.legend) expect(r.svg).toContain(l.label.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    expect(r.spec.classification.classes).toBe(5);
  });

  it('figure:mapExport writes a 300-DPI PNG (job worker), an SVG and a one-page PDF', async () => {
    const png = await call('figure:mapExport', { spec: SPEC, format: 'png' });
    expect(png.mime).toBe('image/png');
    expect(png.fileName).toBe('经济韧性.png');
    const bytes = Buffer.from(png.dataBase64, 'base64');
    const img = decodePng(bytes);
    expect([img.width, img.height]).toEqual([1890, 1417]);
    expect(pngPhys(bytes)).toEqual({ x: 11811, y: 11811, unit: 1 });
    expect(inkPixels(img)).toBeGreaterThan(img.width * img.height * 0.05);
    const svg = await call('figure:mapExport', { spec: SPEC, format: 'svg' });
    expect(Buffer.from(svg.dataBase64, 'base64').toString('utf8')).toContain('经济韧性');
    const pdf = Buffer.from((await call('figure:mapExport', { spec: SPEC, format: 'pdf' })).dataBase64, 'base64').toString('latin1');
    expect(pdf.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
  }, 60_000);

  it('figure:save / list / delete, and the report lists the saved map', async () => {
    const { id } = await call('figure:save', { name: '韧性地图', figure: { kind: 'map', spec: SPEC } });
    const list = await call('figure:list', {});
    expect(list.map((f) => [f.id, f.name, f.figure.kind])).toEqual([[id, '韧性地图', 'map']]);
    const html = Buffer.from((await call('figure:report', { format: 'html', lang: 'zh' })).dataBase64, 'base64').toString('utf8');
    expect(html).toContain('韧性地图');
    expect(html).toContain('<svg');
    expect(await call('figure:delete', { id })).toEqual({ deleted: true });
    expect((await failure('figure:delete', { id })).code).toBe('figure-unknown');
  }, 60_000);

  it('figure:chart draws group means over time and box / bar charts by group, in Chinese', async () => {
    const line = await call('figure:chart', { spec: { kind: 'line', variable: 'resilience', lang: 'zh', title: '四大区域' } });
    for (const g of ['东部', '中部', '西部', '东北', '四大区域', '2008', '2022']) expect(line.svg).toContain(g);
    const box = await call('figure:chart', { spec: { kind: 'box', variable: 'resilience', period: 2015 } });
    for (const g of ['East', 'Central', 'West', 'Northeast']) expect(box.svg).toContain(g);
    const bar = await call('figure:chartExport', { spec: { kind: 'bar', variable: 'resilience' }, format: 'png' });
    const img = decodePng(Buffer.from(bar.dataBase64, 'base64'));
    expect([img.width, img.height]).toEqual([1890, 1417]);
    expect(inkPixels(img)).toBeGreaterThan(10_000);
    const e = await failure('figure:chart', { spec: { kind: 'bar', variable: 'resilience', groupBy: 'province_type' } });
    expect(e.code).toBe('figure-unknown-group-column');
  }, 60_000);

  it('a period outside the panel is a clear error', async () => {
    const e = await failure('figure:map', { spec: { variable: 'resilience', periods: [{ from: 1990, to: 1991 }] } });
    expect([e.code, e.message]).toEqual(['figure-period-outside', "The period 1990–1991 holds none of the panel's years (2008–2022)."]);
  });
});
