import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import { matVec, transposeMatVec, toRows } from '../../src/linalg/matrix';
import { CsrMatrix } from '../../src/linalg/sparse';

describe('CSR sparse matrices', () => {
  it('fromTriplets sums duplicates, drops zeros, sorts columns', () => {
    const m = CsrMatrix.fromTriplets(3, 3, [0, 2, 0, 1, 1], [2, 0, 2, 1, 0], [1, 5, 2, 0, 4]);
    expect(toRows(m.toDense())).toEqual([[0, 0, 3], [4, 0, 0], [5, 0, 0]]);
    expect(m.nnz).toBe(3);
    expect(Array.from(m.rowPtr)).toEqual([0, 1, 2, 3]);
    expect(Array.from(m.rowSums())).toEqual([3, 4, 5]);
  });
  it('rejects out-of-range entries', () => {
    expect(() => CsrMatrix.fromTriplets(2, 2, [0], [2], [1])).toThrow('Entry (0, 2) is outside a 2×2 matrix.');
    expect(() => CsrMatrix.fromTriplets(2, 2, [0], [1], [Number.NaN])).toThrow('Entry (0, 1) is not a finite number.');
    const m = CsrMatrix.fromTriplets(2, 3, [0], [1], [1]);
    expect(() => m.matVec([1, 2])).toThrow('Vector has 2 values, expected 3.');
  });
  it('property: matVec, transposeMatVec and transpose agree with dense products', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 15 }), (seed, r, c) => {
      const rng = createRng(seed);
      const ii: number[] = []; const jj: number[] = []; const vv: number[] = [];
      for (let k = 0; k < r * c; k++) {
        if (rng.uniform() < 0.3) { ii.push(rng.int(r)); jj.push(rng.int(c)); vv.push(rng.normal()); }
      }
      const s = CsrMatrix.fromTriplets(r, c, ii, jj, vv);
      const dense = s.toDense();
      const x = Float64Array.from({ length: c }, () => rng.normal());
      const z = Float64Array.from({ length: r }, () => rng.normal());
      const a = s.matVec(x); const b = matVec(dense, x);
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-12));
      const at = s.transposeMatVec(z); const bt = transposeMatVec(dense, z);
      at.forEach((v, i) => expect(Math.abs(v - bt[i])).toBeLessThan(1e-12));
      const tt = s.transpose().matVec(z);
      tt.forEach((v, i) => expect(Math.abs(v - bt[i])).toBeLessThan(1e-12));
      expect(toRows(CsrMatrix.fromDense(dense).toDense())).toEqual(toRows(dense));
    }), { numRuns: 60 });
  });
});
