/**
 * The region-group charts (issue 9): group means over time (one line per group), box plots by
 * group (Tukey hinges, whiskers to the most extreme value within 1.5 × the hinge spread, as R's
 * `boxplot`), and bars of group means with ±1 standard error (s / √n, s with the n − 1 divisor).
 * Each returns a `Figure`; the services write it as SVG/PNG/PDF like a map.
 */
import type { FigureItem } from '../figure';
import { categoricalColors } from '../palettes';
import { textWidth } from '../words';
import { categoryAxis, chartFigure, chartFrame, fiveNumber, niceTicks, valueAxis, yearTicks, type ChartBase } from './axes';
import type { Figure } from '../figure';

/** One group's series of means by year (null = no value that year). */
export interface GroupSeries {
  readonly key: string;
  readonly label: string;
  readonly points: readonly { readonly year: number; readonly value: number | null }[];
  readonly color?: string;
}

/** One group's values (box plot, bar chart). */
export interface GroupValues {
  readonly key: string;
  readonly label: string;
  readonly values: readonly number[];
  readonly color?: string;
}

const r2 = (v: number): number => Math.round(v * 100) / 100;
const colorsFor = (n: number): string[] => categoricalColors('Okabe-Ito', n).colors;

/** Line chart of group means over the years, with a legend row above the plot. */
export function groupLineChart(input: ChartBase & { readonly series: readonly GroupSeries[] }): Figure {
  const f0 = Math.max(0.7, Math.min(1.6, Math.min(input.spec.size.widthMm * 72 / 25.4 / 453.5, input.spec.size.heightMm * 72 / 25.4 / 340)));
  const fr = chartFrame(input, 14 * f0);
  const { plot, f, words } = fr;
  const years = input.series.flatMap((s) => s.points.map((p) => p.year));
  const vals = input.series.flatMap((s) => s.points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v)));
  const y0 = Math.min(...years), y1 = Math.max(...years);
  const yt = niceTicks(Math.min(...vals), Math.max(...vals));
  const toX = (yr: number): number => plot.x + (y1 === y0 ? plot.w / 2 : ((yr - y0) / (y1 - y0)) * plot.w);
  const toY = (v: number): number => plot.y + plot.h - ((v - yt.min) / (yt.max - yt.min)) * plot.h;
  const items: FigureItem[] = [valueAxis(fr, yt.ticks, toY, input.variableLabel)];
  items.push(categoryAxis(fr, yearTicks(y0, y1).map((yr) => ({ x: r2(toX(yr)), label: String(yr) })), words.year));
  const pal = colorsFor(input.series.length);
  const lines: FigureItem[] = [];
  input.series.forEach((s, i) => {
    const color = s.color ?? pal[i];
    const pts = [...s.points].sort((a, b) => a.year - b.year);
    let d = '';
    let pen = false;
    for (const p of pts) {
      if (p.value === null || !Number.isFinite(p.value)) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${r2(toX(p.year))} ${r2(toY(p.value))}`;
      pen = true;
    }
    lines.push({ kind: 'path', d, stroke: color, strokeWidth: 1.4 * f, evenOdd: false });
    for (const p of pts) if (p.value !== null && Number.isFinite(p.value)) lines.push({ kind: 'circle', cx: r2(toX(p.year)), cy: r2(toY(p.value)), r: 1.5 * f, fill: color });
  });
  items.push({ kind: 'group', role: 'series', items: lines });
  // Legend row.
  const leg: FigureItem[] = [];
  let lx = plot.x;
  const ly = plot.y - 8 * f;
  input.series.forEach((s, i) => {
    const color = s.color ?? pal[i];
    leg.push({ kind: 'line', x1: lx, y1: ly, x2: lx + 12 * f, y2: ly, stroke: color, strokeWidth: 1.6 * f });
    leg.push({ kind: 'text', x: lx + 15 * f, y: ly, text: s.label, size: 7 * f, baseline: 'middle', role: 'legend' });
    lx += 15 * f + textWidth(s.label, 7 * f) + 10 * f;
  });
  items.push({ kind: 'group', role: 'legend', items: leg });
  return chartFigure(fr, input, items);
}

/** Box plots by group: box from hinge to hinge, median line, whiskers, outliers as circles. */
export function groupBoxPlot(input: ChartBase & { readonly groups: readonly GroupValues[] }): Figure {
  const fr = chartFrame(input);
  const { plot, f, words } = fr;
  const stats = input.groups.map((g) => {
    const xs = g.values.filter(Number.isFinite).sort((a, b) => a - b);
    const [, h1, med, h2] = fiveNumber(xs);
    const fence = 1.5 * (h2 - h1);
    const inside = xs.filter((v) => v >= h1 - fence && v <= h2 + fence);
    return { xs, h1, med, h2, lo: inside[0] ?? h1, hi: inside[inside.length - 1] ?? h2, out: xs.filter((v) => v < h1 - fence || v > h2 + fence) };
  });
  const all = stats.flatMap((s) => s.xs);
  const yt = niceTicks(Math.min(...all), Math.max(...all));
  const toY = (v: number): number => plot.y + plot.h - ((v - yt.min) / (yt.max - yt.min)) * plot.h;
  const band = plot.w / Math.max(1, input.groups.length);
  const pal = colorsFor(input.groups.length);
  const items: FigureItem[] = [valueAxis(fr, yt.ticks, toY, input.variableLabel)];
  const boxes: FigureItem[] = [];
  stats.forEach((s, i) => {
    if (s.xs.length === 0) return;
    const cx = plot.x + band * (i + 0.5), bw = Math.min(band * 0.5, 40 * f);
    const color = input.groups[i].color ?? pal[i];
    boxes.push({ kind: 'line', x1: r2(cx), y1: r2(toY(s.hi)), x2: r2(cx), y2: r2(toY(s.h2)), stroke: '#333333', strokeWidth: 0.7 });
    boxes.push({ kind: 'line', x1: r2(cx), y1: r2(toY(s.h1)), x2: r2(cx), y2: r2(toY(s.lo)), stroke: '#333333', strokeWidth: 0.7 });
    for (const w of [s.lo, s.hi]) boxes.push({ kind: 'line', x1: r2(cx - bw / 4), y1: r2(toY(w)), x2: r2(cx + bw / 4), y2: r2(toY(w)), stroke: '#333333', strokeWidth: 0.7 });
    boxes.push({ kind: 'rect', x: r2(cx - bw / 2), y: r2(toY(s.h2)), width: r2(bw), height: r2(toY(s.h1) - toY(s.h2)), fill: color, stroke: '#333333', strokeWidth: 0.7 });
    boxes.push({ kind: 'line', x1: r2(cx - bw / 2), y1: r2(toY(s.med)), x2: r2(cx + bw / 2), y2: r2(toY(s.med)), stroke: '#000000', strokeWidth: 1.4 });
    for (const o of s.out) boxes.push({ kind: 'circle', cx: r2(cx), cy: r2(toY(o)), r: 1.6 * f, fill: 'none', stroke: '#333333', strokeWidth: 0.6 });
  });
  items.push({ kind: 'group', role: 'boxes', items: boxes });
  items.push(categoryAxis(fr, input.groups.map((g, i) => ({ x: r2(plot.x + band * (i + 0.5)), label: g.label })), words.group));
  return chartFigure(fr, input, items);
}

/** Mean and standard error (s / √n, s with n − 1) of the finite values. */
export function meanSe(values: readonly number[]): { mean: number; se: number; n: number } {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { mean: NaN, se: NaN, n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s2 = n > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, se: Math.sqrt(s2 / n), n };
}

/** Bars of group means from 0 (or from the axis minimum when all means are far from 0) with ±1 s.e. whiskers. */
export function groupBarChart(input: ChartBase & { readonly groups: readonly GroupValues[] }): Figure {
  const fr = chartFrame(input);
  const { plot, f, words } = fr;
  const ms = input.groups.map((g) => meanSe(g.values));
  const lows = ms.filter((m) => m.n > 0).map((m) => m.mean - m.se), highs = ms.filter((m) => m.n > 0).map((m) => m.mean + m.se);
  const yt = niceTicks(Math.min(0, ...lows), Math.max(0, ...highs));
  const toY = (v: number): number => plot.y + plot.h - ((v - yt.min) / (yt.max - yt.min)) * plot.h;
  const band = plot.w / Math.max(1, input.groups.length);
  const pal = colorsFor(input.groups.length);
  const items: FigureItem[] = [valueAxis(fr, yt.ticks, toY, `${input.variableLabel} (${words.meanSe})`)];
  const bars: FigureItem[] = [];
  ms.forEach((m, i) => {
    if (m.n === 0) return;
    const cx = plot.x + band * (i + 0.5), bw = Math.min(band * 0.6, 50 * f);
    const y0 = toY(0), y1 = toY(m.mean);
    bars.push({ kind: 'rect', x: r2(cx - bw / 2), y: r2(Math.min(y0, y1)), width: r2(bw), height: r2(Math.abs(y1 - y0)), fill: input.groups[i].color ?? pal[i], stroke: '#333333', strokeWidth: 0.5 });
    const ya = toY(m.mean - m.se), yb = toY(m.mean + m.se);
    bars.push({ kind: 'line', x1: r2(cx), y1: r2(ya), x2: r2(cx), y2: r2(yb), stroke: '#000000', strokeWidth: 0.8 });
    for (const yy of [ya, yb]) bars.push({ kind: 'line', x1: r2(cx - bw / 6), y1: r2(yy), x2: r2(cx + bw / 6), y2: r2(yy), stroke: '#000000', strokeWidth: 0.8 });
  });
  items.push({ kind: 'group', role: 'bars', items: bars });
  items.push(categoryAxis(fr, input.groups.map((g, i) => ({ x: r2(plot.x + band * (i + 0.5)), label: g.label })), words.group));
  return chartFigure(fr, input, items);
}
