/**
 * Random-effects spatial lag (SAR) and spatial Durbin (SDM) panel models by maximum likelihood,
 * as Elhorst's MATLAB `sar_panel_RE` (Elhorst 2014, §3.4; xsmle `re`):
 *
 *   y_t = ρ W y_t + ι α + X_t β + W X_t θ + μ + ε_t,   μ ~ N(0, σ²_μ I_n),  ε_t ~ N(0, σ² I_n).
 *
 * With θ_RE ∈ (0, 1), θ_RE² = σ² / (T σ²_μ + σ²), every variable v (y, the raw-formed Wy, and each
 * column of Z = [1, X, WX]) is quasi-demeaned vs_it = v_it − (1 − θ_RE) v̄_i·. For fixed θ_RE
 * the model is a pooled SAR on the transformed data, so β(ρ) = b₀ − ρ b_d by least squares and
 *
 *   ln L(ρ, θ_RE) = −NT/2 ln(2π σ²) + T ln|I − ρW| + n ln θ_RE − NT/2,  σ² = e'e / NT,
 *   e = ys − ρ (Wy)s − Zs β(ρ).
 *
 * Elhorst alternates θ_RE (a loose `fminbnd`) and (β, ρ) until θ_RE settles; here the same
 * likelihood is maximised exactly: θ_RE by Brent's method on (0, 1) over the profile
 * max_ρ ln L(ρ, θ_RE), each inner ρ by Brent on (1/ω_min, 1/ω_max), both polished on their
 * scores (`maximize1d`): ∂/∂ρ = NT(e₀'e_d − ρ e_d'e_d)/e'e − T tr(WB) and, by the envelope
 * theorem, ∂/∂θ_RE = −NT e'm/e'e + n/θ_RE with m the unit means of y − ρWy − Zβ.
 * σ²_μ = (1/θ_RE² − 1) σ² / T.
 *
 * Variances: Elhorst's analytical information matrix over (β, ρ, θ_RE, σ²), WB = W(I − ρW)⁻¹:
 *   I_ββ = Zs'Zs/σ²,  I_βρ = Zs'(I_T ⊗ WB) Zsβ / σ²,
 *   I_ρρ = ‖(I_T ⊗ WB) Zsβ‖²/σ² + T tr(WB WB + WB'WB),
 *   I_ρθ = −tr(WB),  I_ρσ² = T tr(WB)/σ²,  I_θθ = n (1 + 1/θ_RE²),  I_θσ² = −n/σ²,
 *   I_σ²σ² = NT / (2σ⁴),  I_βθ = I_βσ² = 0.
 * (This is Elhorst's approximation; the observed information of the full likelihood gives
 * somewhat larger SEs for ρ and θ_RE — see tests/fixtures/reference/spatial_panel_reference.json,
 * `re.*.se_numerical_hessian`.) The traces come from `infoTraces` (exact up to n = 1000,
 * Hutchinson beyond) and (I_T ⊗ WB)v from the log-determinant's solver.
 *
 * Reference: scripts/reference/spatial-panel-reference.R (`re_fit`).
 */
import { InputError } from '../../core/errors';
import { lu } from '../../linalg/lu';
import { createMatrix } from '../../linalg/matrix';
import { leastSquares } from '../../linalg/qr';
import type { CsrMatrix } from '../../linalg/sparse';
import { normalTwoSidedP } from '../../stats/distributions';
import { logDetFor, type LogDet } from './log-determinant';
import { maximize1d, type Maximum1d } from './optimize';
import { panelLag, validatePanelInput } from './panel-data';
import { infoTraces, scoreTrace } from './traces';
import type { Estimate, LogDetInfo, LogDetMethod, NamedEstimate, SearchInfo, SpatialPanelInput, SpatialWarning } from './types';

/** Name of the intercept in a random-effects fit (as `models/panel`). */
export const RE_INTERCEPT = '(Intercept)';

/** Options of `fitRandomEffects`. */
export interface RandomEffectsOptions {
  readonly model: 'sar' | 'sdm';
  /** Regressors with a W·x term (SDM only); default all. */
  readonly durbin?: readonly string[];
  /** Force a log-determinant method (default: chosen by `createLogDet`). */
  readonly logDet?: LogDetMethod;
  /** Absolute tolerance of both Brent searches (default 1e-12, as R's `optimize(tol = 1e-12)`). */
  readonly tolerance?: number;
}

/** The result of `fitRandomEffects` (frozen). */
export interface RandomEffectsFit {
  readonly model: 'sar' | 'sdm';
  readonly effects: 'random';
  readonly n: number;
  readonly T: number;
  readonly nObs: number;
  readonly regionIds: readonly string[];
  readonly times: readonly number[];
  readonly yName: string;
  readonly xNames: readonly string[];
  readonly durbin: readonly string[];
  /** Intercept (`(Intercept)`), β (`xNames`), θ (`W*name`, `durbin` order). */
  readonly coefficients: readonly NamedEstimate[];
  readonly rho: Estimate;
  /** θ_RE ∈ (0, 1), θ_RE² = σ² / (T σ²_μ + σ²) (Elhorst's `teta`). */
  readonly theta: Estimate;
  /** σ² = e'e / NT of the transformed model. */
  readonly sigma2: number;
  readonly sigma2Se: number;
  /** σ²_μ = (1/θ_RE² − 1) σ² / T. */
  readonly sigma2Mu: number;
  readonly logLik: number;
  /** coefficients + ρ + θ_RE + σ². */
  readonly nParams: number;
  readonly aic: number;
  readonly bic: number;
  /** Covariance rows/columns: coefficients, `rho`, `theta`, `sigma2`. */
  readonly vcovNames: readonly string[];
  /** Inverse of the analytical information matrix, row-major. */
  readonly vcov: Float64Array;
  readonly variance: 'analytical';
  readonly logDet: LogDetInfo;
  /** The outer search on θ_RE and the inner search on ρ at the optimum. */
  readonly search: { readonly theta: SearchInfo; readonly rho: SearchInfo };
  readonly warnings: readonly SpatialWarning[];
}

/** Inverse of a small square matrix (row-major in, row-major out) by LU. */
export function invertSmall(a: Float64Array, k: number): Float64Array {
  const m = createMatrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m.data[i + j * k] = a[i * k + j];
  const f = lu(m);
  const out = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    e.fill(0);
    e[j] = 1;
    const col = f.solve(e);
    for (let i = 0; i < k; i++) out[i * k + j] = col[i];
  }
  return out;
}

/**
 * (I_T ⊗ WB)v with WB = W(I − ρW)⁻¹, period by period through the log-determinant's solver
 * (no n×n inverse is formed).
 */
export function panelSpillover(ld: LogDet, w: CsrMatrix, rho: number, v: ArrayLike<number>, T: number): Float64Array {
  const n = w.rows;
  const solver = ld.solver(rho);
  const out = new Float64Array(n * T);
  for (let t = 0; t < T; t++) {
    const u = solver.solve(Array.prototype.slice.call(v, t * n, (t + 1) * n) as number[]);
    out.set(w.matVec(u), t * n);
  }
  return out;
}

function estimate(value: number, se: number): Estimate {
  const z = value / se;
  return { estimate: value, se, z, p: normalTwoSidedP(z) };
}

function unitMeans(v: ArrayLike<number>, n: number, T: number): Float64Array {
  const m = new Float64Array(n);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) m[i] += v[t * n + i];
  for (let i = 0; i < n; i++) m[i] /= T;
  return m;
}

function quasiDemean(v: ArrayLike<number>, means: Float64Array, n: number, T: number, theta: number): Float64Array {
  const out = new Float64Array(n * T);
  const s = 1 - theta;
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) out[t * n + i] = v[t * n + i] - s * means[i];
  return out;
}

function dotArr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * The Durbin list in the order given (default all regressors), as `fitSpatialPanel` takes it, so
 * that FE and RE fits of one specification have the same coefficient order.
 * @throws InputError `spatial-panel-unknown-durbin` (the code and sentence of `fitSpatialPanel`).
 */
export function resolveDurbin(xNames: readonly string[], durbin: readonly string[] | undefined): string[] {
  const out = [...(durbin ?? xNames)];
  for (const d of out) {
    if (!xNames.includes(d)) throw new InputError('spatial-panel-unknown-durbin', `Durbin term "${d}" is not one of the regressors (${xNames.join(', ')}).`, { name: d, regressors: xNames.join(', ') });
  }
  return out;
}

/**
 * Fit a random-effects SAR or SDM panel model by exact maximum likelihood (see the module TSDoc).
 * @throws InputError from `validatePanelInput`; `spatial-panel-unknown-durbin`; the
 *   `singular-*` codes of least squares when [1, X, WX] is collinear.
 */
export function fitRandomEffects(input: SpatialPanelInput, options: RandomEffectsOptions): RandomEffectsFit {
  validatePanelInput(input);
  const { n, T, w } = input;
  const nT = n * T;
  const tol = options.tolerance ?? 1e-12;
  const xNames = input.x.map((c) => c.name);
  const durbin = options.model === 'sdm' ? resolveDurbin(xNames, options.durbin) : [];
  const names = [RE_INTERCEPT, ...xNames, ...durbin.map((d) => `W*${d}`)];
  const cols: Float64Array[] = [new Float64Array(nT).fill(1), ...input.x.map((c) => c.values)];
  for (const d of durbin) cols.push(panelLag(w, input.x.find((c) => c.name === d)!.values, T));
  const kz = cols.length;
  const wy = panelLag(w, input.y, T);
  const yMean = unitMeans(input.y, n, T);
  const wyMean = unitMeans(wy, n, T);
  const zMeans = cols.map((c) => unitMeans(c, n, T));

  const ld = logDetFor(w, { method: options.logDet, symmetricSimilar: input.symmetricSimilar });
  const lower = 1 / ld.omegaMin;
  const upper = 1 / ld.omegaMax;
  const trace = scoreTrace(ld);

  const transformed = (theta: number) => {
    const ys = quasiDemean(input.y, yMean, n, T, theta);
    const wys = quasiDemean(wy, wyMean, n, T, theta);
    const zs = cols.map((c, j) => quasiDemean(c, zMeans[j], n, T, theta));
    const l0 = leastSquares(zs, ys);
    if (l0.aliased.length > 0) {
      const which = l0.aliased.map((j) => names[j]).join(', ');
      throw new InputError('spatial-panel-re-collinear', `The random-effects design [1, X, WX] is collinear: ${which} can be written from the other columns.`, { columns: which });
    }
    const ld0 = leastSquares(zs, wys);
    return { zs, b0: l0.coefficients, bd: ld0.coefficients, e0: l0.residuals, ed: ld0.residuals };
  };
  // For fixed θ_RE: ρ maximises the concentrated likelihood (Brent, polished on its score
  // NT(e₀'e_d − ρ e_d'e_d)/e'e − T tr(WB)).
  const profile = (theta: number) => {
    const tr = transformed(theta);
    const s00 = dotArr(tr.e0, tr.e0);
    const s0d = dotArr(tr.e0, tr.ed);
    const sdd = dotArr(tr.ed, tr.ed);
    const q = (r: number): number => s00 - 2 * r * s0d + r * r * sdd;
    const cll = (r: number): number => -nT / 2 * Math.log(q(r)) + T * ld.value(r);
    const score = trace ? (r: number): number => nT * (s0d - r * sdd) / q(r) - T * trace(r) : undefined;
    const inner = maximize1d(cll, lower, upper, { tol, score });
    const rho = inner.x;
    const e = Float64Array.from(tr.e0, (v, i) => v - rho * tr.ed[i]);
    const beta = Float64Array.from(tr.b0, (v, j) => v - rho * tr.bd[j]);
    return { tr, inner, rho, e, beta, value: inner.value + n * Math.log(theta) };
  };
  // Score of the profile in θ_RE (envelope theorem): −NT e'm / e'e + n/θ_RE, where
  // m = ∂e/∂θ_RE = the unit means of the raw residual y − ρWy − Zβ, repeated over t.
  const thetaScore = (theta: number): number => {
    const p = profile(theta);
    const unitRes = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let zb = 0;
      for (let j = 0; j < kz; j++) zb += zMeans[j][i] * p.beta[j];
      unitRes[i] = yMean[i] - p.rho * wyMean[i] - zb;
    }
    let em = 0;
    for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) em += p.e[t * n + i] * unitRes[i];
    return -nT * em / dotArr(p.e, p.e) + n / theta;
  };
  const outer = maximize1d((th) => profile(th).value, 0, 1, { tol, score: thetaScore });
  const theta = outer.x;
  const { tr, inner, rho, e, beta } = profile(theta);
  const ee = dotArr(e, e);
  const s2 = ee / nT;
  const logLik = -nT / 2 * Math.log(2 * Math.PI * s2) + T * ld.value(rho) + n * Math.log(theta) - ee / (2 * s2);

  // Elhorst's analytical information matrix over (β, ρ, θ_RE, σ²)
  const traces = infoTraces(ld, w, rho);
  const zb = new Float64Array(nT);
  for (let j = 0; j < kz; j++) for (let i = 0; i < nT; i++) zb[i] += tr.zs[j][i] * beta[j];
  const wbzb = panelSpillover(ld, w, rho, zb, T);
  const k = kz + 3;
  const info = new Float64Array(k * k);
  const set = (i: number, j: number, v: number): void => { info[i * k + j] = v; info[j * k + i] = v; };
  for (let a = 0; a < kz; a++) {
    for (let b = a; b < kz; b++) set(a, b, dotArr(tr.zs[a], tr.zs[b]) / s2);
    set(a, kz, dotArr(tr.zs[a], wbzb) / s2);
  }
  set(kz, kz, dotArr(wbzb, wbzb) / s2 + T * (traces.t2 + traces.t3));
  set(kz, kz + 1, -traces.t1);
  set(kz, kz + 2, T * traces.t1 / s2);
  set(kz + 1, kz + 1, n * (1 + 1 / (theta * theta)));
  set(kz + 1, kz + 2, -n / s2);
  set(kz + 2, kz + 2, nT / (2 * s2 * s2));
  const vcov = invertSmall(info, k);
  const se = (i: number): number => Math.sqrt(vcov[i * k + i]);

  const warnings: SpatialWarning[] = [];
  const search = (r: Maximum1d, lo: number, hi: number): SearchInfo => ({
    method: 'brent', lower: lo, upper: hi, iterations: r.iterations, converged: r.converged, tolerance: tol,
    atBoundary: r.x - lo < 1e-6 || hi - r.x < 1e-6,
  });
  const sTheta = search(outer, 0, 1);
  const sRho = search(inner, lower, upper);
  if (sRho.atBoundary) {
    warnings.push({ code: 'spatial-panel-re-rho-boundary', message: `The random-effects estimate of rho (${rho}) lies at the end of its interval (${lower}, ${upper}).`, details: { rho, lower, upper } });
  }
  if (sTheta.atBoundary) {
    warnings.push({ code: 'spatial-panel-re-theta-boundary', message: `The random-effects weight theta (${theta}) lies at the end of (0, 1).`, details: { theta } });
  }
  const nParams = kz + 3;
  const fit: RandomEffectsFit = {
    model: options.model,
    effects: 'random',
    n, T, nObs: nT,
    regionIds: input.regionIds,
    times: input.times,
    yName: input.yName,
    xNames,
    durbin,
    coefficients: names.map((name, j) => ({ name, ...estimate(beta[j], se(j)) })),
    rho: estimate(rho, se(kz)),
    theta: estimate(theta, se(kz + 1)),
    sigma2: s2,
    sigma2Se: se(kz + 2),
    sigma2Mu: (1 / (theta * theta) - 1) * s2 / T,
    logLik,
    nParams,
    aic: -2 * logLik + 2 * nParams,
    bic: -2 * logLik + Math.log(nT) * nParams,
    vcovNames: [...names, 'rho', 'theta', 'sigma2'],
    vcov,
    variance: 'analytical',
    logDet: { method: ld.method, errorBound: ld.errorBound, omegaMin: ld.omegaMin, omegaMax: ld.omegaMax },
    search: { theta: sTheta, rho: sRho },
    warnings,
  };
  return Object.freeze(fit);
}
