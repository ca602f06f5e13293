/**
 * The GTWR fit and its global OLS as columns of one comparison table (issue 12: "comparison with
 * the global OLS and two-way FE fits"), with the helpers the two-way FE column (./fe-compare.ts)
 * shares. Kept apart from fe-compare.ts so a GTWR run without the FE column loads no panel code.
 * The conventions (each model a linear smoother ŷ = S y, AIC/AICc with tr S, the R² variants)
 * are documented in ./fe-compare.ts.
 */
import type { GtwrFit } from './fit';
import type { GwrDesign } from './local-fit';

/** One model's column of the comparison table. */
export interface FitSummary {
  readonly n: number;
  /** tr S: the parameters AIC and AICc count (K for OLS and FE). */
  readonly parameters: number;
  readonly enp: number;
  readonly edf: number;
  readonly rss: number;
  readonly sigma2: number;
  readonly aic: number;
  readonly aicc: number;
  readonly r2: number;
  readonly adjR2: number;
  readonly r2Within: number;
  readonly r2Overall: number;
}

const LN2PI = Math.log(2 * Math.PI);

/** AIC and AICc of a linear smoother (GWmodel's convention, tr S = K for a projection). */
export function information(rss: number, n: number, traceS: number): { aic: number; aicc: number } {
  const base = n * Math.log(rss / n) + n * LN2PI;
  return { aic: base + n + traceS, aicc: n - 2 - traceS > 0 ? base + (n * (n + traceS)) / (n - 2 - traceS) : NaN };
}

/** Σ (y − ȳ_region)², the denominator of the within R². */
export function withinTss(y: ArrayLike<number>, ids: readonly string[]): number {
  const groupOf = new Map<string, number>();
  const group = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let g = groupOf.get(ids[i]);
    if (g === undefined) groupOf.set(ids[i], (g = groupOf.size));
    group[i] = g;
  }
  const sum = new Float64Array(groupOf.size), count = new Float64Array(groupOf.size);
  for (let i = 0; i < y.length; i++) { sum[group[i]] += y[i]; count[group[i]]++; }
  let t = 0;
  for (let i = 0; i < y.length; i++) t += (y[i] - sum[group[i]] / count[group[i]]) ** 2;
  return t;
}

export function tss(y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i];
  m /= y.length;
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - m) ** 2;
  return s;
}

/** Squared Pearson correlation (0 when either side is constant). */
export function corr2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma, db = b[i] - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? (sab * sab) / (saa * sbb) : 0;
}

/** The GTWR fit and its global OLS as {@link FitSummary} columns (the OLS from `fit.ols`). */
export function gtwrAndOlsSummaries(d: GwrDesign, ids: readonly string[], fit: GtwrFit): { gtwr: FitSummary; ols: FitSummary } {
  const { n, p, X, y } = d;
  const g = fit.diagnostics;
  const wt = withinTss(y, ids);
  const xb = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) xb[i] += X[i * p + a] * fit.ols.beta[a];
  const o = fit.ols;
  const { aic, aicc } = information(o.rss, n, p);
  return {
    gtwr: Object.freeze({
      n, parameters: g.traceS, enp: g.enp, edf: g.edf, rss: g.rss, sigma2: g.sigma2, aic: g.aic, aicc: g.aicc,
      r2: g.r2, adjR2: g.adjR2, r2Within: 1 - g.rss / wt, r2Overall: corr2(y, fit.yhat),
    }),
    ols: Object.freeze({
      n, parameters: p, enp: p, edf: n - p, rss: o.rss, sigma2: o.sigma2, aic, aicc,
      r2: o.r2, adjR2: o.adjR2, r2Within: 1 - o.rss / wt, r2Overall: corr2(y, xb),
    }),
  };
}
