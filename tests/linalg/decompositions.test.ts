import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotPositiveDefiniteError, SingularDesignError } from '../../src/core/errors';
import { createRng } from '../../src/core/random';
import { cholesky } from '../../src/linalg/cholesky';
import { symmetricEigen } from '../../src/linalg/eigen';
import { lu } from '../../src/linalg/lu';
import { createMatrix, crossprod, fromColumns, fromRows, identity, matMul, matVec, maxAbsDiff, transpose } from '../../src/linalg/matrix';
import { ALGEBRA_TOL, maxRelErr, relErr } from '../tolerances';

/** A random SPD matrix AᵀA + n·I. */
function randomSpd(seed: number, n: number) {
  const rng = createRng(seed);
  const a = fromColumns(Array.from({ length: n }, () => Float64Array.from({ length: n + 2 }, () => rng.normal())));
  const s = crossprod(a);
  for (let i = 0; i < n; i++) s.data[i + i * n] += 0.1;
  return s;
}

describe('Cholesky', () => {
  // R: t(chol(matrix(c(4,12,-16,12,37,-43,-16,-43,98), 3)))
  const A = fromRows([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]);
  it('textbook example: L and log det', () => {
    const c = cholesky(A);
    expect(maxAbsDiff(c.lower(), fromRows([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))).toBeLessThan(1e-12);
    expect(relErr(c.logDet(), 3.5835189384561121)).toBeLessThan(1e-12); // determinant(A)$modulus = log 36
    const x = c.solve([1, 2, 3]);
    expect(maxAbsDiff(createMatrix(3, 1, matVec(A, x)), createMatrix(3, 1, Float64Array.from([1, 2, 3])))).toBeLessThan(1e-9);
  });
  it('property: L·Lᵀ ≈ A and logDet = log|det| from LU', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 12 }), (seed, n) => {
      const s = randomSpd(seed, n);
      const c = cholesky(s);
      const L = c.lower();
      expect(maxAbsDiff(matMul(L, transpose(L)), s)).toBeLessThan(ALGEBRA_TOL * (1 + Math.max(...s.data.map(Math.abs))));
      expect(Math.abs(c.logDet() - lu(s).logAbsDet())).toBeLessThan(1e-8);
      const inv = c.inverse();
      expect(maxAbsDiff(matMul(inv, s), identity(n))).toBeLessThan(1e-7);
    }), { numRuns: 60 });
  });
  it('throws NotPositiveDefiniteError with a clear message', () => {
    const bad = fromRows([[1, 2], [2, 1]]);
    expect(() => cholesky(bad, 'covariance matrix')).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky(bad, 'covariance matrix')).toThrow('The covariance matrix is not positive definite.');
    expect(() => cholesky(fromRows([[0, 0], [0, 1]]))).toThrow('The matrix is not positive definite (diagonal element 1 is 0).');
    expect(() => cholesky(fromRows([[1, 0.5], [0.4, 1]]))).toThrow('Cholesky needs a symmetric matrix; element (1, 0) differs from (0, 1).');
  });
});

describe('LU', () => {
  // R: B <- matrix(c(2,1,1,3,2,1,2,1,3), 3, byrow = TRUE); det(B); solve(B, c(1,2,3))
  const B = fromRows([[2, 1, 1], [3, 2, 1], [2, 1, 3]]);
  it('det and solve', () => {
    const f = lu(B);
    expect(relErr(f.det(), 2)).toBeLessThan(1e-12);
    expect(relErr(f.logAbsDet(), Math.log(2))).toBeLessThan(1e-12);
    expect(maxRelErr(f.solve([1, 2, 3]), [-1, 2, 1])).toBeLessThan(1e-12);
  });
  it('singular matrices throw SingularDesignError', () => {
    const f = lu(fromRows([[1, 2], [2, 4]]));
    expect(f.isSingular()).toBe(true);
    expect(() => f.solve([1, 1])).toThrow(SingularDesignError);
    expect(() => f.solve([1, 1])).toThrow('The matrix is singular; the linear system has no unique solution.');
  });
});

describe('symmetric eigen-decomposition', () => {
  it('tridiagonal (2, −1) example: eigen(S)$values = 2 + √2, 2, 2 − √2', () => {
    const S = fromRows([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
    const { values } = symmetricEigen(S);
    expect(maxRelErr(values, [2 - Math.SQRT2, 2, 2 + Math.SQRT2])).toBeLessThan(1e-12);
  });
  it('property: A·V = V·Λ and VᵀV = I', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 10 }), (seed, n) => {
      const s = randomSpd(seed, n);
      const { values, vectors } = symmetricEigen(s);
      const lam = createMatrix(n, n);
      values.forEach((v, i) => { lam.data[i + i * n] = v; });
      expect(maxAbsDiff(matMul(s, vectors), matMul(vectors, lam))).toBeLessThan(1e-8 * (1 + values[n - 1]));
      expect(maxAbsDiff(matMul(transpose(vectors), vectors), identity(n))).toBeLessThan(1e-10);
      for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    }), { numRuns: 40 });
  });
});
