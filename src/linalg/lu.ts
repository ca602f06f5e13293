/**
 * LU factorisation with partial pivoting P·A = L·U, from ml-matrix's `LuDecomposition`,
 * wrapped to factor once and solve many, with `det` and `logAbsDet`.
 */
import { LuDecomposition } from 'ml-matrix';
import { SingularDesignError } from '../core/errors';
import type { Matrix } from './matrix';
import { columnToMl, mlToColumn, toMl } from './ml-interop';

/** An LU factorisation of a square matrix. */
export class Lu {
  readonly n: number;
  private readonly dec: LuDecomposition;

  /** @throws RangeError when A is not square. */
  constructor(a: Matrix) {
    if (a.rows !== a.cols) throw new RangeError(`LU needs a square matrix, got ${a.rows}×${a.cols}.`);
    this.n = a.rows;
    this.dec = new LuDecomposition(toMl(a));
  }

  /** True when some pivot is exactly zero. */
  isSingular(): boolean {
    return this.dec.isSingular();
  }

  /**
   * x with A·x = b.
   * @throws SingularDesignError when A is singular.
   * @throws RangeError when b has the wrong length.
   */
  solve(b: ArrayLike<number>): Float64Array {
    if (b.length !== this.n) throw new RangeError(`Right-hand side has ${b.length} values, expected ${this.n}.`);
    if (this.isSingular()) throw new SingularDesignError('The matrix is singular; the linear system has no unique solution.', {}, 'singular-matrix');
    return mlToColumn(this.dec.solve(columnToMl(b)));
  }

  /** det A = sign(P)·Π U_ii. */
  det(): number {
    return this.dec.determinant;
  }

  /** log |det A| = Σ log |U_ii| (no overflow for large n); −Infinity when singular. */
  logAbsDet(): number {
    const u = this.dec.upperTriangularMatrix;
    let s = 0;
    for (let i = 0; i < this.n; i++) s += Math.log(Math.abs(u.get(i, i)));
    return s;
  }
}

/** Factor a square matrix: `lu(A).solve(b)`, `.det()`. @throws RangeError when A is not square. */
export function lu(a: Matrix): Lu {
  return new Lu(a);
}
