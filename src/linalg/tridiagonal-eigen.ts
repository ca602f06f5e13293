/**
 * Symmetric eigen-decomposition on flat column-major `Float64Array`s: Householder reduction to
 * tridiagonal form and the implicit QL algorithm (Bowdler, Martin, Reinsch & Wilkinson's
 * `tred2` / `tql2` in the Handbook for Automatic Computation, vol. II, as in EISPACK and JAMA),
 * with the accumulation of the transformations skipped when only eigenvalues are wanted (then
 * about (4/3)n³ flops instead of about 9n³). Written here because ml-matrix's
 * `EigenvalueDecomposition` (the same algorithm over row arrays) took about 2 s for n = 285 on
 * the benchmark machine, against a 0.3 s budget for a whole spatial panel fit with effects.
 */
import type { Matrix } from './matrix';
import { createMatrix } from './matrix';

/** Eigenvalues (ascending) and, when asked for, orthonormal eigenvectors (column j ↔ values[j]). */
export interface TridiagonalEigen {
  readonly values: Float64Array;
  readonly vectors: Matrix | null;
}

/**
 * Eigenvalues (and optionally eigenvectors) of a symmetric matrix; only the lower triangle is read.
 * Reference: LAPACK `dsyev`, R's `eigen(symmetric = TRUE)` (which sorts descending).
 * @throws RangeError when A is not square.
 */
export function symmetricEigenFast(a: Matrix, wantVectors = false): TridiagonalEigen {
  if (a.rows !== a.cols) throw new RangeError(`Eigen-decomposition needs a square matrix, got ${a.rows}×${a.cols}.`);
  const n = a.rows;
  // v[r + c·n] = V[r][c]; start from the lower triangle mirrored
  const v = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let r = c; r < n; r++) { const x = a.data[r + c * n]; v[r + c * n] = x; v[c + r * n] = x; }
  }
  const d = new Float64Array(n), e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: wantVectors ? createMatrix(0, 0) : null };
  tred2(n, v, d, e, wantVectors);
  tql2(n, v, d, e, wantVectors);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[x] - d[y]);
  const values = Float64Array.from(order, (i) => d[i]);
  if (!wantVectors) return { values, vectors: null };
  const vectors = createMatrix(n, n);
  order.forEach((src, j) => vectors.data.set(v.subarray(src * n, (src + 1) * n), j * n));
  return { values, vectors };
}

function tred2(n: number, v: Float64Array, d: Float64Array, e: Float64Array, vectors: boolean): void {
  for (let j = 0; j < n; j++) d[j] = v[n - 1 + j * n];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0, h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) { d[j] = v[i - 1 + j * n]; v[i + j * n] = 0; v[j + i * n] = 0; }
    } else {
      for (let k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j + i * n] = f;
        const cj = j * n;
        g = e[j] + v[j + cj] * f;
        for (let k = j + 1; k <= i - 1; k++) { const vkj = v[k + cj]; g += vkj * d[k]; e[k] += vkj * f; }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j]; g = e[j];
        const cj = j * n;
        for (let k = j; k <= i - 1; k++) v[k + cj] -= f * e[k] + g * d[k];
        d[j] = v[i - 1 + cj];
        v[i + cj] = 0;
      }
    }
    d[i] = h;
  }
  if (!vectors) {
    for (let j = 0; j < n; j++) d[j] = v[j + j * n];
    e[0] = 0;
    return;
  }
  for (let i = 0; i < n - 1; i++) {
    v[n - 1 + i * n] = v[i + i * n];
    v[i + i * n] = 1;
    const h = d[i + 1];
    const ci1 = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k + ci1] / h;
      for (let j = 0; j <= i; j++) {
        const cj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k + ci1] * v[k + cj];
        for (let k = 0; k <= i; k++) v[k + cj] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k + ci1] = 0;
  }
  for (let j = 0; j < n; j++) { d[j] = v[n - 1 + j * n]; v[n - 1 + j * n] = 0; }
  v[n - 1 + (n - 1) * n] = 1;
  e[0] = 0;
}

function tql2(n: number, v: Float64Array, d: Float64Array, e: Float64Array, vectors: boolean): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0, tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) { if (Math.abs(e[m]) <= eps * tst1) break; m++; }
    if (m > l) {
      let iter = 0;
      do {
        iter++;
        if (iter > 60 * n) throw new Error('Symmetric eigen-decomposition did not converge.');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c, s = 0, s2 = 0;
        const el1 = e[l + 1];
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.sqrt(p * p + e[i] * e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (vectors) {
            const ci = i * n, ci1 = (i + 1) * n;
            for (let k = 0; k < n; k++) {
              const hk = v[k + ci1];
              v[k + ci1] = s * v[k + ci] + c * hk;
              v[k + ci] = c * v[k + ci] - s * hk;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
