/**
 * Fixed-effects spatial panel models by maximum likelihood, following Elhorst (2014, Spatial
 * Econometrics: From Cross-Sectional Data to Spatial Panels, ch. 3) and his MATLAB
 * `sar_panel_FE` / `sem_panel_FE`, with the concentrated likelihood solved exactly.
 *
 * Data are stacked by time then unit (index t·n + i); ~ denotes the within transformation
 * (`demeanPanel`: individual, time or two-way), applied to each column.
 *
 * Lag models (SAR, SDM) — `sar_panel_FE`: Wy and WX are formed from the RAW data period by
 * period, then demeaned like y and X: X̃ = [x̃₁..x̃ₖ, (Wx)~ for the Durbin terms], (Wy)~.
 *   ln L(ρ) = −NT/2 ln(2πσ²) + T ln|I − ρW| − e'e/(2σ²),  e = ỹ − ρ(Wy)~ − X̃β.
 *   β(ρ) = b₀ − ρb_d with b₀, b_d the OLS of ỹ and (Wy)~ on X̃ (Anselin 1988), so the
 *   concentrated log-likelihood is −NT/2 ln(e₀'e₀ − 2ρe₀'e_d + ρ²e_d'e_d) + T ln|I − ρW|.
 * Error models (SEM, SDEM) — `sem_panel_FE`: y and X are demeaned FIRST and W is applied to the
 * demeaned data (for SDEM the WX regressors are formed from raw X and demeaned, then W is applied
 * to them as to every other column): e = (I_T ⊗ B)(ỹ − X̃β), B = I − λW, β(λ) re-solved by OLS of
 * Bỹ on BX̃ at each λ; concentrated ln L(λ) = −NT/2 ln e(λ)'e(λ) + T ln|B|. The two orders agree
 * for individual effects (W acts within a period, the unit means are averages of periods), but
 * with time effects they differ: (Wy)~ subtracts the period mean of Wy, ι'Wy_t/n, while Wỹ
 * subtracts (Wι)ȳ_t = ȳ_t for a row-standardised W, and ι'Wy_t/n = ȳ_t only when W's columns
 * also sum to one. So each model follows its own reference.
 * SLX: OLS of ỹ on X̃ (with the W·x columns), σ² = e'e/NT, V = σ²(X̃'X̃)⁻¹.
 *
 * The concentrated likelihood is maximised on (1/ω_min, 1/ω_max) by Brent's method and polished
 * on its score to 1e-12 (`maximize1d`): tr(W(I − ρW)⁻¹) = Σ ω/(1 − ρω) from the eigenvalues, or,
 * without them, −d/dρ ln|I − ρW| from a Chebyshev interpolant of the exact log-determinant near
 * the optimum; σ² = e'e/NT.
 *
 * Variances: the analytical information matrix (Elhorst 2014, eq. 3.12 for the lag model; the
 * block-diagonal β | (λ, σ²) matrix of `sem_panel_FE` for the error model), with
 * W̃ = W(I − ρW)⁻¹:
 *   I_ββ = X̃'X̃/σ², I_βρ = X̃'(I_T⊗W̃)X̃β/σ², I_ρρ = T tr(W̃W̃ + W̃'W̃) + ‖(I_T⊗W̃)X̃β‖²/σ²,
 *   I_ρσ² = T tr(W̃)/σ², I_σ²σ² = NT/(2σ⁴);
 *   error model: I_ββ = (BX̃)'(BX̃)/σ², I_λλ = T tr(W̃W̃ + W̃'W̃), I_λσ² = T tr(W̃)/σ².
 * With `variance: 'none'` the information matrix and its traces are skipped (vcov and standard
 * errors NaN): the restricted fits of the LR tests need only their log-likelihoods; on a sparse
 * log-determinant their search also stops at 1e-6 without the polish (`LOGLIK_ONLY_TOL`).
 */
import { InputError, NotPositiveDefiniteError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import { cholesky } from '../../linalg/cholesky';
import { createMatrix } from '../../linalg/matrix';
import { HouseholderQr } from '../../linalg/qr';
import type { CsrMatrix } from '../../linalg/sparse';
import { normalTwoSidedP } from '../../stats/distributions';
import { estimateError, estimateLag, estimateSlx } from './estimators';
import type { EstimationContext } from './estimators';
import { demeanPanel, panelLag, validatePanelInput } from './panel-data';
import type {
  Estimate, NamedEstimate, SpatialModel, SpatialPanelFit, SpatialPanelInput, SpatialPanelOptions, SpatialWarning,
} from './types';

/** A Lee–Yu (2010) bias correction: takes the uncorrected fit and returns the corrected one. */
export type LeeYuCorrection = (fit: SpatialPanelFit, input: SpatialPanelInput, options: SpatialPanelOptions) => SpatialPanelFit;

let leeYu: LeeYuCorrection | null = null;

/** Register the Lee–Yu correction used when `options.leeYu` is true (null unregisters). */
export function registerLeeYu(fn: LeeYuCorrection | null): void {
  leeYu = fn;
}

const MODELS: readonly SpatialModel[] = ['sar', 'sem', 'sdm', 'sdem', 'slx'];
const EFFECTS = ['individual', 'time', 'twoways'] as const;

/** Name of the spatial lag of regressor `name`. */
export function lagName(name: string): string {
  return `W*${name}`;
}

function est(estimate: number, se: number): Estimate {
  const z = estimate / se;
  return { estimate, se, z, p: normalTwoSidedP(z) };
}

/** Invert a symmetric information matrix (k×k, column-major). @throws InputError when singular. */
function invertInformation(info: Float64Array, k: number, names: readonly string[]): Float64Array {
  try {
    const ch = cholesky(createMatrix(k, k, info), 'information matrix');
    const inv = ch.inverse();
    return Float64Array.from(inv.data); // symmetric: row-major = column-major
  } catch (e) {
    if (e instanceof NotPositiveDefiniteError) {
      throw new InputError('spatial-panel-information-singular', `The information matrix of the model is not positive definite, so no standard errors can be computed (parameters: ${names.join(', ')}).`, { parameters: names.join(', ') });
    }
    throw e;
  }
}

/** corr(a, b)². */
function corr2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const m = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < m; i++) { ma += a[i]; mb += b[i]; }
  ma /= m; mb /= m;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < m; i++) { const x = a[i] - ma, y = b[i] - mb; sab += x * y; saa += x * x; sbb += y * y; }
  return (sab * sab) / (saa * sbb);
}

/**
 * Fit a fixed-effects spatial panel model by ML (see the module comment for the formulas).
 * @throws InputError `spatial-panel-unknown-model`, `spatial-panel-unknown-effects`,
 *   `spatial-panel-unknown-durbin` (a Durbin name that is not a regressor), `spatial-panel-collinear`
 *   (naming the aliased columns, e.g. collinear Durbin terms), `spatial-panel-likelihood-not-finite`,
 *   `spatial-panel-information-singular`, `spatial-panel-lee-yu-unavailable`, and the input checks
 *   of `validatePanelInput` and `createLogDet`.
 */
export function fitSpatialPanel(input: SpatialPanelInput, options: SpatialPanelOptions): SpatialPanelFit {
  const { model, effects } = options;
  if (!MODELS.includes(model)) throw new InputError('spatial-panel-unknown-model', `Unknown spatial model "${String(model)}"; use sar, sem, sdm, sdem or slx.`, { model: String(model) });
  if (!(EFFECTS as readonly string[]).includes(effects)) throw new InputError('spatial-panel-unknown-effects', `Unknown fixed effects "${String(effects)}"; use individual, time or twoways.`, { effects: String(effects) });
  validatePanelInput(input);
  if (options.leeYu && !leeYu) throw new InputError('spatial-panel-lee-yu-unavailable', 'The Lee–Yu bias correction is not available in this build.', {});
  const { n, T, w } = input;
  const N = n * T;
  const xNames = input.x.map((c) => c.name);
  const hasDurbin = model === 'sdm' || model === 'sdem' || model === 'slx';
  const durbin = hasDurbin ? [...(options.durbin ?? xNames)] : [];
  for (const d of durbin) {
    if (!xNames.includes(d)) throw new InputError('spatial-panel-unknown-durbin', `Durbin term "${d}" is not one of the regressors (${xNames.join(', ')}).`, { name: d, regressors: xNames.join(', ') });
  }
  const warnings: SpatialWarning[] = [];
  const islands: string[] = [];
  for (let i = 0; i < n; i++) if (w.rowLength(i) === 0) islands.push(input.regionIds[i]);
  if (islands.length > 0) {
    warnings.push({ code: 'spatial-panel-islands', message: `${islands.length} region(s) have no neighbours in W (${quoteList(islands)}); their spatial lags are zero.`, details: { count: islands.length, regions: quoteList(islands) } });
  }
  const rowSums = w.rowSums();
  let notRowStandardised = false;
  for (let i = 0; i < n; i++) if (w.rowLength(i) > 0 && Math.abs(rowSums[i] - 1) > 1e-10) notRowStandardised = true;
  if (notRowStandardised) {
    warnings.push({ code: 'spatial-panel-not-row-standardised', message: 'The weights matrix is not row-standardised; ρ is then not bounded by 1 and the effects are not comparable with the usual tables.', details: {} });
  }

  // columns
  const dm = (v: ArrayLike<number>): Float64Array => demeanPanel(v, n, T, effects);
  const names = [...xNames, ...durbin.map(lagName)];
  const xCols: Float64Array[] = [
    ...input.x.map((c) => dm(c.values)),
    ...durbin.map((d) => dm(panelLag(w, (input.x.find((c) => c.name === d) as { values: Float64Array }).values, T))),
  ];
  const yt = dm(input.y);
  const k = names.length;
  const checkRank = (qr: HouseholderQr): void => {
    if (qr.aliased.length > 0) {
      const bad = qr.aliased.map((j) => names[j]);
      throw new InputError('spatial-panel-collinear', `After removing the fixed effects these columns are collinear with the others: ${bad.join(', ')}; drop them from the regressors or the Durbin terms.`, { columns: bad.join(', '), count: bad.length });
    }
  };
  // Elhorst's rsqr: 1 − RSS / Σ(y − ȳ)² on the RAW y (so it includes what the fixed effects explain)
  let ysum = 0;
  for (let r = 0; r < N; r++) ysum += input.y[r];
  const ym = ysum / N;
  let tss = 0;
  for (let r = 0; r < N; r++) tss += (input.y[r] - ym) ** 2;

  const ctx: EstimationContext = { input, options, n, T, N, w, yt, xCols, dm, checkRank };
  const lag = model === 'sar' || model === 'sdm';
  const err = model === 'sem' || model === 'sdem';
  const { beta, residuals, sigma2, logLik, spatial, reduced, rssR2, info, ld, search, traces } =
    lag ? estimateLag(ctx) : err ? estimateError(ctx) : estimateSlx(ctx);

  const spatialName = lag ? 'rho' : err ? 'lambda' : null;
  const vcovNames = [...names, ...(spatialName ? [spatialName] : []), 'sigma2'];
  const vcov = info ? invertInformation(info, vcovNames.length, vcovNames) : new Float64Array(vcovNames.length ** 2).fill(NaN);
  const m = vcovNames.length;
  const se = (j: number): number => Math.sqrt(vcov[j * m + j]);
  const coefficients: NamedEstimate[] = names.map((name, j) => ({ name, ...est(beta[j], se(j)) }));
  const spatialEst = spatial !== null ? est(spatial, se(k)) : null;
  if (search.atBoundary && spatialName) {
    warnings.push({ code: 'spatial-panel-parameter-boundary', message: `The estimate of ${spatialName} (${spatial}) lies at the boundary of its interval (${search.lower}, ${search.upper}); the model may be misspecified and its standard errors are unreliable.`, details: { parameter: spatialName, value: spatial, lower: search.lower, upper: search.upper } });
  }
  if (!search.converged) {
    warnings.push({ code: 'spatial-panel-search-not-converged', message: `The search for ${spatialName} did not converge in ${search.iterations} iterations; the estimate ${spatial} may be inaccurate.`, details: { parameter: spatialName, iterations: search.iterations, value: spatial } });
  }
  if (traces && traces.method === 'hutchinson') {
    warnings.push({ code: 'spatial-panel-stochastic-traces', message: `The variances use stochastic trace estimates of W(I − ρW)⁻¹ (relative standard error ${traces.relativeError.toPrecision(2)}), because W is large.`, details: { relativeError: traces.relativeError.toPrecision(2) } });
  }
  const nParams = m;
  const fitted = Float64Array.from(yt, (v, q) => v - residuals[q]);
  let fit: SpatialPanelFit = Object.freeze({
    model, effects, n, T, nObs: N, regionIds: input.regionIds, times: input.times, yName: input.yName,
    xNames: Object.freeze(xNames), durbin: Object.freeze(durbin),
    rho: lag ? spatialEst : null, lambda: err ? spatialEst : null,
    coefficients: Object.freeze(coefficients), sigma2, sigma2Se: se(m - 1), logLik, nParams,
    aic: -2 * logLik + 2 * nParams, bic: -2 * logLik + Math.log(N) * nParams,
    r2: 1 - rssR2 / tss, corr2: corr2(yt, reduced),
    residuals, fitted, vcovNames: Object.freeze(vcovNames), vcov, variance: info ? 'analytical' as const : 'none' as const,
    logDet: ld ? Object.freeze({ method: ld.method, errorBound: ld.errorBound, omegaMin: ld.omegaMin, omegaMax: ld.omegaMax }) : null,
    infoTraces: traces ? Object.freeze({ method: traces.method, relativeError: traces.relativeError }) : null,
    search: Object.freeze(search), biasCorrection: 'none' as const, warnings: Object.freeze(warnings),
  });
  if (options.leeYu && leeYu) fit = leeYu(fit, input, options);
  return fit;
}

/** The W a fit's effects use must be the W it was fitted with: same order. @throws InputError `spatial-panel-weights-size`. */
export function checkSameW(fit: SpatialPanelFit, w: CsrMatrix): void {
  if (w.rows !== fit.n || w.cols !== fit.n) {
    throw new InputError('spatial-panel-weights-size', `The weights matrix is ${w.rows}×${w.cols} but the panel has ${fit.n} regions.`, { rows: w.rows, cols: w.cols, regions: fit.n });
  }
}
