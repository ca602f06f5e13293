/**
 * Sub-sample fits for regional heterogeneity: group labels (a region-group column, any
 * categorical column, or a median split of a variable) and one fit per group of the same
 * specification.
 */
import { InputError, SingularDesignError, isInputError } from '../../core/errors';
import { fitPanel } from '../panel/fit';
import type { FitOptions, PanelDesign, PanelFit } from '../panel/types';

/** How a median split is taken. */
export type MedianBasis = 'region-mean' | 'pooled';

/** Group labels from a median split, and the median used. */
export interface MedianSplit {
  /** `High` or `Low` per observation; `` where the variable is missing (the row is dropped). */
  readonly labels: readonly string[];
  readonly median: number;
  readonly basis: MedianBasis;
}

/** Median of finite values (mean of the two middle values when the count is even). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Split observations into `High` and `Low` at the median of `values`.
 *
 * - `region-mean` (default): each region's mean over its non-missing periods is compared with
 *   the median of the region means, so a region stays in one group in every period (needed by
 *   the permutation test, which shuffles whole regions). Ties at the median go to `Low`.
 * - `pooled`: each observation is compared with the median over all observations; a region
 *   may change group over time.
 *
 * `High` is strictly above the median, `Low` at or below it.
 * @throws InputError `hetero-median-no-values` when `values` has no finite value (naming `name`).
 */
export function medianSplit(values: Float64Array, ids: readonly string[], basis: MedianBasis = 'region-mean', name = 'the split variable'): MedianSplit {
  const finite: number[] = [];
  for (const v of values) if (Number.isFinite(v)) finite.push(v);
  if (finite.length === 0) throw new InputError('hetero-median-no-values', `Cannot split at the median of ${name}: it has no non-missing values.`, { variable: name });
  if (basis === 'pooled') {
    const m = median(finite);
    const labels = Array.from(values, (v) => (Number.isFinite(v) ? (v > m ? 'High' : 'Low') : ''));
    return Object.freeze({ labels: Object.freeze(labels), median: m, basis });
  }
  const sum = new Map<string, { s: number; n: number }>();
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const a = sum.get(ids[i]) ?? { s: 0, n: 0 };
    a.s += v; a.n += 1;
    sum.set(ids[i], a);
  });
  const means = new Map([...sum].map(([id, a]) => [id, a.s / a.n]));
  const m = median([...means.values()]);
  const labels = ids.map((id) => {
    const mean = means.get(id);
    return mean === undefined ? '' : mean > m ? 'High' : 'Low';
  });
  return Object.freeze({ labels: Object.freeze(labels), median: m, basis });
}

/** The rows of `design` where `keep[i]` is true (cluster labels follow). */
export function subsetDesign(design: PanelDesign, keep: ArrayLike<boolean>): PanelDesign {
  const idx: number[] = [];
  for (let i = 0; i < design.y.length; i++) if (keep[i]) idx.push(i);
  const take = (a: Float64Array): Float64Array => Float64Array.from(idx, (i) => a[i]);
  return {
    y: take(design.y),
    X: design.X.map(take),
    names: [...design.names],
    ids: idx.map((i) => design.ids[i]),
    times: idx.map((i) => design.times[i]),
    cluster: design.cluster ? idx.map((i) => (design.cluster as readonly string[])[i]) : undefined,
  };
}

/**
 * Parameters a model spends on `design`: slopes, plus the intercept (pooled/RE), plus the
 * absorbed fixed effects (G regions, T periods, or G + T − 1 for two-way).
 */
export function parameterCount(design: PanelDesign, options: FitOptions): number {
  const k = design.X.length;
  const G = new Set(design.ids).size, T = new Set(design.times).size;
  if (options.model !== 'fe') return k + (options.intercept === false ? 0 : 1);
  switch (options.effects) {
    case 'individual': return k + G;
    case 'time': return k + T;
    case 'twoways': return k + G + T - 1;
    default: return k + 1;
  }
}

/** Re-throw an input error from a group's fit with the group named first. */
export function inGroup(group: string, e: unknown): unknown {
  if (!isInputError(e)) return e;
  const message = `In group "${group}": ${e.message}`;
  const details = { ...e.details, group };
  return e instanceof SingularDesignError ? new SingularDesignError(message, { ...details, cause: e.message, causeCode: e.code }, 'singular-in-group') : new InputError('hetero-in-group', message, { ...details, cause: e.message, causeCode: e.code });
}

/** One group's fit. */
export interface GroupFit {
  readonly group: string;
  readonly fit: PanelFit;
}

/**
 * Fit the same specification on each group: rows with label `g` form group `g`; rows with an
 * empty label are left out. Groups come in `order` when given, otherwise sorted.
 *
 * @throws InputError `hetero-unknown-group` when `order` names a group without rows;
 *   `hetero-group-too-small` when a group has no more observations than parameters (naming the
 *   group, N and the parameter count); any fit error re-thrown with the group named.
 */
export function fitByGroup(design: PanelDesign, labels: readonly string[], options: FitOptions, order?: readonly string[]): GroupFit[] {
  if (labels.length !== design.y.length) {
    throw new InputError('hetero-group-label-count', `Group labels (${labels.length}) and observations (${design.y.length}) differ in number.`, { labels: labels.length, observations: design.y.length });
  }
  const present = [...new Set(labels.filter((l) => l !== ''))].sort();
  const groups = order ? [...order] : present;
  const unknown = groups.filter((g) => !present.includes(g));
  if (unknown.length > 0) {
    throw new InputError('hetero-unknown-group', `No observations in group(s) ${unknown.map((g) => `"${g}"`).join(', ')}; groups present: ${present.map((g) => `"${g}"`).join(', ') || 'none'}.`, { unknown, present, unknownList: unknown.map((g) => `"${g}"`).join(', '), presentList: present.map((g) => `"${g}"`).join(', ') || 'none' });
  }
  return groups.map((group) => {
    const sub = subsetDesign(design, labels.map((l) => l === group));
    const p = parameterCount(sub, options);
    if (sub.y.length <= p) {
      throw new InputError('hetero-group-too-small', `Group "${group}" has ${sub.y.length} observations but the model estimates ${p} parameters (${design.X.length} regressors plus intercept/fixed effects); it needs more observations than parameters.`, { group, n: sub.y.length, parameters: p, regressors: design.X.length });
    }
    try {
      return Object.freeze({ group, fit: fitPanel(sub, options) });
    } catch (e) {
      throw inGroup(group, e);
    }
  });
}
