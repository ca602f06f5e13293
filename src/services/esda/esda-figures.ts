/**
 * Figures of the ESDA results (issue 10), drawn by the figure engine like every map: LISA
 * cluster maps and significance maps for one year or small multiples across years (one legend,
 * conventional colours, the China frame for a national China layer, the simulated-data
 * watermark), and the Moran scatterplot of one year — exported as PNG / SVG / PDF.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../../core/errors';
import type { RequestOf } from '../../contract';
import type { Figure } from '../../figures/figure';
import { buildMapFigure, isChinaNational } from '../../figures/map';
import { moranScatter } from '../../figures/charts';
import { LISA_COLORS } from '../../figures/palettes';
import { toSvg } from '../../figures/svg';
import type { ProjectStore } from '../../store/project-store';
import { chinaReference } from '../figures/china-reference';
import { readRegions } from '../figures/map-data';
import { chooseLayer } from '../inputs/layers';

type Request = RequestOf<'esda:figureExport'>;

const CLUSTERS = ['HH', 'LL', 'LH', 'HL', 'ns'] as const;
const CLUSTER_LABEL = {
  en: { HH: 'High-High', LL: 'Low-Low', LH: 'Low-High', HL: 'High-Low', ns: 'Not significant' },
  zh: { HH: '高-高', LL: '低-低', LH: '低-高', HL: '高-低', ns: '不显著' },
} as const;
const LEVELS = [
  { key: 'p001', max: 0.001, color: '#006d2c' },
  { key: 'p01', max: 0.01, color: '#31a354' },
  { key: 'p05', max: 0.05, color: '#a1d99b' },
  { key: 'ns', max: Infinity, color: '#d3d3d3' },
] as const;
const LEVEL_LABEL = {
  en: { p001: 'p ≤ 0.001', p01: 'p ≤ 0.01', p05: 'p ≤ 0.05', ns: 'Not significant' },
  zh: { p001: 'p ≤ 0.001', p01: 'p ≤ 0.01', p05: 'p ≤ 0.05', ns: '不显著' },
} as const;
const TITLES = {
  en: { 'lisa-map': 'LISA cluster map', 'significance-map': 'LISA significance map', scatter: 'Moran scatterplot' },
  zh: { 'lisa-map': 'LISA 集聚图', 'significance-map': 'LISA 显著性图', scatter: '莫兰散点图' },
} as const;

/** A drawn ESDA figure. */
export interface DrawnEsdaFigure {
  readonly figure: Figure;
  readonly svg: string;
  readonly baseName: string;
}

/**
 * Draw the requested ESDA figure from a local result.
 * @throws InputError `esda-figure-year` when a requested year is not in the result;
 *   `figure-layer-no-polygons` when the layer has no polygons.
 */
export function drawEsdaFigure(store: ProjectStore, req: Request): DrawnEsdaFigure {
  const { result, kind, lang } = req;
  const available = result.years.map((y) => y.year);
  const years = req.years.length > 0 ? req.years : [available[available.length - 1]];
  const missing = years.filter((y) => !available.includes(y));
  if (missing.length > 0) {
    throw new InputError('esda-figure-year', `The LISA result has no year ${missing.join(', ')} (it has ${available[0]}–${available[available.length - 1]}).`,
      { years: missing.join(', '), first: available[0], last: available[available.length - 1] });
  }
  const chosen = years.map((y) => result.years.find((r) => r.year === y) as Request['result']['years'][number]);
  const variables = store.listVariables();
  const stored = variables.find((v) => v.name === result.variable);
  const simulated = variables.some((v) => v.simulated === true && result.variable.includes(v.name));
  const variableLabel = stored?.label || result.variable;
  const size = req.size;
  const title = req.title ?? `${TITLES[lang][kind]} · ${variableLabel}`;
  const base = `${kind}-${result.variable}-${years.join('_')}`;

  if (kind === 'scatter') {
    const y = chosen[0];
    if (y.moranI === null) throw new InputError('esda-figure-no-scatter', 'The Moran scatterplot needs a local Moran result (not local G or a bivariate LISA).');
    const figure = moranScatter({
      spec: { lang, title: req.title ?? `${TITLES[lang].scatter} · ${variableLabel} · ${y.year}`, size, ...(req.source ? { source: req.source } : {}) },
      variableLabel, simulated,
      slope: y.moranI,
      points: y.regions.filter((r) => r.x !== null && r.lag !== null).map((r) => ({ id: r.id, x: r.x as number, lag: r.lag as number, cluster: r.cluster })),
    });
    return { figure, svg: toSvg(figure), baseName: base };
  }

  const layer = chooseLayer(store, req.layer);
  const regions = readRegions(store, layer).map((r) => ({ id: r.id, name: r.name, nameZh: r.nameZh, group: r.group ?? null, geometry: r.geometry as Polygon | MultiPolygon }));
  if (regions.length === 0) throw new InputError('figure-layer-no-polygons', `The layer "${layer}" holds no polygons to draw.`, { layer });
  const national = isChinaNational(regions.map((r) => r.id));
  const china = national ? chinaReference() : null;
  const significance = kind === 'significance-map';
  const panels = chosen.map((y) => {
    const by = new Map(y.regions.map((r) => [r.id, r]));
    const categories: Record<string, string | null> = {};
    for (const r of regions) {
      const g = by.get(r.id);
      if (!g) { categories[r.id] = null; continue; }
      if (significance) {
        const p = g.pSim ?? g.p;
        categories[r.id] = p === null ? 'ns' : (LEVELS.find((l) => p <= l.max) ?? LEVELS[3]).key;
      } else categories[r.id] = g.cluster;
    }
    return { label: String(y.year), categories };
  });
  const order = significance ? LEVELS.map((l) => l.key) : [...CLUSTERS];
  const labels = significance ? LEVEL_LABEL[lang] : CLUSTER_LABEL[lang];
  const colors: Record<string, string> = significance
    ? Object.fromEntries(LEVELS.map((l) => [l.key, l.color]))
    : { HH: LISA_COLORS.HH, LL: LISA_COLORS.LL, LH: LISA_COLORS.LH, HL: LISA_COLORS.HL, ns: LISA_COLORS.ns };
  const { figure } = buildMapFigure({
    spec: {
      kind: 'categorical', variable: result.variable,
      periods: years.map((y) => ({ from: y, to: y, label: String(y) })),
      classification: { method: 'quantile', classes: 5, shared: true },
      palette: { name: 'Set2', reverse: false, center: null },
      projection: 'auto', lang, title, groupOutlines: false, labels: false, chinaFrame: 'auto', size,
      ...(req.subtitle ? { subtitle: req.subtitle } : {}),
      ...(req.source ? { source: req.source } : {}),
      ...(req.mapApproval ? { mapApproval: req.mapApproval } : {}),
      notes: req.notes ?? (lang === 'zh'
        ? `空间权重：${result.weights}；${result.permutations > 0 ? `${result.permutations} 次条件置换，随机种子 ${result.seed}` : '解析 p 值'}。`
        : `Weights: ${result.weights}; ${result.permutations > 0 ? `${result.permutations} conditional permutations, seed ${result.seed}` : 'analytical p'}.`),
    },
    regions, panels, variableLabel: TITLES[lang][kind],
    categories: { order, labels, colors },
    ...(china ? { china } : {}),
    simulated,
  });
  return { figure, svg: toSvg(figure), baseName: base };
}
