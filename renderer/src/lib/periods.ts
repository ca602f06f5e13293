/**
 * The periods of a map figure as the user types them: one year (`2010`) or ranges separated by
 * commas (`2008-2012,2013-2017,2018-2022`; an en dash or `–` works too). Each becomes the
 * contract's `{ from, to }` (src/contract/figures.ts `mapPeriodSchema`); the figure collapses a
 * range with the spec's aggregation.
 */
import type { MapSpecInput } from '../../../src/contract';
import { uiError } from '../i18n/problem';

/** One period of a map spec. */
export type MapPeriod = NonNullable<MapSpecInput['periods']>[number];

/** The most periods one figure holds (the contract's `periods.max(12)`). */
export const MAX_PERIODS = 12;

const RANGE = /^(\d{4})\s*(?:[-–—~]\s*(\d{4}))?$/u;

/**
 * Parses `text` into periods and checks each against the project's years.
 * @throws CodedError `map-periods-empty` (no period given), `map-periods-syntax` (details: text),
 *   `map-periods-reversed` (details: text), `map-periods-outside` (details: text, first, last:
 *   no year of the period is in the project), `map-periods-too-many` (details: count, max).
 */
export function parsePeriods(text: string, years: readonly number[]): MapPeriod[] {
  const parts = text.split(/[,，;；]/u).map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw uiError('map-periods-empty');
  if (parts.length > MAX_PERIODS) throw uiError('map-periods-too-many', { count: parts.length, max: MAX_PERIODS });
  const first = years.length ? Math.min(...years) : NaN;
  const last = years.length ? Math.max(...years) : NaN;
  return parts.map((part) => {
    const m = RANGE.exec(part);
    if (!m) throw uiError('map-periods-syntax', { text: part });
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw uiError('map-periods-reversed', { text: part });
    if (!years.some((y) => y >= from && y <= to)) throw uiError('map-periods-outside', { text: part, first, last });
    return { from, to };
  });
}

/** The text of periods as `parsePeriods` reads it back: `2008-2012,2013-2017` or `2010`. */
export function formatPeriods(periods: readonly MapPeriod[]): string {
  return periods.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(',');
}

/**
 * Splits the project's years into `n` consecutive periods of (nearly) equal length, the later
 * ones longer when they do not divide evenly: 2008–2022 in 3 → 2008-2012, 2013-2017, 2018-2022.
 */
export function splitYears(years: readonly number[], n: number): MapPeriod[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const k = Math.max(1, Math.min(n, sorted.length));
  const out: MapPeriod[] = [];
  const base = Math.floor(sorted.length / k);
  const extra = sorted.length % k;
  let i = 0;
  for (let j = 0; j < k; j++) {
    const len = base + (j >= k - extra ? 1 : 0);
    out.push({ from: sorted[i], to: sorted[i + len - 1] });
    i += len;
  }
  return out;
}

/**
 * Parses user class breaks: `classes − 1` ascending numbers separated by commas.
 * @throws CodedError `map-breaks-syntax` (details: text, count) otherwise.
 */
export function parseBreaks(text: string, classes: number): number[] {
  const parts = text.split(/[,，;；\s]+/u).filter((s) => s.length > 0);
  const values = parts.map(Number);
  const ok = values.length === classes - 1 && values.every((v) => Number.isFinite(v)) && values.every((v, i) => i === 0 || v > values[i - 1]);
  if (!ok) throw uiError('map-breaks-syntax', { text, count: classes - 1 });
  return values;
}
