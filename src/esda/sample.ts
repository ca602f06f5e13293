/**
 * The sample an ESDA statistic is computed on: the regions of W with a finite value, minus
 * islands (regions without neighbours among them). Islands are excluded explicitly and named —
 * never a NaN statistic, never a silent zero row (spdep's `zero.policy = TRUE` keeps them in n;
 * we do not, and say so). Dropping a region with a missing value can leave a neighbour without
 * neighbours; the rule is applied until nothing changes.
 */
import { InputError } from '../core/errors';
import type { SpatialWeights } from '../weights/spatial-weights';

/** A variable aligned with W and reduced to the regions an ESDA statistic uses. */
export interface EsdaSample {
  /** W over the kept regions (the transformation of the input W re-applied, e.g. rows re-standardised). */
  readonly w: SpatialWeights;
  /** Values of the kept regions, in `w.ids` order. */
  readonly x: Float64Array;
  /** Position in the input W of each kept region. */
  readonly positions: Int32Array;
  /** Input regions whose value is missing or not finite (dropped). */
  readonly missing: readonly string[];
  /** Regions without neighbours in the sample (dropped). */
  readonly islands: readonly string[];
}

/** The fewest regions a statistic is computed on (the randomisation variance needs n ≥ 4). */
export const MIN_ESDA_REGIONS = 4;

/**
 * Reduce (x, W) to the regions with finite values and at least one neighbour among them.
 * `x` is ordered as `w.ids`; `label` names the variable (and year) in messages. With `y` (a
 * second variable, bivariate statistics), a region is kept only when both are finite.
 * @throws InputError `esda-length-mismatch` when x does not have one value per region of W;
 *   `esda-too-few-regions` when fewer than 4 regions remain; `esda-constant` when the values do not vary.
 */
export function esdaSample(x: ArrayLike<number>, w: SpatialWeights, label: string, y?: ArrayLike<number>): EsdaSample & { readonly y?: Float64Array } {
  if (x.length !== w.n || (y && y.length !== w.n)) {
    throw new InputError('esda-length-mismatch', `${label}: ${x.length} values were given for a weights matrix of ${w.n} regions.`, { label, values: x.length, regions: w.n });
  }
  const missing: string[] = [];
  const islands: string[] = [];
  let keep: number[] = [];
  for (let i = 0; i < w.n; i++) {
    if (Number.isFinite(x[i]) && (!y || Number.isFinite(y[i]))) keep.push(i);
    else missing.push(w.ids[i]);
  }
  let sub = keep.length === w.n ? w : w.subset(keep.map((i) => w.ids[i]));
  for (;;) {
    const card = sub.cardinalities();
    const next: number[] = [];
    for (let k = 0; k < keep.length; k++) {
      if (card[k] > 0) next.push(keep[k]);
      else islands.push(w.ids[keep[k]]);
    }
    if (next.length === keep.length) break;
    keep = next;
    sub = w.subset(keep.map((i) => w.ids[i]));
  }
  if (keep.length < MIN_ESDA_REGIONS) {
    throw new InputError('esda-too-few-regions',
      `${label}: only ${keep.length} regions have a value and a neighbour; at least ${MIN_ESDA_REGIONS} are needed.`,
      { label, regions: keep.length, min: MIN_ESDA_REGIONS, missing: missing.length, islands: islands.length });
  }
  const xs = Float64Array.from(keep, (i) => x[i]);
  let lo = Infinity, hi = -Infinity;
  for (const v of xs) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!(hi > lo)) {
    throw new InputError('esda-constant', `${label} takes the same value (${lo}) in every region, so its spatial autocorrelation is undefined.`, { label, value: lo });
  }
  return {
    w: sub,
    x: xs,
    y: y ? Float64Array.from(keep, (i) => y[i]) : undefined,
    positions: Int32Array.from(keep),
    missing: Object.freeze(missing),
    islands: Object.freeze(islands),
  };
}

/** Weight sums of Cliff & Ord: S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i· + w_·i)². */
export interface WeightSums {
  readonly n: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/** S0, S1, S2 of the current weights (O(nnz log k) with a sorted-row lookup of w_ji). */
export function weightSums(w: SpatialWeights): WeightSums {
  const m = w.matrix;
  const { rowPtr, colIndex, values } = m;
  let s0 = 0, sq = 0, cross = 0;
  for (let i = 0; i < w.n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const v = values[k];
      s0 += v;
      sq += v * v;
      cross += v * m.get(colIndex[k], i);
    }
  }
  // ½ Σ (w_ij + w_ji)² = ½ (2 Σ w_ij² + 2 Σ w_ij w_ji)
  const s1 = sq + cross;
  const rs = m.rowSums(), cs = m.colSums();
  let s2 = 0;
  for (let i = 0; i < w.n; i++) s2 += (rs[i] + cs[i]) ** 2;
  return { n: w.n, s0, s1, s2 };
}
