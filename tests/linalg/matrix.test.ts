import { describe, expect, it } from 'vitest';
import { column, createMatrix, crossprodColumns, crossprodColumnsVec, fromColumns, fromRows, get, matMul, toRows, transpose } from '../../src/linalg/matrix';

describe('dense column-major matrices', () => {
  const A = fromRows([[1, 2], [3, 4], [5, 6]]);
  it('stores column-major', () => {
    expect(Array.from(A.data)).toEqual([1, 3, 5, 2, 4, 6]);
    expect(get(A, 2, 1)).toBe(6);
    expect(Array.from(column(A, 1))).toEqual([2, 4, 6]);
  });
  it('products, transpose, cross products', () => {
    expect(toRows(matMul(transpose(A), A))).toEqual([[35, 44], [44, 56]]);
    expect(toRows(crossprodColumns([[1, 3, 5], [2, 4, 6]]))).toEqual([[35, 44], [44, 56]]);
    expect(Array.from(crossprodColumnsVec([[1, 3, 5], [2, 4, 6]], [1, 1, 1]))).toEqual([9, 12]);
  });
  it('rejects inconsistent shapes', () => {
    expect(() => createMatrix(2, 2, new Float64Array(3))).toThrow('Matrix data has 3 values, expected 2×2 = 4.');
    expect(() => fromColumns([[1, 2], [1]])).toThrow('Column 1 has 1 values, expected 2.');
    expect(() => matMul(A, A)).toThrow('Cannot multiply 3×2 by 3×2.');
  });
});
