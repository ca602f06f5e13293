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
 */
import { InputError, NotPositiveDefiniteError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import { cholesky } from '../../linalg/cholesky';
import { createMatrix } from '../../linalg/matrix';
import { HouseholderQr } from '../../linalg/qr';
import type { CsrMatrix } from '../../linalg/sparse';
import { normalTwoSidedP } from '../../stats/distributions';
import { logDetFor } from './log-determinant';
import type { LogDet } from './log-determinant';
import { maximize1d } from './optimize';
import { demeanPanel, panelLag, validatePanelInput } from './panel-data';
import { chebyshevDerivative, infoTraces, scoreTrace } from './traces';
import type { InfoTraces } from './traces';
import type {
  Estimate, NamedEstimate, SearchInfo, SpatialModel, SpatialPanelFit, SpatialPanelInput, SpatialPanelOptions, SpatialWarning,
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
/** Distance (relative to the interval width) from an end within which ρ̂ is reported at the boundary. */
const BOUNDARY_RTOL = 1e-6;

/** Name of the spatial lag of regressor `name`. */
export function lagName(name: string): string {
  return `W*${name}`;
}

function est(estimate: number, se: number): Estimate {
  const z = estimate / se;
  return { estimate, se, z, p: normalTwoSidedP(z) };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** (I_T ⊗ (I − ρW)⁻¹) v by one solve per period. */
function panelSolve(ld: LogDet, rho: number, v: Float64Array, n: number, T: number): Float64Array {
  const s = ld.solver(rho);
  const out = new Float64Array(n * T);
  for (let t = 0; t < T; t++) out.set(s.solve(v.subarray(t * n, (t + 1) * n)), t * n);
  return out;
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
  let rssR2 = NaN;

  let beta: Float64Array, residuals: Float64Array, sigma2: number, logLik: number;
  let spatial: number | null = null;
  let reduced: Float64Array; // ŷ for corr²
  let info: Float64Array; // column-major (k + s + 1)²
  let ld: LogDet | null = null;
  let search: SearchInfo;
  let traces: InfoTraces | null = null;
  const lag = model === 'sar' || model === 'sdm';
  const err = model === 'sem' || model === 'sdem';

  if (lag) {
    ld = logDetFor(w, { method: options.logDet, symmetricSimilar: input.symmetricSimilar });
    const wy = dm(panelLag(w, input.y, T));
    const qr = new HouseholderQr(xCols, { rhs: [yt, wy] });
    checkRank(qr);
    const b0 = qr.solve(yt), bd = qr.solve(wy);
    const e0 = qr.residuals(yt), ed = qr.residuals(wy);
    const s00 = dot(e0, e0), s0d = dot(e0, ed), sdd = dot(ed, ed);
    const L = ld;
    const conc = (r: number): number => -N / 2 * Math.log(s00 - 2 * r * s0d + r * r * sdd) + T * L.value(r);
    const tr = scoreTrace(L);
    // score = d/dρ of the concentrated log-likelihood; tr(W(I − ρW)⁻¹) = −d/dρ ln|I − ρW|
    const scoreWith = (trace: (r: number) => number) => (r: number): number => -N / 2 * (-2 * s0d + 2 * r * sdd) / (s00 - 2 * r * s0d + r * r * sdd) - T * trace(r);
    const lo = 1 / L.omegaMin, hi = 1 / L.omegaMax;
    const opt = maximize1d(conc, lo, hi, { tol: options.tolerance ?? 1e-12, score: tr ? scoreWith(tr) : undefined, scoreNear: nearTrace(L, lo, hi, scoreWith), maxIter: options.maxIterations });
    if (!Number.isFinite(opt.value)) throw new InputError('spatial-panel-likelihood-not-finite', 'The concentrated log-likelihood is not finite anywhere on the parameter interval.', {});
    const rho = opt.x;
    spatial = rho;
    search = searchInfo(opt, lo, hi);
    beta = Float64Array.from(b0, (b, j) => b - rho * bd[j]);
    residuals = Float64Array.from(e0, (e, r) => e - rho * ed[r]);
    sigma2 = dot(residuals, residuals) / N;
    rssR2 = N * sigma2;
    logLik = -N / 2 * Math.log(2 * Math.PI * sigma2) + T * L.value(rho) - N / 2;
    const xb = new Float64Array(N);
    for (let j = 0; j < k; j++) { const c = xCols[j], b = beta[j]; for (let r = 0; r < N; r++) xb[r] += b * c[r]; }
    reduced = panelSolve(L, rho, xb, n, T);
    // W̃ X̃β = W (I − ρW)⁻¹ X̃β per period
    const wxb = panelLag(w, reduced, T);
    traces = infoTraces(L, w, rho);
    const m = k + 2;
    info = new Float64Array(m * m);
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) { const v = dot(xCols[a], xCols[b]) / sigma2; info[a + b * m] = v; info[b + a * m] = v; }
      const v = dot(xCols[a], wxb) / sigma2;
      info[a + k * m] = v; info[k + a * m] = v;
    }
    info[k + k * m] = T * (traces.t2 + traces.t3) + dot(wxb, wxb) / sigma2;
    info[k + (k + 1) * m] = info[k + 1 + k * m] = T * traces.t1 / sigma2;
    info[k + 1 + (k + 1) * m] = N / (2 * sigma2 * sigma2);
  } else if (err) {
    ld = logDetFor(w, { method: options.logDet, symmetricSimilar: input.symmetricSimilar });
    const L = ld;
    const qr0 = new HouseholderQr(xCols);
    checkRank(qr0);
    const wyt = panelLag(w, yt, T);
    const wx = xCols.map((c) => panelLag(w, c, T));
    const transformed = (lam: number): { ys: Float64Array; xs: Float64Array[] } => ({
      ys: Float64Array.from(yt, (v, r) => v - lam * wyt[r]),
      xs: xCols.map((c, j) => Float64Array.from(c, (v, r) => v - lam * wx[j][r])),
    });
    const ssr = (lam: number): { s: number; b: Float64Array; e: Float64Array; xs: Float64Array[] } => {
      const { ys, xs } = transformed(lam);
      const qr = new HouseholderQr(xs, { rhs: [ys] });
      const e = qr.residuals(ys);
      return { s: dot(e, e), b: qr.solve(ys), e, xs };
    };
    const conc = (lam: number): number => { const v = L.value(lam); return Number.isFinite(v) ? -N / 2 * Math.log(ssr(lam).s) + T * v : -Infinity; };
    const tr = scoreTrace(L);
    const scoreWith = (trace: (r: number) => number) => (lam: number): number => {
      const r = ssr(lam);
      // u = ỹ − X̃β(λ); e = Bu; d/dλ e'e = −2 e'(I⊗W)u (envelope theorem)
      const u = Float64Array.from(yt, (v, q) => { let s = v; for (let j = 0; j < k; j++) s -= r.b[j] * xCols[j][q]; return s; });
      const wu = panelLag(w, u, T);
      return N * dot(r.e, wu) / r.s - T * trace(lam);
    };
    const lo = 1 / L.omegaMin, hi = 1 / L.omegaMax;
    const opt = maximize1d(conc, lo, hi, { tol: options.tolerance ?? 1e-12, score: tr ? scoreWith(tr) : undefined, scoreNear: nearTrace(L, lo, hi, scoreWith), maxIter: options.maxIterations });
    if (!Number.isFinite(opt.value)) throw new InputError('spatial-panel-likelihood-not-finite', 'The concentrated log-likelihood is not finite anywhere on the parameter interval.', {});
    const lam = opt.x;
    spatial = lam;
    search = searchInfo(opt, lo, hi);
    const r = ssr(lam);
    beta = r.b;
    residuals = r.e;
    sigma2 = r.s / N;
    logLik = -N / 2 * Math.log(2 * Math.PI * sigma2) + T * L.value(lam) - N / 2;
    reduced = new Float64Array(N);
    for (let j = 0; j < k; j++) { const c = xCols[j], b = beta[j]; for (let q = 0; q < N; q++) reduced[q] += b * c[q]; }
    rssR2 = 0;
    for (let q = 0; q < N; q++) rssR2 += (yt[q] - reduced[q]) ** 2; // ỹ − X̃β, not spatially filtered (sem_panel_FE)
    traces = infoTraces(L, w, lam);
    const m = k + 2;
    info = new Float64Array(m * m);
    for (let a = 0; a < k; a++) for (let b = a; b < k; b++) { const v = dot(r.xs[a], r.xs[b]) / sigma2; info[a + b * m] = v; info[b + a * m] = v; }
    info[k + k * m] = T * (traces.t2 + traces.t3);
    info[k + (k + 1) * m] = info[k + 1 + k * m] = T * traces.t1 / sigma2;
    info[k + 1 + (k + 1) * m] = N / (2 * sigma2 * sigma2);
  } else {
    const qr = new HouseholderQr(xCols, { rhs: [yt] });
    checkRank(qr);
    beta = qr.solve(yt);
    residuals = qr.residuals(yt);
    sigma2 = dot(residuals, residuals) / N;
    rssR2 = N * sigma2;
    logLik = -N / 2 * (Math.log(2 * Math.PI * sigma2) + 1);
    reduced = Float64Array.from(yt, (v, q) => v - residuals[q]);
    search = { method: 'none', lower: 0, upper: 0, iterations: 0, converged: true, tolerance: 0, atBoundary: false };
    const m = k + 1;
    info = new Float64Array(m * m);
    for (let a = 0; a < k; a++) for (let b = a; b < k; b++) { const v = dot(xCols[a], xCols[b]) / sigma2; info[a + b * m] = v; info[b + a * m] = v; }
    info[k + k * m] = N / (2 * sigma2 * sigma2);
  }

  const spatialName = lag ? 'rho' : err ? 'lambda' : null;
  const vcovNames = [...names, ...(spatialName ? [spatialName] : []), 'sigma2'];
  const vcov = invertInformation(info, vcovNames.length, vcovNames);
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
    residuals, fitted, vcovNames: Object.freeze(vcovNames), vcov, variance: 'analytical' as const,
    logDet: ld ? Object.freeze({ method: ld.method, errorBound: ld.errorBound, omegaMin: ld.omegaMin, omegaMax: ld.omegaMax }) : null,
    infoTraces: traces ? Object.freeze({ method: traces.method, relativeError: traces.relativeError }) : null,
    search: Object.freeze(search), biasCorrection: 'none' as const, warnings: Object.freeze(warnings),
  });
  if (options.leeYu && leeYu) fit = leeYu(fit, input, options);
  return fit;
}

/** Half-width of the Chebyshev interpolant of ln|I − ρW| used to polish the search without eigenvalues. */
const POLISH_HALF_WIDTH = 1e-4;

/**
 * Without eigenvalues: a score valid near the first optimum x₁, with tr(W(I − ρW)⁻¹) =
 * −d/dρ ln|I − ρW| from an 8-node Chebyshev interpolant of the exact log-determinant on
 * x₁ ± 1e-4 (`chebyshevDerivative`), so that the sparse methods are solved to full precision too.
 */
function nearTrace(ld: LogDet, lo: number, hi: number, scoreWith: (trace: (r: number) => number) => (r: number) => number): ((x: number) => (r: number) => number) | undefined {
  if (ld.eigenvalues) return undefined;
  return (x1) => {
    const a = Math.max(x1 - POLISH_HALF_WIDTH, lo + 1e-9 * (hi - lo)), b = Math.min(x1 + POLISH_HALF_WIDTH, hi - 1e-9 * (hi - lo));
    const d = chebyshevDerivative((r) => ld.value(r), a, b, 8);
    return scoreWith((r) => -d(r));
  };
}

function searchInfo(opt: { x: number; iterations: number; converged: boolean; tolerance: number }, lower: number, upper: number): SearchInfo {
  const width = upper - lower;
  const atBoundary = opt.x - lower < BOUNDARY_RTOL * width || upper - opt.x < BOUNDARY_RTOL * width;
  return { method: 'brent', lower, upper, iterations: opt.iterations, converged: opt.converged, tolerance: opt.tolerance, atBoundary };
}

/** The W a fit's effects use must be the W it was fitted with: same order. @throws InputError `spatial-panel-weights-size`. */
export function checkSameW(fit: SpatialPanelFit, w: CsrMatrix): void {
  if (w.rows !== fit.n || w.cols !== fit.n) {
    throw new InputError('spatial-panel-weights-size', `The weights matrix is ${w.rows}×${w.cols} but the panel has ${fit.n} regions.`, { rows: w.rows, cols: w.cols, regions: fit.n });
  }
}
