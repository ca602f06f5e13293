/**
 * Sparse matrices in compressed sparse row (CSR) form, for spatial weights and the implicit
 * I_T ⊗ W products of panel models (never an NT×NT dense matrix).
 */
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';

/** An immutable CSR matrix: row i holds `colIndex/values[rowPtr[i] .. rowPtr[i+1])`, columns ascending. */
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

  /**
   * CSR from (i, j, value) triplets; duplicates are summed, explicit zeros kept out.
   * @throws RangeError on an index out of range or a non-finite value.
   */
  static fromTriplets(rows: number, cols: number, i: ArrayLike<number>, j: ArrayLike<number>, v: ArrayLike<number>): CsrMatrix {
    const m = i.length;
    if (j.length !== m || v.length !== m) throw new RangeError('Triplet arrays differ in length.');
    const order = Array.from({ length: m }, (_, p) => p);
    for (let p = 0; p < m; p++) {
      if (i[p] < 0 || i[p] >= rows || j[p] < 0 || j[p] >= cols || !Number.isInteger(i[p]) || !Number.isInteger(j[p])) {
        throw new RangeError(`Entry (${i[p]}, ${j[p]}) is outside a ${rows}×${cols} matrix.`);
      }
      if (!Number.isFinite(v[p])) throw new RangeError(`Entry (${i[p]}, ${j[p]}) is not a finite number.`);
    }
    order.sort((a, b) => i[a] - i[b] || j[a] - j[b]);
    const rowPtr = new Int32Array(rows + 1);
    const ci: number[] = [];
    const vals: number[] = [];
    let lastI = -1;
    let lastJ = -1;
    for (const p of order) {
      if (i[p] === lastI && j[p] === lastJ) {
        vals[vals.length - 1] += v[p];
        continue;
      }
      ci.push(j[p]);
      vals.push(v[p]);
      rowPtr[i[p] + 1]++;
      lastI = i[p];
      lastJ = j[p];
    }
    // drop entries that summed to zero
    const keepCi: number[] = [];
    const keepV: number[] = [];
    const ptr = new Int32Array(rows + 1);
    let q = 0;
    for (let r = 0; r < rows; r++) {
      const cnt = rowPtr[r + 1];
      for (let c = 0; c < cnt; c++, q++) {
        if (vals[q] !== 0) {
          keepCi.push(ci[q]);
          keepV.push(vals[q]);
          ptr[r + 1]++;
        }
      }
    }
    for (let r = 0; r < rows; r++) ptr[r + 1] += ptr[r];
    return new CsrMatrix(rows, cols, ptr, Int32Array.from(keepCi), Float64Array.from(keepV));
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
