/**
 * Global spatial autocorrelation: Moran's I, Geary's C, Getis–Ord General G and the bivariate
 * Moran's I, with analytical moments (Cliff & Ord 1981; Getis & Ord 1992) and seeded
 * permutation tests. Each function takes a prepared `EsdaSample` (./sample.ts), so islands and
 * missing values have already been excluded and named.
 *
 * Conventions (checked against spdep 1.2 in tests):
 * - Moran's I = (n / S0) · Σ_ij w_ij z_i z_j / Σ_i z_i², z = x − x̄; E[I] = −1/(n−1); variance under
 *   normality and under randomisation as `spdep::moran.test(randomisation = FALSE / TRUE)`.
 * - Geary's C = (n−1) Σ_ij w_ij (x_i − x_j)² / (2 S0 Σ z_i²); E[C] = 1; variances as `spdep::geary.test`,
 *   and its z = (E[C] − C) / sd, so 'greater' means positive autocorrelation (C < 1).
 * - General G = Σ_{i≠j} w_ij x_i x_j / Σ_{i≠j} x_i x_j (x ≥ 0); E[G] = S0 / (n(n−1)); variance as
 *   `spdep::globalG.test` (Getis & Ord 1992, eq. 12).
 * - p-values: one-sided by `alternative` ('greater' as spdep's default, 'less', or 'two-sided').
 * - Permutations: the values are shuffled over the regions `permutations` times with the seeded
 *   generator; pseudo p = (M + 1) / (R + 1), M = permuted statistics at least as extreme as the
 *   observed one in the direction of `alternative` (two-sided: the smaller tail, folded as PySAL esda).
 */
import type { Rng } from '../core/random';
import { normalCdf } from '../stats/normal';
import { weightSums, type EsdaSample, type WeightSums } from './sample';

/** Direction of the test. */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** Analytical inference of a global statistic under one assumption. */
export interface Moments {
  readonly variance: number;
  readonly z: number;
  readonly p: number;
}

/** Permutation inference. */
export interface PermutationResult {
  readonly permutations: number;
  readonly seed: number;
  /** Mean and variance of the permuted statistics. */
  readonly mean: number;
  readonly variance: number;
  /** Pseudo p = (M + 1) / (R + 1). */
  readonly p: number;
  /** z of the observed statistic against the permutation distribution. */
  readonly z: number;
}

/** A global statistic with its expectation and inference. */
export interface GlobalResult {
  readonly statistic: 'moran' | 'geary' | 'getis' | 'bivariate-moran';
  readonly n: number;
  readonly value: number;
  readonly expected: number;
  readonly alternative: Alternative;
  /** Under the normality assumption (Moran, Geary); null for General G and bivariate Moran. */
  readonly normal: Moments | null;
  /** Under randomisation (Moran, Geary, General G); null for bivariate Moran. */
  readonly randomisation: Moments | null;
  readonly permutation: PermutationResult | null;
}

/** Options of a global test. */
export interface GlobalOptions {
  readonly alternative?: Alternative;
  /** Number of permutations (0 = none). */
  readonly permutations?: number;
  /** Seeded generator for the permutations (required when permutations > 0). */
  readonly rng?: Rng;
  /** Called with (done, total) every few hundred permutations; return false to stop (throws). */
  readonly progress?: (done: number, total: number) => void;
}

/** One-sided or two-sided normal p-value of z. */
export function normalP(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return 1 - normalCdf(z);
  if (alternative === 'less') return normalCdf(z);
  return 2 * (1 - normalCdf(Math.abs(z)));
}

function moments(value: number, expected: number, variance: number, alternative: Alternative, sign = 1): Moments {
  const z = (sign * (value - expected)) / Math.sqrt(variance);
  return { variance, z, p: normalP(z, alternative) };
}

/** Deviations from the mean and their 2nd and 4th power sums. */
function centred(x: Float64Array): { z: Float64Array; m2: number; m4: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const z = new Float64Array(n);
  let m2 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    z[i] = d;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  return { z, m2, m4 };
}

/** Σ_ij w_ij a_i b_j over the current weights. */
function crossProduct(s: EsdaSample, a: Float64Array, b: Float64Array): number {
  const { rowPtr, colIndex, values } = s.w.matrix;
  const n = a.length;
  let sum = 0;
  let k = rowPtr[0];
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1];
    let lag = 0;
    for (; k < end; k++) lag += values[k] * b[colIndex[k]];
    sum += a[i] * lag;
  }
  return sum;
}

/**
 * The quadratic form v ↦ vᵀWv in the upper-triangle storage of (W + Wᵀ)/2: vᵀWv =
 * Σ_i w_ii v_i² + Σ_{i<j} (w_ij + w_ji) v_i v_j. Half the multiply–adds of `crossProduct(v, v)`
 * for a symmetric pattern — what the permutation test of Moran's I evaluates 999 times.
 */
interface QuadraticForm {
  readonly diag: Float64Array;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

function quadraticForm(s: EsdaSample): QuadraticForm {
  const { rowPtr, colIndex, values } = s.w.matrix;
  const n = rowPtr.length - 1;
  const diag = new Float64Array(n);
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIndex[k];
      if (j !== i) count[Math.min(i, j) + 1]++;
    }
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const fill = count.slice(0, n);
  const col = new Int32Array(count[n]);
  const val = new Float64Array(count[n]);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIndex[k];
      if (j === i) diag[i] += values[k];
      else {
        const a = Math.min(i, j);
        col[fill[a]] = Math.max(i, j);
        val[fill[a]++] = values[k];
      }
    }
  }
  // Merge the two entries (i, j) and (j, i) of a symmetric pattern into one.
  const outPtr = new Int32Array(n + 1);
  let m = 0;
  for (let a = 0; a < n; a++) {
    const start = count[a], end = count[a + 1];
    const order = Array.from({ length: end - start }, (_, t) => start + t).sort((x, y) => col[x] - col[y]);
    const cs = order.map((k) => col[k]), vs = order.map((k) => val[k]);
    for (let t = 0; t < cs.length; t++) {
      if (t > 0 && cs[t] === cs[t - 1]) val[m - 1] += vs[t];
      else { col[m] = cs[t]; val[m++] = vs[t]; }
    }
    outPtr[a + 1] = m;
  }
  return { diag, rowPtr: outPtr, col: col.subarray(0, m), val: val.subarray(0, m) };
}

/** vᵀWv through a `quadraticForm`. */
function quadratic(q: QuadraticForm, v: Float64Array): number {
  const { diag, rowPtr, col, val } = q;
  const n = diag.length;
  let sum = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const end = rowPtr[i + 1];
    let acc = diag[i] * v[i];
    for (; k < end; k++) acc += val[k] * v[col[k]];
    sum += v[i] * acc;
  }
  return sum;
}

/**
 * Permutation distribution of `stat` over shuffles of `values` (Fisher–Yates with `rng`).
 * @throws RangeError when permutations > 0 and no generator is given.
 */
function permute(observed: number, values: Float64Array, stat: (v: Float64Array) => number,
  opts: GlobalOptions, alternative: Alternative, sign = 1): PermutationResult | null {
  const r = opts.permutations ?? 0;
  if (r <= 0) return null;
  const rng = opts.rng;
  if (!rng) throw new RangeError('a seeded generator is needed for permutations');
  const v = Float64Array.from(values);
  let sum = 0, sum2 = 0, above = 0, below = 0;
  for (let p = 0; p < r; p++) {
    for (let i = v.length - 1; i > 0; i--) {
      const j = rng.below(i + 1);
      const t = v[i]; v[i] = v[j]; v[j] = t;
    }
    const s = stat(v);
    sum += s;
    sum2 += s * s;
    if (sign * s >= sign * observed) above++;
    if (sign * s <= sign * observed) below++;
    if (opts.progress && (p + 1) % 200 === 0) opts.progress(p + 1, r);
  }
  const mean = sum / r;
  const variance = (sum2 - r * mean * mean) / (r - 1);
  const m = alternative === 'greater' ? above : alternative === 'less' ? below : Math.min(above, below);
  return { permutations: r, seed: rng.seed, mean, variance, p: (m + 1) / (r + 1), z: (sign * (observed - mean)) / Math.sqrt(variance) };
}

/** Moran's I of a prepared sample. */
export function moranI(s: EsdaSample, opts: GlobalOptions = {}): GlobalResult {
  const alternative = opts.alternative ?? 'greater';
  const sums = weightSums(s.w);
  const { n, s0, s1, s2 } = sums;
  const { z, m2, m4 } = centred(s.x);
  const value = (n / s0) * crossProduct(s, z, z) / m2;
  const expected = -1 / (n - 1);
  const vNorm = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - expected * expected;
  const b2 = (n * m4) / (m2 * m2);
  const vRand = (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0)
    - b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - expected * expected;
  // Permuting z leaves Σ z² unchanged, so only the quadratic form zᵀWz is recomputed (in its
  // half-size symmetric storage; the observed value is compared in the same arithmetic).
  const scale = n / s0 / m2;
  const permutation = (opts.permutations ?? 0) > 0
    ? ((q) => permute(scale * quadratic(q, z), z, (v) => scale * quadratic(q, v), opts, alternative))(quadraticForm(s))
    : null;
  return Object.freeze({
    statistic: 'moran', n, value, expected, alternative,
    normal: moments(value, expected, vNorm, alternative),
    randomisation: moments(value, expected, vRand, alternative),
    permutation,
  }) as GlobalResult;
}

/** Σ_ij w_ij (x_i − x_j)². */
function squaredDifferences(s: EsdaSample, x: ArrayLike<number>): number {
  const { rowPtr, colIndex, values } = s.w.matrix;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const d = x[i] - x[colIndex[k]];
      sum += values[k] * d * d;
    }
  }
  return sum;
}

/** Geary's C of a prepared sample (a value below 1 means positive autocorrelation). */
export function gearyC(s: EsdaSample, opts: GlobalOptions = {}): GlobalResult {
  // As spdep::geary.test: z = (E[C] − C) / sd, so 'greater' (the default) tests for positive
  // autocorrelation (C below 1), and permutation tails count C at or below the observed one.
  const alternative = opts.alternative ?? 'greater';
  const { n, s0, s1, s2 } = weightSums(s.w);
  const { z, m2, m4 } = centred(s.x);
  const value = ((n - 1) * squaredDifferences(s, s.x)) / (2 * s0 * m2);
  const expected = 1;
  const vNorm = ((2 * s1 + s2) * (n - 1) - 4 * s0 * s0) / (2 * (n + 1) * s0 * s0);
  const b2 = (n * m4) / (m2 * m2);
  const vRand = ((n - 1) * s1 * (n * n - 3 * n + 3 - (n - 1) * b2)
    - 0.25 * (n - 1) * s2 * (n * n + 3 * n - 6 - (n * n - n + 2) * b2)
    + s0 * s0 * (n * n - 3 - (n - 1) * (n - 1) * b2)) / (n * (n - 2) * (n - 3) * s0 * s0);
  const scale = (n - 1) / (2 * s0 * m2);
  const permutation = permute(value, z, (v) => scale * squaredDifferences(s, v), opts, alternative, -1);
  return Object.freeze({
    statistic: 'geary', n, value, expected, alternative,
    normal: moments(value, expected, vNorm, alternative, -1),
    randomisation: moments(value, expected, vRand, alternative, -1),
    permutation,
  }) as GlobalResult;
}

/**
 * Getis–Ord General G of a prepared sample (x ≥ 0; usually with binary or distance weights,
 * as `spdep::globalG.test` with style "B"). Self-weights w_ii, if any, are left out.
 * @throws RangeError when a value is negative (the services check first and say so).
 */
export function generalG(s: EsdaSample, opts: GlobalOptions = {}): GlobalResult {
  const alternative = opts.alternative ?? 'greater';
  const x = s.x;
  const n = x.length;
  for (let i = 0; i < n; i++) if (x[i] < 0) throw new RangeError('General G needs non-negative values');
  const sums: WeightSums = offDiagonalSums(s);
  const { s0, s1, s2 } = sums;
  let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) { const v = x[i]; m1 += v; m2 += v * v; m3 += v * v * v; m4 += v * v * v * v; }
  const denominator = m1 * m1 - m2;
  const stat = (v: ArrayLike<number>) => offDiagonalCross(s, v) / denominator;
  const value = stat(x);
  const expected = s0 / (n * (n - 1));
  const b0 = (n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0;
  const b1 = -((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0);
  const b2 = -(2 * n * s1 - (n + 3) * s2 + 6 * s0 * s0);
  const b3 = 4 * (n - 1) * s1 - 2 * (n + 1) * s2 + 8 * s0 * s0;
  const b4 = s1 - s2 + s0 * s0;
  const eg2 = (b0 * m2 * m2 + b1 * m4 + b2 * m1 * m1 * m2 + b3 * m1 * m3 + b4 * m1 ** 4)
    / (denominator * denominator * n * (n - 1) * (n - 2) * (n - 3));
  const vRand = eg2 - expected * expected;
  const permutation = permute(value, x, stat, opts, alternative);
  return Object.freeze({
    statistic: 'getis', n, value, expected, alternative,
    normal: null,
    randomisation: moments(value, expected, vRand, alternative),
    permutation,
  }) as GlobalResult;
}

function offDiagonalSums(s: EsdaSample): WeightSums {
  const { rowPtr, colIndex, values } = s.w.matrix;
  let diag = false;
  for (let i = 0; i < s.w.n && !diag; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) if (colIndex[k] === i && values[k] !== 0) { diag = true; break; }
  }
  if (!diag) return weightSums(s.w);
  // Rare (kernel weights): drop the diagonal before summing.
  const off = s.w.matrix.map((v) => v);
  const vals = Float64Array.from(off.values);
  for (let i = 0; i < s.w.n; i++) for (let k = off.rowPtr[i]; k < off.rowPtr[i + 1]; k++) if (off.colIndex[k] === i) vals[k] = 0;
  const m = off.withValues(vals);
  let s0 = 0, sq = 0, cross = 0;
  for (let i = 0; i < s.w.n; i++) {
    for (let k = m.rowPtr[i]; k < m.rowPtr[i + 1]; k++) {
      const v = vals[k];
      s0 += v; sq += v * v; cross += v * m.get(m.colIndex[k], i);
    }
  }
  const rs = m.rowSums(), cs = m.colSums();
  let s2 = 0;
  for (let i = 0; i < s.w.n; i++) s2 += (rs[i] + cs[i]) ** 2;
  return { n: s.w.n, s0, s1: sq + cross, s2 };
}

function offDiagonalCross(s: EsdaSample, x: ArrayLike<number>): number {
  const { rowPtr, colIndex, values } = s.w.matrix;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    let lag = 0;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) if (colIndex[k] !== i) lag += values[k] * x[colIndex[k]];
    sum += x[i] * lag;
  }
  return sum;
}

/** Values standardised with the population standard deviation (divisor n), as GeoDa. */
export function standardise(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  return Float64Array.from(x, (v) => (v - mean) / sd);
}

/**
 * Bivariate Moran's I of x against the spatial lag of y (GeoDa): I_xy = Σ_i z_x,i (W z_y)_i / n
 * with both variables standardised (divisor n) — the slope of W·z_y on z_x. Inference by
 * permutation only (y's values shuffled over the regions), E[I] = −1/(n−1) as GeoDa reports.
 */
export function bivariateMoran(s: EsdaSample & { readonly y?: Float64Array }, opts: GlobalOptions = {}): GlobalResult {
  if (!s.y) throw new RangeError('bivariateMoran needs a sample prepared with y');
  const alternative = opts.alternative ?? 'greater';
  const n = s.x.length;
  const zx = standardise(s.x);
  const zy = standardise(s.y);
  const stat = (v: Float64Array) => crossProduct(s, zx, v) / n;
  const value = stat(zy);
  return Object.freeze({
    statistic: 'bivariate-moran', n, value, expected: -1 / (n - 1), alternative,
    normal: null, randomisation: null,
    permutation: permute(value, zy, stat, opts, alternative),
  }) as GlobalResult;
}
