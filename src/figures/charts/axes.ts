/**
 * Chart scaffolding: nice axis ticks (1, 2, 5 × 10ⁿ steps, Heckbert 1990 "Nice numbers for
 * graph labels"), Tukey's five-number summary, and the frame every chart shares (title, plot
 * area, source note, watermark) in the figure's language.
 */
import { quantileSorted } from '../../core/quantile';
import { FIGURE_FONT_FAMILY, PT_PER_MM, type Figure, type FigureItem } from '../figure';
import { watermark } from '../map/decorations';
import { decimalsFor, formatNumber, wordsFor, wrapText, type FigureLang, type FigureWords } from '../words';

/** The spec fields charts read (a contract GroupChartSpec fits). */
export interface ChartSpecLike {
  readonly lang: FigureLang;
  readonly title?: string;
  readonly source?: string;
  readonly size: { readonly widthMm: number; readonly heightMm: number; readonly dpi: number };
}

/** Common inputs of a chart. */
export interface ChartBase {
  readonly spec: ChartSpecLike;
  /** Label of the value axis (the variable). */
  readonly variableLabel: string;
  readonly simulated?: boolean;
}

/** Nice step ≥ raw: 1, 2, 5 or 10 × 10ⁿ. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Ticks covering [lo, hi] with about `count` intervals at a nice step; the domain is widened to the outer ticks. */
export function niceTicks(lo: number, hi: number, count = 5): { ticks: number[]; min: number; max: number; step: number } {
  if (!(hi > lo)) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const step = niceStep((hi - lo) / count);
  const min = Math.floor(lo / step + 1e-9) * step, max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = Math.round(min / step); k * step <= max + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { ticks, min, max, step };
}

/** Integer ticks for years: step 1, 2, 5, 10, … so that at most `count` + 1 ticks show. */
export function yearTicks(first: number, last: number, count = 8): number[] {
  const span = Math.max(1, last - first);
  const step = Math.max(1, niceStep(span / count));
  const out: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) out.push(y);
  return out;
}

/**
 * Tukey's five-number summary of a sorted sample (R `fivenum`): min, lower hinge, median,
 * upper hinge, max; the hinges are the medians of the lower and upper halves (the median
 * included in both when n is odd), each taken with quantileSorted(half, 0.5).
 */
export function fiveNumber(sorted: readonly number[]): [number, number, number, number, number] {
  const n = sorted.length;
  if (n === 0) return [NaN, NaN, NaN, NaN, NaN];
  const half = Math.floor((n + 1) / 2);
  const lower = sorted.slice(0, half), upper = sorted.slice(n - half);
  return [sorted[0], quantileSorted(lower, 0.5), quantileSorted(sorted, 0.5), quantileSorted(upper, 0.5), sorted[n - 1]];
}

/** The plot rectangle and sizes a chart draws into. */
export interface ChartFrame {
  readonly items: FigureItem[];
  readonly plot: { x: number; y: number; w: number; h: number };
  readonly f: number;
  readonly words: FigureWords;
  readonly W: number;
  readonly H: number;
}

/**
 * Title, source line and the plot rectangle (left room for the value axis, bottom room for the
 * category / year axis, `legendH` above the plot for a legend row).
 */
export function chartFrame(base: ChartBase, legendH = 0): ChartFrame {
  const { spec } = base;
  const W = spec.size.widthMm * PT_PER_MM, H = spec.size.heightMm * PT_PER_MM;
  const f = Math.max(0.7, Math.min(1.6, Math.min(W / 453.5, H / 340)));
  const words = wordsFor(spec.lang);
  const m = 10 * f;
  const items: FigureItem[] = [];
  let y = m;
  if (spec.title) {
    for (const line of wrapText(spec.title, 12 * f, W - 2 * m)) {
      y += 12 * f;
      items.push({ kind: 'text', x: m, y, text: line, size: 12 * f, weight: 'bold', role: 'title' });
      y += 3 * f;
    }
  }
  y += 4 * f;
  let bottom = H - m;
  if (spec.source) {
    const lines = wrapText(words.source + spec.source, 6.2 * f, W - 2 * m);
    bottom -= lines.length * 6.2 * f * 1.35;
    lines.forEach((l, i) => items.push({ kind: 'text', x: m, y: bottom + (i + 1) * 6.2 * f * 1.35 - 1.9 * f, text: l, size: 6.2 * f, fill: '#333333', role: 'note' }));
  }
  const left = m + 40 * f, top = y + legendH + 6 * f, bottomAxis = 26 * f;
  return { items, plot: { x: left, y: top, w: W - m - left, h: bottom - bottomAxis - top }, f, words, W, H };
}

/** The value axis on the left: grid lines, tick labels, the variable's name rotated. */
export function valueAxis(fr: ChartFrame, ticks: readonly number[], toY: (v: number) => number, label: string): FigureItem {
  const { plot, f } = fr;
  // Decimals of the tick step (ticks are multiples of a 1-2-5 step).
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const d = step > 0 ? Math.max(0, Math.min(8, -Math.floor(Math.log10(step) + 1e-9))) : decimalsFor(ticks);
  const items: FigureItem[] = [];
  for (const t of ticks) {
    const y = Math.round(toY(t) * 100) / 100;
    items.push({ kind: 'line', x1: plot.x, y1: y, x2: plot.x + plot.w, y2: y, stroke: '#e0e0e0', strokeWidth: 0.4 });
    items.push({ kind: 'text', x: plot.x - 3 * f, y, text: formatNumber(t, d), size: 6.5 * f, anchor: 'end', baseline: 'middle', role: 'axis' });
  }
  items.push({ kind: 'line', x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.y + plot.h, stroke: '#4d4d4d', strokeWidth: 0.6 });
  items.push({ kind: 'text', x: plot.x - 32 * f, y: plot.y + plot.h / 2, text: label, size: 7 * f, anchor: 'middle', baseline: 'middle', rotate: -90, role: 'axis-title' });
  return { kind: 'group', role: 'value-axis', items };
}

/** The base line and labels of the horizontal axis, with its title below. */
export function categoryAxis(fr: ChartFrame, marks: readonly { x: number; label: string }[], title: string): FigureItem {
  const { plot, f } = fr;
  const yb = plot.y + plot.h;
  const items: FigureItem[] = [{ kind: 'line', x1: plot.x, y1: yb, x2: plot.x + plot.w, y2: yb, stroke: '#4d4d4d', strokeWidth: 0.6 }];
  for (const mk of marks) {
    items.push({ kind: 'line', x1: mk.x, y1: yb, x2: mk.x, y2: yb + 2.5 * f, stroke: '#4d4d4d', strokeWidth: 0.6 });
    items.push({ kind: 'text', x: mk.x, y: yb + 4 * f, text: mk.label, size: 6.5 * f, anchor: 'middle', baseline: 'hanging', role: 'axis' });
  }
  items.push({ kind: 'text', x: plot.x + plot.w / 2, y: yb + 20 * f, text: title, size: 7 * f, anchor: 'middle', role: 'axis-title' });
  return { kind: 'group', role: 'category-axis', items };
}

/** Assemble the figure (watermark on top when simulated). */
export function chartFigure(fr: ChartFrame, base: ChartBase, items: FigureItem[]): Figure {
  const all = [...fr.items, ...items];
  if (base.simulated) all.push(watermark(fr.W, fr.H, fr.words));
  return {
    width: fr.W, height: fr.H, background: '#ffffff', items: all, lang: base.spec.lang, fontFamily: FIGURE_FONT_FAMILY,
    title: base.spec.title ?? base.variableLabel,
  };
}
