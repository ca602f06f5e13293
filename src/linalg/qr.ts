/**
 * Householder QR least squares with rank detection, written as our own kernel: ml-matrix's
 * `QrDecomposition` (row-array storage, no rank detection) took 13 s for n = 10⁶, k = 20 on the
 * benchmark machine against the 2 s target (`bench/cases/linalg.ts`), and a plain column-major
 * Householder sweep is memory-bound on tall matrices. This kernel streams A in row blocks that fit
 * in cache and folds each block into the k×k triangle R with Householder reflections (the
 * "updating" or TSQR form, Golub & Van Loan §5.2 / Demmel et al. 2012): the same R (up to signs)
 * and Qᵀb as one Householder QR of A, in 2nk² flops, without copying or modifying A.
 *
 * Rank detection follows R's `lm` (LINPACK `dqrdc2` "limited pivoting"): columns are taken in
 * the given order and column j is aliased when its norm after projecting out the earlier
 * columns, |R_jj|, is at most `tol` times its own norm ‖a_j‖. The aliased column is always the
 * later one of a collinear set, so callers can name it. Aliased columns are then dropped and the
 * kept columns' triangle re-factored (R[:, kept] has the same Gram matrix as A[:, kept]).
 */
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';

/** Options of `HouseholderQr`. */
export interface QrOptions {
  /** Relative tolerance for rank detection (R's `lm` uses 1e-7). */
  tol?: number;
  /**
   * Right-hand sides to carry through the reflections while factoring (exact Qᵀb). Later
   * `solve(b)` calls with one of these very arrays reuse it; other right-hand sides use the
   * corrected semi-normal equations (Björck 1987), which need A again.
   */
  rhs?: readonly ArrayLike<number>[];
}

/** Rows per block: (BLOCK + k)·k doubles stay in L2 cache for k up to ~60. */
const BLOCK = 512;

/**
 * Folds the rows of `chunk` (m rows, column-major m×k, destroyed) into upper-triangular `r`
 * (k×k column-major), applying the same reflections to the right-hand sides `z` (k entries each,
 * Qᵀb head) and `tail` (m entries each, destroyed); returns ‖tail‖² per right-hand side.
 */
function foldRows(r: Float64Array, k: number, chunk: Float64Array, m: number, z: Float64Array[], tail: Float64Array[]): Float64Array {
  for (let p = 0; p < k; p++) {
    const vp = chunk.subarray(p * m, p * m + m); // Householder vector below its head v0
    const s = dot4(vp, vp, m);
    if (s === 0) continue; // block already triangular in this column
    const x0 = r[p + p * k];
    const norm = Math.sqrt(x0 * x0 + s);
    const alpha = x0 >= 0 ? -norm : norm;
    const v0 = x0 - alpha;
    const beta = 2 / (v0 * v0 + s);
    r[p + p * k] = alpha;
    for (let c = p + 1; c < k; c++) {
      const col = chunk.subarray(c * m, c * m + m);
      const f = beta * (v0 * r[p + c * k] + dot4(vp, col, m));
      if (f === 0) continue;
      r[p + c * k] -= f * v0;
      axpy4(-f, vp, col, m);
    }
    for (let q = 0; q < z.length; q++) {
      const f = beta * (v0 * z[q][p] + dot4(vp, tail[q], m));
      if (f === 0) continue;
      z[q][p] -= f * v0;
      axpy4(-f, vp, tail[q], m);
    }
  }
  return Float64Array.from(tail, (t) => dot4(t, t, t.length));
}

/** Σ a_i b_i over the first m entries, four accumulators (faster in V8 than one). */
function dot4(a: Float64Array, b: Float64Array, m: number): number {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    d0 += a[i] * b[i];
    d1 += a[i + 1] * b[i + 1];
    d2 += a[i + 2] * b[i + 2];
    d3 += a[i + 3] * b[i + 3];
  }
  for (; i < m; i++) d0 += a[i] * b[i];
  return d0 + d1 + d2 + d3;
}

/** y += a·x over the first m entries, unrolled by four. */
function axpy4(a: number, x: Float64Array, y: Float64Array, m: number): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    y[i] += a * x[i];
    y[i + 1] += a * x[i + 1];
    y[i + 2] += a * x[i + 2];
    y[i + 3] += a * x[i + 3];
  }
  for (; i < m; i++) y[i] += a * x[i];
}

/**
 * A QR factorisation of an n×k matrix (n ≥ k) with aliased columns removed: A[:, kept] = Q·R.
 * Factor once, then `solve`, `residuals` and `unscaledCovariance`.
 * A is referenced, not copied: do not modify it while the factorisation is in use.
 */
export class HouseholderQr {
  /** Rows of A. */
  readonly n: number;
  /** Columns of A. */
  readonly k: number;
  /** Numerical rank = number of kept columns. */
  readonly rank: number;
  /** Indices (into A's columns) of the kept columns, in order. */
  readonly kept: readonly number[];
  /** Indices of the aliased (linearly dependent) columns, in order. */
  readonly aliased: readonly number[];
  private readonly cols: readonly Float64Array[];
  /** R of the kept columns (rank×rank upper triangle, column-major). */
  private readonly r: Float64Array;
  private readonly rhs: readonly ArrayLike<number>[];
  /** Qᵀb head (rank entries) per carried right-hand side. */
  private readonly z: Float64Array[];
  /** Residual sum of squares per carried right-hand side. */
  private readonly rssOf: Float64Array;

  /**
   * Factor A, given as a column-major matrix or as its columns.
   * @throws RangeError when A has more columns than rows or columns differ in length.
   */
  constructor(a: Matrix | readonly Float64Array[], opts: QrOptions = {}) {
    const cols: Float64Array[] = Array.isArray(a)
      ? [...(a as readonly Float64Array[])]
      : Array.from({ length: (a as Matrix).cols }, (_, j) => (a as Matrix).data.subarray(j * (a as Matrix).rows, (j + 1) * (a as Matrix).rows));
    const n = Array.isArray(a) ? (cols.length > 0 ? cols[0].length : 0) : (a as Matrix).rows;
    const k = cols.length;
    cols.forEach((c, j) => { if (c.length !== n) throw new RangeError(`Column ${j} has ${c.length} values, expected ${n}.`); });
    if (k > n) throw new RangeError(`Least squares needs at least as many rows as columns (${n} < ${k}).`);
    const tol = opts.tol ?? 1e-7;
    const rhs = opts.rhs ?? [];
    rhs.forEach((b) => { if (b.length !== n) throw new RangeError(`Right-hand side has ${b.length} values, expected ${n}.`); });

    // pass 1: all columns, streamed in row blocks
    const r = new Float64Array(k * k);
    const z = rhs.map(() => new Float64Array(k));
    const rss = new Float64Array(rhs.length);
    const colNorm2 = new Float64Array(k);
    const chunk = new Float64Array(BLOCK * k);
    const tails = rhs.map(() => new Float64Array(BLOCK));
    for (let r0 = 0; r0 < n; r0 += BLOCK) {
      const m = Math.min(BLOCK, n - r0);
      const buf = m === BLOCK ? chunk : chunk.subarray(0, m * k);
      for (let j = 0; j < k; j++) {
        const src = cols[j];
        const off = j * m;
        let s = 0;
        for (let i = 0; i < m; i++) { const v = src[r0 + i]; buf[off + i] = v; s += v * v; }
        colNorm2[j] += s;
      }
      const tl = tails.map((t, q) => {
        const tt = m === BLOCK ? t : t.subarray(0, m);
        const b = rhs[q];
        for (let i = 0; i < m; i++) tt[i] = b[r0 + i];
        return tt;
      });
      const add = foldRows(r, k, buf, m, z, tl);
      for (let q = 0; q < rss.length; q++) rss[q] += add[q];
    }
    // rank detection on the diagonal of R
    const kept: number[] = [];
    const aliased: number[] = [];
    for (let j = 0; j < k; j++) {
      const norm = Math.sqrt(colNorm2[j]);
      if (norm > 0 && Math.abs(r[j + j * k]) > tol * norm) kept.push(j);
      else aliased.push(j);
    }
    let rk = r;
    let zk = z;
    if (aliased.length > 0) {
      // re-factor R[:, kept] (k×rank) into a rank×rank triangle; Qᵀb heads follow
      const m2 = k;
      const rank = kept.length;
      const sub = new Float64Array(m2 * rank);
      kept.forEach((j, c) => { for (let i = 0; i < k; i++) sub[i + c * m2] = r[i + j * k]; });
      rk = new Float64Array(rank * rank);
      zk = z.map(() => new Float64Array(rank));
      const add = foldRows(rk, rank, sub, m2, zk, z.map((v) => Float64Array.from(v)));
      for (let q = 0; q < rss.length; q++) rss[q] += add[q];
    }
    this.n = n;
    this.k = k;
    this.rank = kept.length;
    this.kept = Object.freeze(kept);
    this.aliased = Object.freeze(aliased);
    this.cols = cols;
    this.r = rk;
    this.rhs = rhs;
    this.z = zk;
    this.rssOf = rss;
  }

  /** True when no column is aliased. */
  isFullRank(): boolean {
    return this.rank === this.k;
  }

  /** Solves R z = c (rank × rank upper triangular). */
  private backSolve(c: ArrayLike<number>): Float64Array {
    const m = this.rank;
    const x = Float64Array.from(c);
    for (let i = m - 1; i >= 0; i--) {
      let s = x[i];
      for (let j = i + 1; j < m; j++) s -= this.r[i + j * m] * x[j];
      x[i] = s / this.r[i + i * m];
    }
    return x;
  }

  /** Solves Rᵀ w = c (forward substitution). */
  private forwardSolveT(c: ArrayLike<number>): Float64Array {
    const m = this.rank;
    const w = Float64Array.from(c);
    for (let i = 0; i < m; i++) {
      let s = w[i];
      for (let j = 0; j < i; j++) s -= this.r[j + i * m] * w[j];
      w[i] = s / this.r[i + i * m];
    }
    return w;
  }

  /** A_keptᵀ v. */
  private atv(v: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.rank);
    this.kept.forEach((j, p) => {
      const c = this.cols[j];
      let s = 0;
      for (let i = 0; i < this.n; i++) s += c[i] * v[i];
      out[p] = s;
    });
    return out;
  }

  /** b − A_kept·x (x in kept order). */
  private residualOf(b: ArrayLike<number>, x: Float64Array): Float64Array {
    const e = Float64Array.from(b);
    this.kept.forEach((j, p) => {
      const c = this.cols[j];
      const xp = x[p];
      for (let i = 0; i < this.n; i++) e[i] -= xp * c[i];
    });
    return e;
  }

  /** Coefficients of the kept columns (kept order). */
  private solveKept(b: ArrayLike<number>): Float64Array {
    if (b.length !== this.n) throw new RangeError(`Right-hand side has ${b.length} values, expected ${this.n}.`);
    const q = this.rhs.indexOf(b);
    if (q >= 0) return this.backSolve(this.z[q]);
    // corrected semi-normal equations: x = R⁻¹R⁻ᵀAᵀb, then one refinement step on the residual
    const x = this.backSolve(this.forwardSolveT(this.atv(b)));
    const e = this.residualOf(b, x);
    const dx = this.backSolve(this.forwardSolveT(this.atv(e)));
    for (let p = 0; p < x.length; p++) x[p] += dx[p];
    return x;
  }

  /**
   * Least-squares coefficients x minimising ‖Ax − b‖, length k, with `NaN` at aliased columns
   * (as R reports `NA`).
   * @throws RangeError when b has the wrong length.
   */
  solve(b: ArrayLike<number>): Float64Array {
    const z = this.solveKept(b);
    const x = new Float64Array(this.k).fill(Number.NaN);
    this.kept.forEach((col, p) => { x[col] = z[p]; });
    return x;
  }

  /**
   * Residuals b − A·x̂ of the least-squares fit.
   * @throws RangeError when b has the wrong length.
   */
  residuals(b: ArrayLike<number>): Float64Array {
    return this.residualOf(b, this.solveKept(b));
  }

  /**
   * Residual sum of squares ‖b − A·x̂‖² (exact from the reflections for a carried right-hand side).
   * @throws RangeError when b has the wrong length.
   */
  rss(b: ArrayLike<number>): number {
    const q = this.rhs.indexOf(b);
    if (q >= 0) return this.rssOf[q];
    const e = this.residuals(b);
    let s = 0;
    for (let i = 0; i < e.length; i++) s += e[i] * e[i];
    return s;
  }

  /** The rank×rank upper-triangular R (columns in `kept` order). */
  getR(): Matrix {
    return createMatrix(this.rank, this.rank, Float64Array.from(this.r));
  }

  /**
   * (A_keptᵀ A_kept)⁻¹ = R⁻¹R⁻ᵀ, the unscaled covariance of the kept coefficients
   * (rank×rank, `kept` order), as R's `chol2inv(qr.R(qr))`.
   */
  unscaledCovariance(): Matrix {
    const m = this.rank;
    const rinv = new Float64Array(m * m);
    for (let j = 0; j < m; j++) {
      rinv[j + j * m] = 1 / this.r[j + j * m];
      for (let i = j - 1; i >= 0; i--) {
        let s = 0;
        for (let p = i + 1; p <= j; p++) s += this.r[i + p * m] * rinv[p + j * m];
        rinv[i + j * m] = -s / this.r[i + i * m];
      }
    }
    const out = createMatrix(m, m);
    for (let a = 0; a < m; a++) {
      for (let b = a; b < m; b++) {
        let s = 0;
        for (let p = b; p < m; p++) s += rinv[a + p * m] * rinv[b + p * m];
        out.data[a + b * m] = s;
        out.data[b + a * m] = s;
      }
    }
    return out;
  }
}

/** Result of `leastSquares`. */
export interface LeastSquaresResult {
  /** Coefficients, length k, `NaN` at aliased columns. */
  coefficients: Float64Array;
  residuals: Float64Array;
  /** Residual sum of squares. */
  rss: number;
  rank: number;
  /** Indices of aliased columns (empty when A has full column rank). */
  aliased: readonly number[];
  /** The factorisation, for covariances and further right-hand sides. */
  qr: HouseholderQr;
}

/**
 * Ordinary least squares min ‖Ax − b‖² by Householder QR with rank detection (see
 * `HouseholderQr`). Matches `qr.solve`/`lm.fit` in R up to rounding for full-rank A.
 * @throws RangeError when shapes disagree or A has more columns than rows.
 */
export function leastSquares(a: Matrix | readonly Float64Array[], b: ArrayLike<number>, opts: Omit<QrOptions, 'rhs'> = {}): LeastSquaresResult {
  const qr = new HouseholderQr(a, { ...opts, rhs: [b] });
  if (b.length !== qr.n) throw new RangeError(`Right-hand side has ${b.length} values, expected ${qr.n}.`);
  const coefficients = qr.solve(b);
  const residuals = qr.residuals(b);
  return { coefficients, residuals, rss: qr.rss(b), rank: qr.rank, aliased: qr.aliased, qr };
}
