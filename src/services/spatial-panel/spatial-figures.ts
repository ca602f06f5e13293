/**
 * Figures of a spatial panel result (issue 11), drawn by the figure engine like every map and
 * chart: the map of each region's direct effect, the spillover it receives or the spillover it
 * emits for the chosen regressor (one panel per W when several, one legend, a diverging palette
 * centred on 0, the China frame for a national China layer, the simulated-data watermark), and
 * the bar chart of those measures' means by region group with their 95% simulation intervals —
 * exported as PNG / SVG / PDF.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../../core/errors';
import type { RequestOf } from '../../contract';
import type { Figure, FigureItem } from '../../figures/figure';
import { buildMapFigure, isChinaNational } from '../../figures/map';
import { categoryAxis, chartFigure, chartFrame, niceTicks, valueAxis } from '../../figures/charts/axes';
import { categoricalColors } from '../../figures/palettes';
import { toSvg } from '../../figures/svg';
import { textWidth } from '../../figures/words';
import type { ProjectStore } from '../../store/project-store';
import { chinaReference } from '../figures/china-reference';
import { groupLabel } from '../figures/group-labels';
import { readRegions } from '../figures/map-data';
import { chooseLayer } from '../inputs/layers';

type Request = RequestOf<'spatial:figureExport'>;
type Column = Request['result']['columns'][number];

const MEASURE = {
  en: { direct: 'Direct effect', received: 'Spillover received', emitted: 'Spillover emitted' },
  zh: { direct: '直接效应', received: '接收的溢出效应', emitted: '发出的溢出效应' },
} as const;
const INTERVAL = { en: 'mean, 95% interval', zh: '均值，95% 区间' } as const;
const GROUP = { en: 'Region group', zh: '区域' } as const;

/** A drawn figure. */
export interface DrawnSpatialFigure {
  readonly figure: Figure;
  readonly svg: string;
  readonly baseName: string;
}

/** The columns to draw: the named W, or every W (small multiples / one chart each). */
function columnsOf(req: Request): Column[] {
  const withRegions = req.result.columns.filter((c) => c.regionEffects !== null);
  if (withRegions.length === 0) {
    throw new InputError('spatial-figure-no-region-effects', 'The result has no region-level effects; choose a regressor for them and fit again.', {});
  }
  if (req.weights === undefined) return withRegions;
  const c = withRegions.find((x) => x.weights === req.weights);
  if (!c) {
    throw new InputError('spatial-figure-unknown-weights', `The result has no weights matrix "${req.weights}" (it has ${withRegions.map((x) => `"${x.weights}"`).join(', ')}).`,
      { weights: req.weights, available: withRegions.map((x) => `"${x.weights}"`).join(', ') });
  }
  return [c];
}

const stemOf = (s: string) => s.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'x';

/**
 * Draw the requested figure.
 * @throws InputError `spatial-figure-no-region-effects`, `spatial-figure-unknown-weights`,
 *   `spatial-figure-no-groups`; `figure-layer-no-polygons` when the layer has no polygons.
 */
export function drawSpatialFigure(store: ProjectStore, req: Request): DrawnSpatialFigure {
  const { lang, measure } = req;
  const cols = columnsOf(req);
  const variable = cols[0].regionEffects?.variable ?? '';
  const simulated = store.listVariables().some((v) => v.simulated === true && (req.result.y.includes(v.name) || variable.includes(v.name)));
  const what = `${MEASURE[lang][measure]} · ${variable}`;
  const base = `spatial-${req.kind}-${measure}-${stemOf(variable)}`;
  if (req.kind === 'group-chart') {
    const figure = intervalBars(req, cols, simulated);
    return { figure, svg: toSvg(figure), baseName: base };
  }
  const layer = chooseLayer(store, req.layer);
  const regions = readRegions(store, layer).map((r) => ({ id: r.id, name: r.name, nameZh: r.nameZh, group: r.group ?? null, geometry: r.geometry as Polygon | MultiPolygon }));
  if (regions.length === 0) throw new InputError('figure-layer-no-polygons', `The layer "${layer}" holds no polygons to draw.`, { layer });
  const china = isChinaNational(regions.map((r) => r.id)) ? chinaReference() : null;
  const panels = cols.map((c) => {
    const by = new Map((c.regionEffects?.regions ?? []).map((r) => [r.id, r[measure].estimate]));
    const values: Record<string, number | null> = {};
    for (const r of regions) values[r.id] = by.get(r.id) ?? null;
    return { label: c.weights, values };
  });
  const { figure } = buildMapFigure({
    spec: {
      kind: 'choropleth', variable,
      periods: cols.map(() => ({ from: 0, to: 0 })),
      classification: { method: 'quantile', classes: 5, shared: true },
      palette: { name: 'RdBu', reverse: true, center: 0 },
      projection: 'auto', lang, title: req.title ?? what, groupOutlines: true, labels: false, chinaFrame: 'auto', size: req.size,
      ...(req.subtitle ? { subtitle: req.subtitle } : {}),
      ...(req.source ? { source: req.source } : {}),
      notes: req.notes ?? (lang === 'zh'
        ? `${req.result.model.toUpperCase()}，${effectsZh(req.result.effects)}；${req.result.draws} 次模拟抽样，随机种子 ${req.result.seed}。`
        : `${req.result.model.toUpperCase()}, ${req.result.effects} fixed effects; ${req.result.draws} simulation draws, seed ${req.result.seed}.`),
    },
    regions, panels, variableLabel: MEASURE[lang][measure],
    ...(china ? { china } : {}),
    simulated,
  });
  return { figure, svg: toSvg(figure), baseName: base };
}

function effectsZh(e: string): string {
  return e === 'twoways' ? '双向固定效应' : e === 'individual' ? '地区固定效应' : '时间固定效应';
}

/** Bars of the group means of one measure with their 95% intervals, one bar per (group, W). */
function intervalBars(req: Request, cols: readonly Column[], simulated: boolean): Figure {
  const { lang, measure } = req;
  const groups = [...new Set(cols.flatMap((c) => (c.regionEffects?.groups ?? []).filter((g) => g.measure === measure).map((g) => g.group)))];
  if (groups.length === 0) throw new InputError('spatial-figure-no-groups', 'The project\'s regions have no groups (e.g. East / Central / West / Northeast), so there are no group means to chart.', {});
  const variable = cols[0].regionEffects?.variable ?? '';
  const spec = { lang, title: req.title ?? `${MEASURE[lang][measure]} · ${variable}`, size: req.size, ...(req.source ? { source: req.source } : {}) };
  const input = { spec, variableLabel: MEASURE[lang][measure], simulated };
  const legendH = cols.length > 1 ? 14 : 0;
  const fr = chartFrame(input, legendH);
  const { plot, f } = fr;
  const at = (c: Column, g: string) => c.regionEffects?.groups.find((x) => x.group === g && x.measure === measure);
  const all = cols.flatMap((c) => groups.flatMap((g) => { const m = at(c, g); return m ? [m.mean, m.lower ?? m.mean, m.upper ?? m.mean] : []; }));
  const yt = niceTicks(Math.min(0, ...all), Math.max(0, ...all));
  const toY = (v: number) => plot.y + plot.h - ((v - yt.min) / (yt.max - yt.min)) * plot.h;
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const band = plot.w / groups.length;
  const colors = categoricalColors('Okabe-Ito', Math.max(1, cols.length)).colors;
  const items: FigureItem[] = [valueAxis(fr, yt.ticks, toY, `${MEASURE[lang][measure]} (${INTERVAL[lang]})`)];
  const bars: FigureItem[] = [];
  groups.forEach((g, i) => {
    const bw = Math.min((band * 0.7) / cols.length, 40 * f);
    cols.forEach((c, j) => {
      const m = at(c, g);
      if (!m) return;
      const cx = plot.x + band * (i + 0.5) + (j - (cols.length - 1) / 2) * bw;
      const y0 = toY(0), y1 = toY(m.mean);
      bars.push({ kind: 'rect', x: r2(cx - bw / 2), y: r2(Math.min(y0, y1)), width: r2(bw * 0.9), height: r2(Math.abs(y1 - y0)), fill: colors[j], stroke: '#333333', strokeWidth: 0.5 });
      if (m.lower !== null && m.upper !== null) {
        const ya = toY(m.lower), yb = toY(m.upper), x = r2(cx - bw / 2 + bw * 0.45);
        bars.push({ kind: 'line', x1: x, y1: r2(ya), x2: x, y2: r2(yb), stroke: '#000000', strokeWidth: 0.8 });
        for (const yy of [ya, yb]) bars.push({ kind: 'line', x1: r2(x - bw / 6), y1: r2(yy), x2: r2(x + bw / 6), y2: r2(yy), stroke: '#000000', strokeWidth: 0.8 });
      }
    });
  });
  items.push({ kind: 'group', role: 'bars', items: bars });
  items.push(categoryAxis(fr, groups.map((g, i) => ({ x: r2(plot.x + band * (i + 0.5)), label: groupLabel(g, lang) })), GROUP[lang]));
  if (cols.length > 1) {
    const leg: FigureItem[] = [];
    let lx = plot.x;
    const ly = plot.y - 8 * f;
    cols.forEach((c, j) => {
      leg.push({ kind: 'rect', x: lx, y: ly - 3 * f, width: 8 * f, height: 6 * f, fill: colors[j], stroke: '#333333', strokeWidth: 0.4 });
      leg.push({ kind: 'text', x: lx + 11 * f, y: ly, text: c.weights, size: 7 * f, baseline: 'middle', role: 'legend' });
      lx += 11 * f + textWidth(c.weights, 7 * f) + 10 * f;
    });
    items.push({ kind: 'group', role: 'legend', items: leg });
  }
  return chartFigure(fr, input, items);
}
