import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import { fromColumns, fromRows, matVec, toRows, transposeMatVec, crossprod, maxAbsDiff } from '../../src/linalg/matrix';
import { HouseholderQr, leastSquares } from '../../src/linalg/qr';
import { cholesky } from '../../src/linalg/cholesky';
import { ALGEBRA_TOL, maxRelErr, relErr } from '../tolerances';

describe('least squares by Householder QR', () => {
  // R: coef(lm(y ~ X - 1)) with X = cbind(1, 1:5, c(2,1,4,3,6)), y = c(1,3,2,5,4)
  const X = fromRows([[1, 1, 2], [1, 2, 1], [1, 3, 4], [1, 4, 3], [1, 5, 6]]);
  const y = [1, 3, 2, 5, 4];
  it('matches lm on a small problem', () => {
    const ls = leastSquares(X, y);
    expect(maxRelErr(ls.coefficients, [0.76666666666666583, 1.63333333333333286, -0.83333333333333248])).toBeLessThan(1e-12);
    expect(relErr(ls.rss, 0.26666666666666677)).toBeLessThan(1e-12); // sum(resid(lm)^2)
    expect(ls.rank).toBe(3);
    // residuals orthogonal to the columns
    transposeMatVec(X, ls.residuals).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-12));
  });
  it('unscaledCovariance is (X\'X)⁻¹', () => {
    const qr = new HouseholderQr(X);
    const inv = qr.unscaledCovariance();
    const xtx = crossprod(X);
    const viaChol = cholesky(xtx).inverse();
    expect(maxAbsDiff(inv, viaChol)).toBeLessThan(1e-12);
  });
  it('detects an aliased column, reports it and returns NaN there (like R\'s NA)', () => {
    const c0 = [1, 1, 1, 1, 1];
    const c1 = [1, 2, 3, 4, 5];
    const c2 = c1.map((v) => 3 * v - 2); // = 3·c1 − 2·c0
    const c3 = [2, 1, 4, 3, 6];
    const ls = leastSquares(fromColumns([c0, c1, c2, c3]), y);
    expect(ls.aliased).toEqual([2]);
    expect(ls.rank).toBe(3);
    expect(ls.coefficients[2]).toBeNaN();
    // the other coefficients equal the fit without the aliased column
    expect(maxRelErr([ls.coefficients[0], ls.coefficients[1], ls.coefficients[3]],
      [0.76666666666666583, 1.63333333333333286, -0.83333333333333248])).toBeLessThan(1e-10);
  });
  it('zero columns are aliased', () => {
    const qr = new HouseholderQr(fromColumns([[0, 0, 0], [1, 2, 3]]));
    expect(qr.aliased).toEqual([0]);
    expect(qr.kept).toEqual([1]);
  });
  it('new right-hand sides (corrected semi-normal equations) match carried ones', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
      const rng = createRng(seed);
      const cols = Array.from({ length: 5 }, () => Float64Array.from({ length: 700 }, () => rng.normal()));
      cols[4] = Float64Array.from(cols[4], (v, i) => v * 1e-3 + cols[0][i]); // ill-conditioned pair
      const b = Float64Array.from({ length: 700 }, () => rng.normal());
      const carried = new HouseholderQr(cols, { rhs: [b] });
      const fresh = new HouseholderQr(cols);
      expect(maxRelErr(fresh.solve(b), carried.solve(b))).toBeLessThan(1e-8);
      expect(relErr(fresh.rss(b), carried.rss(b))).toBeLessThan(1e-10);
      const e = carried.residuals(b);
      expect(relErr(e.reduce((a, v) => a + v * v, 0), carried.rss(b))).toBeLessThan(1e-10);
    }), { numRuns: 30 });
  });
  it('rejects wide matrices and wrong right-hand sides', () => {
    expect(() => new HouseholderQr(fromRows([[1, 2, 3]]))).toThrow('Least squares needs at least as many rows as columns (1 < 3).');
    expect(() => leastSquares(X, [1, 2])).toThrow('Right-hand side has 2 values, expected 5.');
  });
  it('property: solves consistent systems exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 30 }), (seed, k, extra) => {
      const rng = createRng(seed);
      const n = k + extra;
      const cols = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => rng.normal()));
      const A = fromColumns(cols);
      const x = Float64Array.from({ length: k }, () => rng.normal() * 10);
      const b = matVec(A, x);
      const ls = leastSquares(A, b);
      expect(ls.aliased).toEqual([]);
      for (let j = 0; j < k; j++) expect(Math.abs(ls.coefficients[j] - x[j])).toBeLessThan(1e-8 * (1 + Math.abs(x[j])));
      expect(ls.rss).toBeLessThan(1e-16 * n * 1e4);
    }), { numRuns: 100 });
  });
  it('property: R is upper triangular with QᵀA = R (RᵀR = AᵀA)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
      const rng = createRng(seed);
      const A = fromColumns(Array.from({ length: 4 }, () => Float64Array.from({ length: 9 }, () => rng.normal())));
      const R = new HouseholderQr(A).getR();
      const rtr = crossprod(R);
      expect(maxAbsDiff(rtr, crossprod(A))).toBeLessThan(ALGEBRA_TOL);
      toRows(R).forEach((row, i) => row.forEach((v, j) => { if (j < i) expect(v).toBe(0); }));
    }), { numRuns: 50 });
  });
});
