/**
 * The Moran scatterplot (issue 10): each region's standardised value (x) against the spatial lag
 * of the standardised values (y), the dashed axes through 0 dividing the four quadrants
 * (High-High top right, Low-Low bottom left, Low-High top left, High-Low bottom right, labelled
 * in the figure's language), and the fitted line through the origin whose slope is Moran's I
 * (for a row-standardised W). Points are coloured by LISA cluster when given (conventional
 * colours), grey otherwise; each point carries its region id (`data-region` in SVG).
 */
import type { FigureItem, Figure } from '../figure';
import { LISA_COLORS } from '../palettes';
import { formatNumber } from '../words';
import { categoryAxis, chartFigure, chartFrame, niceTicks, valueAxis, type ChartBase } from './axes';

/** One region of the scatterplot. */
export interface ScatterPoint {
  readonly id: string;
  readonly x: number;
  readonly lag: number;
  /** LISA cluster code (HH, LL, LH, HL, ns) for the colour, or undefined. */
  readonly cluster?: string;
}

/** Inputs of the Moran scatterplot. */
export interface MoranScatterInput extends ChartBase {
  readonly points: readonly ScatterPoint[];
  /** The slope drawn (Moran's I); printed in the corner. */
  readonly slope: number;
  /** Label of the y axis, e.g. "W · log(gsp)" (default: "Spatial lag"). */
  readonly lagLabel?: string;
}

const QUADRANT_WORDS = {
  en: { hh: 'High-High', ll: 'Low-Low', lh: 'Low-High', hl: 'High-Low', lag: 'Spatial lag', std: '(standardised)', slope: "Moran's I" },
  zh: { hh: '高-高', ll: '低-低', lh: '低-高', hl: '高-低', lag: '空间滞后', std: '（标准化）', slope: '莫兰指数 I' },
} as const;

const CLUSTER_COLOR: Readonly<Record<string, string>> = { HH: LISA_COLORS.HH, LL: LISA_COLORS.LL, LH: LISA_COLORS.LH, HL: LISA_COLORS.HL };

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** The Moran scatterplot as a figure. */
export function moranScatter(input: MoranScatterInput): Figure {
  const fr = chartFrame(input);
  const { plot, f } = fr;
  const w = QUADRANT_WORDS[input.spec.lang];
  const xs = input.points.map((p) => p.x).filter(Number.isFinite);
  const ys = input.points.map((p) => p.lag).filter(Number.isFinite);
  // Symmetric around 0 so the quadrants are equal boxes.
  const span = Math.max(1, ...xs.map(Math.abs), ...ys.map(Math.abs));
  const xt = niceTicks(-span, span, 6);
  const yt = niceTicks(-span, span, 6);
  const toX = (v: number): number => plot.x + ((v - xt.min) / (xt.max - xt.min)) * plot.w;
  const toY = (v: number): number => plot.y + plot.h - ((v - yt.min) / (yt.max - yt.min)) * plot.h;
  const items: FigureItem[] = [valueAxis(fr, yt.ticks, toY, `${input.lagLabel ?? w.lag} ${w.std}`)];
  const xd = xt.step < 1 ? 1 : 0;
  items.push(categoryAxis(fr, xt.ticks.map((t) => ({ x: r2(toX(t)), label: formatNumber(t, xd) })), `${input.variableLabel} ${w.std}`));
  const x0 = r2(toX(0)), y0 = r2(toY(0));
  items.push({ kind: 'line', x1: x0, y1: plot.y, x2: x0, y2: plot.y + plot.h, stroke: '#888888', strokeWidth: 0.5, dash: [2, 2] });
  items.push({ kind: 'line', x1: plot.x, y1: y0, x2: plot.x + plot.w, y2: y0, stroke: '#888888', strokeWidth: 0.5, dash: [2, 2] });
  const q = (text: string, x: number, y: number, anchor: 'start' | 'end'): FigureItem => ({
    kind: 'text', x, y, text, size: 7 * f, anchor, fill: '#555555', role: 'quadrant',
  });
  const pad = 4 * f;
  items.push(q(w.hh, plot.x + plot.w - pad, plot.y + 9 * f, 'end'), q(w.lh, plot.x + pad, plot.y + 9 * f, 'start'),
    q(w.ll, plot.x + pad, plot.y + plot.h - pad, 'start'), q(w.hl, plot.x + plot.w - pad, plot.y + plot.h - pad, 'end'));
  // The fitted line through the origin, clipped to the plot.
  const k = input.slope;
  const a = k === 0 ? xt.min : Math.max(xt.min, Math.min(yt.min / k, yt.max / k));
  const b = k === 0 ? xt.max : Math.min(xt.max, Math.max(yt.min / k, yt.max / k));
  const dots: FigureItem[] = [];
  for (const p of input.points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.lag)) continue;
    const color = (p.cluster && CLUSTER_COLOR[p.cluster]) ?? '#7f7f7f';
    dots.push({ kind: 'circle', cx: r2(toX(p.x)), cy: r2(toY(p.lag)), r: 2.2 * f, fill: color, stroke: '#ffffff', strokeWidth: 0.3, opacity: 0.9, region: p.id });
  }
  items.push({ kind: 'group', role: 'points', items: dots });
  items.push({ kind: 'path', d: `M${r2(toX(a))} ${r2(toY(input.slope * a))}L${r2(toX(b))} ${r2(toY(input.slope * b))}`, stroke: '#111111', strokeWidth: 1 * f, evenOdd: false });
  items.push({ kind: 'text', x: plot.x + plot.w - pad, y: plot.y + 19 * f, text: `${w.slope} = ${formatNumber(input.slope, 3)}`, size: 7.5 * f, anchor: 'end', weight: 'bold', role: 'legend' });
  return chartFigure(fr, input, items);
}
