/**
 * One map specification → one drawing: `buildMapFigure(input)` lays out title, subtitle, the
 * panels (small multiples with headings, one shared set of breaks and one legend by default),
 * the legend, scale bar, north arrow, the China frame (Taiwan, Hong Kong, Macao and the South
 * China Sea Islands inset) where it applies, the source / notes / approval-number / projection
 * lines and the "simulated data" watermark, and returns the display list with its summary.
 */
import { InputError } from '../../core/errors';
import { dissolveOutlines } from '../../geo/dissolve';
import { simplifyLine } from '../../geo/simplify';
import { classify, classOf, type Classes } from '../../stats/class-breaks';
import { FIGURE_FONT_FAMILY, PT_PER_MM, type FigureItem } from '../figure';
import { NO_DATA_FILL, categoricalColors, classColors } from '../palettes';
import { chooseProjection, formatDegrees, type Projection } from '../projection';
import { textWidth, wordsFor, wrapText, type FigureWords } from '../words';
import { CHINA_FRAME_AREAS, isChinaNational } from './china';
import { insetAspect, northArrow, scaleBar, southChinaSeaInset, watermark } from './decorations';
import { classLabels, drawLegend, legendHeight, legendWidth, noDataEntry, type LegendEntry, type LegendStyle } from './legend';
import {
  SIMPLIFY_PT, emptyBox, labelPoint, linePathData, localShape, pathData, projectGeometry,
  type Box, type LocalShape, type LocalTransform, type ProjectedShape,
} from './shapes';
import type { MapFigureInput, MapFigureResult, MapFigureSpec, MapWarning } from './types';

/** Default panel heading of a period: "2010" or "2008–2012". */
export function periodLabel(p: { from: number; to: number; label?: string }): string {
  return p.label ?? (p.from === p.to ? String(p.from) : `${p.from}–${p.to}`);
}

/** Panels per row: 1–3 in one row, 4 as 2 × 2, more in rows of 3. */
export function defaultColumns(n: number): number {
  return n <= 3 ? n : n === 4 ? 2 : 3;
}

interface PanelClasses {
  readonly classes: Classes | null;
  readonly colors: string[];
}

/** The projection's note line, e.g. "Projection: Albers equal-area conic, standard parallels 25°N and 47°N, …". */
export function projectionNote(proj: Projection, words: FigureWords): string {
  const p = proj.params;
  return words.projection(proj.kind, formatDegrees(p.lat1, 'lat'), formatDegrees(p.lat2, 'lat'), formatDegrees(p.lon0, 'lon'));
}

/**
 * Draw a map figure.
 * @throws InputError `figure-no-regions` when the layer has no region; `figure-no-panels` when no
 *   panel data is given; `class-breaks-user-*` for bad user breaks.
 */
export function buildMapFigure(input: MapFigureInput): MapFigureResult {
  const { spec } = input;
  const words = wordsFor(spec.lang);
  const warnings: MapWarning[] = [];
  if (input.regions.length === 0) throw new InputError('figure-no-regions', 'The map has no regions to draw.');
  if (input.panels.length === 0) throw new InputError('figure-no-panels', 'The map has no panel to draw (no period has data).');

  // China frame.
  const ids = input.regions.map((r) => r.id);
  const idSet = new Set(ids);
  const wantChina = spec.chinaFrame === 'on' || (spec.chinaFrame === 'auto' && isChinaNational(ids));
  const china = wantChina ? input.china : undefined;
  if (wantChina && !input.china) {
    warnings.push({ code: 'figure-china-reference-missing', message: 'The China frame (Taiwan, Hong Kong, Macao and the South China Sea Islands) could not be drawn: its reference boundaries were not given.' });
  }
  const refAreas = (china?.areas ?? []).filter((a) => !idSet.has(a.id) && (CHINA_FRAME_AREAS as readonly string[]).includes(a.id));

  // Projection over everything drawn on the main map.
  const lonLatBox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (g: MapFigureInput['regions'][number]['geometry']): void => {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polys) for (const ring of p) for (const c of ring) {
      if (c[0] < lonLatBox[0]) lonLatBox[0] = c[0];
      if (c[1] < lonLatBox[1]) lonLatBox[1] = c[1];
      if (c[0] > lonLatBox[2]) lonLatBox[2] = c[0];
      if (c[1] > lonLatBox[3]) lonLatBox[3] = c[1];
    }
  };
  for (const r of input.regions) grow(r.geometry);
  for (const a of refAreas) grow(a.geometry);
  const proj = chooseProjection(spec.projection, lonLatBox);
  const box: Box = emptyBox();
  const shapes: ProjectedShape[] = input.regions.map((r) => projectGeometry(r.geometry, proj, box));
  const refShapes: ProjectedShape[] = refAreas.map((a) => projectGeometry(a.geometry, proj, box));

  // Page.
  const W = spec.size.widthMm * PT_PER_MM, H = spec.size.heightMm * PT_PER_MM;
  const f = Math.max(0.7, Math.min(1.6, Math.min(W / 453.5, H / 340)));
  const sz = { title: 13 * f, subtitle: 9.5 * f, heading: 8.5 * f, legend: 7 * f, legendHeading: 7.5 * f, note: 6.2 * f, label: 5.5 * f, small: 5.8 * f };
  const m = 10 * f;
  const items: FigureItem[] = [];
  let y = m;
  if (spec.title) {
    for (const line of wrapText(spec.title, sz.title, W - 2 * m)) {
      y += sz.title;
      items.push({ kind: 'text', x: m, y, text: line, size: sz.title, weight: 'bold', role: 'title' });
      y += sz.title * 0.3;
    }
  }
  if (spec.subtitle) {
    for (const line of wrapText(spec.subtitle, sz.subtitle, W - 2 * m)) {
      y += sz.subtitle;
      items.push({ kind: 'text', x: m, y, text: line, size: sz.subtitle, fill: '#333333', role: 'subtitle' });
      y += sz.subtitle * 0.3;
    }
  }
  y += 4 * f;

  // Footer lines: source, notes, approval number, projection.
  const note = projectionNote(proj, words);
  const footer: string[] = [];
  if (spec.source) footer.push(...wrapText(words.source + spec.source, sz.note, W - 2 * m));
  if (spec.notes) footer.push(...wrapText(words.notes + spec.notes, sz.note, W - 2 * m));
  if (spec.mapApproval) footer.push(...wrapText(words.approval + spec.mapApproval, sz.note, W - 2 * m));
  footer.push(...wrapText(note, sz.note, W - 2 * m));
  const footerTop = H - m - footer.length * sz.note * 1.35;
  footer.forEach((line, i) => items.push({ kind: 'text', x: m, y: footerTop + (i + 1) * sz.note * 1.35 - sz.note * 0.3, text: line, size: sz.note, fill: '#333333', role: 'note' }));

  // Panels and classes.
  const nPanels = input.panels.length;
  const panelLabels = input.panels.map((p, i) => p.label ?? (spec.periods[i] ? periodLabel(spec.periods[i]) : ''));
  const categorical = spec.kind === 'categorical';
  const missing: string[][] = input.panels.map(() => []);
  const regionClass: number[][] = [];
  const legends: { heading: string; entries: LegendEntry[] }[] = [];
  const summaryBreaks: number[][] = [];
  const colorOf: string[][] = [];
  const heading = input.variableLabel ?? spec.variable;

  if (categorical) {
    const seen: string[] = [];
    for (const p of input.panels) for (const id of ids) {
      const c = p.categories?.[id];
      if (c !== null && c !== undefined && !seen.includes(c)) seen.push(c);
    }
    const order = input.categories?.order ? [...input.categories.order, ...seen.filter((c) => !input.categories?.order.includes(c)).sort()] : seen.sort();
    const pal = categoricalColors(spec.palette.name, order.length);
    if (pal.cycled) {
      warnings.push({ code: 'figure-palette-cycled', message: `The palette ${spec.palette.name} has fewer colours than the ${order.length} categories; colours repeat.`, details: { palette: spec.palette.name, count: order.length } });
    }
    const colors = order.map((c, i) => input.categories?.colors?.[c] ?? pal.colors[i]);
    const counts = order.map(() => 0);
    let noData = 0;
    input.panels.forEach((p, pi) => {
      const cls = ids.map((id) => {
        const c = p.categories?.[id];
        const k = c === null || c === undefined ? -1 : order.indexOf(c);
        if (k < 0) { missing[pi].push(id); noData++; } else counts[k]++;
        return k;
      });
      regionClass.push(cls);
      colorOf.push(colors);
    });
    const entries: LegendEntry[] = order.map((c, i) => ({ label: input.categories?.labels?.[c] ?? c, fill: colors[i], color: colors[i], count: counts[i] }));
    if (noData > 0 || refAreas.length > 0) entries.push(noDataEntry(words, noData));
    legends.push({ heading, entries });
  } else {
    const all: number[] = [];
    const valuesOf = input.panels.map((p) => ids.map((id) => {
      const v = p.values?.[id];
      return v === null || v === undefined || !Number.isFinite(v) ? null : v;
    }));
    valuesOf.forEach((vs, pi) => {
      if (vs.every((v) => v === null)) {
        warnings.push({ code: 'figure-panel-no-values', message: `Panel "${panelLabels[pi]}" has no values of ${spec.variable}; its regions are drawn as no data.`, details: { panel: panelLabels[pi], variable: spec.variable } });
      }
      for (const v of vs) if (v !== null) all.push(v);
    });
    const c = spec.classification;
    const mk = (vals: number[]): PanelClasses => {
      const classes = classify(vals, c.classes, c.method, { breaks: c.breaks });
      const colors = classes ? classColors(spec.palette.name, classes, { reverse: spec.palette.reverse, center: spec.palette.center }) : [];
      return { classes, colors };
    };
    const shared = c.shared || nPanels === 1;
    const perPanel: PanelClasses[] = shared
      ? Array(nPanels).fill(mk(all)) as PanelClasses[]
      : valuesOf.map((vs) => mk(vs.filter((v): v is number => v !== null)));
    const legendSets = shared ? [0] : perPanel.map((_, i) => i);
    input.panels.forEach((_, pi) => {
      const pc = perPanel[pi];
      regionClass.push(valuesOf[pi].map((v, ri) => {
        const k = pc.classes ? classOf(v, pc.classes) : -1;
        if (k < 0) missing[pi].push(ids[ri]);
        return k;
      }));
      colorOf.push(pc.colors);
    });
    for (const li of legendSets) {
      const pc = perPanel[li];
      const panelsOfSet = shared ? input.panels.map((_, i) => i) : [li];
      const nClass = pc.classes ? pc.classes.breaks.length + 1 : 0;
      const counts = Array<number>(nClass).fill(0);
      let noData = 0;
      for (const pi of panelsOfSet) for (const k of regionClass[pi]) { if (k < 0) noData++; else counts[k]++; }
      const labels = pc.classes ? classLabels(pc.classes, words) : [];
      const entries: LegendEntry[] = labels.map((label, i) => ({ label, fill: pc.colors[i], color: pc.colors[i], count: counts[i] }));
      if (noData > 0 || refAreas.length > 0) entries.push(noDataEntry(words, noData));
      legends.push({ heading: shared ? heading : `${heading} · ${panelLabels[li]}`, entries });
      summaryBreaks.push(pc.classes ? [...pc.classes.breaks] : []);
    }
  }

  // Legend column on the right.
  const lst: LegendStyle = { headingSize: sz.legendHeading, size: sz.legend, showCounts: nPanels === 1 };
  const lw = Math.min(W * 0.34, Math.max(...legends.map((l) => legendWidth(l.heading, l.entries, lst))));
  const legendX = W - m - lw;
  const areaX = m, areaY = y, areaW = legendX - 8 * f - m, areaH = footerTop - 4 * f - y;
  const cols = Math.min(nPanels, spec.columns ?? defaultColumns(nPanels));
  const rows = Math.ceil(nPanels / cols);
  const gap = 6 * f;
  const cellW = (areaW - (cols - 1) * gap) / cols;
  const cellH = (areaH - (rows - 1) * gap) / rows;
  const headH = panelLabels.some((l) => l !== '') ? sz.heading * 1.5 : 0;
  const mapW = cellW, mapH = cellH - headH;
  // The South China Sea inset sits at the lower right, right of everything in its height band.
  let insetM: { x: number; w: number; h: number } | null = null;
  if (china) {
    const bh0 = Math.max(box[3] - box[1], 1), bw0 = Math.max(box[2] - box[0], 1);
    const h = bh0 * 0.3, w = h * insetAspect(china.southChinaSea);
    let xBand = -Infinity;
    for (const sh of [...shapes, ...refShapes]) for (const r of sh.rings) {
      for (let k = 0; k < r.length; k += 2) if (r[k + 1] <= box[1] + h * 1.05 && r[k] > xBand) xBand = r[k];
    }
    const x = Math.max(xBand + bw0 * 0.02, box[2] - w);
    box[2] = Math.max(box[2], x + w);
    insetM = { x, w, h };
  }
  const bw = Math.max(box[2] - box[0], 1), bh = Math.max(box[3] - box[1], 1);
  const s = Math.max(1e-12, Math.min(mapW / bw, mapH / bh));
  const contentW = bw * s, contentH = bh * s;
  const t: LocalTransform = { s, x0: box[0], y1: box[3] };

  // Geometry at this scale, once for all panels.
  const local: LocalShape[] = shapes.map((sh) => localShape(sh, t));
  const refLocal: LocalShape[] = refShapes.map((sh) => localShape(sh, t));
  const strokeW = input.regions.length > 500 ? 0.1 : input.regions.length > 100 ? 0.2 : 0.3;
  let outlines: { key: string; lines: number[][] }[] = [];
  if (spec.groupOutlines) {
    const members = input.regions.filter((r) => r.group !== null && r.group !== undefined).map((r) => ({ key: String(r.group), geometry: r.geometry }));
    outlines = dissolveOutlines(members).map((o) => ({
      key: o.key,
      lines: o.lines.map((line) => {
        const xy: number[] = [];
        for (const p of line) {
          const [px, py] = proj.forward(p[0], p[1]);
          xy.push((px - t.x0) * s, (t.y1 - py) * s);
        }
        return simplifyLine(xy, SIMPLIFY_PT);
      }),
    }));
  }
  const labelPts = spec.labels ? local.map((sh) => labelPoint(sh)) : [];
  const labelSize = Math.max(3.5, Math.min(sz.label, contentW / 55));

  // Map centre latitude (for the scale bar): the inverse of the projected box centre.
  const [, centreLat] = proj.inverse((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  const ptPerKm = s * 1000 * proj.scaleAlongParallel(centreLat);
  let scaleKm = 0;

  // The grid of panels, centred in the map area; each heading right above its map.
  const gridW = cols * contentW + (cols - 1) * gap, gridH = rows * (headH + contentH) + (rows - 1) * gap;
  const gridX = areaX + (areaW - gridW) / 2, gridY = areaY + Math.max(0, (areaH - gridH) / 2);
  // North arrow in the emptier top corner (fewest vertices under it), right on ties.
  const arrowH = 16 * f, arrowW = arrowH * 0.6;
  const under = (x0: number, x1: number): number => {
    let c = 0;
    for (const sh of local) for (const r of sh.rings) for (let k = 0; k < r.length; k += 2) if (r[k] >= x0 && r[k] <= x1 && r[k + 1] <= arrowH * 1.5) c++;
    return c;
  };
  const arrowRight = under(contentW - arrowW * 1.5, contentW) <= under(0, arrowW * 1.5);
  for (let pi = 0; pi < nPanels; pi++) {
    const col = pi % cols, row = Math.floor(pi / cols);
    const ox = gridX + col * (contentW + gap), oy = gridY + row * (headH + contentH + gap) + headH;
    const panel: FigureItem[] = [];
    if (headH > 0) panel.push({ kind: 'text', x: ox + contentW / 2, y: oy - sz.heading * 0.5, text: panelLabels[pi], size: sz.heading, weight: 'bold', anchor: 'middle', role: 'panel-heading' });
    refLocal.forEach((sh, i) => panel.push({ kind: 'path', d: pathData(sh, ox, oy), fill: NO_DATA_FILL, stroke: '#7f7f7f', strokeWidth: strokeW, region: refAreas[i].id }));
    local.forEach((sh, ri) => {
      const k = regionClass[pi][ri];
      panel.push({ kind: 'path', d: pathData(sh, ox, oy), fill: k < 0 ? NO_DATA_FILL : colorOf[pi][k], stroke: '#7f7f7f', strokeWidth: strokeW, region: ids[ri] });
    });
    for (const o of outlines) panel.push({ kind: 'path', d: linePathData(o.lines, ox, oy), stroke: '#1a1a1a', strokeWidth: 0.7 * f, evenOdd: false });
    if (spec.labels) {
      const labels: FigureItem[] = [];
      input.regions.forEach((r, ri) => {
        const lp = labelPts[ri];
        const text = spec.lang === 'zh' ? (r.nameZh ?? r.name ?? r.id) : (r.name ?? r.nameZh ?? r.id);
        if (lp && lp.width >= textWidth(text, labelSize) * 0.9) {
          labels.push({ kind: 'text', x: Math.round((lp.x + ox) * 100) / 100, y: Math.round((lp.y + oy) * 100) / 100, text, size: labelSize, anchor: 'middle', baseline: 'middle', fill: '#262626', role: 'label' });
        }
      });
      panel.push({ kind: 'group', role: 'labels', items: labels });
    }
    if (china && insetM) {
      const ih = insetM.h * s, iw = insetM.w * s;
      panel.push(southChinaSeaInset(china.southChinaSea, ox + (insetM.x - box[0]) * s, oy + contentH - ih, iw, ih, Math.min(sz.small, iw / 7), words, '#f2f2f2'));
    }
    if (pi === 0) {
      const sb = scaleBar(ox + sz.small, oy + contentH - sz.small * 0.4, ptPerKm, contentW * 0.2, sz.small, words);
      scaleKm = sb.km;
      if (sb.km > 0) panel.push(sb.item);
      panel.push(northArrow(arrowRight ? ox + contentW - arrowW / 2 : ox + arrowW / 2, oy, arrowH, words));
    }
    items.push({ kind: 'group', role: 'panel', items: panel });
  }

  // Legends, stacked at the bottom of the map area.
  const totalLegendH = legends.reduce((a, l) => a + legendHeight(l.entries, lst) + 6 * f, -6 * f);
  let ly = Math.max(areaY, Math.min(areaY + areaH, gridY + gridH) - totalLegendH);
  for (const l of legends) {
    items.push(drawLegend(legendX, ly, l.heading, l.entries, lst));
    ly += legendHeight(l.entries, lst) + 6 * f;
  }
  if (input.simulated) items.push(watermark(W, H, words));

  const first = legends[0];
  return {
    figure: {
      width: W, height: H, background: '#ffffff', items, lang: spec.lang, fontFamily: FIGURE_FONT_FAMILY,
      title: spec.title ?? heading,
    },
    summary: {
      widthPt: W, heightPt: H,
      widthPx: Math.round((spec.size.widthMm / 25.4) * spec.size.dpi),
      heightPx: Math.round((spec.size.heightMm / 25.4) * spec.size.dpi),
      breaks: summaryBreaks,
      legend: legends.flatMap((l) => l.entries.map((e) => ({ label: e.label, color: e.color, count: e.count }))),
      missing,
      panels: panelLabels,
      warnings,
      projection: { kind: proj.kind, ...proj.params, basis: proj.basis, note },
      chinaFrame: china !== undefined,
      scaleBarKm: scaleKm,
      legendHeading: first?.heading ?? heading,
    },
  };
}

/** The spec fields `buildMapFigure` reads, with the contract's defaults (for engine-side callers and tests). */
export function defaultMapSpec(variable: string, over: Partial<MapFigureSpec> = {}): MapFigureSpec {
  return {
    kind: 'choropleth', variable, periods: [], classification: { method: 'jenks', classes: 5, shared: true },
    palette: { name: 'YlOrRd', reverse: false, center: null }, projection: 'auto', lang: 'en',
    groupOutlines: false, labels: false, chinaFrame: 'auto', size: { widthMm: 160, heightMm: 120, dpi: 300 },
    ...over,
  };
}
