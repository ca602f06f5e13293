/**
 * Shock-based resilience: relative growth against a base year and a reference (national)
 * series, and Martin's (2012) sensitivity indices of resistance and recovery.
 */
import { InputError } from '../core/errors';

/** The reference series by year: given, or the sum over the regions of each year. */
function referenceSeries(times: readonly number[], y: ArrayLike<number>, given?: ReadonlyMap<number, number>): Map<number, number> {
  if (given) return new Map(given);
  const s = new Map<number, number>();
  times.forEach((t, i) => { if (!Number.isNaN(y[i])) s.set(t, (s.get(t) ?? 0) + y[i]); });
  return s;
}

function refAt(ref: ReadonlyMap<number, number>, year: number): number {
  const v = ref.get(year);
  if (v === undefined || !Number.isFinite(v)) throw new InputError('composite-shock-reference-year', `the reference series has no value for ${year}`, { year });
  if (!(v > 0)) throw new InputError('composite-shock-reference-positive', `the reference series is ${v} in ${year}: growth rates need a positive value`, { year, value: v });
  return v;
}

/** Relative-growth resilience per row. */
export interface RelativeGrowthResult {
  /** RE_it = (Y_it − Y_i,b)/Y_i,b. */
  readonly re: Float64Array;
  /** GR_t = (N_t − N_b)/N_b of the reference series. */
  readonly gr: Float64Array;
  /** (RE_it − GR_t)/|GR_t|; NaN in the base year (GR = 0). */
  readonly resilience: Float64Array;
}

/**
 * Relative-growth resilience: RE_it = (Y_it − Y_i,b)/Y_i,b, GR_t = (N_t − N_b)/N_b for the
 * reference series N (given, else Σ_i Y_it), resilience = (RE_it − GR_t)/|GR_t|. With GR_t > 0
 * this is the (RE − GR)/GR; |GR| keeps "above the nation" positive when the nation shrinks.
 * Years where GR_t = 0 (the base year) give NaN.
 *
 * @throws InputError `composite-shock-base-missing` when a region has no (positive) value in the
 *   base year (naming region and year); `composite-shock-reference-year`/`-positive` for the reference
 */
export function relativeGrowthResilience(ids: readonly string[], times: readonly number[], y: ArrayLike<number>, baseYear: number, reference?: ReadonlyMap<number, number>): RelativeGrowthResult {
  const n = ids.length;
  const base = new Map<string, number>();
  for (let i = 0; i < n; i++) if (times[i] === baseYear) base.set(ids[i], y[i]);
  const ref = referenceSeries(times, y, reference);
  const nb = refAt(ref, baseYear);
  const re = new Float64Array(n), gr = new Float64Array(n), res = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = base.get(ids[i]);
    if (b === undefined || !(b > 0)) {
      throw new InputError('composite-shock-base-missing', `region "${ids[i]}" has no positive value in the base year ${baseYear} (${b ?? 'no row'}): its growth cannot be measured`, { region: ids[i], year: baseYear, value: b ?? 'no row' });
    }
    re[i] = (y[i] - b) / b;
    gr[i] = (refAt(ref, times[i]) - nb) / nb;
    res[i] = gr[i] !== 0 ? (re[i] - gr[i]) / Math.abs(gr[i]) : Number.NaN;
  }
  return Object.freeze({ re, gr, resilience: res });
}

/** Martin's sensitivity indices of one region. */
export interface MartinSensitivity {
  readonly id: string;
  /** β of the contraction [start, trough]. */
  readonly resistance: number;
  /** β of the recovery [trough, end]. */
  readonly recovery: number;
}

/**
 * Martin's (2012, J. Econ. Geogr. 12:1–32) sensitivity index for a period [s, e]:
 * β_r = [(Y_r,e − Y_r,s)/Y_r,s] / [(N_e − N_s)/N_s], for the contraction [start, trough]
 * (resistance; β > 1: hit harder than the nation) and the recovery [trough, end] (recovery;
 * β > 1: recovered faster). N: the reference series, else Σ_r Y_r.
 *
 * @throws InputError `composite-shock-periods` unless start < trough < end; `composite-shock-region-year`
 *   when a region lacks a positive value in one of the three years; `composite-shock-flat` when the
 *   reference does not change over a period
 */
export function martinSensitivity(ids: readonly string[], times: readonly number[], y: ArrayLike<number>, start: number, trough: number, end: number, reference?: ReadonlyMap<number, number>): MartinSensitivity[] {
  if (!(start < trough && trough < end)) throw new InputError('composite-shock-periods', `shock periods must satisfy start < trough < end, got ${start}, ${trough}, ${end}`, { start, trough, end });
  const ref = referenceSeries(times, y, reference);
  const g = (a: number, b: number) => (b - a) / a;
  const gNc = g(refAt(ref, start), refAt(ref, trough));
  const gNr = g(refAt(ref, trough), refAt(ref, end));
  for (const [gn, a, b] of [[gNc, start, trough], [gNr, trough, end]] as const) {
    if (gn === 0) throw new InputError('composite-shock-flat', `the reference series does not change from ${a} to ${b}: the sensitivity index divides by its growth`, { from: a, to: b });
  }
  const byRegion = new Map<string, Map<number, number>>();
  ids.forEach((id, i) => { if (!byRegion.has(id)) byRegion.set(id, new Map()); (byRegion.get(id) as Map<number, number>).set(times[i], y[i]); });
  return [...byRegion.keys()].sort().map((id) => {
    const s = byRegion.get(id) as Map<number, number>;
    const at = (year: number) => {
      const v = s.get(year);
      if (v === undefined || !(v > 0)) throw new InputError('composite-shock-region-year', `region "${id}" has no positive value in ${year}: its sensitivity index cannot be computed`, { region: id, year });
      return v;
    };
    return Object.freeze({ id, resistance: g(at(start), at(trough)) / gNc, recovery: g(at(trough), at(end)) / gNr });
  });
}
