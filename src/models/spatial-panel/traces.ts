/**
 * Traces of functions of W that the spatial panel estimators need:
 * - for the information matrix at ρ̂: t₁ = tr(W̃), t₂ = tr(W̃W̃), t₃ = tr(W̃ᵀW̃) with
 *   W̃ = W(I − ρW)⁻¹ (Elhorst 2014, eq. 3.12; `sar_panel_FE`);
 * - for the effects at every draw: a₀(ρ) = tr((I − ρW)⁻¹)/n and a₁(ρ) = tr((I − ρW)⁻¹W)/n
 *   (LeSage & Pace 2009, §4.2: the average direct effect is β a₀ + θ a₁);
 * - the score term tr(W(I − ρW)⁻¹) = Σ ω/(1 − ρω) when eigenvalues are known.
 * Exact from the eigenvalues and n sparse solves for moderate n; for large n t₁ and t₂ as
 * derivatives of the exact ln|I − ρW| (t₁ = −d/dρ, t₂ = −d²/dρ²; from the fit's 12-node window
 * interpolant around ρ̂, `logDetWindow`, when there is one, else by Richardson differences) and tr(W̃ᵀW̃) − tr(W̃²) by
 * Hutchinson's stochastic estimator (Rademacher probes, fixed seed) with its standard error
 * reported (it vanishes for a symmetric W); and the
 * LeSage–Pace power series tr(Wᵏ) (exact for k ≤ 2, Hutchinson beyond, truncated at K terms).
 */
import { createRng } from '../../core/random';
import type { CsrMatrix } from '../../linalg/sparse';
import type { LogDet } from './log-determinant';

/** Largest n for the exact information traces (n sparse solves). */
export const DENSE_TRACE_MAX_N = 1500;
/** Hutchinson probes for the information traces of a large W. */
export const INFO_PROBES = 40;
/** Hutchinson probes and series length for the effects traces of a large W (LeSage & Pace 2009, §4.2). */
export const SERIES_PROBES = 50;
export const SERIES_TERMS = 100;
/** Seed of the probe vectors (fixed so that fits are reproducible). */
const PROBE_SEED = 20100601;

/** Information-matrix traces at one ρ. */
export interface InfoTraces {
  readonly t1: number;
  readonly t2: number;
  readonly t3: number;
  readonly method: 'exact' | 'hutchinson';
  /** Estimated relative standard error of t₃ (0 when exact; t₁, t₂ are exact to about 1e-8 relative). */
  readonly relativeError: number;
}

/** t₁, t₂, t₃ of W̃ = W(I − ρW)⁻¹ (see the module comment); exact when n ≤ `exactMaxN`. */
export function infoTraces(ld: LogDet, w: CsrMatrix, rho: number, exactMaxN = DENSE_TRACE_MAX_N): InfoTraces {
  const n = w.rows;
  if (n <= exactMaxN) {
    // column j of W̃ = W·(I − ρW)⁻¹e_j by one sparse solve; t₃ = ‖W̃‖²_F
    const solver = ld.solver(rho);
    const score = scoreTrace(ld);
    const keep = score ? null : new Float64Array(n * n); // W̃ column-major, only without eigenvalues
    const ej = new Float64Array(n);
    let t1 = 0, t2 = 0, t3 = 0;
    for (let j = 0; j < n; j++) {
      ej.fill(0); ej[j] = 1;
      const col = w.matVec(solver.solve(ej));
      for (let i = 0; i < n; i++) t3 += col[i] * col[i];
      if (keep) { keep.set(col, j * n); t1 += col[j]; }
    }
    if (keep) {
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) t2 += keep[i + j * n] * keep[j + i * n];
    } else {
      // tr(W̃) = Σ ω/(1 − ρω), tr(W̃²) = Σ (ω/(1 − ρω))² (real parts for complex pairs)
      const re = ld.eigenvalues as Float64Array, im = ld.eigenvaluesImag;
      for (let i = 0; i < n; i++) {
        const wr = re[i], wi = im ? im[i] : 0;
        const dr = 1 - rho * wr, di = -rho * wi, den = dr * dr + di * di;
        const fr = (wr * dr + wi * di) / den, fi = (wi * dr - wr * di) / den;
        t1 += fr; t2 += fr * fr - fi * fi;
      }
    }
    return { t1, t2, t3, method: 'exact', relativeError: 0 };
  }
  // t₁ = −d/dρ ln|I − ρW| and t₂ = −d²/dρ² ln|I − ρW| from the exact log-determinant by
  // Richardson-extrapolated central differences (error O(h⁴)); t₃ = t₂ + tr(W̃ᵀW̃ − W̃W̃) with
  // the (small, non-negative) difference ½‖W̃ − W̃ᵀ‖²_F estimated by Hutchinson's method.
  // the solver first: it keeps its factorisation, which the log-determinant at ρ (asked for by the
  // fit's log-likelihood) may already hold, while the difference points below replace the kept ones
  const solver = ld.solver(rho);
  const span = Math.min(rho - 1 / ld.omegaMin, 1 / ld.omegaMax - rho);
  const h = Math.min(1e-3, span / 4);
  let t1: number, t2: number;
  const win = windowCovering(ld, rho, rho);
  if (win) {
    // the fit's window interpolant around ρ̂ (`logDetWindow`): its derivatives, no new factorisations
    t1 = -win.d1(rho);
    t2 = -win.d2(rho);
  } else {
    const f0 = ld.value(rho);
    const fp = (k: number): number => ld.value(rho + k * h), fm = (k: number): number => ld.value(rho - k * h);
    const p1 = fp(1), m1 = fm(1), p2 = ld.value(rho + h / 2), m2 = ld.value(rho - h / 2);
    const d1h = (p1 - m1) / (2 * h), d1h2 = (p2 - m2) / h;
    const d2h = (p1 - 2 * f0 + m1) / (h * h), d2h2 = (p2 - 2 * f0 + m2) / ((h * h) / 4);
    t1 = -(4 * d1h2 - d1h) / 3;
    t2 = -(4 * d2h2 - d2h) / 3;
  }
  const rng = createRng(PROBE_SEED);
  const diffs: number[] = [];
  for (let r = 0; r < INFO_PROBES; r++) {
    const z = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
    const v = w.matVec(solver.solve(z)); // W̃ z
    const vt = solver.solveTranspose(w.transposeMatVec(z)); // W̃ᵀ z
    let b = 0, c = 0;
    for (let i = 0; i < n; i++) { b += vt[i] * v[i]; c += v[i] * v[i]; }
    diffs.push(c - b);
  }
  const md = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - md) ** 2, 0) / (diffs.length - 1) / diffs.length);
  const t3 = t2 + Math.max(md, 0);
  return { t1, t2, t3, method: 'hutchinson', relativeError: sd / t3 };
}

/** The effect traces a₀(ρ), a₁(ρ) and how they are computed. */
export interface EffectTraces {
  readonly method: 'eigen' | 'series' | 'chebyshev';
  /** tr((I − ρW)⁻¹)/n. */
  a0(rho: number): number;
  /** tr((I − ρW)⁻¹W)/n. */
  a1(rho: number): number;
  /** Bound on |error| of a₀, a₁ at |ρ| ≤ `rhoMax` (0 for eigen). */
  errorBound(rhoMax: number): number;
}

/**
 * a₀, a₁ from the eigenvalues (complex pairs included) or the power series (see the module
 * comment), the series long enough that (|ρ|‖W‖∞)ᴷ < 1e-10 at |ρ| = `rhoMax` (at most
 * `SERIES_TERMS` terms).
 */
export function effectTraces(ld: LogDet, w: CsrMatrix, rhoMax = 0.99): EffectTraces {
  const n = w.rows;
  const re = ld.eigenvalues, im = ld.eigenvaluesImag;
  if (re) {
    const f = (rho: number, k: 0 | 1): number => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const wr = re[i], wi = im ? im[i] : 0;
        // ω^k / (1 − ρω), real part
        const dr = 1 - rho * wr, di = -rho * wi, den = dr * dr + di * di;
        const nr = k === 0 ? 1 : wr, ni = k === 0 ? 0 : wi;
        s += (nr * dr + ni * di) / den;
      }
      return s / n;
    };
    return { method: 'eigen', a0: (r) => f(r, 0), a1: (r) => f(r, 1), errorBound: () => 0 };
  }
  // |m_k| ≤ ‖W‖∞^k; for a row-standardised W that is 1
  let norm = 0;
  const rs = w.rowSums();
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(rs[i]));
  const q0 = Math.min(Math.max(Math.abs(rhoMax) * norm, 0.05), 0.999);
  const K = Math.min(SERIES_TERMS, Math.ceil(Math.log(1e-10) / Math.log(q0)));
  // m_k = tr(W^k)/n, k = 0..K+1: exact for k ≤ 2, Hutchinson beyond
  const m = new Float64Array(K + 2);
  const se = new Float64Array(K + 2);
  m[0] = 1;
  let tr1 = 0, tr2 = 0;
  for (let i = 0; i < n; i++) {
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      const j = w.colIndex[p];
      if (j === i) tr1 += w.values[p];
      tr2 += w.values[p] * w.get(j, i);
    }
  }
  m[1] = tr1 / n; m[2] = tr2 / n;
  const rng = createRng(PROBE_SEED + 1);
  const acc = Array.from({ length: K + 2 }, () => [] as number[]);
  for (let r = 0; r < SERIES_PROBES; r++) {
    const z = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
    let v: Float64Array = z;
    for (let k = 1; k <= K + 1; k++) {
      v = w.matVec(v);
      if (k >= 3) { let s = 0; for (let i = 0; i < n; i++) s += z[i] * v[i]; acc[k].push(s / n); }
    }
  }
  for (let k = 3; k <= K + 1; k++) {
    const x = acc[k], mu = x.reduce((p, q) => p + q, 0) / x.length;
    m[k] = mu;
    se[k] = Math.sqrt(x.reduce((p, q) => p + (q - mu) ** 2, 0) / (x.length - 1) / x.length);
  }
  const series = (rho: number, shift: 0 | 1): number => {
    let s = 0, pw = 1;
    for (let k = 0; k <= K; k++) { s += pw * m[k + shift]; pw *= rho; }
    return s;
  };
  return {
    method: 'series',
    a0: (r) => series(r, 0),
    a1: (r) => series(r, 1),
    errorBound: (rhoMax) => {
      const q = Math.abs(rhoMax) * norm;
      let mc = 0, pw = 1;
      for (let k = 0; k <= K + 1; k++) { mc += pw * 2 * se[k]; pw *= Math.abs(rhoMax); }
      const trunc = q < 1 ? (q ** (K + 1)) * norm / (1 - q) : Infinity;
      return mc + trunc;
    },
  };
}

/** tr(W(I − ρW)⁻¹) = Σ ω/(1 − ρω) from the eigenvalues, or null when they are not known. */
export function scoreTrace(ld: LogDet): ((rho: number) => number) | null {
  const re = ld.eigenvalues, im = ld.eigenvaluesImag;
  if (!re) return null;
  const n = re.length;
  return (rho) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const wr = re[i], wi = im ? im[i] : 0;
      const dr = 1 - rho * wr, di = -rho * wi;
      s += (wr * dr + wi * di) / (dr * dr + di * di);
    }
    return s;
  };
}

/** Chebyshev nodes of the log-determinant interpolant of `logDetEffectTraces`. */
export const CHEBYSHEV_NODES = 12;

/**
 * ρ ↦ d/dρ f(ρ) from the Chebyshev interpolant of f at m nodes on [lo, hi]: coefficients by the
 * discrete cosine sum, derivative coefficients by d_{k−1} = d_{k+1} + 2k·c_k, Clenshaw evaluation
 * (Trefethen 2013, Approximation Theory and Approximation Practice, ch. 3 and 21).
 */
export function chebyshevDerivative(f: (x: number) => number, lo: number, hi: number, m = CHEBYSHEV_NODES): (x: number) => number {
  const mid = (lo + hi) / 2, half = (hi - lo) / 2;
  const fx = Float64Array.from({ length: m }, (_, j) => f(mid + half * Math.cos((Math.PI * (j + 0.5)) / m)));
  const c = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += fx[j] * Math.cos((Math.PI * k * (j + 0.5)) / m);
    c[k] = (2 / m) * sum;
  }
  const d = new Float64Array(m + 1);
  for (let k = m - 1; k >= 1; k--) d[k - 1] = (k + 1 < m + 1 ? d[k + 1] : 0) + 2 * k * c[k];
  return (x) => {
    const t = (x - mid) / half;
    let b1 = 0, b2 = 0;
    for (let k = m - 1; k >= 1; k--) { const b0 = 2 * t * b1 - b2 + d[k]; b2 = b1; b1 = b0; }
    return (t * b1 - b2 + d[0] / 2) / half;
  };
}

/** A Chebyshev interpolant of ln|I − ρW| on [lo, hi] with its first two derivatives. */
export interface LogDetWindow {
  readonly lo: number;
  readonly hi: number;
  readonly nodes: number;
  value(x: number): number;
  /** d/dρ of the interpolant (≈ −tr(W(I − ρW)⁻¹)). */
  d1(x: number): number;
  /** d²/dρ² of the interpolant (≈ −tr((W(I − ρW)⁻¹)²)). */
  d2(x: number): number;
  /**
   * Estimated bound on |error| of `d1` on [lo, hi]: the derivative of the last two Chebyshev
   * terms (|T_k′| ≤ k²) plus the rounding of the values amplified by m²/half-width.
   */
  readonly d1Error: number;
}

/** Nodes of the window interpolant of ln|I − ρW| that a fit shares with its traces and effects. */
export const WINDOW_NODES = 12;

/** Σ′ a_k T_k(t), k < len (first coefficient halved), by Clenshaw's recurrence. */
function clenshaw(a: Float64Array, len: number, t: number): number {
  let b1 = 0, b2 = 0;
  for (let k = len - 1; k >= 1; k--) { const b0 = 2 * t * b1 - b2 + a[k]; b2 = b1; b1 = b0; }
  return t * b1 - b2 + a[0] / 2;
}

/**
 * The m-node Chebyshev interpolant of f on [lo, hi] with its first and second derivatives
 * (coefficients by the discrete cosine sum, derivative coefficients by d_{k−1} = d_{k+1} + 2k·c_k,
 * twice; Trefethen 2013, ch. 3 and 21).
 */
export function chebyshevInterpolant(f: (x: number) => number, lo: number, hi: number, m = WINDOW_NODES): LogDetWindow {
  const mid = (lo + hi) / 2, half = (hi - lo) / 2;
  const fx = Float64Array.from({ length: m }, (_, j) => f(mid + half * Math.cos((Math.PI * (j + 0.5)) / m)));
  const c = new Float64Array(m + 1);
  for (let k = 0; k < m; k++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += fx[j] * Math.cos((Math.PI * k * (j + 0.5)) / m);
    c[k] = (2 / m) * sum;
  }
  const d = new Float64Array(m + 1), dd = new Float64Array(m + 1);
  for (let k = m - 1; k >= 1; k--) d[k - 1] = d[k + 1] + 2 * k * c[k];
  for (let k = m - 2; k >= 1; k--) dd[k - 1] = dd[k + 1] + 2 * k * d[k];
  let fmax = 1;
  for (const v of fx) fmax = Math.max(fmax, Math.abs(v));
  const tail = (m - 1) ** 2 * Math.abs(c[m - 1]) + (m - 2) ** 2 * Math.abs(c[m - 2]);
  const d1Error = (tail + m * m * 1e-14 * fmax) / half;
  const t = (x: number): number => (x - mid) / half;
  return {
    lo, hi, nodes: m, d1Error,
    value: (x) => clenshaw(c, m, t(x)),
    d1: (x) => clenshaw(d, m - 1, t(x)) / half,
    d2: (x) => clenshaw(dd, Math.max(m - 2, 1), t(x)) / (half * half),
  };
}

const windows = new WeakMap<LogDet, LogDetWindow[]>();

/**
 * Build the window interpolant of ln|I − ρW| on [lo, hi] from the exact log-determinant and keep
 * it with `ld`, so that the information traces and the effects at ρ̂ of the fit that built it use
 * it instead of new factorisations (`windowCovering`).
 */
export function logDetWindow(ld: LogDet, lo: number, hi: number, m = WINDOW_NODES): LogDetWindow {
  const win = chebyshevInterpolant((r) => ld.value(r), lo, hi, m);
  const list = windows.get(ld) ?? [];
  list.push(win);
  if (list.length > 4) list.shift();
  windows.set(ld, list);
  return win;
}

/** The most recent window of `ld` that covers [lo, hi], or null. */
export function windowCovering(ld: LogDet, lo: number, hi: number): LogDetWindow | null {
  const list = windows.get(ld);
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i--) if (list[i].lo <= lo && list[i].hi >= hi) return list[i];
  return null;
}

/**
 * Effect traces from the exact log-determinant, for large W without eigenvalues:
 * a₁(ρ) = tr((I − ρW)⁻¹W)/n = −(1/n) d/dρ ln|I − ρW| and a₀(ρ) = 1 + ρ a₁(ρ) (from
 * (I − ρW)⁻¹ = I + ρ(I − ρW)⁻¹W). The derivative comes from a Chebyshev interpolant of
 * ln|I − ρW| on [lo, hi] (the range of the draws); outside it, from Richardson-extrapolated
 * central differences. The error bound is twice the difference between the two at `at` (default
 * the centre; the fit passes ρ̂, where the information traces already evaluated the same central
 * differences, so the memoised log-determinant answers them without new factorisations).
 * When the fit's window interpolant (`logDetWindow`) covers [lo, hi], its derivative is used
 * instead, with its own error estimate (`d1Error`/n): no factorisations at all.
 */
export function logDetEffectTraces(ld: LogDet, lo: number, hi: number, at = (lo + hi) / 2): EffectTraces {
  const n = ld.n;
  const feasLo = 1 / ld.omegaMin, feasHi = 1 / ld.omegaMax;
  const deriv = (rho: number): number => {
    const h = Math.min(1e-3, (rho - feasLo) / 4, (feasHi - rho) / 4);
    const d = (k: number): number => (ld.value(rho + k) - ld.value(rho - k)) / (2 * k);
    return (4 * d(h / 2) - d(h)) / 3;
  };
  const win = windowCovering(ld, lo, hi);
  if (win) {
    // the fit's window around ρ̂ covers the draws' range: its derivative, with its own error estimate
    const a1w = (rho: number): number => -(rho >= win.lo && rho <= win.hi ? win.d1(rho) : deriv(rho)) / n;
    const boundW = win.d1Error / n + 1e-12;
    return { method: 'chebyshev', a1: a1w, a0: (rho) => 1 + rho * a1w(rho), errorBound: () => boundW };
  }
  const cheb = chebyshevDerivative((r) => ld.value(r), lo, hi);
  const a1 = (rho: number): number => -(rho >= lo && rho <= hi ? cheb(rho) : deriv(rho)) / n;
  const bound = 2 * Math.abs(cheb(at) - deriv(at)) / n + 1e-12;
  return { method: 'chebyshev', a1, a0: (rho) => 1 + rho * a1(rho), errorBound: () => bound };
}
