/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, from ml-matrix's
 * `CholeskyDecomposition` (fast enough for the k×k and n×n problems here), wrapped to factor
 * once and solve many, with `logDet` and a typed error.
 */
import { CholeskyDecomposition } from 'ml-matrix';
import { NotPositiveDefiniteError } from '../core/errors';
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';
import { columnToMl, fromMl, mlToColumn, toMl } from './ml-interop';

/** Relative asymmetry tolerated before symmetrising: |a_ij − a_ji| ≤ 1e-10·max|a|. */
const SYMMETRY_RTOL = 1e-10;

/** A Cholesky factorisation A = L·Lᵀ. */
export class Cholesky {
  /** Order of A. */
  readonly n: number;
  private readonly dec: CholeskyDecomposition;
  private readonly l: Matrix;

  /**
   * Factor A (symmetrised as (A + Aᵀ)/2 when asymmetric only by rounding).
   * @throws RangeError when A is not square or clearly asymmetric.
   * @throws NotPositiveDefiniteError when A is not positive definite.
   */
  constructor(a: Matrix, what = 'matrix') {
    if (a.rows !== a.cols) throw new RangeError(`Cholesky needs a square matrix, got ${a.rows}×${a.cols}.`);
    const n = a.rows;
    let maxAbs = 0;
    for (let i = 0; i < a.data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(a.data[i]));
    const s = createMatrix(n, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const x = a.data[i + j * n];
        const y = a.data[j + i * n];
        if (Math.abs(x - y) > SYMMETRY_RTOL * maxAbs) {
          throw new RangeError(`Cholesky needs a symmetric matrix; element (${i}, ${j}) differs from (${j}, ${i}).`);
        }
        s.data[i + j * n] = 0.5 * (x + y);
      }
    }
    for (let i = 0; i < n; i++) {
      if (!(s.data[i + i * n] > 0)) {
        throw new NotPositiveDefiniteError(`The ${what} is not positive definite (diagonal element ${i + 1} is ${s.data[i + i * n]}).`, { index: i, what, element: i + 1, value: s.data[i + i * n] }, 'not-positive-definite-pivot');
      }
    }
    const dec = new CholeskyDecomposition(toMl(s));
    if (!dec.isPositiveDefinite()) {
      throw new NotPositiveDefiniteError(`The ${what} is not positive definite.`, { what }, 'not-positive-definite');
    }
    this.n = n;
    this.dec = dec;
    this.l = fromMl(dec.lowerTriangularMatrix);
  }

  /** The lower-triangular factor L (copy). */
  lower(): Matrix {
    return createMatrix(this.n, this.n, Float64Array.from(this.l.data));
  }

  /**
   * x with A·x = b.
   * @throws RangeError when b has the wrong length.
   */
  solve(b: ArrayLike<number>): Float64Array {
    if (b.length !== this.n) throw new RangeError(`Right-hand side has ${b.length} values, expected ${this.n}.`);
    return mlToColumn(this.dec.solve(columnToMl(b)));
  }

  /** log det A = 2 Σ log L_ii. */
  logDet(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += Math.log(this.l.data[i + i * this.n]);
    return 2 * s;
  }

  /** A⁻¹ (symmetric), column by column from the factor. */
  inverse(): Matrix {
    const n = this.n;
    const out = createMatrix(n, n);
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      out.data.set(this.solve(e), j * n);
    }
    return out;
  }
}

/**
 * Factor a symmetric positive-definite matrix: `cholesky(A).solve(b)`, `.logDet()`.
 * @throws NotPositiveDefiniteError when A is not positive definite.
 */
export function cholesky(a: Matrix, what?: string): Cholesky {
  return new Cholesky(a, what);
}
