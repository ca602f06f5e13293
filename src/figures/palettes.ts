/**
 * Map palettes: sequential, diverging (optionally centred on a value) and categorical colours
 * for a given number of classes, the "no data" paint, and the conventional LISA cluster colours.
 * Names are those of the contract's MAP_PALETTES (the engine does not import the contract: the
 * union below is checked equal to it by tests/figures/palettes.test.ts).
 */
import type { Fill } from './figure';
import { OKABE_ITO, PALETTE_TABLES } from './palette-tables';

/** A palette name (= MAP_PALETTES of src/contract/constants.ts). */
export type PaletteName =
  | 'YlOrRd' | 'Blues' | 'Greens' | 'Purples' | 'Oranges' | 'YlGnBu' | 'viridis'
  | 'RdBu' | 'BrBG' | 'PuOr' | 'PiYG'
  | 'Set2' | 'Dark2' | 'Okabe-Ito';

/** The three kinds of palette. */
export type PaletteKind = 'sequential' | 'diverging' | 'categorical';

const KIND: Readonly<Record<PaletteName, PaletteKind>> = {
  YlOrRd: 'sequential', Blues: 'sequential', Greens: 'sequential', Purples: 'sequential',
  Oranges: 'sequential', YlGnBu: 'sequential', viridis: 'sequential',
  RdBu: 'diverging', BrBG: 'diverging', PuOr: 'diverging', PiYG: 'diverging',
  Set2: 'categorical', Dark2: 'categorical', 'Okabe-Ito': 'categorical',
};

/** Every palette name, sequential first, then diverging, then categorical. */
export const PALETTE_NAMES = Object.keys(KIND) as readonly PaletteName[];

/** The kind of a palette. */
export function paletteKind(name: PaletteName): PaletteKind {
  return KIND[name];
}

/** Grey of "no data" regions (also the background of the hatch). */
export const NO_DATA_COLOR = '#d9d9d9';

/** Paint of "no data" regions: light grey with diagonal hatching, as the legend shows it. */
export const NO_DATA_FILL: Fill = { pattern: 'hatch', color: '#8c8c8c', background: '#efefef' };

/**
 * LISA cluster colours as PySAL's splot (`lisa_cluster`) and most publications draw them:
 * High-High red, Low-Low blue, Low-High light blue, High-Low light orange-red, not significant grey.
 */
export const LISA_COLORS = {
  HH: '#d7191c',
  LL: '#2c7bb6',
  LH: '#abd9e9',
  HL: '#fdae61',
  ns: '#d3d3d3',
} as const;

/** The LISA categories in legend order. */
export const LISA_CATEGORIES = ['HH', 'LH', 'LL', 'HL', 'ns'] as const;
export type LisaCategory = (typeof LISA_CATEGORIES)[number];

const hex = (v: number): string => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0');
function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `#${pa.map((x, i) => hex(x + (pb[i] - x) * t)).join('')}`;
}

/** n colours evenly along a ramp (linear in RGB between its stops), ends included. */
function sampleRamp(ramp: readonly string[], n: number): string[] {
  if (n === 1) return [ramp[Math.floor(ramp.length / 2)]];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = (i * (ramp.length - 1)) / (n - 1);
    const j = Math.min(Math.floor(t), ramp.length - 2);
    out.push(mix(ramp[j], ramp[j + 1], t - j));
  }
  return out;
}

/** The table entry for n colours of a ColorBrewer/viridis palette, extended below 3 and above its maximum. */
function tableColors(name: PaletteName, n: number): string[] {
  const t = PALETTE_TABLES[name];
  const sizes = Object.keys(t).map(Number);
  const top = Math.max(...sizes);
  if (t[n]) return [...t[n]];
  if (n === 1) return [t[3][1]];
  if (n === 2) return [t[3][0], t[3][2]];
  return sampleRamp(t[top], n);
}

/**
 * Colours of n ordered classes, low to high (`reverse`: high to low).
 * Sequential and diverging palettes give their ColorBrewer table for n (3–9); categorical ones
 * their first n colours (cycled when n exceeds them).
 */
export function rampColors(name: PaletteName, n: number, reverse = false): string[] {
  const c = KIND[name] === 'categorical' ? categoricalColors(name, n).colors : tableColors(name, n);
  return reverse ? c.reverse() : c;
}

/**
 * Diverging colours centred on a value: `below` classes lie below the centre, `above` above
 * it, and `straddle` says whether one class in between contains it. With m = max(below, above)
 * the colours are the ColorBrewer table of 2m (+1 with a straddling class) classes; the classes
 * below take the m arm colours nearest the centre, so equal distance from the centre means
 * equal lightness on both sides, and a straddling class gets the neutral middle.
 * Reference: Brewer (1999), diverging schemes "with the critical class at the midpoint".
 */
export function divergingColors(name: PaletteName, below: number, above: number, straddle: boolean, reverse = false): string[] {
  const m = Math.max(below, above);
  const size = 2 * m + (straddle ? 1 : 0);
  const full = size === 0 ? [] : KIND[name] === 'categorical' ? categoricalColors(name, size).colors : tableColors(name, size);
  const ordered = reverse ? full.reverse() : full;
  const out = ordered.slice(m - below, m);
  if (straddle) out.push(ordered[m]);
  out.push(...ordered.slice(m + (straddle ? 1 : 0), m + (straddle ? 1 : 0) + above));
  return out;
}

/**
 * Colours of n unordered categories. Categorical palettes give their colours in order
 * (Okabe–Ito without black first, so no category is drawn black unless there are 9); when n is
 * larger than the palette, colours repeat and `cycled` is true. Sequential and diverging palettes
 * are sampled evenly.
 */
export function categoricalColors(name: PaletteName, n: number): { colors: string[]; cycled: boolean } {
  let base: readonly string[];
  if (name === 'Okabe-Ito') base = [...OKABE_ITO.slice(1), OKABE_ITO[0]];
  else if (KIND[name] === 'categorical') base = PALETTE_TABLES[name][8];
  else return { colors: tableColors(name, n), cycled: false };
  const colors: string[] = [];
  for (let i = 0; i < n; i++) colors.push(base[i % base.length]);
  return { colors, cycled: n > base.length };
}

/** Inner thresholds of ordered classes (a `Classes` from src/stats/class-breaks.ts fits). */
export interface BreaksLike {
  readonly breaks: readonly number[];
}

/**
 * One colour per class of `classes`. Without a centre (or with a non-diverging palette) it is
 * `rampColors`; with a centre and a diverging palette, classes whose upper threshold is ≤ the
 * centre are "below", those whose lower threshold is ≥ it "above", see `divergingColors`.
 */
export function classColors(name: PaletteName, classes: BreaksLike, opts: { reverse?: boolean; center?: number | null } = {}): string[] {
  const n = classes.breaks.length + 1;
  const c = opts.center;
  if (c === null || c === undefined || !Number.isFinite(c) || KIND[name] !== 'diverging') return rampColors(name, n, opts.reverse);
  const b = classes.breaks;
  let below = 0, above = 0, straddle = false;
  for (let i = 0; i < n; i++) {
    const lo = i === 0 ? -Infinity : b[i - 1];
    const hi = i === n - 1 ? Infinity : b[i];
    if (hi <= c) below++;
    else if (lo >= c) above++;
    else straddle = true;
  }
  return divergingColors(name, below, above, straddle, opts.reverse);
}
