/**
 * Dense matrices over `Float64Array`, stored column-major (column j occupies
 * `data[j*rows .. (j+1)*rows)`), so a column is a contiguous sub-array and the kernels that
 * dominate regression (X'X, X'y, Householder reflections) walk memory in order.
 */

/** A dense column-major matrix: element (i, j) is `data[i + j * rows]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * A zero-filled (or wrapped) rows×cols matrix.
 * @throws RangeError when `data` has the wrong length.
 */
export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (data && data.length !== rows * cols) {
    throw new RangeError(`Matrix data has ${data.length} values, expected ${rows}×${cols} = ${rows * cols}.`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/**
 * A matrix from equally long columns (copied into one column-major buffer).
 * @throws RangeError when the columns differ in length.
 */
export function fromColumns(columns: readonly ArrayLike<number>[], rows?: number): Matrix {
  const n = rows ?? (columns.length > 0 ? columns[0].length : 0);
  const m = createMatrix(n, columns.length);
  columns.forEach((c, j) => {
    if (c.length !== n) throw new RangeError(`Column ${j} has ${c.length} values, expected ${n}.`);
    m.data.set(c, j * n);
  });
  return m;
}

/**
 * A matrix from an array of rows (convenient in tests and small problems).
 * @throws RangeError when rows differ in length.
 */
export function fromRows(rowsArr: readonly (readonly number[])[]): Matrix {
  const r = rowsArr.length;
  const c = r > 0 ? rowsArr[0].length : 0;
  const m = createMatrix(r, c);
  rowsArr.forEach((row, i) => {
    if (row.length !== c) throw new RangeError(`Row ${i} has ${row.length} values, expected ${c}.`);
    for (let j = 0; j < c; j++) m.data[i + j * r] = row[j];
  });
  return m;
}

/** The rows as plain arrays (for printing, tests and JSON). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = new Array<number>(m.cols);
    for (let j = 0; j < m.cols; j++) row[j] = m.data[i + j * m.rows];
    out.push(row);
  }
  return out;
}

/** Element (i, j). */
export function get(m: Matrix, i: number, j: number): number {
  return m.data[i + j * m.rows];
}

/** Column j as a view (no copy). */
export function column(m: Matrix, j: number): Float64Array {
  return m.data.subarray(j * m.rows, (j + 1) * m.rows);
}

/** The n×n identity. */
export function identity(n: number): Matrix {
  const m = createMatrix(n, n);
  for (let i = 0; i < n; i++) m.data[i + i * n] = 1;
  return m;
}

/** Aᵀ. */
export function transpose(a: Matrix): Matrix {
  const t = createMatrix(a.cols, a.rows);
  for (let j = 0; j < a.cols; j++) {
    for (let i = 0; i < a.rows; i++) t.data[j + i * a.cols] = a.data[i + j * a.rows];
  }
  return t;
}

/**
 * The product A·B (column-major, axpy form: column j of AB = Σ_p B[p, j]·A[:, p]).
 * @throws RangeError on incompatible shapes.
 */
export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`Cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}.`);
  const c = createMatrix(a.rows, b.cols);
  const n = a.rows;
  for (let j = 0; j < b.cols; j++) {
    const cOff = j * n;
    for (let p = 0; p < a.cols; p++) {
      const bpj = b.data[p + j * b.rows];
      if (bpj === 0) continue;
      const aOff = p * n;
      for (let i = 0; i < n; i++) c.data[cOff + i] += bpj * a.data[aOff + i];
    }
  }
  return c;
}

/**
 * A·x.
 * @throws RangeError on incompatible shapes.
 */
export function matVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  if (a.cols !== x.length) throw new RangeError(`Cannot multiply ${a.rows}×${a.cols} by a vector of ${x.length}.`);
  const y = new Float64Array(a.rows);
  for (let j = 0; j < a.cols; j++) {
    const xj = x[j];
    if (xj === 0) continue;
    const off = j * a.rows;
    for (let i = 0; i < a.rows; i++) y[i] += xj * a.data[off + i];
  }
  return y;
}

/**
 * Aᵀ·x, one dot product per column.
 * @throws RangeError on incompatible shapes.
 */
export function transposeMatVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  if (a.rows !== x.length) throw new RangeError(`Cannot multiply the transpose of ${a.rows}×${a.cols} by a vector of ${x.length}.`);
  const y = new Float64Array(a.cols);
  for (let j = 0; j < a.cols; j++) {
    const off = j * a.rows;
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += a.data[off + i] * x[i];
    y[j] = s;
  }
  return y;
}

/** Dot product Σ aᵢbᵢ. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * X'X of a design given by its columns, one pass per pair of columns (k(k+1)/2 dot products),
 * returned as a symmetric k×k matrix. Never forms X itself.
 */
export function crossprodColumns(columns: readonly ArrayLike<number>[]): Matrix {
  const k = columns.length;
  const m = createMatrix(k, k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const s = dot(columns[a], columns[b]);
      m.data[a + b * k] = s;
      m.data[b + a * k] = s;
    }
  }
  return m;
}

/** X'y of a design given by its columns: one dot product per column. */
export function crossprodColumnsVec(columns: readonly ArrayLike<number>[], y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(columns.length);
  for (let j = 0; j < columns.length; j++) out[j] = dot(columns[j], y);
  return out;
}

/** AᵀA of a column-major matrix (symmetric). */
export function crossprod(a: Matrix): Matrix {
  const cols: Float64Array[] = [];
  for (let j = 0; j < a.cols; j++) cols.push(column(a, j));
  return crossprodColumns(cols);
}

/** Largest absolute element-wise difference between two equally shaped matrices. */
export function maxAbsDiff(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError('Matrices differ in shape.');
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}
