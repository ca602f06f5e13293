/**
 * Sample quantiles, R's default definition (Hyndman & Fan 1996, type 7): the one type-7
 * quantile of the workbench. It lives in core, the bottom layer, because expressions
 * (`winsor()`), descriptive statistics and the map's class breaks all use it.
 */

/**
 * Sorted copy of the finite-or-infinite, non-NaN entries of `x` (missing values dropped).
 *
 * @param x - values, `NaN` = missing
 * @returns a new ascending `Float64Array`
 */
export function sortedNonMissing(x: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
  return out.sort();
}

/**
 * Type-7 quantile of an already sorted sample.
 *
 * Formula: h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) with 0-based order statistics.
 * Reference: R `quantile(x, probs = p, type = 7)` (the default).
 *
 * @param sorted - ascending sample without missing values
 * @param p - probability in [0, 1]
 * @returns the quantile, or `NaN` for an empty sample
 * @throws RangeError when `p` is outside [0, 1]
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  return frac === 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

/**
 * Type-7 quantiles of `x`, ignoring missing (`NaN`) values.
 *
 * Reference: R `quantile(x, probs, type = 7, na.rm = TRUE)`.
 *
 * @param x - values, `NaN` = missing
 * @param probs - probabilities in [0, 1]
 * @returns one quantile per probability (`NaN` when `x` has no non-missing value)
 * @throws RangeError when a probability is outside [0, 1]
 */
export function quantiles(x: ArrayLike<number>, probs: readonly number[]): number[] {
  const s = sortedNonMissing(x);
  return probs.map((p) => quantileSorted(s, p));
}
