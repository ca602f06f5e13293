/**
 * Symmetric eigen-decomposition A = V·diag(λ)·Vᵀ, from ml-matrix's `EigenvalueDecomposition`
 * (Householder tridiagonalisation + QL, `assumeSymmetric`), returned in ascending order.
 */
import { EigenvalueDecomposition } from 'ml-matrix';
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';
import { toMl } from './ml-interop';

/** Eigenvalues (ascending) and orthonormal eigenvectors (column j belongs to values[j]). */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Matrix;
}

/**
 * Eigen-decomposition of a symmetric matrix (only symmetric input is meaningful; the
 * strictly upper triangle is assumed to mirror the lower one).
 * Reference: LAPACK `dsyev`, R's `eigen(symmetric = TRUE)` (which sorts descending).
 * @throws RangeError when A is not square.
 */
export function symmetricEigen(a: Matrix): SymmetricEigen {
  if (a.rows !== a.cols) throw new RangeError(`Eigen-decomposition needs a square matrix, got ${a.rows}×${a.cols}.`);
  const n = a.rows;
  const evd = new EigenvalueDecomposition(toMl(a), { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((x, y) => vals[x] - vals[y]);
  const values = new Float64Array(n);
  const vectors = createMatrix(n, n);
  order.forEach((src, j) => {
    values[j] = vals[src];
    for (let i = 0; i < n; i++) vectors.data[i + j * n] = vecs.get(i, src);
  });
  return { values, vectors };
}
