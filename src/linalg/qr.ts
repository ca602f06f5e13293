/**
 * Householder QR with rank detection, written as our own kernel over column-major
 * `Float64Array`: ml-matrix's `QrDecomposition` (row-array storage, no rank detection) took
 * 13 s for least squares with n = 10⁶, k = 20 on the benchmark machine, against the 2 s target
 * (`bench/cases/linalg.ts`); this kernel walks contiguous columns and needs well under that.
 *
 * Rank detection follows R's `lm` (LINPACK `dqrdc2` "limited pivoting"): columns are taken in
 * the given order, and a column whose norm, after projecting out the columns already accepted,
 * falls below `tol` times its original norm is declared aliased and skipped. So the aliased
 * column is always the later one of a collinear set, which lets callers name it.
 */
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';

/** Options of `householderQr`. */
export interface QrOptions {
  /** Relative tolerance for rank detection (R's `lm` uses 1e-7). */
  tol?: number;
  /** Factor in place, destroying `a.data` (saves a copy for very tall designs). */
  overwrite?: boolean;
}

/**
 * A Householder QR factorisation A·P = Q·R of an n×k matrix (n ≥ k), P moving aliased columns
 * out. Factor once, then `solve`/`residuals` for as many right-hand sides as needed.
 */
export class HouseholderQr {
  /** Rows of A. */
  readonly n: number;
  /** Columns of A. */
  readonly k: number;
  /** Numerical rank = number of accepted columns. */
  readonly rank: number;
  /** Indices (into A's columns) of the accepted columns, in order. */
  readonly kept: readonly number[];
  /** Indices of the aliased (linearly dependent) columns, in order. */
  readonly aliased: readonly number[];
  /** Householder vectors (column-major, vector p in column p, rows p..n−1). */
  private readonly v: Float64Array;
  /** 2 / (vᵀv) per reflector. */
  private readonly beta: Float64Array;
  /** R (rank×rank upper triangle, column-major), columns in `kept` order. */
  private readonly r: Float64Array;

  /**
   * Factor A.
   * @throws RangeError when A has more columns than rows.
   */
  constructor(a: Matrix, opts: QrOptions = {}) {
    const n = a.rows;
    const k = a.cols;
    if (k > n) throw new RangeError(`Least squares needs at least as many rows as columns (${n} < ${k}).`);
    const tol = opts.tol ?? 1e-7;
    const w = opts.overwrite ? a.data : Float64Array.from(a.data);
    const origNorm = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      const off = j * n;
      for (let i = 0; i < n; i++) s += w[off + i] * w[off + i];
      origNorm[j] = Math.sqrt(s);
    }
    const kept: number[] = [];
    const aliased: number[] = [];
    const v = new Float64Array(n * k); // only first `rank` columns used
    const beta = new Float64Array(k);
    const rCols: Float64Array[] = [];
    let r = 0;
    for (let j = 0; j < k; j++) {
      const off = j * n;
      let s = 0;
      for (let i = r; i < n; i++) s += w[off + i] * w[off + i];
      const norm = Math.sqrt(s);
      if (!(norm > tol * origNorm[j]) || origNorm[j] === 0) {
        aliased.push(j);
        continue;
      }
      // Reflector for w[r..n) of column j: H = I − β v vᵀ, H x = α e₁.
      const x0 = w[off + r];
      const alpha = x0 >= 0 ? -norm : norm;
      const vOff = r * n;
      v[vOff + r] = x0 - alpha;
      for (let i = r + 1; i < n; i++) v[vOff + i] = w[off + i];
      const vtv = s - x0 * x0 + (x0 - alpha) * (x0 - alpha);
      const b = vtv > 0 ? 2 / vtv : 0;
      beta[r] = b;
      // R column: rows 0..r−1 already hold R entries after previous reflectors; row r is α.
      const rc = new Float64Array(r + 1);
      for (let i = 0; i < r; i++) rc[i] = w[off + i];
      rc[r] = alpha;
      rCols.push(rc);
      // Apply H to the remaining columns.
      if (b !== 0) {
        for (let c = j + 1; c < k; c++) {
          const cOff = c * n;
          let d = 0;
          for (let i = r; i < n; i++) d += v[vOff + i] * w[cOff + i];
          const f = b * d;
          if (f === 0) continue;
          for (let i = r; i < n; i++) w[cOff + i] -= f * v[vOff + i];
        }
      }
      kept.push(j);
      r++;
    }
    const rank = r;
    const rMat = new Float64Array(rank * rank);
    for (let c = 0; c < rank; c++) {
      const rc = rCols[c];
      for (let i = 0; i <= c; i++) rMat[i + c * rank] = rc[i];
    }
    this.n = n;
    this.k = k;
    this.rank = rank;
    this.kept = Object.freeze(kept);
    this.aliased = Object.freeze(aliased);
    this.v = v;
    this.beta = beta;
    this.r = rMat;
  }

  /** True when no column is aliased. */
  isFullRank(): boolean {
    return this.rank === this.k;
  }

  /**
   * Qᵀb (length n; the first `rank` entries are the coordinates in the column space).
   * @throws RangeError when b has the wrong length.
   */
  qtb(b: ArrayLike<number>): Float64Array {
    const { n } = this;
    if (b.length !== n) throw new RangeError(`Right-hand side has ${b.length} values, expected ${n}.`);
    const q = Float64Array.from(b);
    for (let p = 0; p < this.rank; p++) this.reflect(p, q);
    return q;
  }

  private reflect(p: number, x: Float64Array): void {
    const { n, v } = this;
    const off = p * n;
    let d = 0;
    for (let i = p; i < n; i++) d += v[off + i] * x[i];
    const f = this.beta[p] * d;
    if (f === 0) return;
    for (let i = p; i < n; i++) x[i] -= f * v[off + i];
  }

  /**
   * Least-squares coefficients x minimising ‖Ax − b‖, length k, with `NaN` at aliased columns
   * (as R reports `NA`): x_kept = R⁻¹ (Qᵀb)[0..rank).
   * @throws RangeError when b has the wrong length.
   */
  solve(b: ArrayLike<number>): Float64Array {
    const q = this.qtb(b);
    const z = this.backSolve(q.subarray(0, this.rank));
    const x = new Float64Array(this.k).fill(Number.NaN);
    this.kept.forEach((col, p) => { x[col] = z[p]; });
    return x;
  }

  /** Solves R z = c (rank × rank upper triangular). */
  private backSolve(c: ArrayLike<number>): Float64Array {
    const m = this.rank;
    const z = Float64Array.from(c);
    for (let i = m - 1; i >= 0; i--) {
      let s = z[i];
      for (let j = i + 1; j < m; j++) s -= this.r[i + j * m] * z[j];
      z[i] = s / this.r[i + i * m];
    }
    return z;
  }

  /**
   * Residuals b − A·x̂ of the least-squares fit, computed as Q·(0, (Qᵀb)[rank..n)) without A.
   * @throws RangeError when b has the wrong length.
   */
  residuals(b: ArrayLike<number>): Float64Array {
    const q = this.qtb(b);
    for (let i = 0; i < this.rank; i++) q[i] = 0;
    for (let p = this.rank - 1; p >= 0; p--) this.reflect(p, q);
    return q;
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
    // Rinv: upper triangular inverse of R, column by column.
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
export function leastSquares(a: Matrix, b: ArrayLike<number>, opts: QrOptions = {}): LeastSquaresResult {
  if (b.length !== a.rows) throw new RangeError(`Right-hand side has ${b.length} values, expected ${a.rows}.`);
  const qr = new HouseholderQr(a, opts);
  const q = qr.qtb(b);
  let rss = 0;
  for (let i = qr.rank; i < q.length; i++) rss += q[i] * q[i];
  const coefficients = qr.solve(b);
  const residuals = qr.residuals(b);
  return { coefficients, residuals, rss, rank: qr.rank, aliased: qr.aliased, qr };
}
