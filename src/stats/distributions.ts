/**
 * Probability distributions used by tests and estimators: normal, Student t, F and χ². The t, χ²
 * and normal functions wrap @stdlib; the F distribution is ./beta-tail.ts (one F CDF in the
 * project: R's `pf` to 1e-12, and the GTWR command loads it without @stdlib). p values are computed on the tail
 * that keeps precision (e.g. 2·Φ(−|z|) rather than 2·(1 − Φ(|z|))).
 * Only the cdf packages are imported (the t, F and χ² quantiles are in `quantiles.ts`: their
 * inverse incomplete beta/gamma code is ~0.5 MB that no estimator needs, only tests): the umbrella packages
 * (`@stdlib/stats-base-dists-t` …) load every function and constructor of each distribution,
 * ~100 ms of start-up for each `rwb` process. The normal distribution is in `normal.ts` (re-exported
 * here): code that needs only Φ (the ESDA tests) imports it from there and skips the t, F and χ²
 * packages (~0.8 MB of bundled code).
 */
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import chisqCdfImpl from '@stdlib/stats-base-dists-chisquare-cdf';

const studentT = { cdf: tCdfImpl };
const chisquare = { cdf: chisqCdfImpl };

import { fDistributionCdf } from './beta-tail';

export { normalCdf, normalQuantile, normalTwoSidedP } from './normal';

/** Student t CDF with `df` degrees of freedom (R: `pt(x, df)`). */
export function tCdf(x: number, df: number): number {
  return studentT.cdf(x, df);
}

/** Two-sided t p value 2·F_t(−|t|; df) (R: `2 * pt(-abs(t), df)`). */
export function tTwoSidedP(t: number, df: number): number {
  return Number.isNaN(t) ? Number.NaN : Math.min(1, 2 * studentT.cdf(-Math.abs(t), df));
}

/** F CDF (R: `pf(x, df1, df2)`): the incomplete beta of ./beta-tail.ts (closer to R than @stdlib at large df). */
export function fCdf(x: number, df1: number, df2: number): number {
  return fDistributionCdf(x, df1, df2);
}

/**
 * Upper-tail F probability P(F > x) (R: `pf(x, df1, df2, lower.tail = FALSE)`), computed as
 * P(F(df2, df1) < 1/x) so tiny p values keep their precision.
 */
export function fUpperP(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return fDistributionCdf(1 / x, df2, df1);
}

/** χ² CDF (R: `pchisq(x, df)`). */
export function chisqCdf(x: number, df: number): number {
  return chisquare.cdf(x, df);
}

/**
 * Upper-tail χ² probability P(X > x) (R: `pchisq(x, df, lower.tail = FALSE)`), as 1 − CDF
 * (absolute precision ~1e-16; values below that print as 0).
 */
export function chisqUpperP(x: number, df: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return Math.max(0, 1 - chisquare.cdf(x, df));
}
