/**
 * `symmetricEigenFast` (tred2 / tql2 on flat arrays) against ml-matrix's EigenvalueDecomposition
 * (`symmetricEigen`, the same Handbook algorithm over row arrays) and the defining identities
 * A·v = λ·v, VᵀV = I (property test over random symmetric matrices).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/linalg/eigen';
import { createMatrix } from '../../src/linalg/matrix';
import { symmetricEigenFast } from '../../src/linalg/tridiagonal-eigen';
import { ALGEBRA_TOL } from '../tolerances';

describe('symmetricEigenFast', () => {
  it('matches ml-matrix and satisfies A·V = V·Λ, VᵀV = I', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      let s = seed + 1;
      const rnd = (): number => { s = (s * 16807) % 2147483647; return s / 2147483647 - 0.5; };
      const a = createMatrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const x = rnd(); a.data[i + j * n] = x; a.data[j + i * n] = x; }
      const ref = symmetricEigen(a);
      const only = symmetricEigenFast(a);
      const full = symmetricEigenFast(a, true);
      const V = full.vectors!;
      for (let j = 0; j < n; j++) {
        expect(Math.abs(only.values[j] - ref.values[j])).toBeLessThan(ALGEBRA_TOL);
        expect(full.values[j]).toBe(only.values[j]);
        for (let i = 0; i < n; i++) {
          let av = 0, vv = 0;
          for (let k = 0; k < n; k++) { av += a.data[i + k * n] * V.data[k + j * n]; vv += V.data[k + i * n] * V.data[k + j * n]; }
          expect(Math.abs(av - full.values[j] * V.data[i + j * n])).toBeLessThan(ALGEBRA_TOL);
          expect(Math.abs(vv - (i === j ? 1 : 0))).toBeLessThan(ALGEBRA_TOL);
        }
      }
    }), { numRuns: 40, seed: 5 });
  });
  it('handles diagonal and zero matrices', () => {
    const d = createMatrix(3, 3, Float64Array.of(3, 0, 0, 0, -1, 0, 0, 0, 2));
    expect([...symmetricEigenFast(d).values]).toEqual([-1, 2, 3]);
    expect([...symmetricEigenFast(createMatrix(2, 2)).values]).toEqual([0, 0]);
  });
});
