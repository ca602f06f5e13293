/**
 * Figures of a GTWR result (issue 12), drawn by the figure engine and written as SVG / PNG / PDF
 * like every map and chart:
 * - `coefficient-maps`: one coefficient's local estimates averaged by region over each period of
 *   the result's period summaries, as small multiples through the map module (natural breaks,
 *   five classes by default, one set of breaks and one legend for all periods);
 * - `profile` / `tau-profile`: the search's criterion against the bandwidth (k or h km) or
 *   against τ (log scale), the chosen value marked — a line chart on the charts' axes;
 * - `groups`: bars of the region-group means (±1 s.e. over the group's regions) of one
 *   coefficient's period means, one bar per group and period.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../../core/errors';
import type { RequestOf } from '../../contract';
import type { Figure, FigureItem } from '../../figures/figure';
import { categoryAxis, chartFigure, chartFrame, niceTicks, valueAxis } from '../../figures/charts/axes';
import { meanSe } from '../../figures/charts';
import { buildMapFigure, isChinaNational } from '../../figures/map';
import { categoricalColors } from '../../figures/palettes';
import { toSvg } from '../../figures/svg';
import { formatNumber, textWidth } from '../../figures/words';
import type { ProjectStore } from '../../store/project-store';
import { chinaReference } from '../figures/china-reference';
import { groupLabel } from '../figures/group-labels';
import { readRegions } from '../figures/map-data';
import { chooseLayer } from '../inputs/layers';

type Request = RequestOf<'gwr:figure'>;
type Result = Request['result'];
type PeriodSummary = NonNullable<Result['periods']>[number];

/** A drawn GTWR figure. */
export interface DrawnGwrFigure {
  readonly figure: Figure;
  readonly svg: string;
  readonly fileStem: string;
}

const WORDS = {
  en: {
    maps: 'Local coefficient by period', profile: 'Bandwidth selection', tau: 'Space–time ratio τ selection',
    groups: 'Local coefficient by region group', k: 'Adaptive bandwidth k (nearest region-years)', h: 'Bandwidth h (km)',
    logTau: 'τ (km²/year², log scale)', chosen: 'chosen', period: 'Period', mean: 'mean of period means ± 1 s.e.',
    hatched: 'Not significant',
    hatchNote: (alpha: string, corrected: boolean) => ` Hatched: not significant — fewer than half of the region's local estimates in the period have ${corrected ? 'a da Silva–Fotheringham corrected' : 'a local t-test'} p < ${alpha}.`,
  },
  zh: {
    maps: '分时期局部系数', profile: '带宽选择', tau: '时空比 τ 选择',
    groups: '分区域组局部系数', k: '自适应带宽 k（最近的地区-年）', h: '带宽 h（公里）',
    logTau: 'τ（平方公里/年²，对数刻度）', chosen: '所选', period: '时期', mean: '时期均值的组均值 ± 1 标准误',
    hatched: '不显著',
    hatchNote: (alpha: string, corrected: boolean) => `斜线表示不显著：该地区在该时期的局部估计中，${corrected ? 'da Silva–Fotheringham 校正后' : '局部 t 检验'} p < ${alpha} 的不足一半。`,
  },
} as const;

const KERNELS = {
  en: { bisquare: 'bisquare', gaussian: 'Gaussian', exponential: 'exponential', tricube: 'tricube', boxcar: 'box-car' },
  zh: { bisquare: '双平方', gaussian: '高斯', exponential: '指数', tricube: '三立方', boxcar: '箱形' },
} as const;

/** τ with four significant digits (22,090 rather than 22,090.8918; 0.5 stays 0.5). */
const tauText = (tau: number): string => (tau >= 1000 ? formatNumber(Math.round(Number(tau.toPrecision(4))), 0) : String(Number(tau.toPrecision(4))));

const r2 = (v: number): number => Math.round(v * 100) / 100;
const stemOf = (s: string): string => s.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'x';

/**
 * The period summary of `coefficient` (default: the first regressor, else the first).
 * @throws InputError `gwr-figure-no-periods` when the result has no period summaries;
 *   `gwr-figure-unknown-coefficient` when it has no such coefficient.
 */
export function summaryOf(result: Result, coefficient: string | undefined): PeriodSummary {
  const periods = result.periods;
  if (!periods || periods.length === 0) throw new InputError('gwr-figure-no-periods', 'The GTWR result has no period summaries: fit it again with periods.', {});
  if (coefficient === undefined) return periods.find((p) => p.coefficient !== '(Intercept)') ?? periods[0];
  const s = periods.find((p) => p.coefficient === coefficient);
  if (!s) throw new InputError('gwr-figure-unknown-coefficient', `The GTWR result has no coefficient "${coefficient}" (it has ${periods.map((p) => p.coefficient).join(', ')}).`, { coefficient, available: periods.map((p) => p.coefficient).join(', ') });
  return s;
}

/** Whether a simulated variable of the project enters the model's regressors (watermark). */
function simulatedIn(store: ProjectStore, result: Result): boolean {
  const names = Object.keys(result.ols.coefficients);
  return store.listVariables().some((v) => v.simulated === true && names.some((n) => n.includes(v.name)));
}

/** Paint of the significance overlay: dark hatching over the class colour (no background). */
export const NOT_SIGNIFICANT_FILL = { pattern: 'hatch', color: '#262626', background: 'none' } as const;

/**
 * The regions to hatch in each period: fewer than half of the local estimates significant.
 * @throws InputError `gwr-figure-no-corrected` when the corrected shares are asked for but the
 *   result (fitted before they were added) has none.
 */
function notSignificant(s: PeriodSummary, mode: 'uncorrected' | 'corrected'): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const row of s.by_region) {
    const share = mode === 'corrected' ? row.share_significant_corrected : row.share_significant;
    if (share === undefined) throw new InputError('gwr-figure-no-corrected', 'The GTWR result has no shares significant with the corrected p: fit it again.', {});
    if (share === null || share >= 0.5) continue;
    let set = out.get(row.period);
    if (!set) { set = new Set(); out.set(row.period, set); }
    set.add(row.id);
  }
  return out;
}

/** Items of a group moved by (dx, dy) (legend texts and swatches). */
function shift(items: readonly FigureItem[], dx: number, dy: number): FigureItem[] {
  return items.map((it) => (it.kind === 'rect' || it.kind === 'text' ? { ...it, x: it.x + dx, y: it.y + dy } : it));
}

/**
 * Add the overlay to a drawn map: a hatched copy of each non-significant region's path right
 * above it (same `data-region`, so hover and click still find the region), and a legend entry
 * below the classes (the legend block moved up, and left when the entry is wider).
 */
function withOverlay(figure: Figure, periods: readonly string[], hatch: Map<string, Set<string>>, label: string): Figure {
  let panel = 0;
  const items = figure.items.map((it): FigureItem => {
    if (it.kind !== 'group' || it.role !== 'panel') return it;
    const set = hatch.get(periods[panel++]) ?? new Set<string>();
    const out: FigureItem[] = [];
    for (const c of it.items) {
      out.push(c);
      if (c.kind === 'path' && c.region !== undefined && set.has(c.region)) out.push({ kind: 'path', d: c.d, fill: NOT_SIGNIFICANT_FILL, stroke: 'none', region: c.region });
    }
    return { ...it, items: out };
  });
  const li = items.findIndex((it) => it.kind === 'group' && it.role === 'legend');
  if (li < 0) return { ...figure, items };
  const legend = items[li] as Extract<FigureItem, { kind: 'group' }>;
  const swatch = legend.items.find((it): it is Extract<FigureItem, { kind: 'rect' }> => it.kind === 'rect');
  const entry = legend.items.find((it): it is Extract<FigureItem, { kind: 'text' }> => it.kind === 'text' && it.role === 'legend');
  if (!swatch || !entry) return { ...figure, items };
  const size = entry.size, row = size * 1.55;
  let bottom = 0;
  for (const it of legend.items) if (it.kind === 'rect') bottom = Math.max(bottom, it.y + it.height); else if (it.kind === 'text') bottom = Math.max(bottom, it.y + it.size * 0.5);
  const margin = 10 * (size / 7);
  const dx = Math.min(0, figure.width - margin - (entry.x + textWidth(label, size)));
  const r = (v: number): number => Math.round(v * 100) / 100;
  const moved = shift(legend.items, dx, -row);
  const top = bottom - row + (row - swatch.height) / 2;
  moved.push({ kind: 'rect', x: r(swatch.x + dx), y: r(top), width: swatch.width, height: swatch.height, fill: { pattern: 'hatch', color: NOT_SIGNIFICANT_FILL.color, background: '#ffffff' }, stroke: '#7f7f7f', strokeWidth: 0.3 });
  moved.push({ kind: 'text', x: r(entry.x + dx), y: r(bottom - row / 2), text: label, size, baseline: 'middle', role: 'legend' });
  items[li] = { ...legend, items: moved };
  return { ...figure, items };
}

/** Small multiples of the period means of one coefficient. */
function coefficientMaps(store: ProjectStore, req: Request): DrawnGwrFigure {
  const s = summaryOf(req.result, req.coefficient);
  const layer = chooseLayer(store, req.layer);
  const regions = readRegions(store, layer).map((r) => ({ id: r.id, name: r.name, nameZh: r.nameZh, group: r.group ?? null, geometry: r.geometry as Polygon | MultiPolygon }));
  if (regions.length === 0) throw new InputError('figure-layer-no-polygons', `The layer "${layer}" holds no polygons to draw.`, { layer });
  const labels = s.overall.map((o) => o.period);
  const panels = labels.map((label) => {
    const values: Record<string, number | null> = {};
    for (const r of regions) values[r.id] = null;
    for (const row of s.by_region) if (row.period === label) values[row.id] = row.mean;
    return { label, values };
  });
  const simulated = simulatedIn(store, req.result);
  const china = isChinaNational(regions.map((r) => r.id)) ? chinaReference() : null;
  const w = WORDS[req.lang];
  const overlay = req.significance === 'off' ? null : notSignificant(s, req.significance);
  const alpha = String(req.result.alpha ?? 0.05);
  const corrected = req.significance === 'corrected';
  const { figure: drawn } = buildMapFigure({
    spec: {
      kind: 'choropleth', variable: s.coefficient,
      periods: labels.map((label, i) => ({ from: i, to: i, label })),
      classification: { method: 'jenks', classes: req.classes, shared: true },
      palette: { name: 'YlOrRd', reverse: false, center: null },
      projection: 'auto', lang: req.lang, title: req.title ?? `${w.maps} · ${s.coefficient}`,
      groupOutlines: false, labels: false, chinaFrame: 'auto', size: req.size,
      ...(req.source ? { source: req.source } : {}),
      notes: (req.lang === 'zh'
        ? `${req.result.model.toUpperCase()}，${KERNELS.zh[req.result.kernel]}核，${req.result.adaptive ? `自适应带宽 k = ${req.result.bandwidth}` : `固定带宽 ${formatNumber(req.result.bandwidth, 1)} 公里`}${req.result.model === 'gtwr' ? `，τ = ${tauText(req.result.tau)} 平方公里/年²` : ''}；图中为各时期局部系数均值，自然断点分级，各时期共用分级。`
        : `${req.result.model.toUpperCase()}, ${KERNELS.en[req.result.kernel]} kernel, ${req.result.adaptive ? `adaptive bandwidth k = ${req.result.bandwidth}` : `fixed bandwidth ${formatNumber(req.result.bandwidth, 1)} km`}${req.result.model === 'gtwr' ? `, τ = ${tauText(req.result.tau)} km²/year²` : ''}; period means of the local coefficients, natural breaks shared by the periods.`)
        + (overlay ? w.hatchNote(alpha, corrected) : ''),
    },
    regions, panels, variableLabel: s.coefficient,
    ...(china ? { china } : {}),
    simulated,
  });
  const figure = overlay ? withOverlay(drawn, labels, overlay, w.hatched) : drawn;
  return { figure, svg: toSvg(figure), fileStem: `gtwr-maps-${stemOf(s.coefficient)}` };
}

/** A line chart of (x, score) points with the minimum marked; `logX` draws x on a log₁₀ axis. */
function profileChart(req: Request, points: { x: number; score: number }[], xLabel: string, logX: boolean, title: string, criterion: string): Figure {
  const fr = chartFrame({ spec: { lang: req.lang, title, size: req.size, ...(req.source ? { source: req.source } : {}) }, variableLabel: criterion });
  const { plot, f } = fr;
  const tx = (x: number): number => (logX ? Math.log10(x) : x);
  const xs = points.map((p) => tx(p.x)), ys = points.map((p) => p.score);
  const xt = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yt = niceTicks(Math.min(...ys), Math.max(...ys));
  const toX = (x: number): number => plot.x + ((tx(x) - xt.min) / (xt.max - xt.min)) * plot.w;
  const toY = (v: number): number => plot.y + plot.h - ((v - yt.min) / (yt.max - yt.min)) * plot.h;
  const items: FigureItem[] = [valueAxis(fr, yt.ticks, toY, criterion)];
  const step = xt.step;
  const d = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  items.push(categoryAxis(fr, xt.ticks.map((t) => ({ x: r2(plot.x + ((t - xt.min) / (xt.max - xt.min)) * plot.w), label: logX ? formatNumber(10 ** t, Math.max(0, -Math.floor(t))) : formatNumber(t, d) })), xLabel));
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const line = sorted.map((p, i) => `${i ? 'L' : 'M'}${r2(toX(p.x))} ${r2(toY(p.score))}`).join('');
  const series: FigureItem[] = [{ kind: 'path', d: line, stroke: '#0072B2', strokeWidth: 1.2 * f, evenOdd: false }];
  if (sorted.length <= 80) for (const p of sorted) series.push({ kind: 'circle', cx: r2(toX(p.x)), cy: r2(toY(p.score)), r: 1.3 * f, fill: '#0072B2' });
  const best = sorted.reduce((a, b) => (b.score < a.score ? b : a));
  const bx = r2(toX(best.x)), by = r2(toY(best.score));
  series.push({ kind: 'circle', cx: bx, cy: by, r: 3 * f, fill: 'none', stroke: '#D55E00', strokeWidth: 1.2 * f });
  const bestText = `${WORDS[req.lang].chosen}: ${logX ? tauText(best.x) : formatNumber(best.x, Number.isInteger(best.x) ? 0 : 1)}`;
  const right = bx + 5 * f + textWidth(bestText, 7 * f) > plot.x + plot.w;
  series.push({ kind: 'text', x: right ? bx - 5 * f : bx + 5 * f, y: by - 5 * f, text: bestText, size: 7 * f, fill: '#D55E00', anchor: right ? 'end' : 'start', role: 'label' });
  items.push({ kind: 'group', role: 'series', items: series });
  return chartFigure(fr, { spec: { lang: req.lang, title, size: req.size }, variableLabel: criterion }, items);
}

/**
 * The bandwidth or τ profile.
 * @throws InputError `gwr-figure-no-profile` when the result has no such search.
 */
function profile(req: Request): DrawnGwrFigure {
  const r = req.result;
  const w = WORDS[req.lang];
  const criterion = (r.criterion ?? r.search?.criterion ?? 'aicc') === 'cv' ? 'CV' : 'AICc';
  if (req.kind === 'tau-profile') {
    const pts = (r.tau_search?.profile ?? []).filter((p) => p.score !== null && Number.isFinite(p.score) && p.tau > 0).map((p) => ({ x: p.tau, score: p.score as number }));
    if (pts.length < 2) throw new InputError('gwr-figure-no-profile', 'The GTWR result has no criterion profile to plot: the bandwidth or τ was given, not searched.', { kind: req.kind });
    const figure = profileChart(req, pts, w.logTau, true, req.title ?? `${w.tau} · ${criterion}`, criterion);
    return { figure, svg: toSvg(figure), fileStem: 'gtwr-tau-profile' };
  }
  const pts = (r.search?.profile ?? []).filter((p) => p.score !== null && Number.isFinite(p.score)).map((p) => ({ x: p.bandwidth, score: p.score as number }));
  if (pts.length < 2) throw new InputError('gwr-figure-no-profile', 'The GTWR result has no criterion profile to plot: the bandwidth or τ was given, not searched.', { kind: req.kind });
  const title = req.title ?? `${w.profile} · ${criterion}${r.model === 'gtwr' ? ` · τ = ${tauText(r.tau)}` : ''}`;
  const figure = profileChart(req, pts, r.adaptive ? w.k : w.h, false, title, criterion);
  return { figure, svg: toSvg(figure), fileStem: 'gtwr-bandwidth-profile' };
}

/** Bars of group means by period, ±1 s.e. over the regions of the group. */
function groups(store: ProjectStore, req: Request): DrawnGwrFigure {
  const s = summaryOf(req.result, req.coefficient);
  const groupOf = new Map(store.listRegions().map((r) => [r.code, r.regionGroup ?? null]));
  const order = [...new Set(store.listRegions().map((r) => r.regionGroup).filter((g): g is string => typeof g === 'string' && g !== ''))];
  if (order.length === 0) throw new InputError('figure-no-groups', 'The project\'s regions have no region groups.', {});
  const periods = s.overall.map((o) => o.period);
  const w = WORDS[req.lang];
  const title = req.title ?? `${w.groups} · ${s.coefficient}`;
  const base = { spec: { lang: req.lang, title, size: req.size, ...(req.source ? { source: req.source } : {}) }, variableLabel: `${s.coefficient} (${w.mean})` };
  const fr = chartFrame(base, 14 * Math.max(0.7, Math.min(1.6, Math.min(req.size.widthMm * 72 / 25.4 / 453.5, req.size.heightMm * 72 / 25.4 / 340))));
  const { plot, f } = fr;
  const stats = order.map((g) => periods.map((p) => meanSe(s.by_region.filter((r) => r.period === p && groupOf.get(r.id) === g && r.mean !== null).map((r) => r.mean as number))));
  const lows = stats.flat().filter((m) => m.n > 0).map((m) => m.mean - m.se), highs = stats.flat().filter((m) => m.n > 0).map((m) => m.mean + m.se);
  const yt = niceTicks(Math.min(0, ...lows), Math.max(0, ...highs));
  const toY = (v: number): number => plot.y + plot.h - ((v - yt.min) / (yt.max - yt.min)) * plot.h;
  const band = plot.w / order.length;
  const colors = categoricalColors('Okabe-Ito', periods.length).colors;
  const bw = Math.min((band * 0.8) / periods.length, 30 * f);
  const items: FigureItem[] = [valueAxis(fr, yt.ticks, toY, base.variableLabel)];
  const bars: FigureItem[] = [];
  stats.forEach((row, gi) => row.forEach((m, pi) => {
    if (m.n === 0) return;
    const cx = plot.x + band * (gi + 0.5) + (pi - (periods.length - 1) / 2) * bw;
    const y0 = toY(0), y1 = toY(m.mean);
    bars.push({ kind: 'rect', x: r2(cx - bw * 0.45), y: r2(Math.min(y0, y1)), width: r2(bw * 0.9), height: r2(Math.abs(y1 - y0)), fill: colors[pi], stroke: '#333333', strokeWidth: 0.5 });
    const ya = toY(m.mean - m.se), yb = toY(m.mean + m.se);
    bars.push({ kind: 'line', x1: r2(cx), y1: r2(ya), x2: r2(cx), y2: r2(yb), stroke: '#000000', strokeWidth: 0.7 });
  }));
  items.push({ kind: 'group', role: 'bars', items: bars });
  items.push(categoryAxis(fr, order.map((g, i) => ({ x: r2(plot.x + band * (i + 0.5)), label: groupLabel(g, req.lang) })), fr.words.group));
  const leg: FigureItem[] = [];
  let lx = plot.x;
  const ly = plot.y - 8 * f;
  periods.forEach((p, i) => {
    leg.push({ kind: 'rect', x: r2(lx), y: r2(ly - 3.5 * f), width: r2(7 * f), height: r2(7 * f), fill: colors[i], stroke: '#333333', strokeWidth: 0.4 });
    leg.push({ kind: 'text', x: lx + 10 * f, y: ly, text: p, size: 7 * f, baseline: 'middle', role: 'legend' });
    lx += 10 * f + textWidth(p, 7 * f) + 10 * f;
  });
  items.push({ kind: 'group', role: 'legend', items: leg });
  const simulated = simulatedIn(store, req.result);
  const figure = chartFigure(fr, { ...base, simulated }, items);
  return { figure, svg: toSvg(figure), fileStem: `gtwr-groups-${stemOf(s.coefficient)}` };
}

/**
 * Draw the requested GTWR figure.
 * @throws InputError `gwr-figure-no-periods`, `gwr-figure-unknown-coefficient`,
 *   `gwr-figure-no-profile`, `figure-no-groups`, `figure-layer-no-polygons`.
 */
export function drawGwrFigure(store: ProjectStore, req: Request): DrawnGwrFigure {
  switch (req.kind) {
    case 'coefficient-maps': return coefficientMaps(store, req);
    case 'profile':
    case 'tau-profile': return profile(req);
    case 'groups': return groups(store, req);
  }
}
