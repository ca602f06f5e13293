/**
 * GWR / GTWR diagnostics from the row results, exactly as the reference conventions
 * (tests/fixtures/reference/gwr_gtwr_produc.json → meta.diagnostics; GWmodel::gwr.basic):
 * tr S = Σ S_ii; tr SᵀS = Σ_ij S_ij²; edf = n − 2 tr S + tr SᵀS; ENP = 2 tr S − tr SᵀS;
 * σ² = RSS/edf; σ²_ML = RSS/n; AICc = n ln σ²_ML + n ln 2π + n(n + tr S)/(n − 2 − tr S);
 * AIC = n ln σ²_ML + n ln 2π + n + tr S; R² = 1 − RSS/TSS;
 * adj R² = 1 − (1 − R²)(n − 1)/(edf − 1); CV = Σ (e_i/(1 − S_ii))² (leave-one-out residuals
 * with w_ii = 0 and h_i kept, GWmodel gwr.cv).
 */

/** The diagnostics of one fit. */
export interface GwrDiagnostics {
  readonly n: number;
  readonly rss: number;
  readonly traceS: number;
  readonly traceSts: number;
  readonly enp: number;
  readonly edf: number;
  readonly sigma2: number;
  readonly sigma2Ml: number;
  readonly aicc: number;
  readonly aic: number;
  readonly r2: number;
  readonly adjR2: number;
  readonly cv: number;
}

/** AICc from RSS, n and tr S (NaN when n − 2 − tr S ≤ 0: the fit is not valid for AICc). */
export function aiccOf(rss: number, n: number, traceS: number): number {
  if (!(n - 2 - traceS > 0)) return NaN;
  return n * Math.log(rss / n) + n * Math.log(2 * Math.PI) + (n * (n + traceS)) / (n - 2 - traceS);
}

/** CV score Σ (e_i/(1 − S_ii))². */
export function cvOf(y: ArrayLike<number>, yhat: ArrayLike<number>, sii: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += ((y[i] - yhat[i]) / (1 - sii[i])) ** 2;
  return s;
}

/** Every diagnostic from y, ŷ, S_ii and the row sums Σ_j S_ij². */
export function gwrDiagnostics(y: ArrayLike<number>, yhat: ArrayLike<number>, sii: ArrayLike<number>, rowSS: ArrayLike<number>): GwrDiagnostics {
  const n = y.length;
  let rss = 0, trS = 0, trStS = 0, ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    rss += (y[i] - yhat[i]) ** 2;
    tss += (y[i] - ybar) ** 2;
    trS += sii[i];
    trStS += rowSS[i];
  }
  const edf = n - 2 * trS + trStS;
  const sigma2Ml = rss / n;
  const r2 = 1 - rss / tss;
  return Object.freeze({
    n, rss, traceS: trS, traceSts: trStS,
    enp: 2 * trS - trStS, edf,
    sigma2: rss / edf, sigma2Ml,
    aicc: aiccOf(rss, n, trS),
    aic: n * Math.log(sigma2Ml) + n * Math.log(2 * Math.PI) + n + trS,
    r2, adjR2: 1 - ((1 - r2) * (n - 1)) / (edf - 1),
    cv: cvOf(y, yhat, sii),
  });
}
