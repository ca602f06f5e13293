/**
 * Legend entries of a map: class ranges formatted sensibly (one number format for all
 * boundaries of a legend, true minus signs), GeoDa's wording for box maps and standard-deviation
 * maps, categories, and the hatched "No data" entry; and the legend block's drawing.
 */
import type { Classes } from '../../stats/class-breaks';
import type { Fill, FigureItem } from '../figure';
import { NO_DATA_FILL } from '../palettes';
import { decimalsFor, formatNumber, textWidth, type FigureWords } from '../words';

/** One legend row. */
export interface LegendEntry {
  readonly label: string;
  readonly fill: Fill;
  /** The colour reported in the summary ('#rrggbb'; the hatch's background for no data). */
  readonly color: string;
  readonly count: number;
  readonly noData?: boolean;
}

/**
 * Labels of the classes of `classes`: "lo – hi" from the data minimum to the maximum, the outer
 * classes of box and standard-deviation maps named as GeoDa names them with their range.
 */
export function classLabels(classes: Classes, words: FigureWords): string[] {
  const b = classes.breaks;
  const n = b.length + 1;
  const fixed = classes.method === 'box' || classes.method === 'stddev';
  // Boundaries: for fixed-meaning classes the outer limits are the data min/max only when inside.
  const lows = [classes.min, ...b];
  const highs = [...b, classes.max];
  const d = decimalsFor([classes.min, ...b.filter((x) => x > classes.min && x < classes.max), classes.max]);
  const f = (v: number): string => formatNumber(v, d);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let lo = lows[i], hi = highs[i];
    if (fixed) {
      lo = i === 0 ? Math.min(classes.min, b[0]) : b[i - 1];
      hi = i === n - 1 ? Math.max(classes.max, b[n - 2]) : b[i];
      const name = (classes.method === 'box' ? words.box : words.sd)[i] ?? '';
      const range = i === 0 ? `< ${f(hi)}` : i === n - 1 ? `≥ ${f(lo)}` : `${f(lo)} – ${f(hi)}`;
      out.push(`${name} (${range})`);
      continue;
    }
    if (classes.method === 'user') {
      lo = i === 0 ? classes.min : b[i - 1];
      hi = i === n - 1 ? classes.max : b[i];
      if (i === 0 && classes.min >= b[0]) { out.push(`< ${f(b[0])}`); continue; }
      if (i === n - 1 && classes.max < b[n - 2]) { out.push(`≥ ${f(b[n - 2])}`); continue; }
    }
    out.push(`${f(lo)} – ${f(hi)}`);
  }
  return out;
}

/** The "No data" legend entry. */
export function noDataEntry(words: FigureWords, count: number): LegendEntry {
  return { label: words.noData, fill: NO_DATA_FILL, color: typeof NO_DATA_FILL === 'string' ? NO_DATA_FILL : NO_DATA_FILL.background, count, noData: true };
}

/** Sizes of a legend block's text. */
export interface LegendStyle {
  readonly headingSize: number;
  readonly size: number;
  readonly showCounts: boolean;
}

/** Width in points a legend block needs. */
export function legendWidth(heading: string, entries: readonly LegendEntry[], st: LegendStyle): number {
  const sw = st.size * 1.6;
  let w = textWidth(heading, st.headingSize);
  for (const e of entries) w = Math.max(w, sw + st.size * 0.6 + textWidth(entryText(e, st), st.size));
  return w;
}

/** Height in points of a legend block. */
export function legendHeight(entries: readonly LegendEntry[], st: LegendStyle): number {
  return st.headingSize * 1.6 + entries.length * st.size * 1.55;
}

function entryText(e: LegendEntry, st: LegendStyle): string {
  return st.showCounts ? `${e.label} (${e.count})` : e.label;
}

/** Draw a legend block with its top-left corner at (x, y). */
export function drawLegend(x: number, y: number, heading: string, entries: readonly LegendEntry[], st: LegendStyle): FigureItem {
  const items: FigureItem[] = [];
  let cy = y + st.headingSize;
  items.push({ kind: 'text', x, y: cy, text: heading, size: st.headingSize, weight: 'bold', role: 'legend-heading' });
  cy += st.headingSize * 0.6;
  const sw = st.size * 1.6, sh = st.size * 1.1, row = st.size * 1.55;
  for (const e of entries) {
    items.push({ kind: 'rect', x, y: cy + (row - sh) / 2, width: sw, height: sh, fill: e.fill, stroke: '#7f7f7f', strokeWidth: 0.3 });
    items.push({ kind: 'text', x: x + sw + st.size * 0.6, y: cy + row / 2, text: entryText(e, st), size: st.size, baseline: 'middle', role: 'legend' });
    cy += row;
  }
  return { kind: 'group', role: 'legend', items };
}
