/**
 * Lee–Yu (2010, J. Econometrics 154:165–185) bias correction of the fixed-effects SAR / SDM
 * estimates, as Elhorst's MATLAB `sar_panel_FE` with `info.bc = 1` (the bias-correction route,
 * not the transformation approach). With p̂ = (β̂, ρ̂, σ̂²) the direct ML estimates of the
 * demeaned model (β including the Durbin terms θ) and I(p̂) Elhorst's analytical information
 * matrix:
 *
 * - two-way effects: p* = p̂ + (1/n) [I(p̂)/NT]⁻¹ (0_k, 1/(1 − ρ̂), 1/(2σ̂²))'  (the O(1/n) bias
 *   from the time effects), then σ²_BC = T/(T − 1) σ²* (the individual effects);
 * - individual effects: β, ρ unchanged, σ²_BC = T/(T − 1) σ̂²;
 * - time effects: β, ρ unchanged, σ²_BC = n/(n − 1) σ̂².
 *
 * The covariance is the inverse information matrix at the corrected values; residuals, R² and
 * corr² are recomputed there; the log-likelihood, AIC and BIC stay those of the uncorrected ML
 * fit (as Elhorst reports `lik`). xsmle's `type(both, leeyu)` is not this: xsmle replaces `both`
 * by `ind` and uses the orthonormal transformation approach.
 *
 * Reference: scripts/reference/spatial-panel-reference.R (`lee_yu`).
 */
import { InputError } from '../../core/errors';
import type { CsrMatrix } from '../../linalg/sparse';
import { normalTwoSidedP } from '../../stats/distributions';
import { logDetFor } from './log-determinant';
import { demeanPanel, panelLag } from './panel-data';
import { invertSmall, panelSpillover } from './random-effects';
import { infoTraces } from './traces';
import type { Estimate, SpatialPanelFit, SpatialPanelInput, SpatialPanelOptions } from './types';

function dotArr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function estimate(value: number, se: number): Estimate {
  const z = value / se;
  return { estimate: value, se, z, p: normalTwoSidedP(z) };
}

/**
 * Elhorst's (`sar_panel_FE`) information matrix of a fixed-effects lag model over (β, ρ, σ²),
 * row-major, on the demeaned design X̃ (columns): I_ββ = X̃'X̃/σ², I_βρ = X̃'(I_T ⊗ WB)X̃β/σ²,
 * I_ρρ = T tr(WB WB + WB'WB) + ‖(I_T ⊗ WB)X̃β‖²/σ², I_ρσ² = T tr(WB)/σ², I_σ²σ² = NT/(2σ⁴),
 * I_βσ² = 0, WB = W(I − ρW)⁻¹.
 */
export function lagInformation(xw: readonly Float64Array[], beta: ArrayLike<number>, rho: number, s2: number, w: CsrMatrix, T: number): Float64Array {
  const k = xw.length;
  const nT = w.rows * T;
  const ld = logDetFor(w);
  const tr = infoTraces(ld, w, rho);
  const xb = new Float64Array(nT);
  for (let j = 0; j < k; j++) for (let i = 0; i < nT; i++) xb[i] += xw[j][i] * beta[j];
  const wbxb = panelSpillover(ld, w, rho, xb, T);
  const m = k + 2;
  const info = new Float64Array(m * m);
  const set = (i: number, j: number, v: number): void => { info[i * m + j] = v; info[j * m + i] = v; };
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) set(a, b, dotArr(xw[a], xw[b]) / s2);
    set(a, k, dotArr(xw[a], wbxb) / s2);
  }
  set(k, k, T * (tr.t2 + tr.t3) + dotArr(wbxb, wbxb) / s2);
  set(k, k + 1, T * tr.t1 / s2);
  set(k + 1, k + 1, nT / (2 * s2 * s2));
  return info;
}

/**
 * The Lee–Yu corrected fit of an uncorrected SAR / SDM fixed-effects fit (see the module TSDoc);
 * registered with `registerLeeYu` so that `fitSpatialPanel(…, { leeYu: true })` returns it.
 * @throws InputError `spatial-panel-lee-yu-model` for SEM, SDEM and SLX.
 */
export function leeYuCorrection(fit: SpatialPanelFit, input: SpatialPanelInput, options: SpatialPanelOptions): SpatialPanelFit {
  void options;
  if ((fit.model !== 'sar' && fit.model !== 'sdm') || fit.rho === null) {
    throw new InputError('spatial-panel-lee-yu-model', `The Lee–Yu bias correction is available for the SAR and SDM models, not ${fit.model.toUpperCase()}.`, { model: fit.model.toUpperCase() });
  }
  const { n, T, w } = input;
  const nT = n * T;
  const eff = fit.effects;
  const xw: Float64Array[] = input.x.map((c) => demeanPanel(c.values, n, T, eff));
  for (const d of fit.durbin) xw.push(demeanPanel(panelLag(w, input.x.find((c) => c.name === d)!.values, T), n, T, eff));
  const k = xw.length;
  const yw = demeanPanel(input.y, n, T, eff);
  const wyw = demeanPanel(panelLag(w, input.y, T), n, T, eff);

  const beta = new Float64Array(k);
  fit.coefficients.forEach((c, j) => { beta[j] = c.estimate; });
  let rho = fit.rho.estimate;
  let s2 = fit.sigma2;
  if (eff === 'twoways') {
    const info = lagInformation(xw, beta, rho, s2, w, T);
    const m = k + 2;
    for (let i = 0; i < m * m; i++) info[i] /= nT;
    const inv = invertSmall(info, m);
    const b = new Float64Array(m);
    b[k] = 1 / (1 - rho);
    b[k + 1] = 1 / (2 * s2);
    const step = new Float64Array(m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) step[i] += inv[i * m + j] * b[j] / n;
    for (let j = 0; j < k; j++) beta[j] += step[j];
    rho += step[k];
    s2 = (T / (T - 1)) * (s2 + step[k + 1]);
  } else if (eff === 'individual') {
    s2 = (T / (T - 1)) * s2;
  } else {
    s2 = (n / (n - 1)) * s2;
  }

  const m = k + 2;
  const vcov = invertSmall(lagInformation(xw, beta, rho, s2, w, T), m);
  const se = (i: number): number => Math.sqrt(vcov[i * m + i]);

  const xb = new Float64Array(nT);
  for (let j = 0; j < k; j++) for (let i = 0; i < nT; i++) xb[i] += xw[j][i] * beta[j];
  const residuals = new Float64Array(nT);
  const fitted = new Float64Array(nT);
  let ybar = 0;
  for (let i = 0; i < nT; i++) ybar += yw[i];
  ybar /= nT;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < nT; i++) {
    residuals[i] = yw[i] - rho * wyw[i] - xb[i];
    fitted[i] = yw[i] - residuals[i];
    sse += residuals[i] * residuals[i];
    sst += (yw[i] - ybar) ** 2;
  }
  // reduced form ŷ = (I_T ⊗ (I − ρW)⁻¹) X̃β = X̃β + ρ (I_T ⊗ WB) X̃β
  const wbxb = panelSpillover(logDetFor(w), w, rho, xb, T);
  let s12 = 0;
  let s11 = 0;
  let s22 = 0;
  for (let i = 0; i < nT; i++) {
    const r1 = yw[i] - ybar;
    const r2 = xb[i] + rho * wbxb[i] - ybar;
    s12 += r1 * r2; s11 += r1 * r1; s22 += r2 * r2;
  }
  const corrected: SpatialPanelFit = {
    ...fit,
    rho: estimate(rho, se(k)),
    coefficients: fit.coefficients.map((c, j) => ({ name: c.name, ...estimate(beta[j], se(j)) })),
    sigma2: s2,
    sigma2Se: se(k + 1),
    r2: 1 - sse / sst,
    corr2: (s12 * s12) / (s11 * s22),
    residuals,
    fitted,
    vcov,
    variance: 'analytical',
    biasCorrection: 'lee-yu',
  };
  return Object.freeze(corrected);
}
