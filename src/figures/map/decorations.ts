/**
 * Map furniture: the scale bar (kilometres, true at the map centre for the projection), the
 * north arrow, the "simulated data" watermark and the South China Sea Islands inset.
 */
import type { FigureItem } from '../figure';
import type { SouthChinaSeaInset } from './china';
import { textWidth, type FigureWords } from '../words';

/** The largest 1, 2 or 5 × 10ⁿ not above `v`. */
export function niceFloor(v: number): number {
  if (!(v > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = v / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/**
 * A scale bar with its lower-left corner at (x, y): a nice length near `targetPt`, two
 * alternating segments, "0" and "L km" labels. `ptPerKm` is the drawing's points per true
 * kilometre east–west at the map centre (scale × 1000 × the projection's scale along the parallel).
 */
export function scaleBar(x: number, y: number, ptPerKm: number, targetPt: number, size: number, words: FigureWords): { item: FigureItem; km: number; widthPt: number } {
  const km = niceFloor(targetPt / ptPerKm);
  const w = km * ptPerKm;
  const h = size * 0.45;
  const items: FigureItem[] = [
    { kind: 'rect', x, y: y - h, width: w / 2, height: h, fill: '#000000', stroke: '#000000', strokeWidth: 0.4 },
    { kind: 'rect', x: x + w / 2, y: y - h, width: w / 2, height: h, fill: '#ffffff', stroke: '#000000', strokeWidth: 0.4 },
    { kind: 'text', x: x + w + size * 0.4, y: y - h / 2, text: `${km} ${words.km}`, size, baseline: 'middle', role: 'scale-bar' },
  ];
  return { item: { kind: 'group', role: 'scale-bar', items }, km, widthPt: w };
}

/** A north arrow whose top is at (x, y), `h` points tall, with the letter above it. */
export function northArrow(x: number, y: number, h: number, words: FigureWords): FigureItem {
  const w = h * 0.45;
  const top = y + h * 0.45;
  const bottom = y + h * 1.4;
  const notch = y + h * 1.15;
  const r = (v: number): number => Math.round(v * 100) / 100;
  return {
    kind: 'group', role: 'north-arrow', items: [
      { kind: 'text', x, y: y + h * 0.35, text: words.north, size: h * 0.42, weight: 'bold', anchor: 'middle', role: 'north-arrow' },
      { kind: 'path', d: `M${r(x)} ${r(top)}L${r(x - w / 2)} ${r(bottom)}L${r(x)} ${r(notch)}Z`, fill: '#ffffff', stroke: '#000000', strokeWidth: 0.5 },
      { kind: 'path', d: `M${r(x)} ${r(top)}L${r(x + w / 2)} ${r(bottom)}L${r(x)} ${r(notch)}Z`, fill: '#000000', stroke: '#000000', strokeWidth: 0.5 },
    ],
  };
}

/** The diagonal watermark across a figure of size w × h. */
export function watermark(w: number, h: number, words: FigureWords): FigureItem {
  const angle = -Math.atan2(h, w) * 180 / Math.PI;
  return {
    kind: 'text', x: w / 2, y: h / 2, text: words.simulated, size: Math.min(w, h) / 7, weight: 'bold', anchor: 'middle',
    baseline: 'middle', fill: '#808080', opacity: 0.16, rotate: Math.round(angle * 100) / 100, role: 'watermark',
  };
}

/** Aspect (width / height) of the inset's frame. */
export function insetAspect(inset: SouthChinaSeaInset): number {
  const [x0, y0, x1, y1] = inset.frame;
  return (x1 - x0) / (y1 - y0);
}

/**
 * The South China Sea Islands inset in a framed box at (x, y), `w` × `h` points, its schematic
 * content scaled uniformly into the box, the name along the bottom edge.
 */
export function southChinaSeaInset(inset: SouthChinaSeaInset, x: number, y: number, w: number, h: number, size: number, words: FigureWords, landFill: string): FigureItem {
  const [x0, y0, x1, y1] = inset.frame;
  const s = Math.min(w / (x1 - x0), h / (y1 - y0));
  // The name fits the box width.
  const fit = Math.min(size, (w * 0.9) / textWidth(words.southChinaSea, 1));
  const r = (v: number): number => Math.round(v * 100) / 100;
  const path = (ring: readonly (readonly number[])[]): string =>
    ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(x + (p[0] - x0) * s)} ${r(y + (p[1] - y0) * s)}`).join('') + 'Z';
  const items: FigureItem[] = [
    { kind: 'rect', x, y, width: w, height: h, fill: '#ffffff', stroke: '#000000', strokeWidth: 0.5 },
    ...inset.land.map((ring): FigureItem => ({ kind: 'path', d: path(ring), fill: landFill, stroke: '#7f7f7f', strokeWidth: 0.3 })),
    ...inset.islands.map((ring): FigureItem => ({ kind: 'path', d: path(ring), fill: '#4d4d4d', stroke: '#4d4d4d', strokeWidth: 0.3 })),
    { kind: 'text', x: x + w / 2, y: y + h - fit * 0.6, text: words.southChinaSea, size: fit, anchor: 'middle', role: 'inset-label' },
  ];
  return { kind: 'group', role: 'inset', items, clip: { x, y, width: w, height: h } };
}
