/**
 * The Export dialog's and the Small multiples mode's settings as the user edits them (text
 * fields stay text until drawn), and the one function that turns them into the contract's map
 * spec (src/contract/figures.ts `mapSpecSchema`). The same spec goes to `figure:map` for the
 * preview and to `figure:mapExport` for the file, so what is shown is what is saved.
 */
import type { MapSpecInput } from '../../../src/contract';
import type { FigureFormat, FigureLanguage, MapAggregation, MapClassMethod, MapPaletteName } from '../../../src/contract/constants';
import { DIVERGING_PALETTES } from '../../../src/contract/constants';
import { uiError } from '../i18n/problem';
import { parseBreaks, parsePeriods } from './periods';

/** Everything the Export dialog edits. */
export interface MapForm {
  readonly format: FigureFormat;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly dpi: number;
  readonly title: string;
  readonly subtitle: string;
  readonly source: string;
  readonly notes: string;
  readonly mapApproval: string;
  readonly lang: FigureLanguage;
  /** `2022` or `2008-2012,2013-2017,2018-2022`. */
  readonly periodsText: string;
  readonly aggregation: MapAggregation;
  readonly classes: number;
  readonly method: MapClassMethod;
  /** User breaks (method 'user'): classes − 1 ascending numbers. */
  readonly breaksText: string;
  readonly palette: MapPaletteName;
  readonly reverse: boolean;
  /** Centre of a diverging palette; empty = none. */
  readonly centerText: string;
  readonly labels: boolean;
  readonly groupOutlines: boolean;
}

/** The defaults of the contract (160 × 120 mm, 300 DPI, 5 natural-breaks classes, YlOrRd). */
export const DEFAULT_FORM: MapForm = {
  format: 'png',
  widthMm: 160,
  heightMm: 120,
  dpi: 300,
  title: '',
  subtitle: '',
  source: '',
  notes: '',
  mapApproval: '',
  lang: 'en',
  periodsText: '',
  aggregation: 'mean',
  classes: 5,
  method: 'jenks',
  breaksText: '',
  palette: 'YlOrRd',
  reverse: false,
  centerText: '',
  labels: false,
  groupOutlines: false,
};

/** Whether `name` is a diverging palette (the centre field applies). */
export function isDiverging(name: MapPaletteName): boolean {
  return (DIVERGING_PALETTES as readonly string[]).includes(name);
}

/** What the spec is drawn over. */
export interface SpecContext {
  readonly variable: string;
  readonly layer: string | null;
  /** The project's years. */
  readonly years: readonly number[];
}

/** A trimmed text or undefined when empty (optional spec fields). */
function opt(s: string): string | undefined {
  const v = s.trim();
  return v.length ? v : undefined;
}

/**
 * The map spec of the form.
 * @throws CodedError from parsePeriods / parseBreaks, and `map-center-syntax` (details: text)
 *   when the centre is not a number.
 */
export function specFromForm(form: MapForm, ctx: SpecContext): MapSpecInput {
  const periods = parsePeriods(form.periodsText, ctx.years);
  let center: number | null = null;
  if (isDiverging(form.palette) && form.centerText.trim() !== '') {
    center = Number(form.centerText.trim());
    if (!Number.isFinite(center)) throw uiError('map-center-syntax', { text: form.centerText.trim() });
  }
  return {
    ...(ctx.layer ? { layer: ctx.layer } : {}),
    variable: ctx.variable,
    periods,
    aggregation: form.aggregation,
    classification: {
      method: form.method,
      classes: form.classes,
      ...(form.method === 'user' ? { breaks: parseBreaks(form.breaksText, form.classes) } : {}),
      shared: true,
    },
    palette: { name: form.palette, reverse: form.reverse, center },
    lang: form.lang,
    title: opt(form.title),
    subtitle: opt(form.subtitle),
    source: opt(form.source),
    notes: opt(form.notes),
    mapApproval: opt(form.mapApproval),
    labels: form.labels,
    groupOutlines: form.groupOutlines,
    size: { widthMm: form.widthMm, heightMm: form.heightMm, dpi: form.dpi },
  };
}

/** Pixel size of a PNG of `mm` millimetres at `dpi`: round(mm / 25.4 × dpi). */
export function pixels(mm: number, dpi: number): number {
  return Math.round((mm / 25.4) * dpi);
}
