/**
 * Student t, F and χ² quantiles (R: `qt`, `qf`, `qchisq`), thin wrappers of the @stdlib packages.
 * Kept apart from `distributions.ts` (the CDFs and p values the estimators use) because their
 * inverse incomplete beta/gamma code is large and no `rwb` command needs it at start-up.
 */
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';
import fQuantileImpl from '@stdlib/stats-base-dists-f-quantile';
import chisqQuantileImpl from '@stdlib/stats-base-dists-chisquare-quantile';

/** Student t quantile (R: `qt(p, df)`). */
export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df);
}

/** F quantile (R: `qf(p, df1, df2)`). */
export function fQuantile(p: number, df1: number, df2: number): number {
  return fQuantileImpl(p, df1, df2);
}

/** χ² quantile (R: `qchisq(p, df)`). */
export function chisqQuantile(p: number, df: number): number {
  return chisqQuantileImpl(p, df);
}
