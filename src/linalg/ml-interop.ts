/**
 * Conversions between our column-major `Matrix` and ml-matrix's row-array `Matrix`, used by
 * the decompositions we take from ml-matrix (Cholesky, LU, symmetric eigen).
 */
import { Matrix as MlMatrix } from 'ml-matrix';
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';

/** Our matrix as an ml-matrix `Matrix` (copy). */
export function toMl(a: Matrix): MlMatrix {
  const m = new MlMatrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) m.set(i, j, a.data[i + j * a.rows]);
  }
  return m;
}

/** An ml-matrix `Matrix` as our column-major matrix (copy). */
export function fromMl(m: MlMatrix): Matrix {
  const out = createMatrix(m.rows, m.columns);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.columns; j++) out.data[i + j * m.rows] = m.get(i, j);
  }
  return out;
}

/** A vector as an n×1 ml-matrix column. */
export function columnToMl(b: ArrayLike<number>): MlMatrix {
  const m = new MlMatrix(b.length, 1);
  for (let i = 0; i < b.length; i++) m.set(i, 0, b[i]);
  return m;
}

/** An n×1 ml-matrix column as a vector. */
export function mlToColumn(m: MlMatrix): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.get(i, 0);
  return out;
}
