/**
 * The global OLS beside a GWR fit (the comparison GWmodel::gwr.basic prints): β, RSS, σ²,
 * AICc with tr S = p, R² and adjusted R².
 */
import { SingularDesignError } from '../../core/errors';
import { aiccOf } from './diagnostics';
import type { GwrDesign } from './local-fit';

/** Global least squares on the GWR design. */
export interface OlsFit {
  readonly beta: Float64Array;
  readonly se: Float64Array;
  readonly rss: number;
  readonly sigma2: number;
  readonly aicc: number;
  readonly aic: number;
  readonly r2: number;
  readonly adjR2: number;
  readonly residualDf: number;
}

/**
 * OLS by the normal equations (Gauss–Jordan with partial pivoting on the p×p X'X).
 * AICc = n ln(RSS/n) + n ln 2π + n(n + p)/(n − 2 − p); AIC = n ln(RSS/n) + n ln 2π + n + p.
 * @throws SingularDesignError `singular-gwr-global` when X'X is singular
 */
export function olsFit(d: GwrDesign): OlsFit {
  const { n, p, X, y } = d;
  const A = new Float64Array(p * (2 * p + 1));
  const w = 2 * p + 1;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      const xa = X[i * p + a];
      for (let c = 0; c < p; c++) A[a * w + c] += xa * X[i * p + c];
      A[a * w + 2 * p] += xa * y[i];
    }
  }
  for (let a = 0; a < p; a++) A[a * w + p + a] = 1;
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r * w + c]) > Math.abs(A[piv * w + c])) piv = r;
    if (!(Math.abs(A[piv * w + c]) > 1e-12 * Math.max(1, Math.abs(A[c * w + c])))) {
      throw new SingularDesignError(`The global design of the GWR is singular: the column "${d.names[c]}" is a combination of the others.`, { column: d.names[c] }, 'singular-gwr-global');
    }
    if (piv !== c) for (let e = 0; e < w; e++) { const t = A[c * w + e]; A[c * w + e] = A[piv * w + e]; A[piv * w + e] = t; }
    const inv = 1 / A[c * w + c];
    for (let e = 0; e < w; e++) A[c * w + e] *= inv;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r * w + c];
      if (f === 0) continue;
      for (let e = 0; e < w; e++) A[r * w + e] -= f * A[c * w + e];
    }
  }
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) beta[a] = A[a * w + 2 * p];
  let rss = 0, ybar = 0, tss = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let a = 0; a < p; a++) f += X[i * p + a] * beta[a];
    rss += (y[i] - f) ** 2;
    tss += (y[i] - ybar) ** 2;
  }
  const sigma2 = rss / (n - p);
  const se = new Float64Array(p);
  for (let a = 0; a < p; a++) se[a] = Math.sqrt(sigma2 * A[a * w + p + a]);
  const r2 = 1 - rss / tss;
  return Object.freeze({
    beta, se, rss, sigma2, residualDf: n - p,
    aicc: aiccOf(rss, n, p),
    aic: n * Math.log(rss / n) + n * Math.log(2 * Math.PI) + n + p,
    r2, adjR2: 1 - ((1 - r2) * (n - 1)) / (n - p),
  });
}
