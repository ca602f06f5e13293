/**
 * Build one composite index (a one- or two-level index) from indicator columns: checks,
 * normalisation, indicator and dimension weights, aggregation, and the weights table in the
 * layout studies print (criterion layer, indicator, direction, weight).
 */
import { InputError } from '../core/errors';
import { weightedSum, topsis } from './aggregate';
import { indicatorWeights, type IndicatorWeights } from './indicator-weights';
import { normaliseColumn, scopeGroups } from './normalise';
import type { Aggregation, CompositeWarning, Direction, Normalisation, Scope, WeightSpec } from './types';

/** One indicator: a column over the panel's rows. */
export interface IndicatorInput {
  /** The indicator's name (the expression text, without its sign). */
  readonly name: string;
  readonly direction: Direction;
  /** Criterion layer (dimension); indicators without one form the dimension `""`. */
  readonly dimension?: string;
  readonly values: ArrayLike<number>;
}

/** How to build the index. */
export interface IndexSpec {
  readonly normalisation: Normalisation;
  readonly scope: Scope;
  /** Added to every normalised value (default 0). */
  readonly shift?: number;
  readonly weights: WeightSpec;
  readonly aggregate: Aggregation;
  /**
   * Weights across dimensions. Given: indicator weights are computed within each dimension
   * and the overall weight is dimension weight × local weight. Left out: indicator weights are
   * computed over all indicators and a dimension's weight is the sum of its indicators' weights.
   */
  readonly dimensionWeights?: Readonly<Record<string, number>>;
}

/** One row of the weights table. */
export interface WeightRow {
  readonly dimension: string;
  readonly indicator: string;
  readonly direction: Direction;
  /** Weight of the indicator within its dimension (Σ over a dimension = 1). */
  readonly localWeight: number;
  readonly dimensionWeight: number;
  /** Overall weight (Σ over all indicators = 1). */
  readonly weight: number;
}

/** One dimension's sub-index. */
export interface DimensionScore {
  readonly name: string;
  readonly weight: number;
  /** Aligned with the input rows; NaN where a row was left out. */
  readonly values: Float64Array;
}

/** A built index. */
export interface IndexResult {
  /** Aligned with the input rows; NaN where a row was left out (a missing indicator). */
  readonly values: Float64Array;
  /** Input row numbers (0-based) used, in order. */
  readonly rows: readonly number[];
  readonly table: readonly WeightRow[];
  readonly dimensions: readonly DimensionScore[];
  /** Normalised columns over the used rows (`rows` order), one per indicator. */
  readonly normalised: readonly Float64Array[];
  /** Details of the weighting over all indicators (entropy, PCA checks…); per dimension when dimension weights were given. */
  readonly details: readonly { readonly dimension: string | null; readonly result: IndicatorWeights }[];
  readonly warnings: readonly CompositeWarning[];
}

const rowText = (ids: readonly string[], times: readonly number[], i: number) => `${ids[i]} ${times[i]}`;

/**
 * Check the indicator list.
 * @throws InputError `composite-no-indicators`, `composite-both-directions` (one indicator marked + and −),
 *   `composite-duplicate-indicator`
 */
export function checkIndicators(indicators: readonly { readonly name: string; readonly direction: Direction }[]): void {
  if (indicators.length === 0) throw new InputError('composite-no-indicators', 'a composite index needs at least one indicator', {});
  const seen = new Map<string, Direction>();
  for (const ind of indicators) {
    const d = seen.get(ind.name);
    if (d !== undefined && d !== ind.direction) {
      throw new InputError('composite-both-directions', `indicator "${ind.name}" is marked both + and −: give it one direction`, { indicator: ind.name });
    }
    if (d !== undefined) throw new InputError('composite-duplicate-indicator', `indicator "${ind.name}" is listed twice`, { indicator: ind.name });
    seen.set(ind.name, ind.direction);
  }
}

/** Warnings for region-years absent from an unbalanced panel (the first few named). */
function unbalancedWarning(ids: readonly string[], times: readonly number[]): CompositeWarning | undefined {
  const years = [...new Set(times)].sort((a, b) => a - b);
  const rowsOf = new Map<string, number>();
  for (const id of ids) rowsOf.set(id, (rowsOf.get(id) ?? 0) + 1);
  // Balanced (the usual case): every region has one row per year; no per-year bookkeeping.
  if ([...rowsOf.values()].every((c) => c === years.length)) return undefined;
  const have = new Map<string, Set<number>>();
  ids.forEach((id, i) => { if (!have.has(id)) have.set(id, new Set()); (have.get(id) as Set<number>).add(times[i]); });
  const absent: string[] = [];
  for (const [id, s] of [...have.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) for (const y of years) if (!s.has(y)) absent.push(`${id} ${y}`);
  if (absent.length === 0) return undefined;
  const first = absent.slice(0, 5).join(', ');
  const what = absent.length === 1 ? '1 region-year has' : `${absent.length} region-years have`;
  return { code: 'composite-unbalanced', message: `${what} no row (e.g. ${first}); normalisation and weights use the rows present`, details: { count: absent.length, first } };
}

/** The values of `rows` of a column (the column itself when every row is used). */
function pick(values: ArrayLike<number>, rows: readonly number[], all: boolean): Float64Array {
  if (all) return Float64Array.from(values as ArrayLike<number>);
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/**
 * Build a composite index. Rows with a missing value in any indicator are left out (warning
 * naming the indicator and region-year); the rest are normalised (`normaliseColumn`, within
 * `scope`), weighted (`indicatorWeights`; pooled over all used rows, one weight per indicator)
 * and aggregated: weighted sum S_i = Σ_j w_j x'_ij, or TOPSIS closeness with the ideal within
 * `scope`. Dimension sub-indices aggregate a dimension's indicators with their local weights.
 *
 * @throws InputError from `checkIndicators`, `normaliseColumn`, the weighting methods;
 *   `composite-too-few-rows` when fewer than 2 complete rows remain; `composite-dimension-weights`
 *   when dimension weights do not name each dimension once with a weight ≥ 0 (not all 0);
 *   `composite-g1-dimensions` for G1 ratios with dimension weights
 */
export function buildIndex(ids: readonly string[], times: readonly number[], indicators: readonly IndicatorInput[], spec: IndexSpec): IndexResult {
  checkIndicators(indicators);
  const warnings: CompositeWarning[] = [];
  const unbalanced = unbalancedWarning(ids, times);
  if (unbalanced) warnings.push(unbalanced);
  const n = ids.length;
  const rows: number[] = [];
  const missing: string[] = [];
  // firstBad[i]: 1 + the first indicator missing in row i (0: complete).
  const firstBad = new Int32Array(n);
  for (let j = indicators.length - 1; j >= 0; j--) {
    const v = indicators[j].values;
    for (let i = 0; i < n; i++) if (!Number.isFinite(v[i])) firstBad[i] = j + 1;
  }
  for (let i = 0; i < n; i++) {
    if (firstBad[i] > 0) missing.push(`"${indicators[firstBad[i] - 1].name}" at ${rowText(ids, times, i)}`);
    else rows.push(i);
  }
  if (missing.length > 0) {
    const first = missing.slice(0, 5).join(', ');
    const list = `${first}${missing.length > 5 ? ', …' : ''}`;
    const what = missing.length === 1 ? '1 region-year is' : `${missing.length} region-years are`;
    warnings.push({ code: 'composite-missing-rows', message: `${what} left out of the index for a missing indicator value (${list})`, details: { count: missing.length, first: list } });
  }
  if (rows.length < 2) throw new InputError('composite-too-few-rows', `only ${rows.length} region-years have every indicator: an index needs at least 2`, { rows: rows.length });
  const uIds = rows.length === n ? ids : rows.map((i) => ids[i]);
  const uTimes = rows.length === n ? times : rows.map((i) => times[i]);
  const groups = scopeGroups(uTimes, spec.scope);
  const shift = spec.shift ?? 0;
  const all = rows.length === n;
  const normalised = indicators.map((ind) => normaliseColumn(pick(ind.values, rows, all), ind.direction, groups, { method: spec.normalisation, shift, name: ind.name }));
  const names = indicators.map((ind) => ind.name);
  const label = (k: number) => rowText(uIds, uTimes, k);

  const dimNames = [...new Set(indicators.map((ind) => ind.dimension ?? ''))];
  const members = dimNames.map((d) => indicators.map((ind, j) => ((ind.dimension ?? '') === d ? j : -1)).filter((j) => j >= 0));
  const overall = new Array<number>(indicators.length);
  const local = new Array<number>(indicators.length);
  const dimWeight = new Array<number>(dimNames.length);
  const details: { dimension: string | null; result: IndicatorWeights }[] = [];
  if (spec.dimensionWeights) {
    const dw = spec.dimensionWeights;
    const missingDim = dimNames.filter((d) => !(d in dw));
    const unknownDim = Object.keys(dw).filter((d) => !dimNames.includes(d));
    const vals = dimNames.map((d) => dw[d]);
    if (missingDim.length > 0 || unknownDim.length > 0 || vals.some((v) => !(v >= 0)) || !(vals.reduce((a, b) => a + b, 0) > 0)) {
      throw new InputError('composite-dimension-weights', `dimension weights must give each dimension one weight ≥ 0 (not all 0): missing ${missingDim.join(', ') || 'none'}, unknown ${unknownDim.join(', ') || 'none'}`, { missing: missingDim.join(', ') || 'none', unknown: unknownDim.join(', ') || 'none' });
    }
    if (spec.weights.method === 'g1' || (spec.weights.method === 'combined' && (spec.weights.subjective.method === 'g1' || spec.weights.objective.method === 'g1'))) {
      throw new InputError('composite-g1-dimensions', 'G1 ratios run over all indicators: leave out the dimension weights (a dimension then weighs the sum of its indicators)', {});
    }
    const total = vals.reduce((a, b) => a + b, 0);
    dimNames.forEach((d, k) => {
      dimWeight[k] = vals[k] / total;
      const js = members[k];
      const sub = subsetSpec(spec.weights, js.map((j) => names[j]));
      const r = indicatorWeights(sub, js.map((j) => normalised[j]), js.map((j) => names[j]), label);
      details.push({ dimension: d, result: r });
      js.forEach((j, q) => { local[j] = r.weights[q]; overall[j] = dimWeight[k] * r.weights[q]; });
    });
  } else {
    const r = indicatorWeights(spec.weights, normalised, names, label);
    details.push({ dimension: null, result: r });
    r.weights.forEach((w, j) => { overall[j] = w; });
    members.forEach((js, k) => {
      dimWeight[k] = js.reduce((a, j) => a + overall[j], 0);
      js.forEach((j) => { local[j] = dimWeight[k] > 0 ? overall[j] / dimWeight[k] : 0; });
    });
  }
  const score = (cols: readonly Float64Array[], w: readonly number[]) => (spec.aggregate === 'topsis' ? topsis(cols, w, groups).closeness : weightedSum(cols, w));
  const spread = (s: Float64Array) => {
    if (rows.length === n) return s;
    const out = new Float64Array(n).fill(Number.NaN);
    for (let k = 0; k < rows.length; k++) out[rows[k]] = s[k];
    return out;
  };
  const values = spread(score(normalised, overall));
  const dimensions = dimNames.map((d, k) => Object.freeze({
    name: d,
    weight: dimWeight[k],
    values: spread(score(members[k].map((j) => normalised[j]), members[k].map((j) => local[j]))),
  }));
  const table = indicators.map((ind, j) => Object.freeze({
    dimension: ind.dimension ?? '', indicator: ind.name, direction: ind.direction,
    localWeight: local[j], dimensionWeight: dimWeight[dimNames.indexOf(ind.dimension ?? '')], weight: overall[j],
  }));
  return Object.freeze({ values, rows, table, dimensions, normalised, details, warnings });
}

/** A weight spec restricted to some indicators (user weights and G1 orders are filtered). */
function subsetSpec(spec: WeightSpec, names: readonly string[]): WeightSpec {
  switch (spec.method) {
    case 'user': return { method: 'user', weights: Object.fromEntries(names.map((n) => [n, spec.weights[n]]).filter(([, w]) => w !== undefined)) as Record<string, number> };
    case 'g1-sd': return { method: 'g1-sd', order: spec.order.filter((o) => names.includes(o)) };
    case 'combined': return { ...spec, subjective: subsetSpec(spec.subjective, names), objective: subsetSpec(spec.objective, names) };
    default: return spec;
  }
}
