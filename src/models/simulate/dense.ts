/**
 * Small dense helpers for the demonstration data-generating process (n ≈ 31 regions):
 * a row-standardised k-nearest-neighbour matrix, and an LU solver.
 * Deliberately local and dense: the production weights live in `src/weights` (sparse CSR);
 * this module only has to make a documented, reproducible W for simulation. Distances are
 * the one great-circle `haversineKm` of `src/geo/distance`.
 */
import { InputError, SingularDesignError } from '../../core/errors';
import { haversineKm } from '../../geo/distance';

/** A dense row-major n × n matrix with its neighbour lists. */
export interface DenseWeights {
  readonly n: number;
  /** Row-major entries w_ij = data[i·n + j]. */
  readonly data: Float64Array;
  /** Indices of the k nearest neighbours of each row, nearest first. */
  readonly neighbors: readonly (readonly number[])[];
}

/**
 * Row-standardised k-nearest-neighbour weights on great-circle distances:
 * w_ij = 1/k when j is among the k regions nearest to i (j ≠ i; ties broken by index), else 0.
 * Every row sums to 1 and no region is an island (each has exactly k neighbours), so even
 * Hainan is linked to the mainland. Not symmetric in general.
 * Reference: the same construction as `spdep::knearneigh(k) |> knn2nb |> nb2listw(style = 'W')`
 * with great-circle distances.
 * @throws InputError `simulate-bad-k` / `simulate-lonlat-length` / `simulate-matrix-size` / `simulate-rhs-length` when k is not an integer in 1..n−1 or lengths differ.
 */
export function knnRowStandardised(lon: readonly number[], lat: readonly number[], k: number): DenseWeights {
  const n = lon.length;
  if (lat.length !== n) throw new InputError('simulate-lonlat-length', `lon has ${n} values but lat has ${lat.length}.`, { n, latLength: lat.length });
  if (!Number.isInteger(k) || k < 1 || k > n - 1) {
    throw new InputError('simulate-bad-k', `k must be an integer between 1 and ${n - 1}, got ${k}.`, { max: n - 1, k });
  }
  const data = new Float64Array(n * n);
  const neighbors: number[][] = [];
  for (let i = 0; i < n; i++) {
    const order: { j: number; d: number }[] = [];
    for (let j = 0; j < n; j++) if (j !== i) order.push({ j, d: haversineKm(lon[i], lat[i], lon[j], lat[j]) });
    order.sort((a, b) => a.d - b.d || a.j - b.j);
    const nb = order.slice(0, k).map((o) => o.j);
    for (const j of nb) data[i * n + j] = 1 / k;
    neighbors.push(nb);
  }
  return Object.freeze({ n, data, neighbors: Object.freeze(neighbors.map((x) => Object.freeze(x))) });
}

/** An LU factorisation with partial pivoting that solves A x = b for many b. */
export interface DenseLu {
  readonly n: number;
  solve(b: Float64Array): Float64Array;
}

/**
 * LU factorisation with partial pivoting (Gaussian elimination, PA = LU), factor once, solve
 * many. Reference: Golub & Van Loan, Matrix Computations, Alg. 3.4.1.
 * @throws SingularDesignError when a pivot is zero (|pivot| ≤ 1e-14 · max |a_ij|).
 */
export function denseLu(a: Float64Array, n: number): DenseLu {
  if (a.length !== n * n) throw new InputError('simulate-matrix-size', `Matrix has ${a.length} entries, expected ${n * n}.`, { entries: a.length, expected: n * n });
  const lu = Float64Array.from(a);
  const piv = Int32Array.from({ length: n }, (_, i) => i);
  let scale = 0;
  for (let i = 0; i < lu.length; i++) scale = Math.max(scale, Math.abs(lu[i]));
  const tol = 1e-14 * (scale || 1);
  for (let c = 0; c < n; c++) {
    let p = c, best = Math.abs(lu[c * n + c]);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(lu[r * n + c]);
      if (v > best) { best = v; p = r; }
    }
    if (best <= tol) throw new SingularDesignError(`The matrix is singular (zero pivot in column ${c + 1}).`, { column: c, pivotColumn: c + 1 }, 'singular-matrix-pivot');
    if (p !== c) {
      for (let j = 0; j < n; j++) { const t = lu[c * n + j]; lu[c * n + j] = lu[p * n + j]; lu[p * n + j] = t; }
      const t = piv[c]; piv[c] = piv[p]; piv[p] = t;
    }
    const d = lu[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = (lu[r * n + c] /= d);
      if (f !== 0) for (let j = c + 1; j < n; j++) lu[r * n + j] -= f * lu[c * n + j];
    }
  }
  return {
    n,
    solve(b: Float64Array): Float64Array {
      if (b.length !== n) throw new InputError('simulate-rhs-length', `Right-hand side has ${b.length} values, expected ${n}.`, { length: b.length, n });
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = b[piv[i]];
        for (let j = 0; j < i; j++) s -= lu[i * n + j] * x[j];
        x[i] = s;
      }
      for (let i = n - 1; i >= 0; i--) {
        let s = x[i];
        for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
        x[i] = s / lu[i * n + i];
      }
      return x;
    },
  };
}

/** y = W x for a dense row-major W. */
export function denseMatVec(w: Float64Array, n: number, x: Float64Array | readonly number[]): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += w[i * n + j] * x[j];
    y[i] = s;
  }
  return y;
}
