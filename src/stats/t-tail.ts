/**
 * Two-sided Student t p values for many statistics that share one degrees of freedom (the local
 * t values of a GWR/GTWR fit: n·p of them, one edf). `tTwoSidedPFor(df)` does the df-only work
 * once — ln B(ν/2, ½) — and returns p(t) = P(|T_ν| > |t|) = I_x(ν/2, ½), x = ν/(ν + t²) (the
 * regularised incomplete beta; Abramowitz & Stegun 26.7.1 with 26.5.1). I_x is evaluated by its
 * continued fraction (A&S 26.5.8, modified Lentz), on the side that converges fast: directly when
 * x < (a + 1)/(a + b + 2), else as 1 − I_{1−x}(½, ν/2) — which happens only for |t| ≲ 1.7, where
 * p > 0.08 and the subtraction loses nothing. ln x and ln(1 − x) are formed without cancellation
 * (−log1p(t²/ν) and 2·ln|t| − ln(ν + t²)).
 *
 * ln B(a, ½) = ½·ln π − D(a), D(a) = ln Γ(a + ½) − ln Γ(a): from Stirling's series written as a
 * difference (a·log1p(1/(2a)) + ½·ln a − ½ + Σ B₂ₖ/(2k(2k−1))·((a+½)^{1−2k} − a^{1−2k})) after
 * shifting a above 20 with Γ(z + 1) = zΓ(z), so no large ln Γ values are subtracted.
 *
 * Agrees with @stdlib's t CDF (R's `2*pt(-|t|, df)`) to about 1e-13 relative
 * (tests/stats/t-tail.test.ts); ~10× faster per value, which matters for the n·p local p values
 * of a large GTWR fit. Falls back to `fallback` for a df that is not finite and positive, or a
 * continued fraction that has not converged (never seen; a guard), and for df above MAX_DF.
 * The continued fraction itself is in ./beta-tail.ts.
 */

import { STIRLING, betaContinuedFraction } from './beta-tail';

/**
 * Largest df of the fast path. The continued fraction works with x = ν/(ν + t²), whose distance
 * from 1 carries a relative rounding error of about ε·ν/t²: measured against @stdlib, 4e-12
 * relative at ν = 10⁵, 6e-10 at 10⁷ and 6e-9 at 10⁸ (still 100× inside the 1e-6 tolerance of a
 * reported p value). Beyond 10⁸ (more observations than any panel in memory) the fallback is used.
 */
const MAX_DF = 1e8;

/** D(a) = ln Γ(a + ½) − ln Γ(a) for a > 0, without forming either ln Γ. */
export function lnGammaHalfRatio(a: number): number {
  let shift = 0;
  let z = a;
  while (z < 20) {
    shift += Math.log((z + 0.5) / z);
    z += 1;
  }
  let s = z * Math.log1p(0.5 / z) + 0.5 * Math.log(z) - 0.5;
  const u = 1 / (z + 0.5), v = 1 / z;
  const u2 = u * u, v2 = v * v;
  let up = u, vp = v;
  for (const c of STIRLING) {
    s += c * (up - vp);
    up *= u2; vp *= v2;
  }
  return s - shift;
}

/**
 * p(t) = 2·F_t(−|t|; df) for one df (R: `2 * pt(-abs(t), df)`); `fallback(t, df)` is used when
 * the fast path cannot be (df not positive, above MAX_DF or not finite, or no convergence).
 */
export function tTwoSidedPFor(df: number, fallback: (t: number, df: number) => number): (t: number) => number {
  if (!(df > 0) || df > MAX_DF) return (t) => fallback(t, df);
  const a = df / 2, b = 0.5;
  const lnBeta = 0.5 * Math.log(Math.PI) - lnGammaHalfRatio(a);
  const switchAt = (a + 1) / (a + b + 2);
  return (t: number): number => {
    if (Number.isNaN(t)) return Number.NaN;
    const t2 = t * t;
    if (t2 === 0) return 1;
    if (!Number.isFinite(t2)) return 0;
    const x = df / (df + t2);
    const lnX = -Math.log1p(t2 / df);
    const ln1mX = Math.log(t2) - Math.log(df + t2);
    const front = Math.exp(a * lnX + b * ln1mX - lnBeta);
    let p: number;
    if (x < switchAt) {
      const cf = betaContinuedFraction(a, b, x);
      p = (front * cf) / a;
    } else {
      const cf = betaContinuedFraction(b, a, t2 / (df + t2));
      p = 1 - (front * cf) / b;
    }
    if (!Number.isFinite(p)) return fallback(t, df);
    return Math.min(1, Math.max(0, p));
  };
}
