/**
 * The three estimators behind `fitSpatialPanel` (see fit.ts for the formulas): the lag models
 * (SAR, SDM), the error models (SEM, SDEM) and SLX, each from the within-transformed columns.
 */
import { InputError } from '../../core/errors';
import { HouseholderQr } from '../../linalg/qr';
import type { CsrMatrix } from '../../linalg/sparse';
import { logDetFor } from './log-determinant';
import type { LogDet } from './log-determinant';
import { maximize1d } from './optimize';
import type { Maximum1d } from './optimize';
import { panelLag } from './panel-data';
import { infoTraces, logDetWindow, scoreTrace } from './traces';
import type { InfoTraces } from './traces';
import type { SearchInfo, SpatialPanelInput, SpatialPanelOptions } from './types';

/** What the estimators get: the transformed data and the settings. */
export interface EstimationContext {
  readonly input: SpatialPanelInput;
  readonly options: SpatialPanelOptions;
  readonly n: number;
  readonly T: number;
  readonly N: number;
  readonly w: CsrMatrix;
  /** Within-transformed y. */
  readonly yt: Float64Array;
  /** Within-transformed regressors (X, then the W·x Durbin columns). */
  readonly xCols: readonly Float64Array[];
  /** The within transformation. */
  readonly dm: (v: ArrayLike<number>) => Float64Array;
  /** Throws `spatial-panel-collinear` naming the aliased columns. */
  readonly checkRank: (qr: HouseholderQr) => void;
}

/** What the estimators return. */
export interface Estimated {
  readonly beta: Float64Array;
  readonly residuals: Float64Array;
  readonly sigma2: number;
  readonly logLik: number;
  /** ρ or λ, null for SLX. */
  readonly spatial: number | null;
  /** ŷ for corr². */
  readonly reduced: Float64Array;
  /** RSS of Elhorst's rsqr. */
  readonly rssR2: number;
  /** Information matrix, column-major, (β, ρ/λ, σ²); null with `variance: 'none'`. */
  readonly info: Float64Array | null;
  readonly ld: LogDet | null;
  readonly search: SearchInfo;
  readonly traces: InfoTraces | null;
}

/** Distance (relative to the interval width) from an end within which ρ̂ is reported at the boundary. */
const BOUNDARY_RTOL = 1e-6;
/** Half-width of the Chebyshev interpolant of ln|I − ρW| used to polish the search without eigenvalues. */
const POLISH_HALF_WIDTH = 1e-4;

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

/** First-stage tolerance of the search when it is polished on the window interpolant. */
const POLISH_COARSE_TOL = POLISH_HALF_WIDTH / 10;
/** Half-width of the window in profile standard errors 1/√(−ℓ″(x₁)): the effects' draws need ±6 se. */
const WINDOW_SE_MULTIPLE = 8;
/**
 * The window stays within 1/8 of the distance to the nearer end of the interval (where ln|I − ρW|
 * is singular): the Chebyshev error then falls like (8 + √63)^−m ≈ 16^−m, 1e-14 at m = 12.
 */
const WINDOW_DISTANCE_RATIO = 8;

/**
 * Without eigenvalues: a score valid near the first optimum x₁, with tr(W(I − ρW)⁻¹) =
 * −d/dρ ln|I − ρW| from a 12-node Chebyshev interpolant of the exact log-determinant on a window
 * x₁ ± h (`logDetWindow`), h = 8 profile standard errors 1/√(−ℓ″(x₁)) (from Brent's last
 * parabola), at most 1/8 of the distance to the interval's nearer end and at least 1e-4. The
 * window is kept with the log-determinant: the information traces at ρ̂ and the effects' traces
 * over ρ̂ ± 6 se take their derivatives from it when it covers them, instead of new factorisations.
 */
function nearTrace(ld: LogDet, lo: number, hi: number, scoreWith: (trace: (r: number) => number) => (r: number) => number): ((x: number, curvature: number) => (r: number) => number) | undefined {
  if (ld.eigenvalues) return undefined;
  return (x1, curvature) => {
    const dist = Math.min(x1 - lo, hi - x1);
    const se = curvature < 0 ? 1 / Math.sqrt(-curvature) : Infinity;
    const h = Math.max(POLISH_HALF_WIDTH, Math.min(WINDOW_SE_MULTIPLE * se, dist / WINDOW_DISTANCE_RATIO));
    const a = Math.max(x1 - h, lo + 1e-9 * (hi - lo)), b = Math.min(x1 + h, hi - 1e-9 * (hi - lo));
    const win = logDetWindow(ld, a, b);
    return scoreWith((r) => -win.d1(r));
  };
}

/**
 * Tolerance of the search on ρ (λ) of a fit without variances on a sparse log-determinant: the
 * restricted fits of the LR tests feed only their log-likelihood, which is flat at the maximum,
 * so ρ found to 1e-6 fixes it to about ℓ''·(1e-6)²/2 (≈ 1e-8 on the benchmark, ℓ'' ≈ 1/se² ≈ 1.5e4)
 * without the polishing stage and its five factorisations.
 */
export const LOGLIK_ONLY_TOL = 1e-6;

/** The options of `maximize1d` for a fit: polished on the score (exact, or near x₁ without eigenvalues), except for log-likelihood-only fits without eigenvalues. */
function searchOptions(L: LogDet, lo: number, hi: number, options: SpatialPanelOptions, tr: ((r: number) => number) | null,
  scoreWith: (trace: (r: number) => number) => (r: number) => number): Parameters<typeof maximize1d>[3] {
  const tol = options.tolerance ?? 1e-12;
  if (options.variance === 'none' && !L.eigenvalues) return { tol: Math.max(tol, LOGLIK_ONLY_TOL), maxIter: options.maxIterations };
  return { tol, score: tr ? scoreWith(tr) : undefined, scoreNear: nearTrace(L, lo, hi, scoreWith), coarseTol: L.eigenvalues ? undefined : POLISH_COARSE_TOL, maxIter: options.maxIterations };
}

function searchInfo(opt: Maximum1d, lower: number, upper: number): SearchInfo {
  const width = upper - lower;
  const atBoundary = opt.x - lower < BOUNDARY_RTOL * width || upper - opt.x < BOUNDARY_RTOL * width;
  return { method: 'brent', lower, upper, iterations: opt.iterations, converged: opt.converged, tolerance: opt.tolerance, atBoundary };
}

function notFinite(): InputError {
  return new InputError('spatial-panel-likelihood-not-finite', 'The concentrated log-likelihood is not finite anywhere on the parameter interval.', {});
}

/** SAR / SDM (`sar_panel_FE`). */
export function estimateLag(ctx: EstimationContext): Estimated {
  const { input, options, n, T, N, w, yt, xCols, dm, checkRank } = ctx;
  const k = xCols.length;
  const ld = logDetFor(w, { method: options.logDet, symmetricSimilar: input.symmetricSimilar });
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
  const opt = maximize1d(conc, lo, hi, searchOptions(L, lo, hi, options, tr, scoreWith));
  if (!Number.isFinite(opt.value)) throw notFinite();
  const rho = opt.x;
  const search = searchInfo(opt, lo, hi);
  const beta = Float64Array.from(b0, (b, j) => b - rho * bd[j]);
  const residuals = Float64Array.from(e0, (e, r) => e - rho * ed[r]);
  const sigma2 = dot(residuals, residuals) / N;
  const logLik = -N / 2 * Math.log(2 * Math.PI * sigma2) + T * L.value(rho) - N / 2;
  const xb = new Float64Array(N);
  for (let j = 0; j < k; j++) { const c = xCols[j], b = beta[j]; for (let r = 0; r < N; r++) xb[r] += b * c[r]; }
  const reduced = panelSolve(L, rho, xb, n, T);
  // W̃ X̃β = W (I − ρW)⁻¹ X̃β per period
  if (options.variance === 'none') return { beta, residuals, sigma2, logLik, spatial: rho, reduced, rssR2: N * sigma2, info: null, ld, search, traces: null };
  const wxb = panelLag(w, reduced, T);
  const traces = infoTraces(L, w, rho);
  const m = k + 2;
  const info = new Float64Array(m * m);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) { const v = dot(xCols[a], xCols[b]) / sigma2; info[a + b * m] = v; info[b + a * m] = v; }
    const v = dot(xCols[a], wxb) / sigma2;
    info[a + k * m] = v; info[k + a * m] = v;
  }
  info[k + k * m] = T * (traces.t2 + traces.t3) + dot(wxb, wxb) / sigma2;
  info[k + (k + 1) * m] = info[k + 1 + k * m] = T * traces.t1 / sigma2;
  info[k + 1 + (k + 1) * m] = N / (2 * sigma2 * sigma2);
  return { beta, residuals, sigma2, logLik, spatial: rho, reduced, rssR2: N * sigma2, info, ld, search, traces };
}

/** SEM / SDEM (`sem_panel_FE`). */
export function estimateError(ctx: EstimationContext): Estimated {
  const { input, options, T, N, w, yt, xCols, checkRank } = ctx;
  const k = xCols.length;
  const ld = logDetFor(w, { method: options.logDet, symmetricSimilar: input.symmetricSimilar });
  const L = ld;
  const qr0 = new HouseholderQr(xCols);
  checkRank(qr0);
  const wyt = panelLag(w, yt, T);
  const wx = xCols.map((c) => panelLag(w, c, T));
  const minusLam = (a: Float64Array, wa: Float64Array, lam: number): Float64Array => {
    const out = new Float64Array(a.length);
    for (let r = 0; r < a.length; r++) out[r] = a[r] - lam * wa[r];
    return out;
  };
  const transformed = (lam: number): { ys: Float64Array; xs: Float64Array[] } => ({
    ys: minusLam(yt, wyt, lam),
    xs: xCols.map((c, j) => minusLam(c, wx[j], lam)),
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
  const opt = maximize1d(conc, lo, hi, searchOptions(L, lo, hi, options, tr, scoreWith));
  if (!Number.isFinite(opt.value)) throw notFinite();
  const lam = opt.x;
  const search = searchInfo(opt, lo, hi);
  const r = ssr(lam);
  const beta = r.b;
  const residuals = r.e;
  const sigma2 = r.s / N;
  const logLik = -N / 2 * Math.log(2 * Math.PI * sigma2) + T * L.value(lam) - N / 2;
  const reduced = new Float64Array(N);
  for (let j = 0; j < k; j++) { const c = xCols[j], b = beta[j]; for (let q = 0; q < N; q++) reduced[q] += b * c[q]; }
  let rssR2 = 0;
  for (let q = 0; q < N; q++) rssR2 += (yt[q] - reduced[q]) ** 2; // ỹ − X̃β, not spatially filtered (sem_panel_FE)
  if (options.variance === 'none') return { beta, residuals, sigma2, logLik, spatial: lam, reduced, rssR2, info: null, ld, search, traces: null };
  const traces = infoTraces(L, w, lam);
  const m = k + 2;
  const info = new Float64Array(m * m);
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) { const v = dot(r.xs[a], r.xs[b]) / sigma2; info[a + b * m] = v; info[b + a * m] = v; }
  info[k + k * m] = T * (traces.t2 + traces.t3);
  info[k + (k + 1) * m] = info[k + 1 + k * m] = T * traces.t1 / sigma2;
  info[k + 1 + (k + 1) * m] = N / (2 * sigma2 * sigma2);
  return { beta, residuals, sigma2, logLik, spatial: lam, reduced, rssR2, info, ld, search, traces };
}

/** SLX: OLS on the transformed data. */
export function estimateSlx(ctx: EstimationContext): Estimated {
  const { N, yt, xCols, checkRank } = ctx;
  const k = xCols.length;
  const qr = new HouseholderQr(xCols, { rhs: [yt] });
  checkRank(qr);
  const beta = qr.solve(yt);
  const residuals = qr.residuals(yt);
  const sigma2 = dot(residuals, residuals) / N;
  const logLik = -N / 2 * (Math.log(2 * Math.PI * sigma2) + 1);
  const reduced = Float64Array.from(yt, (v, q) => v - residuals[q]);
  const search: SearchInfo = { method: 'none', lower: 0, upper: 0, iterations: 0, converged: true, tolerance: 0, atBoundary: false };
  const m = k + 1;
  const info = new Float64Array(m * m);
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) { const v = dot(xCols[a], xCols[b]) / sigma2; info[a + b * m] = v; info[b + a * m] = v; }
  info[k + k * m] = N / (2 * sigma2 * sigma2);
  return { beta, residuals, sigma2, logLik, spatial: null, reduced, rssR2: N * sigma2, info, ld: null, search, traces: null };
}
