/** buildMapFigure: layout, shared breaks over small multiples, legend, China frame, scale bar, SVG. */
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { mapSpecSchema, type MapSpec } from '../../../src/contract/figures';
import type { FigureItem, GroupItem, PathItem, RectItem, TextItem } from '../../../src/figures/figure';
import { buildMapFigure, defaultMapSpec } from '../../../src/figures/map/build-map';
import { LISA_COLORS } from '../../../src/figures/palettes';
import { toSvg } from '../../../src/figures/svg';
import { classify } from '../../../src/stats/class-breaks';
import { checkXml } from '../xml-check';
import { chinaProvinces, chinaReference } from './china-fixture';

function flat(items: readonly FigureItem[]): FigureItem[] {
  return items.flatMap((it) => (it.kind === 'group' ? [it, ...flat(it.items)] : [it]));
}
const groups = (items: readonly FigureItem[], role: string): GroupItem[] => flat(items).filter((i): i is GroupItem => i.kind === 'group' && i.role === role);
const texts = (items: readonly FigureItem[], role?: string): TextItem[] => flat(items).filter((i): i is TextItem => i.kind === 'text' && (role === undefined || i.role === role));

const REGIONS = chinaProvinces();
/** Deterministic synthetic values per province and panel (no randomness needed). */
const valuesFor = (panel: number): Record<string, number | null> =>
  Object.fromEntries(REGIONS.map((r, i) => [r.id, i === 3 && panel === 0 ? null : Math.sin(i * 1.7 + panel) * 10 + i * 0.3 + panel]));

describe('buildMapFigure on the China provinces', () => {
  const spec: MapSpec = mapSpecSchema.parse({
    variable: 'resilience', lang: 'zh', title: '城市韧性指数', subtitle: '三个时期', source: '模拟', mapApproval: 'GS(2019)1822号',
    periods: [{ from: 2008, to: 2012 }, { from: 2013, to: 2017 }, { from: 2018, to: 2022 }], labels: true, groupOutlines: true,
  });
  const panels = [0, 1, 2].map((p) => ({ values: valuesFor(p) }));
  const { figure, summary } = buildMapFigure({ spec, regions: REGIONS, panels, variableLabel: '韧性', china: chinaReference(), simulated: true });
  const svg = toSvg(figure);

  it('takes a parsed contract MapSpec and sizes the page from it (160 × 120 mm, 300 DPI)', () => {
    expect(summary.widthPt).toBeCloseTo(160 / 25.4 * 72, 9);
    expect(summary.heightPt).toBeCloseTo(120 / 25.4 * 72, 9);
    expect([summary.widthPx, summary.heightPx]).toEqual([1890, 1417]);
    expect(summary.panels).toEqual(['2008–2012', '2013–2017', '2018–2022']);
  });

  it('one set of natural breaks over the three panels, five classes and a hatched No data entry', () => {
    const all = panels.flatMap((p) => Object.values(p.values).filter((v): v is number => v !== null));
    expect(summary.breaks).toEqual([classify(all, 5, 'jenks')?.breaks]);
    expect(summary.legend).toHaveLength(6);
    expect(summary.legend[5].label).toBe('无数据');
    expect(summary.legend.slice(0, 5).reduce((a, e) => a + e.count, 0)).toBe(31 * 3 - 1);
    expect(summary.legend[5].count).toBe(1);
    expect(summary.missing).toEqual([[REGIONS[3].id], [], []]);
    // YlOrRd 5 (ColorBrewer)
    expect(summary.legend.slice(0, 5).map((e) => e.color)).toEqual(['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']);
  });

  it('draws three panels, each with the 31 provinces, Taiwan, Hong Kong and Macao (no data) and the South China Sea inset', () => {
    const ps = groups(figure.items, 'panel');
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      const regions = flat(p.items).filter((i): i is PathItem => i.kind === 'path' && i.region !== undefined);
      expect(regions).toHaveLength(34);
      for (const id of ['710000', '810000', '820000']) expect(regions.find((r) => r.region === id)?.fill).toMatchObject({ pattern: 'hatch' });
      expect(groups(p.items, 'inset')).toHaveLength(1);
      for (const r of regions) expect(r.d).toMatch(/^(M-?\d+(\.\d{1,2})? -?\d+(\.\d{1,2})?(L-?\d+(\.\d{1,2})? -?\d+(\.\d{1,2})?)*Z)+$/);
    }
    expect(summary.chinaFrame).toBe(true);
    expect(texts(figure.items, 'inset-label').map((t) => t.text)).toEqual(['南海诸岛', '南海诸岛', '南海诸岛']);
  });

  it('states the projection (Albers, 25°N and 47°N, 105°E), the approval number and the source', () => {
    expect(summary.projection).toMatchObject({ kind: 'albers', lat1: 25, lat2: 47, lon0: 105, basis: 'china' });
    const notes = texts(figure.items, 'note').map((t) => t.text);
    expect(notes).toContain('审图号：GS(2019)1822号');
    expect(notes).toContain('资料来源：模拟');
    expect(notes.join('')).toContain('阿尔伯斯等积圆锥投影，标准纬线 25°N、47°N，中央经线 105°E');
  });

  it('labels regions in Chinese, draws group outlines, a scale bar, a north arrow and the watermark', () => {
    const labels = texts(figure.items, 'label').map((t) => t.text);
    expect(labels).toContain('四川');
    expect(labels).toContain('内蒙古');
    const outlines = flat(figure.items).filter((i): i is PathItem => i.kind === 'path' && i.region === undefined && i.stroke === '#1a1a1a');
    expect(outlines).toHaveLength(3 * 4);
    expect(groups(figure.items, 'scale-bar')).toHaveLength(1);
    expect([100, 200, 500, 1000, 2000]).toContain(summary.scaleBarKm);
    expect(groups(figure.items, 'north-arrow')).toHaveLength(1);
    expect(texts(figure.items, 'watermark').map((t) => t.text)).toEqual(['模拟数据']);
  });

  it('writes an SVG that parses and holds the Chinese title and the legend entries as text', () => {
    const doc = checkXml(svg);
    const all = doc.texts.map((t) => t.text);
    expect(all).toContain('城市韧性指数');
    for (const e of summary.legend.slice(0, 5)) expect(all).toContain(e.label);
    expect(all).toContain('无数据');
    expect(doc.elements.filter((e) => e.attrs['data-region'] === '110000')).toHaveLength(3);
    expect(toSvg(buildMapFigure({ spec, regions: REGIONS, panels, variableLabel: '韧性', china: chinaReference(), simulated: true }).figure)).toBe(svg);
  });

  it('a China national layer without reference data warns; chinaFrame off draws no frame', () => {
    const r = buildMapFigure({ spec, regions: REGIONS, panels: [panels[0]] });
    expect(r.summary.warnings.map((w) => w.code)).toEqual(['figure-china-reference-missing']);
    const off = buildMapFigure({ spec: { ...spec, chinaFrame: 'off' }, regions: REGIONS, panels: [panels[0]], china: chinaReference() });
    expect(off.summary.chinaFrame).toBe(false);
    expect(groups(off.figure.items, 'inset')).toHaveLength(0);
    // One panel: counts in the legend text.
    expect(texts(off.figure.items, 'legend')[5].text).toBe('无数据 (1)');
  });
});

/** A lon/lat rectangle. */
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe('buildMapFigure: scale bar, categories, errors', () => {
  it('the scale bar is true at the map centre: its points per km equal the drawn width of 10° of the 35th parallel over its true length', () => {
    // A thin strip 100–110°E at 34.95–35.05°N, densified so its edges follow the parallels.
    const ring: number[][] = [];
    for (let i = 0; i <= 100; i++) ring.push([100 + i / 10, 34.95]);
    for (let i = 100; i >= 0; i--) ring.push([100 + i / 10, 35.05]);
    ring.push([100, 34.95]);
    const spec = defaultMapSpec('v', { chinaFrame: 'off', projection: 'albers' });
    const { figure, summary } = buildMapFigure({ spec, regions: [{ id: 'strip', geometry: { type: 'Polygon', coordinates: [ring] } }], panels: [{ values: { strip: 1 } }] });
    const path = flat(figure.items).find((i): i is PathItem => i.kind === 'path' && i.region === 'strip');
    const xs = (path?.d.match(/-?\d+(\.\d+)? /g) ?? []).map((s) => Number(s.trim()));
    const widthPt = Math.max(...xs) - Math.min(...xs);
    // GRS80 length of 10° of the 35th parallel: a·cos φ / √(1 − e² sin² φ) · 10° (in km).
    const e2 = 2 / 298.257222101 - (1 / 298.257222101) ** 2, phi = 35 * Math.PI / 180;
    const trueKm = 6378.137 * Math.cos(phi) / Math.sqrt(1 - e2 * Math.sin(phi) ** 2) * (10 * Math.PI / 180);
    const bar = groups(figure.items, 'scale-bar')[0].items.filter((i): i is RectItem => i.kind === 'rect');
    const barPtPerKm = (bar[0].width + bar[1].width) / summary.scaleBarKm;
    // The chord of the projected parallel is 0.03 % shorter than its arc (θ = n·10°): 0.2 % tolerance.
    expect(Math.abs(barPtPerKm / (widthPt / trueKm) - 1)).toBeLessThan(2e-3);
  });

  it('categorical maps take fixed colours (LISA) and list the categories in order', () => {
    const regions = [0, 1, 2, 3, 4].map((i) => ({ id: `r${i}`, geometry: rect(i, 0, i + 1, 1) }));
    const spec = defaultMapSpec('lisa', { kind: 'categorical', palette: { name: 'Set2', reverse: false, center: null }, chinaFrame: 'off' });
    const { summary } = buildMapFigure({
      spec, regions, panels: [{ categories: { r0: 'HH', r1: 'LL', r2: 'ns', r3: 'HL', r4: null } }],
      categories: { order: ['HH', 'LH', 'LL', 'HL', 'ns'], labels: { HH: 'High-High', LH: 'Low-High', LL: 'Low-Low', HL: 'High-Low', ns: 'Not significant' }, colors: LISA_COLORS },
    });
    expect(summary.legend.map((e) => [e.label, e.color, e.count])).toEqual([
      ['High-High', '#d7191c', 1], ['Low-High', '#abd9e9', 0], ['Low-Low', '#2c7bb6', 1], ['High-Low', '#fdae61', 1], ['Not significant', '#d3d3d3', 1], ['No data', '#efefef', 1],
    ]);
    expect(summary.missing).toEqual([['r4']]);
  });

  it('a diverging palette centred on 0 gives the negative classes the red arm', () => {
    const regions = [0, 1, 2, 3, 4, 5].map((i) => ({ id: `r${i}`, geometry: rect(i, 0, i + 1, 1) as Polygon | MultiPolygon }));
    const spec = defaultMapSpec('b', { classification: { method: 'user', classes: 4, breaks: [-1, 0, 1], shared: true }, palette: { name: 'RdBu', reverse: false, center: 0 }, chinaFrame: 'off' });
    const { summary } = buildMapFigure({ spec, regions, panels: [{ values: { r0: -2, r1: -0.5, r2: 0.5, r3: 2, r4: 3, r5: 0 } }] });
    // RdBu 4: #ca0020 #f4a582 #92c5de #0571b0
    expect(summary.legend.map((e) => e.color)).toEqual(['#ca0020', '#f4a582', '#92c5de', '#0571b0']);
    expect(summary.legend.map((e) => e.label)).toEqual(['−2.00 – −1.00', '−1.00 – 0.00', '0.00 – 1.00', '1.00 – 3.00']);
  });

  it('warns about a panel without values and refuses a map without regions or panels', () => {
    const regions = [{ id: 'a', geometry: rect(0, 0, 1, 1) }];
    const spec = defaultMapSpec('x', { chinaFrame: 'off', periods: [{ from: 2010, to: 2010 }] });
    const r = buildMapFigure({ spec, regions, panels: [{ values: { a: null } }] });
    expect(r.summary.warnings).toEqual([{ code: 'figure-panel-no-values', message: 'Panel "2010" has no values of x; its regions are drawn as no data.', details: { panel: '2010', variable: 'x' } }]);
    expect(() => buildMapFigure({ spec, regions: [], panels: [{}] })).toThrow('The map has no regions to draw.');
    expect(() => buildMapFigure({ spec, regions, panels: [] })).toThrow('The map has no panel to draw (no period has data).');
  });
});

describe('buildMapFigure: per-panel breaks and GeoDa-style legends', () => {
  const regions = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ id: `r${i}`, geometry: rect(i, 0, i + 1, 1) }));
  const vals = (k: number): Record<string, number> => Object.fromEntries(regions.map((r, i) => [r.id, (i + 1) * k]));

  it('unshared breaks give one legend and one set of breaks per panel', () => {
    const spec = defaultMapSpec('x', { chinaFrame: 'off', classification: { method: 'equal', classes: 3, shared: false }, periods: [{ from: 2001, to: 2001 }, { from: 2002, to: 2002 }] });
    const { figure, summary } = buildMapFigure({ spec, regions, panels: [{ values: vals(1) }, { values: vals(10) }] });
    // Equal intervals of 1…10 and 10…100 in three classes: 4, 7 and 40, 70.
    expect(summary.breaks).toEqual([[4, 7], [40, 70]]);
    expect(groups(figure.items, 'legend')).toHaveLength(2);
    expect(texts(figure.items, 'legend-heading').map((t) => t.text)).toEqual(['x · 2001', 'x · 2002']);
  });

  it('box map and standard deviation legends name their classes as GeoDa does, with ranges', () => {
    const box = buildMapFigure({ spec: defaultMapSpec('x', { chinaFrame: 'off', classification: { method: 'box', classes: 6, shared: true } }), regions, panels: [{ values: { ...vals(1), r9: 100 } }] });
    expect(box.summary.legend.map((e) => e.label)).toEqual([
      // type-7 quartiles of 1…9, 100: 3.25, 5.5, 7.75; fences 3.25 − 6.75 = −3.5 and 7.75 + 6.75 = 14.5.
      // Span 1…100 → 3 significant digits = 0 decimals, one more so −3.5 and 3.25 differ from their neighbours.
      'Lower outlier (< −3.5)', '< 25% (−3.5 – 3.3)', '25% – 50% (3.3 – 5.5)', '50% – 75% (5.5 – 7.8)', '> 75% (7.8 – 14.5)', 'Upper outlier (≥ 14.5)',
    ]);
    expect(box.summary.legend.map((e) => e.count)).toEqual([0, 3, 2, 2, 2, 1]);
    const sd = buildMapFigure({ spec: defaultMapSpec('x', { lang: 'zh', chinaFrame: 'off', classification: { method: 'stddev', classes: 6, shared: true } }), regions, panels: [{ values: vals(1) }] });
    expect(sd.summary.legend[0].label.startsWith('< −2 标准差')).toBe(true);
    expect(sd.summary.legend).toHaveLength(6);
  });
});
