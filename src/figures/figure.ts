/**
 * A figure as a display list: the one drawing that every output is made from (issue 9). The map
 * and chart builders in this layer turn data + a spec into a `Figure`; `toSvg` (./svg.ts) writes
 * it as an SVG document; the services rasterise that SVG to PNG (resvg) and write the same
 * display list to PDF (pdfkit) — so the app's export, `rwb map` and reports draw identical
 * figures from a stored spec.
 *
 * Units: typographic points (1/72 inch), origin top-left, y down (as SVG). A figure 160 mm wide
 * is 160 / 25.4 × 72 ≈ 453.5 pt; at 300 DPI its PNG is 160 / 25.4 × 300 ≈ 1890 px wide.
 * Colours are `#rrggbb` strings (or 'none'); opacity is separate.
 */

/** Font weight of a text item. */
export type FontWeight = 'normal' | 'bold';

/** Horizontal anchor of a text item (SVG `text-anchor`). */
export type TextAnchor = 'start' | 'middle' | 'end';

/** Vertical placement of a text item relative to `y`: SVG `dominant-baseline` alphabetic, middle or hanging. */
export type TextBaseline = 'alphabetic' | 'middle' | 'hanging';

/** Paint of an area: a colour, or a named pattern (diagonal hatching for "no data"). */
export type Fill = string | { readonly pattern: 'hatch'; readonly color: string; readonly background: string };

/** An outline or area. `d` is SVG path data using only absolute M, L and Z (so PDF can replay it). */
export interface PathItem {
  readonly kind: 'path';
  readonly d: string;
  readonly fill?: Fill;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  /** Dash pattern in points, e.g. [3, 2]. */
  readonly dash?: readonly number[];
  readonly opacity?: number;
  /** Region id the path draws (becomes `data-region` in SVG, for hover and tests). */
  readonly region?: string;
  /** Even-odd fill rule (holes drawn as separate rings rely on it). Default true. */
  readonly evenOdd?: boolean;
}

/** A rectangle (legend swatches, frames, backgrounds). */
export interface RectItem {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill?: Fill;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  readonly opacity?: number;
}

/** A straight line (scale bar, axes, ticks). */
export interface LineItem {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly dash?: readonly number[];
  readonly opacity?: number;
}

/** A circle (chart points, outliers). */
export interface CircleItem {
  readonly kind: 'circle';
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly fill?: Fill;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  readonly opacity?: number;
  readonly region?: string;
}

/** One line of text, drawn in the figure's font family (Noto Sans SC ships with the app). */
export interface TextItem {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Font size in points. */
  readonly size: number;
  readonly weight?: FontWeight;
  readonly anchor?: TextAnchor;
  readonly baseline?: TextBaseline;
  readonly fill?: string;
  readonly opacity?: number;
  /** Rotation in degrees about (x, y), clockwise (SVG convention). */
  readonly rotate?: number;
  /** A role for tests and styling: 'title', 'subtitle', 'legend', 'note', 'watermark', 'label', 'axis'. */
  readonly role?: string;
}

/** A group of items, optionally clipped to a rectangle (a map panel, an inset). */
export interface GroupItem {
  readonly kind: 'group';
  readonly items: readonly FigureItem[];
  readonly clip?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** A role such as 'panel', 'legend', 'inset', 'scale-bar', 'north-arrow'. */
  readonly role?: string;
}

/** Anything a figure draws. */
export type FigureItem = PathItem | RectItem | LineItem | CircleItem | TextItem | GroupItem;

/** A whole figure: page size in points, background, items in drawing order. */
export interface Figure {
  readonly width: number;
  readonly height: number;
  readonly background: string;
  readonly items: readonly FigureItem[];
  /** Document title (SVG <title>, PDF Title). */
  readonly title: string;
  /** Language of the figure's text ('en' or 'zh'), SVG xml:lang. */
  readonly lang: 'en' | 'zh';
  /** Font family name written in SVG and used by the PNG/PDF writers. */
  readonly fontFamily: string;
}

/** The font family every figure uses; the services load the shipped Noto Sans SC under this name. */
export const FIGURE_FONT_FAMILY = 'Noto Sans SC';

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4;
