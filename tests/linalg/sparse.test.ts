import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import { matVec, transposeMatVec, toRows } from '../../src/linalg/matrix';
import { CsrMatrix, perronRoot } from '../../src/linalg/sparse';

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

describe('CSR helpers behind SpatialWeights', () => {
  const m = CsrMatrix.fromTriplets(3, 3, [0, 0, 1, 2, 1], [1, 2, 0, 0, 2], [2, 1, 2, 1, 4]);
  it('row views, lookup by binary search, row and column sums', () => {
    expect(Array.from(m.row(0).cols)).toEqual([1, 2]);
    expect(Array.from(m.row(0).values)).toEqual([2, 1]);
    expect(m.rowLength(2)).toBe(1);
    expect(m.get(1, 2)).toBe(4);
    expect(m.get(2, 1)).toBe(0);
    expect(m.find(2, 1)).toBe(-1);
    expect(Array.from(m.colSums())).toEqual([3, 2, 5]);
    expect(Array.from(m.divideRows([3, 6, 1]).values)).toEqual([2 / 3, 1 / 3, 2 / 6, 4 / 6, 1]);
    expect(Object.isFrozen(m)).toBe(true);
  });
  it('symmetry, principal submatrix, duplicates reported instead of summed', () => {
    expect(m.isSymmetric()).toBe(false);
    expect(m.isStructurallySymmetric()).toBe(false);
    const s = CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [3, 3]);
    expect(s.isSymmetric()).toBe(true);
    // rows/columns (2, 0) of m: [[0, 1], [1, 0]]
    expect(toRows(m.principalSubmatrix([2, 0]).toDense())).toEqual([[0, 1], [1, 0]]);
    expect(() => CsrMatrix.fromTriplets(2, 2, [0, 0], [1, 1], [1, 2], { onDuplicate: (i, j) => { throw new Error(`dup ${i},${j}`); } })).toThrow('dup 0,1');
  });
  it('perronRoot: the largest eigenvalue of a non-negative matrix, also for a bipartite graph', () => {
    // path 0–1–2 (bipartite): eigenvalues ±√2, 0
    const p = CsrMatrix.fromTriplets(3, 3, [0, 1, 1, 2], [1, 0, 2, 1], [1, 1, 1, 1]);
    expect(Math.abs(perronRoot(p) - Math.SQRT2)).toBeLessThan(1e-10);
    expect(perronRoot(CsrMatrix.fromTriplets(2, 2, [], [], []))).toBe(0);
  });
});
