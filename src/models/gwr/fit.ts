/**
 * One GTWR / GWR fit: the local regressions of every observation, local SEs, t and p values
 * (also with the da Silva–Fotheringham correction), diagnostics and the global OLS beside them.
 * GWR is the special case of one period (or τ = 0 within one period).
 */
import { InputError } from '../../core/errors';
import { tTwoSidedPFor } from '../../stats/t-tail';
import { gwrDiagnostics, type GwrDiagnostics } from './diagnostics';
import type { GwrKernel } from './kernels';
import { fitRows, type GwrDesign, type RowBlock } from './local-fit';
import { neighbourSource, type NeighbourCache } from './neighbours';
import { olsFit, type OlsFit } from './ols';
import type { SpaceTimeIndex, SpaceTimeMetric } from './space-time';

/** A GTWR model: kernel, bandwidth (k or h) and the space–time distance. */
export interface GtwrSpec {
  readonly kernel: GwrKernel;
  readonly adaptive: boolean;
  /** k (adaptive) or h (fixed, km on lon/lat). */
  readonly bandwidth: number;
  /** τ in km²/year² (0: space only). */
  readonly tau: number;
  /** One-sided GTWR: only t_j ≤ t_i. */
  readonly pastOnly?: boolean;
}

/** A problem: the design, the space–time index over its observations and their labels. */
export interface GtwrProblem {
  readonly design: GwrDesign;
  readonly index: SpaceTimeIndex;
  /** Label of observation i for messages, e.g. "Alabama 1970" (made only when a message needs it). */
  readonly label?: (i: number) => string;
  /** Number of distinct periods (τ matters only with more than one). */
  readonly periods: number;
}

/** The local results and diagnostics of a fit. */
export interface GtwrFit {
  readonly spec: GtwrSpec;
  readonly n: number;
  readonly names: readonly string[];
  /** Row-major n×p local coefficients, SEs, t, p and corrected p. */
  readonly beta: Float64Array;
  readonly se: Float64Array;
  readonly t: Float64Array;
  readonly p: Float64Array;
  /** p × ENP/p_k capped at 1 (da Silva & Fotheringham 2016, with ENP = tr S as in mgwr). */
  readonly pCorrected: Float64Array;
  /** Adjusted significance level α·p_k/tr S at α = 0.05 (da Silva & Fotheringham 2016). */
  readonly alphaCorrected: number;
  readonly yhat: Float64Array;
  readonly residual: Float64Array;
  readonly sii: Float64Array;
  readonly localR2: Float64Array;
  /** h_i of each observation. */
  readonly bandwidthLocal: Float64Array;
  readonly diagnostics: GwrDiagnostics;
  readonly ols: OlsFit;
}

/** Metric of a spec. */
export function metricOf(spec: GtwrSpec): SpaceTimeMetric {
  return { tau: spec.tau, pastOnly: spec.pastOnly ?? false };
}

/** All rows 0 … n−1. */
export function allRows(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** Fit a block of rows in full (used by fitGtwr and by worker threads). */
export function fitBlock(problem: GtwrProblem, spec: GtwrSpec, rows: Int32Array, opts: { cache?: NeighbourCache; keepHat?: boolean; signal?: () => void } = {}): RowBlock {
  const nb = neighbourSource(problem.index, spec, metricOf(spec), opts.cache);
  return fitRows(problem.design, spec.kernel, nb, rows, { full: true, keepHat: opts.keepHat, signal: opts.signal });
}

/**
 * The smallest bandwidth at which every local design is non-singular: the smallest k
 * (adaptive) or, for a fixed h, the smallest h found by bisection to 0.1 % (km).
 */
export function smallestWorkableBandwidth(problem: GtwrProblem, spec: GtwrSpec): number {
  const ok = (bw: number): boolean => {
    const nb = neighbourSource(problem.index, { ...spec, bandwidth: bw }, metricOf(spec));
    const b = fitRows(problem.design, spec.kernel, nb, allRows(problem.design.n), { full: false });
    return b.singular.length === 0;
  };
  const n = problem.design.n;
  if (spec.adaptive) {
    if (!ok(n)) return NaN;
    let lo = 1, hi = n;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ok(mid)) hi = mid; else lo = mid + 1; }
    return lo;
  }
  let hi = problem.index.maxSpatial() * 4 + 1;
  if (!ok(hi)) return NaN;
  let lo = 0;
  while (hi - lo > 1e-3 * hi) { const mid = (lo + hi) / 2; if (ok(mid)) hi = mid; else lo = mid; }
  return hi;
}

/** Throw the clear error of singular local designs in a direct fit. */
function singularError(problem: GtwrProblem, spec: GtwrSpec, block: RowBlock): never {
  const r = block.singular[0];
  const i = block.rows[r];
  const label = problem.label?.(i) ?? `observation ${i + 1}`;
  const minimum = smallestWorkableBandwidth(problem, spec);
  const unit = spec.adaptive ? 'nearest observations' : 'km';
  const minimumText = Number.isNaN(minimum)
    ? 'none (the design is singular even globally)'
    : `${spec.adaptive ? String(minimum) : minimum.toPrecision(6)} ${unit}`;
  const d = { observation: label, bandwidth: spec.bandwidth, unit, used: block.used[r], coefficients: problem.design.p, failing: block.singular.length, minimum: Number.isNaN(minimum) ? null : minimum, minimumText };
  throw new InputError(
    'gwr-singular-local',
    `The local regression at ${d.observation} cannot be estimated with bandwidth ${d.bandwidth} (${d.unit}): its ${d.used} weighted observations do not identify the ${d.coefficients} coefficients (${d.failing} local fits fail). The smallest workable bandwidth is ${d.minimumText}.`,
    d,
  );
}

/**
 * Combine row blocks (possibly computed in several workers, in any order) into the fit.
 * @throws InputError `gwr-singular-local` when a local design is singular.
 */
export function assembleFit(problem: GtwrProblem, spec: GtwrSpec, blocks: readonly RowBlock[]): GtwrFit {
  const { n, p, y, names } = problem.design;
  const beta = new Float64Array(n * p), cdiag = new Float64Array(n * p);
  const yhat = new Float64Array(n), sii = new Float64Array(n), rowSS = new Float64Array(n);
  const localR2 = new Float64Array(n), bandwidthLocal = new Float64Array(n);
  const seen = new Uint8Array(n);
  for (const b of blocks) {
    if (b.singular.length > 0) singularError(problem, spec, b);
    for (let r = 0; r < b.rows.length; r++) {
      const i = b.rows[r];
      seen[i] = 1;
      yhat[i] = b.yhat[r]; sii[i] = b.sii[r]; rowSS[i] = b.rowSS[r];
      localR2[i] = b.localR2[r]; bandwidthLocal[i] = b.bandwidth[r];
      for (let a = 0; a < p; a++) { beta[i * p + a] = b.beta[r * p + a]; cdiag[i * p + a] = b.cdiag[r * p + a]; }
    }
  }
  for (let i = 0; i < n; i++) if (!seen[i]) throw new RangeError(`row ${i} missing from the fitted blocks`);
  const diagnostics = gwrDiagnostics(y, yhat, sii, rowSS);
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) residual[i] = y[i] - yhat[i];
  const se = new Float64Array(n * p), t = new Float64Array(n * p), pv = new Float64Array(n * p), pc = new Float64Array(n * p);
  const factor = diagnostics.traceS / p;
  // no fallback distribution is loaded: an edf that is not positive (or above 10⁸) gives NaN p values
  const pValue = tTwoSidedPFor(diagnostics.edf, () => Number.NaN);
  for (let q = 0; q < n * p; q++) {
    se[q] = Math.sqrt(diagnostics.sigma2 * cdiag[q]);
    t[q] = beta[q] / se[q];
    pv[q] = pValue(t[q]);
    pc[q] = Math.min(1, pv[q] * Math.max(1, factor));
  }
  return Object.freeze({
    spec, n, names, beta, se, t, p: pv, pCorrected: pc, alphaCorrected: 0.05 / Math.max(1, factor),
    yhat, residual, sii, localR2, bandwidthLocal, diagnostics, ols: olsFit(problem.design),
  });
}

/**
 * Fit GTWR (GWR when τ = 0 or one period) at one bandwidth.
 * @throws InputError `gwr-too-few-observations`, `gwr-singular-local`
 */
export function fitGtwr(problem: GtwrProblem, spec: GtwrSpec, opts: { signal?: () => void } = {}): GtwrFit {
  checkSize(problem);
  return assembleFit(problem, spec, [fitBlock(problem, spec, allRows(problem.design.n), opts)]);
}

/**
 * @throws InputError `gwr-too-few-observations` when n ≤ p + 1 (no local fit can be estimated).
 */
export function checkSize(problem: GtwrProblem): void {
  const { n, p } = problem.design;
  if (n < p + 2) {
    throw new InputError('gwr-too-few-observations-model', `GWR needs more observations than coefficients plus one: ${n} observations for ${p} coefficients.`, { n, p });
  }
}
