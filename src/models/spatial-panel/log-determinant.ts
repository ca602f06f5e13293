/**
 * ln|I − ρW| over the feasible interval (1/ω_min, 1/ω_max), and solves with I − ρW, for the
 * spatial panel likelihoods (the panel term is T·ln|I − ρW|; I_T ⊗ W is never formed).
 *
 * Methods (`LogDetMethod`):
 * - `eigen-symmetric` (default for n ≤ 400 when W = D⁻¹C with C symmetric, e.g. a
 *   row-standardised contiguity W): W is similar to S = D^{1/2} W D^{-1/2}, which is symmetric,
 *   so its eigenvalues are real and come from the symmetric solver; ln|I − ρW| = Σ ln(1 − ρω_i).
 *   Ord (1975); LeSage & Pace (2009) §4.1.
 * - `eigen-general` (default for n ≤ 120 otherwise): eigenvalues of W from the general solver,
 *   complex pairs included: Σ ln|1 − ρω_i|.
 * - `sparse-cholesky` (default for larger symmetric-similar W): ln|I − ρW| = ln|I − ρS| from an
 *   envelope Cholesky of I − ρS under the cheapest of W's own order, reverse Cuthill–McKee and
 *   Gibbs–Poole–Stockmeyer (`cheapestEnvelope`; Pace & Barry 1997 use
 *   sparse Cholesky the same way), exact; ω_min and ω_max from Lanczos on S with their
 *   residual bounds (the interval is shrunk by the bound, so it stays feasible; Lanczos stops
 *   once the bound is within 0.1 % of |ω|; ω_max = 1 for a row-standardised W).
 * - `sparse-lu` (default for larger general W): envelope LU without pivoting of I − ρW, exact,
 *   on (−1/‖W‖∞, 1/ω_max) where I − ρW is diagonally dominant below 1 (stable without
 *   pivoting); ω_max is the Perron root of a non-negative W.
 * Solves with I − ρW always use an envelope factorisation (Cholesky of I − ρS, else LU).
 * No dense non-symmetric eigen-decomposition of a large W, no dense inverse in a loop.
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { InputError } from '../../core/errors';
import { cheapestEnvelope, EnvelopeCholesky, EnvelopeLu } from '../../linalg/envelope';
import type { Envelope } from '../../linalg/envelope';
import { symmetricEigenFast } from '../../linalg/tridiagonal-eigen';
import type { Matrix } from '../../linalg/matrix';
import { CsrMatrix, perronRoot } from '../../linalg/sparse';
import type { LogDetInfo, LogDetMethod } from './types';

/** Largest n for the default symmetric eigen route. */
export const EIGEN_SYMMETRIC_MAX_N = 400;
/** Largest n for the default general eigen route. */
export const EIGEN_GENERAL_MAX_N = 120;
/** Lanczos steps for the extreme eigenvalues of a large symmetric form. */
const LANCZOS_STEPS = 120;

/** Solves with A = I − ρW at one ρ. */
export interface Solver {
  /** x with (I − ρW)x = b. */
  solve(b: ArrayLike<number>): Float64Array;
  /** x with (I − ρW)ᵀx = b. */
  solveTranspose(b: ArrayLike<number>): Float64Array;
}

/** A prepared log-determinant ln|I − ρW| over (1/ω_min, 1/ω_max). */
export interface LogDet extends LogDetInfo {
  readonly n: number;
  /** ln|I − ρW|; −Infinity outside the feasible interval. */
  value(rho: number): number;
  /** Solves with I − ρW. */
  solver(rho: number): Solver;
  /** Real parts of the eigenvalues of W (eigen methods), else null. */
  readonly eigenvalues: Float64Array | null;
  /** Imaginary parts (eigen-general only; zeros for real eigenvalues), else null. */
  readonly eigenvaluesImag: Float64Array | null;
  /** The symmetric form, when W is similar to a symmetric matrix. */
  readonly symmetric: { readonly s: CsrMatrix; readonly d: Float64Array } | null;
  /**
   * Eigenvalues ω (ascending) and orthonormal eigenvectors V of S (eigen-symmetric only, computed
   * on first use): W = D^{-1/2} V diag(ω) Vᵀ D^{1/2}.
   */
  eigenvectors(): { readonly values: Float64Array; readonly vectors: Matrix } | null;
}

/**
 * The symmetric form of W = D⁻¹C with C symmetric and D positive diagonal: d (up to a factor per
 * connected component) from d_j = d_i·w_ij / w_ji along a spanning forest, then
 * S = D^{1/2} W D^{-1/2}, s_ij = w_ij √(d_i/d_j). Null when W's pattern is not symmetric, a
 * ratio w_ij / w_ji is not positive or the ratios are inconsistent (relative 1e-10).
 */
export function symmetricForm(w: CsrMatrix): { s: CsrMatrix; d: Float64Array } | null {
  const n = w.rows;
  if (w.cols !== n || !w.isStructurallySymmetric()) return null;
  const d = new Float64Array(n);
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  for (let r = 0; r < n; r++) {
    if (seen[r]) continue;
    seen[r] = 1; d[r] = 1; stack.push(r);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
        const j = w.colIndex[p];
        if (j === i) continue;
        const wij = w.values[p], wji = w.get(j, i);
        const ratio = wij / wji;
        if (!(ratio > 0) || !Number.isFinite(ratio)) return null;
        const dj = d[i] * ratio;
        if (!seen[j]) { seen[j] = 1; d[j] = dj; stack.push(j); } else if (Math.abs(d[j] - dj) > 1e-10 * Math.max(d[j], dj)) return null;
      }
    }
  }
  const vals = new Float64Array(w.nnz);
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) vals[p] = w.values[p] * Math.sqrt(d[i] / d[w.colIndex[p]]);
  }
  // symmetrise rounding
  const s0 = w.withValues(vals);
  const sym = new Float64Array(w.nnz);
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) sym[p] = 0.5 * (vals[p] + s0.get(w.colIndex[p], i));
  }
  return { s: w.withValues(sym), d };
}

function denseW(w: CsrMatrix): MlMatrix {
  const n = w.rows;
  const a = new MlMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) a.set(i, w.colIndex[p], w.values[p]);
  }
  return a;
}

/** Factorisations of I − ρS (or I − ρW) kept for reuse, most recent last. */
const FACTORS_KEPT = 3;

/** The factorisation at ρ; `pin` when a solver holds it (its storage is then never reused). */
type FactorAt = (rho: number, pin?: boolean) => EnvelopeCholesky | EnvelopeLu;

/**
 * The envelope factorisation of I − ρS (Cholesky, when W is similar to the symmetric S) or of
 * I − ρW (LU without pivoting) at ρ, the last `FACTORS_KEPT` kept: the log-determinant at ρ̂ and
 * the solves of the reduced form and the information traces at ρ̂ use one factorisation. The
 * storage of a Cholesky factor that falls out unpinned is reused by the next one (fresh
 * megabyte arrays for every ρ of a search cost page faults and collections).
 */
function envelopeFactors(w: CsrMatrix, sym: { s: CsrMatrix; d: Float64Array } | null, envelope: () => Envelope): FactorAt {
  const kept: { rho: number; f: EnvelopeCholesky | EnvelopeLu; pinned: boolean; store: Float64Array | null }[] = [];
  let spare: Float64Array | null = null;
  return (rho, pin = false) => {
    const hit = kept.find((k) => k.rho === rho);
    if (hit) { hit.pinned ||= pin; return hit.f; }
    let store: Float64Array | null = null;
    let f: EnvelopeCholesky | EnvelopeLu;
    if (sym) {
      store = spare ?? new Float64Array(envelope().size);
      spare = null;
      try {
        f = new EnvelopeCholesky(envelope(), sym.s, -rho, 1, store);
      } catch (e) {
        spare = store;
        throw e;
      }
    } else f = new EnvelopeLu(envelope(), w, -rho, 1);
    if (kept.length >= FACTORS_KEPT) {
      const out = kept.shift() as (typeof kept)[number];
      if (!out.pinned && out.store) spare = out.store;
    }
    kept.push({ rho, f, pinned: pin, store });
    return f;
  };
}

/**
 * Sparse solves with I − ρW from an envelope factorisation: Cholesky of I − ρS when W is
 * similar to the symmetric S (I − ρW = D^{-1/2}(I − ρS)D^{1/2}), else LU without pivoting.
 */
function envelopeSolver(w: CsrMatrix, sym: { s: CsrMatrix; d: Float64Array } | null, factor: FactorAt): (rho: number) => Solver {
  const n = w.rows;
  if (sym) {
    const sqd = sym.d.map(Math.sqrt);
    return (rho) => {
      const ch = factor(rho, true) as EnvelopeCholesky;
      return {
        solve: (b: ArrayLike<number>) => {
          const s = new Float64Array(n);
          for (let i = 0; i < n; i++) s[i] = b[i] * sqd[i];
          const u = ch.solve(s);
          for (let i = 0; i < n; i++) u[i] /= sqd[i];
          return u;
        },
        solveTranspose: (b: ArrayLike<number>) => {
          const s = new Float64Array(n);
          for (let i = 0; i < n; i++) s[i] = b[i] / sqd[i];
          const u = ch.solve(s);
          for (let i = 0; i < n; i++) u[i] *= sqd[i];
          return u;
        },
      };
    };
  }
  return (rho) => {
    const f = factor(rho, true) as EnvelopeLu;
    return { solve: (b: ArrayLike<number>) => f.solve(b), solveTranspose: (b: ArrayLike<number>) => f.solveTranspose(b) };
  };
}

/** Lanczos steps between the checks of the residual bounds. */
const LANCZOS_CHECK_EVERY = 10;
/** Relative accuracy of the bounded extreme eigenvalues at which Lanczos stops early. */
export const LANCZOS_RTOL = 1e-3;

/**
 * Extreme eigenvalues of a symmetric sparse S by Lanczos with full reorthogonalisation, with
 * residual bounds |θ − ω| ≤ β_k |s_kj| (Parlett 1998, The Symmetric Eigenvalue Problem, §13.2).
 * Stops after `steps` steps, or earlier, at a check every 10 steps, once the bound of each wanted
 * end (`want`: both, or only the smallest when ω_max is known) is within `rtol` of its Ritz value:
 * θ − bound is then a lower bound of ω_min within 0.1 % (default), which is all the search
 * interval (1/(θ − bound), 1/ω_max) needs.
 */
export function lanczosExtremes(s: CsrMatrix, steps = LANCZOS_STEPS, opts: { rtol?: number; want?: 'both' | 'min' } = {}): { min: number; max: number; minBound: number; maxBound: number; steps: number } {
  const n = s.rows;
  const m = Math.min(n, steps);
  const rtol = opts.rtol ?? 0;
  const want = opts.want ?? 'both';
  const q: Float64Array[] = [];
  const alpha: number[] = [], beta: number[] = [];
  let v: Float64Array = new Float64Array(n);
  // deterministic start vector with all components non-zero
  for (let i = 0; i < n; i++) v[i] = 1 + ((i * 7919) % 101) / 101;
  let nv = Math.sqrt(dotv(v, v));
  for (let i = 0; i < n; i++) v[i] /= nv;
  let bPrev = 0;
  /** Ritz values at the ends of the k-step tridiagonal and their residual bounds. */
  const ritz = (k: number): { min: number; max: number; minBound: number; maxBound: number; steps: number } => {
    const t: Matrix = { rows: k, cols: k, data: new Float64Array(k * k) };
    for (let i = 0; i < k; i++) {
      t.data[i + i * k] = alpha[i];
      if (i + 1 < k) { t.data[i + (i + 1) * k] = beta[i]; t.data[i + 1 + i * k] = beta[i]; }
    }
    const e = symmetricEigenFast(t, true);
    const vec = e.vectors as Matrix;
    const bk = beta[k - 1];
    const bound = (j: number): number => (bk < 1e-12 ? 0 : Math.abs(bk * vec.data[k - 1 + j * k]));
    return { min: e.values[0], max: e.values[k - 1], minBound: bound(0), maxBound: bound(k - 1), steps: k };
  };
  for (let k = 0; k < m; k++) {
    q.push(v);
    const wv = s.matVec(v);
    const a = dotv(wv, v);
    alpha.push(a);
    for (let i = 0; i < n; i++) wv[i] -= a * v[i] + (k > 0 ? bPrev * q[k - 1][i] : 0);
    for (const qq of q) { const c = dotv(wv, qq); for (let i = 0; i < n; i++) wv[i] -= c * qq[i]; }
    nv = Math.sqrt(dotv(wv, wv));
    beta.push(nv);
    if (nv < 1e-12 || k === m - 1) break;
    if (rtol > 0 && (k + 1) % LANCZOS_CHECK_EVERY === 0) {
      const r = ritz(k + 1);
      if (r.minBound <= rtol * Math.abs(r.min) && (want === 'min' || r.maxBound <= rtol * Math.abs(r.max))) return r;
    }
    for (let i = 0; i < n; i++) wv[i] /= nv;
    bPrev = nv;
    v = wv;
  }
  return ritz(alpha.length);
}

function dotv(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** True when every row of W sums to 1 (row-standardised without islands) and W ≥ 0. */
export function isRowStandardised(w: CsrMatrix, tol = 1e-10): boolean {
  const rs = w.rowSums();
  for (let i = 0; i < w.rows; i++) if (Math.abs(rs[i] - 1) > tol) return false;
  for (let p = 0; p < w.nnz; p++) if (w.values[p] < 0) return false;
  return true;
}

/** Values of a sparse log-determinant kept. */
const MEMO_SIZE = 256;

/**
 * ρ ↦ f(ρ) remembering the last `MEMO_SIZE` values: the fits on one W (SDM, SAR, SEM) start their
 * searches at the same golden-section points, and a fit asks for ln|I − ρ̂W| again for its
 * log-likelihood and traces, each a sparse factorisation. Same numbers, fewer factorisations.
 */
function memoised(f: (rho: number) => number): (rho: number) => number {
  const memo = new Map<number, number>();
  return (rho) => {
    let v = memo.get(rho);
    if (v === undefined) {
      v = f(rho);
      if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as number);
      memo.set(rho, v);
    }
    return v;
  };
}

/**
 * Prepare ln|I − ρW| (see the module comment for the methods and defaults).
 * @throws InputError `spatial-panel-not-symmetric-similar` when `symmetricSimilar` is true (or a
 *   symmetric method is forced) but W is not D⁻¹C with C symmetric; `spatial-panel-weights-negative`
 *   when `sparse-lu` is asked for a W with negative weights; `spatial-panel-weights-empty` for a W without links.
 */
export function createLogDet(w: CsrMatrix, opts: { method?: LogDetMethod; symmetricSimilar?: boolean } = {}): LogDet {
  const n = w.rows;
  if (w.nnz === 0) throw new InputError('spatial-panel-weights-empty', 'The weights matrix has no links; a spatial model needs neighbours.', {});
  const sym = opts.symmetricSimilar === false ? null : symmetricForm(w);
  const wantsSym = opts.symmetricSimilar === true || opts.method === 'eigen-symmetric' || opts.method === 'sparse-cholesky';
  if (wantsSym && !sym) {
    throw new InputError('spatial-panel-not-symmetric-similar', 'The weights matrix is not a row-standardised symmetric matrix (W = D⁻¹C with C symmetric), so the symmetric log-determinant cannot be used.', {});
  }
  const method: LogDetMethod = opts.method ?? (sym ? (n <= EIGEN_SYMMETRIC_MAX_N ? 'eigen-symmetric' : 'sparse-cholesky') : (n <= EIGEN_GENERAL_MAX_N ? 'eigen-general' : 'sparse-lu'));
  // one ordering and envelope per W, shared by the log-determinant and the solves, built on first use
  let env: Envelope | null = null;
  const envelope = (): Envelope => (env ??= cheapestEnvelope(sym ? sym.s : w));
  const factor = envelopeFactors(w, sym, envelope);
  const base = { n, symmetric: sym, solver: envelopeSolver(w, sym, factor) };
  const noVectors = (): null => null;
  if (method === 'eigen-symmetric' && sym) {
    const om = symmetricEigenFast(sym.s.toDense(), false).values;
    const omegaMin = om[0], omegaMax = om[n - 1];
    let full: { values: Float64Array; vectors: Matrix } | null = null;
    return Object.freeze({
      ...base, method, errorBound: 0, omegaMin, omegaMax, eigenvalues: om, eigenvaluesImag: null,
      eigenvectors: () => {
        if (!full) { const e = symmetricEigenFast(sym.s.toDense(), true); full = { values: e.values, vectors: e.vectors as Matrix }; }
        return full;
      },
      value: (rho: number) => { let s = 0; for (let i = 0; i < n; i++) s += Math.log(1 - rho * om[i]); return Number.isNaN(s) ? -Infinity : s; },
    });
  }
  if (method === 'eigen-general') {
    const evd = new EigenvalueDecomposition(denseW(w));
    const re = Float64Array.from(evd.realEigenvalues), im = Float64Array.from(evd.imaginaryEigenvalues);
    let omegaMin = Infinity, omegaMax = -Infinity;
    for (let i = 0; i < n; i++) if (Math.abs(im[i]) <= 1e-12 * Math.max(1, Math.abs(re[i]))) { omegaMin = Math.min(omegaMin, re[i]); omegaMax = Math.max(omegaMax, re[i]); }
    return Object.freeze({
      ...base, method, errorBound: 0, omegaMin, omegaMax, eigenvalues: re, eigenvaluesImag: im, eigenvectors: noVectors,
      value: (rho: number) => {
        if (!(rho > 1 / omegaMin && rho < 1 / omegaMax)) return -Infinity;
        let s = 0;
        for (let i = 0; i < n; i++) { const a = 1 - rho * re[i], b = rho * im[i]; s += 0.5 * Math.log(a * a + b * b); }
        return s;
      },
    });
  }
  if (method === 'sparse-cholesky' && sym) {
    // ω_max = 1 for a row-standardised W (the Perron root); then only ω_min is sought
    const rowStd = isRowStandardised(w);
    const ext = lanczosExtremes(sym.s, LANCZOS_STEPS, { rtol: LANCZOS_RTOL, want: rowStd ? 'min' : 'both' });
    const omegaMin = ext.min - ext.minBound;
    const omegaMax = rowStd ? 1 : ext.max + ext.maxBound;
    return Object.freeze({
      ...base, method, errorBound: 0, omegaMin, omegaMax, eigenvalues: null, eigenvaluesImag: null, eigenvectors: noVectors,
      value: memoised((rho: number) => {
        if (!(rho > 1 / omegaMin && rho < 1 / omegaMax)) return -Infinity;
        try { return factor(rho).logDet(); } catch { return -Infinity; }
      }),
    });
  }
  // sparse-lu
  for (let p = 0; p < w.nnz; p++) {
    if (w.values[p] < 0) throw new InputError('spatial-panel-weights-negative', 'The weights matrix has negative weights; the sparse log-determinant needs non-negative weights.', {});
  }
  const rs = w.rowSums();
  let normInf = 0;
  for (let i = 0; i < n; i++) normInf = Math.max(normInf, rs[i]);
  const omegaMax = perronRoot(w);
  return Object.freeze({
    ...base, method: 'sparse-lu' as const, errorBound: 0, omegaMin: -normInf, omegaMax, eigenvalues: null, eigenvaluesImag: null, eigenvectors: noVectors,
    value: memoised((rho: number) => {
      if (!(rho > -1 / normInf && rho < 1 / omegaMax)) return -Infinity;
      try { return factor(rho).logDet(); } catch { return -Infinity; }
    }),
  });
}

const cache = new WeakMap<CsrMatrix, Map<string, LogDet>>();

/**
 * `createLogDet` cached per W object and options, so a fit and its effects (and the fits of a
 * model comparison on one W) share one eigen-decomposition or ordering.
 * @throws InputError as `createLogDet`.
 */
export function logDetFor(w: CsrMatrix, opts: { method?: LogDetMethod; symmetricSimilar?: boolean } = {}): LogDet {
  const key = `${opts.method ?? ''}|${String(opts.symmetricSimilar)}`;
  let m = cache.get(w);
  if (!m) { m = new Map(); cache.set(w, m); }
  let ld = m.get(key);
  if (!ld) {
    ld = createLogDet(w, opts);
    m.set(key, ld);
    m.set(`${ld.method}|undefined`, ld);
  }
  return ld;
}
