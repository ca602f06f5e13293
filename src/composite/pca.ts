/**
 * Principal components of the indicators' correlation matrix, with the sampling-adequacy
 * checks studies report beside PCA weights: the Kaiser–Meyer–Olkin measure and Bartlett's
 * test of sphericity.
 */
import { InputError } from '../core/errors';
import { fromRows, lu, symmetricEigen } from '../linalg';
import { chisqUpperP } from '../stats/distributions';
import { correlationMatrix } from './column-stats';

/** Eigen-structure of the correlation matrix and the checks. */
export interface PcaSummary {
  /** Eigenvalues, descending. */
  readonly eigenvalues: readonly number[];
  /** Eigenvectors as columns (`vectors[k][j]`: indicator j in component k), each oriented so its elements sum to ≥ 0. */
  readonly vectors: readonly (readonly number[])[];
  /** Share of variance of each component, λ_k / m. */
  readonly explained: readonly number[];
  /** Kaiser–Meyer–Olkin measure (overall MSA); NaN when R is singular. */
  readonly kmo: number;
  /** Bartlett's test: χ² = −(n − 1 − (2m + 5)/6)·ln|R|, df = m(m − 1)/2. */
  readonly bartlett: { readonly chisq: number; readonly df: number; readonly p: number };
}

/**
 * PCA of the correlation matrix R of the columns (n rows, m columns).
 *
 * KMO = Σ_{j≠k} r²_jk / (Σ_{j≠k} r²_jk + Σ_{j≠k} a²_jk) with partial correlations
 * a_jk = −(R⁻¹)_jk / √((R⁻¹)_jj (R⁻¹)_kk) (as `psych::KMO`); Bartlett's χ² as `psych::cortest.bartlett`.
 *
 * @throws InputError `composite-pca-too-few` with fewer than 2 indicators or fewer rows than 3
 */
export function pcaSummary(cols: readonly ArrayLike<number>[]): PcaSummary {
  const m = cols.length;
  const n = m > 0 ? cols[0].length : 0;
  if (m < 2 || n < 3) {
    throw new InputError('composite-pca-too-few', `PCA weights need at least 2 indicators and 3 rows, got ${m} indicators and ${n} rows`, { indicators: m, rows: n });
  }
  const r = correlationMatrix(cols);
  const eig = symmetricEigen(fromRows(r));
  const eigenvalues: number[] = [];
  const vectors: number[][] = [];
  for (let k = m - 1; k >= 0; k--) {
    eigenvalues.push(eig.values[k]);
    const v = Array.from({ length: m }, (_, j) => eig.vectors.data[j + k * m]);
    const s = v.reduce((a, b) => a + b, 0);
    vectors.push(s < 0 ? v.map((x) => -x) : v);
  }
  let kmo = Number.NaN;
  let logDet = Number.NaN;
  try {
    const f = lu(fromRows(r));
    logDet = f.logAbsDet();
    // Columns of R⁻¹ (R is symmetric, so inv[j][k] = inv[k][j]).
    const inv = Array.from({ length: m }, (_, j) => f.solve(Array.from({ length: m }, (_, k) => (k === j ? 1 : 0))));
    let r2 = 0, a2 = 0;
    for (let j = 0; j < m; j++) for (let k = 0; k < m; k++) {
      if (j === k) continue;
      r2 += r[j][k] ** 2;
      const a = -inv[j][k] / Math.sqrt(inv[j][j] * inv[k][k]);
      a2 += a * a;
    }
    kmo = r2 / (r2 + a2);
  } catch {
    // A singular R (collinear indicators) has no partial correlations: KMO and Bartlett stay NaN.
  }
  const chisq = -(n - 1 - (2 * m + 5) / 6) * logDet;
  const df = (m * (m - 1)) / 2;
  return Object.freeze({
    eigenvalues,
    vectors,
    explained: eigenvalues.map((l) => l / m),
    kmo,
    bartlett: Object.freeze({ chisq, df, p: chisqUpperP(chisq, df) }),
  });
}
