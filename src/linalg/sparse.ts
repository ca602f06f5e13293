/**
 * Sparse matrices in compressed sparse row (CSR) form, for spatial weights and the implicit
 * I_T ⊗ W products of panel models (never an NT×NT dense matrix).
 */
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';

/**
 * An immutable CSR matrix: row i holds `colIndex/values[rowPtr[i] .. rowPtr[i+1])`, columns
 * ascending and unique. The object is frozen; its typed arrays may be shared between matrices
 * derived from one another (same sparsity pattern) and must be treated as read-only.
 */
export class CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIndex: Int32Array;
  readonly values: Float64Array;

  /** @throws RangeError when the arrays are inconsistent. */
  constructor(rows: number, cols: number, rowPtr: Int32Array, colIndex: Int32Array, values: Float64Array) {
    if (rowPtr.length !== rows + 1) throw new RangeError(`rowPtr must have ${rows + 1} entries, got ${rowPtr.length}.`);
    const nnz = rowPtr[rows];
    if (colIndex.length !== nnz || values.length !== nnz) throw new RangeError(`Expected ${nnz} column indices and values.`);
    for (let p = 0; p < nnz; p++) {
      if (colIndex[p] < 0 || colIndex[p] >= cols) throw new RangeError(`Column index ${colIndex[p]} out of range 0..${cols - 1}.`);
    }
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIndex = colIndex;
    this.values = values;
    Object.freeze(this);
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.rowPtr[this.rows];
  }

  /**
   * y = A·x.
   * @throws RangeError when x has the wrong length.
   */
  matVec(x: ArrayLike<number>, out?: Float64Array): Float64Array {
    if (x.length !== this.cols) throw new RangeError(`Vector has ${x.length} values, expected ${this.cols}.`);
    const y = out ?? new Float64Array(this.rows);
    const { rowPtr, colIndex, values } = this;
    for (let i = 0; i < this.rows; i++) {
      let s = 0;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += values[p] * x[colIndex[p]];
      y[i] = s;
    }
    return y;
  }

  /**
   * y = Aᵀ·x without forming Aᵀ.
   * @throws RangeError when x has the wrong length.
   */
  transposeMatVec(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.rows) throw new RangeError(`Vector has ${x.length} values, expected ${this.rows}.`);
    const y = new Float64Array(this.cols);
    const { rowPtr, colIndex, values } = this;
    for (let i = 0; i < this.rows; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) y[colIndex[p]] += values[p] * xi;
    }
    return y;
  }

  /** Aᵀ as a new CSR matrix. */
  transpose(): CsrMatrix {
    const counts = new Int32Array(this.cols + 1);
    for (let p = 0; p < this.nnz; p++) counts[this.colIndex[p] + 1]++;
    for (let j = 0; j < this.cols; j++) counts[j + 1] += counts[j];
    const next = Int32Array.from(counts.subarray(0, this.cols));
    const ci = new Int32Array(this.nnz);
    const v = new Float64Array(this.nnz);
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) {
        const q = next[this.colIndex[p]]++;
        ci[q] = i;
        v[q] = this.values[p];
      }
    }
    return new CsrMatrix(this.cols, this.rows, counts, ci, v);
  }

  /** Dense copy (tests and small problems only). */
  toDense(): Matrix {
    const m = createMatrix(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) m.data[i + this.colIndex[p] * this.rows] += this.values[p];
    }
    return m;
  }

  /** Row sums. */
  rowSums(): Float64Array {
    const s = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) s[i] += this.values[p];
    }
    return s;
  }

  /** Entries of row i as views: column indices (ascending) and values. */
  row(i: number): { readonly cols: Int32Array; readonly values: Float64Array } {
    const lo = this.rowPtr[i], hi = this.rowPtr[i + 1];
    return { cols: this.colIndex.subarray(lo, hi), values: this.values.subarray(lo, hi) };
  }

  /** Number of stored entries in row i. */
  rowLength(i: number): number {
    return this.rowPtr[i + 1] - this.rowPtr[i];
  }

  /** Position of entry (i, j) in `colIndex`/`values`, or -1 when not stored (binary search). */
  find(i: number, j: number): number {
    let lo = this.rowPtr[i], hi = this.rowPtr[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1, c = this.colIndex[mid];
      if (c === j) return mid;
      if (c < j) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** a_ij, 0 when the entry is not stored. */
  get(i: number, j: number): number {
    const p = this.find(i, j);
    return p < 0 ? 0 : this.values[p];
  }

  /** Column sums Σ_i a_ij. */
  colSums(): Float64Array {
    const s = new Float64Array(this.cols);
    for (let p = 0; p < this.nnz; p++) s[this.colIndex[p]] += this.values[p];
    return s;
  }

  /**
   * A matrix with the same sparsity pattern and new values (aligned with `colIndex`).
   * @throws RangeError when `values` has the wrong length.
   */
  withValues(values: Float64Array): CsrMatrix {
    return new CsrMatrix(this.rows, this.cols, this.rowPtr, this.colIndex, values);
  }

  /** f applied to every stored value (same sparsity pattern; entries mapped to 0 are kept). */
  map(f: (v: number) => number): CsrMatrix {
    return this.withValues(this.values.map(f));
  }

  /** D⁻¹A: row i divided by d_i (rows without entries are left alone whatever d_i). */
  divideRows(d: ArrayLike<number>): CsrMatrix {
    if (d.length !== this.rows) throw new RangeError(`Divisors have ${d.length} values, expected ${this.rows}.`);
    const v = new Float64Array(this.nnz);
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) v[p] = this.values[p] / d[i];
    }
    return this.withValues(v);
  }

  /** True when the sparsity pattern is symmetric: (i, j) stored ⇔ (j, i) stored. */
  isStructurallySymmetric(): boolean {
    if (this.rows !== this.cols) return false;
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) if (this.find(this.colIndex[p], i) < 0) return false;
    }
    return true;
  }

  /** True when A = Aᵀ: symmetric pattern and |a_ij − a_ji| ≤ rtol · max(|a_ij|, |a_ji|). */
  isSymmetric(rtol = 1e-12): boolean {
    if (!this.isStructurallySymmetric()) return false;
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) {
        const v = this.values[p], u = this.get(this.colIndex[p], i);
        if (Math.abs(v - u) > rtol * Math.max(Math.abs(v), Math.abs(u))) return false;
      }
    }
    return true;
  }

  /**
   * The principal submatrix P A Pᵀ on the indices `take` (in that order): entry (a, b) is
   * a_{take[a], take[b]}; rows and columns not taken are dropped.
   * @throws RangeError when the matrix is not square or an index is out of range or repeated.
   */
  principalSubmatrix(take: ArrayLike<number>): CsrMatrix {
    if (this.rows !== this.cols) throw new RangeError('principalSubmatrix needs a square matrix.');
    const m = take.length;
    const newOf = new Int32Array(this.rows).fill(-1);
    for (let a = 0; a < m; a++) {
      const i = take[a];
      if (!Number.isInteger(i) || i < 0 || i >= this.rows || newOf[i] >= 0) throw new RangeError(`Index ${i} is out of range or repeated.`);
      newOf[i] = a;
    }
    const rowPtr = new Int32Array(m + 1);
    const cols: number[] = [], vals: number[] = [];
    for (let a = 0; a < m; a++) {
      const i = take[a];
      const row: [number, number][] = [];
      for (let p = this.rowPtr[i]; p < this.rowPtr[i + 1]; p++) {
        const b = newOf[this.colIndex[p]];
        if (b >= 0) row.push([b, this.values[p]]);
      }
      row.sort((x, y) => x[0] - y[0]);
      for (const [b, v] of row) { cols.push(b); vals.push(v); }
      rowPtr[a + 1] = cols.length;
    }
    return new CsrMatrix(m, m, rowPtr, Int32Array.from(cols), Float64Array.from(vals));
  }

  /**
   * CSR from (i, j, value) triplets: explicit zeros are left out, duplicates are summed in the
   * order given (or reported to `onDuplicate`, which may throw), and entries that sum to zero
   * are dropped. Rows are bucketed by a counting sort, then sorted by column.
   * @throws RangeError on an index out of range or a non-finite value.
   */
  static fromTriplets(rows: number, cols: number, i: ArrayLike<number>, j: ArrayLike<number>, v: ArrayLike<number>,
    opts: { onDuplicate?: (row: number, col: number) => void } = {}): CsrMatrix {
    const m = i.length;
    if (j.length !== m || v.length !== m) throw new RangeError('Triplet arrays differ in length.');
    const rowPtr = new Int32Array(rows + 1);
    let kept = 0;
    for (let p = 0; p < m; p++) {
      if (i[p] < 0 || i[p] >= rows || j[p] < 0 || j[p] >= cols || !Number.isInteger(i[p]) || !Number.isInteger(j[p])) {
        throw new RangeError(`Entry (${i[p]}, ${j[p]}) is outside a ${rows}×${cols} matrix.`);
      }
      if (!Number.isFinite(v[p])) throw new RangeError(`Entry (${i[p]}, ${j[p]}) is not a finite number.`);
      if (v[p] !== 0) { rowPtr[i[p] + 1]++; kept++; }
    }
    for (let r = 0; r < rows; r++) rowPtr[r + 1] += rowPtr[r];
    const ci = new Int32Array(kept);
    const vals = new Float64Array(kept);
    const fill = rowPtr.slice(0, rows);
    for (let p = 0; p < m; p++) {
      if (v[p] === 0) continue;
      const t = fill[i[p]]++;
      ci[t] = j[p];
      vals[t] = v[p];
    }
    // Sort each row by column, then merge duplicates and drop zero sums in place.
    const ptr = new Int32Array(rows + 1);
    let q = 0;
    for (let r = 0; r < rows; r++) {
      const lo = rowPtr[r], hi = rowPtr[r + 1];
      sortRow(ci, vals, lo, hi);
      let t = lo;
      while (t < hi) {
        const c = ci[t];
        let s = vals[t];
        for (t++; t < hi && ci[t] === c; t++) {
          if (opts.onDuplicate) opts.onDuplicate(r, c);
          s += vals[t];
        }
        if (s !== 0) { ci[q] = c; vals[q] = s; q++; }
      }
      ptr[r + 1] = q;
    }
    return new CsrMatrix(rows, cols, ptr, ci.slice(0, q), vals.slice(0, q));
  }

  /** CSR from a dense matrix, keeping the non-zero entries. */
  static fromDense(a: Matrix): CsrMatrix {
    const ii: number[] = [];
    const jj: number[] = [];
    const vv: number[] = [];
    for (let i = 0; i < a.rows; i++) {
      for (let j = 0; j < a.cols; j++) {
        const x = a.data[i + j * a.rows];
        if (x !== 0) { ii.push(i); jj.push(j); vv.push(x); }
      }
    }
    return CsrMatrix.fromTriplets(a.rows, a.cols, ii, jj, vv);
  }
}

/**
 * Sort entries lo..hi-1 of a row by column, carrying the values; stable, so duplicates keep
 * the order they were given in (insertion sort for short rows).
 */
function sortRow(colIdx: Int32Array, vals: Float64Array, lo: number, hi: number): void {
  let sorted = true;
  for (let t = lo + 1; t < hi; t++) if (colIdx[t] < colIdx[t - 1]) { sorted = false; break; }
  if (sorted) return;
  if (hi - lo <= 32) {
    for (let t = lo + 1; t < hi; t++) {
      const c = colIdx[t], v = vals[t];
      let u = t - 1;
      while (u >= lo && colIdx[u] > c) { colIdx[u + 1] = colIdx[u]; vals[u + 1] = vals[u]; u--; }
      colIdx[u + 1] = c; vals[u + 1] = v;
    }
    return;
  }
  const perm = Array.from({ length: hi - lo }, (_, t) => lo + t).sort((a, b) => colIdx[a] - colIdx[b]);
  const c2 = perm.map((t) => colIdx[t]), v2 = perm.map((t) => vals[t]);
  for (let t = lo; t < hi; t++) { colIdx[t] = c2[t - lo]; vals[t] = v2[t - lo]; }
}

/**
 * Largest |eigenvalue| ρ(A) of a square non-negative matrix, by power iteration on A + I (the
 * shift makes the Perron root strictly dominant even for bipartite graphs such as rook grids).
 * x stays positive, so the Collatz–Wielandt bounds min_i ((A+I)x)_i / x_i ≤ ρ(A+I) ≤
 * max_i ((A+I)x)_i / x_i hold at every step and certify convergence; for symmetric A the
 * Rayleigh quotient xᵀ(A+I)x is used, which converges twice as fast as the norm ratio.
 * Formula: ρ = lim ‖(A+I)^k x‖ / ‖(A+I)^(k−1) x‖ − 1. Returns 0 for a matrix without entries.
 * The caller checks non-negativity (Perron–Frobenius does not apply otherwise).
 */
export function perronRoot(a: CsrMatrix): number {
  const n = a.rows;
  const { rowPtr, colIndex, values } = a;
  if (values.length === 0) return 0;
  const symmetric = a.isSymmetric(1e-12);
  let x = new Float64Array(n).fill(1 / Math.sqrt(n));
  let prev = Number.POSITIVE_INFINITY;
  let est = 0;
  for (let it = 0; it < 20_000; it++) {
    const y = new Float64Array(n);
    let lower = Number.POSITIVE_INFINITY, upper = 0;
    for (let i = 0; i < n; i++) {
      let s = x[i];
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) s += values[k] * x[colIndex[k]];
      y[i] = s;
      if (x[i] > 0) { const r = s / x[i]; if (r < lower) lower = r; if (r > upper) upper = r; }
    }
    if (upper - lower <= 1e-13 * upper) return (lower + upper) / 2 - 1;
    let norm = 0;
    for (let i = 0; i < n; i++) norm += y[i] * y[i];
    norm = Math.sqrt(norm);
    if (symmetric) { est = 0; for (let i = 0; i < n; i++) est += x[i] * y[i]; } else est = norm;
    for (let i = 0; i < n; i++) y[i] /= norm;
    x = y;
    if (Math.abs(est - prev) <= 1e-14 * est) break;
    prev = est;
  }
  return est - 1;
}
