/**
 * The standard normal distribution (cdf, quantile, two-sided p) as thin wrappers of @stdlib's
 * normal cdf and quantile packages — split from `distributions.ts` (which re-exports it) so that
 * callers that need only Φ do not load the t, F and χ² implementations.
 */
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';

const normal = { cdf: normalCdfImpl, quantile: normalQuantileImpl };

/** Standard normal CDF Φ(x) (R: `pnorm(x)`). */
export function normalCdf(x: number): number {
  return normal.cdf(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`). */
export function normalQuantile(p: number): number {
  return normal.quantile(p, 0, 1);
}

/** Two-sided normal p value 2·Φ(−|z|) (R: `2 * pnorm(-abs(z))`). */
export function normalTwoSidedP(z: number): number {
  return Number.isNaN(z) ? Number.NaN : Math.min(1, 2 * normal.cdf(-Math.abs(z), 0, 1));
}
