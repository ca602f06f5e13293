/**
 * Local indicators of spatial association: local Moran's I_i (LISA), its bivariate form, and
 * the local Getis–Ord G_i / G_i*, with analytical moments, seeded conditional permutations,
 * cluster quadrants and multiple-testing cut-offs.
 *
 * Conventions:
 * - Local Moran (as `spdep::localmoran` 1.2 with `mlvar = TRUE`): z = x − x̄, m2 = Σ z² / n,
 *   I_i = (z_i / m2) Σ_j w_ij z_j. Moments under randomisation, either conditional on z_i
 *   (spdep's default `conditional = TRUE`: E = −z_i² W_i / ((n−1) m2),
 *   Var = (z_i/m2)² · n/(n−2) · (W_i(2) − W_i²/(n−1)) · (m2 − z_i²/(n−1))) or total
 *   (`conditional = FALSE`: E = −W_i/(n−1), Var = A W_i(2) + B (W_i² − W_i(2)) − E², A = (n−b2)/(n−1),
 *   B = (2b2−n)/((n−1)(n−2)), b2 = (Σz⁴/n)/m2²). W_i = Σ_j w_ij, W_i(2) = Σ_j w_ij².
 * - Conditional permutations (Anselin 1995; as GeoDa and PySAL esda): z_i stays, its k_i neighbours'
 *   values are drawn without replacement from the other n − 1 regions. As esda, one table of
 *   random draws (R rows of k_max distinct positions among n − 1) is shared by all regions, which is
 *   what makes 50,000 regions × 999 permutations take about a second; each region's permutation
 *   distribution is still a valid conditional one. Pseudo p is folded as GeoDa/esda:
 *   M = min(#{I_perm ≥ I_i}, #{I_perm ≤ I_i}), p = (M + 1)/(R + 1).
 * - Quadrants by the mean (GeoDa): High-High when z_i > 0 and (Wz)_i > 0, Low-Low both < 0,
 *   Low-High z_i < 0 < (Wz)_i, High-Low z_i > 0 > (Wz)_i (a zero counts as Low, as spdep's cut).
 * - Local G (as `spdep::localG`, z-values): G_i leaves region i out (x̄_i and s_i over j ≠ i),
 *   G_i* includes it (w_ii = 1 before the transformation, as `include.self` then `nb2listw`).
 */
import type { Rng } from '../core/random';
import { SpatialWeights } from '../weights/spatial-weights';
import { normalP, standardise, type Alternative } from './global';
import type { EsdaSample } from './sample';

/** LISA cluster classes, GeoDa's order and names. */
export const LISA_CLASSES = ['not-significant', 'high-high', 'low-low', 'low-high', 'high-low'] as const;
export type LisaClass = (typeof LISA_CLASSES)[number];
/** The short codes GeoDa and `rwb moran` print for the classes. */
export const LISA_CODE: Readonly<Record<LisaClass, 'HH' | 'LL' | 'LH' | 'HL' | 'ns'>> = Object.freeze({
  'high-high': 'HH', 'low-low': 'LL', 'low-high': 'LH', 'high-low': 'HL', 'not-significant': 'ns',
});

/** Quadrant of the Moran scatterplot. */
export type Quadrant = Exclude<LisaClass, 'not-significant'>;

/** Options of local statistics. */
export interface LocalOptions {
  readonly alternative?: Alternative;
  /** Moments conditional on z_i (spdep's default) or total randomisation. */
  readonly conditional?: boolean;
  readonly permutations?: number;
  readonly rng?: Rng;
  readonly progress?: (done: number, total: number) => void;
}

/** Local Moran's I of every kept region. */
export interface LocalMoranResult {
  readonly ids: readonly string[];
  readonly ii: Float64Array;
  readonly expected: Float64Array;
  readonly variance: Float64Array;
  readonly z: Float64Array;
  /** Analytical p by `alternative`. */
  readonly p: Float64Array;
  /** Folded conditional-permutation pseudo p, or null without permutations. */
  readonly pseudoP: Float64Array | null;
  readonly permutations: number;
  readonly seed: number | null;
  readonly quadrant: readonly Quadrant[];
  /** Standardised value (divisor n) and its spatial lag: the Moran scatterplot. */
  readonly scatterX: Float64Array;
  readonly scatterY: Float64Array;
}

/** Quadrant from a value's deviation and the deviation of its lag. */
export function quadrantOf(z: number, lag: number): Quadrant {
  if (z > 0) return lag > 0 ? 'high-high' : 'high-low';
  return lag > 0 ? 'low-high' : 'low-low';
}

/**
 * A table of `r` rows of `k` distinct positions drawn from 0..m−1 (partial Fisher–Yates, undone
 * after each row so every row starts from the identity).
 */
export function drawTable(rng: Rng, r: number, k: number, m: number): Int32Array {
  const out = new Int32Array(r * k);
  const perm = new Int32Array(m);
  for (let i = 0; i < m; i++) perm[i] = i;
  const swaps = new Int32Array(k);
  for (let row = 0; row < r; row++) {
    for (let t = 0; t < k; t++) {
      const j = t + rng.below(m - t);
      swaps[t] = j;
      const a = perm[t]; perm[t] = perm[j]; perm[j] = a;
      out[row * k + t] = perm[t];
    }
    for (let t = k - 1; t >= 0; t--) {
      const j = swaps[t];
      const a = perm[t]; perm[t] = perm[j]; perm[j] = a;
    }
  }
  return out;
}

/**
 * Folded pseudo p-values of I_i = c_i · z_i · Σ_j w_ij v_j under conditional permutations of v:
 * c_i z_i fixed, the neighbours' values drawn from the other regions. `coef[i]` is the factor
 * c_i z_i, `v` the permuted variable, `observed[i]` I_i.
 */
function conditionalPermutation(w: SpatialWeights, coef: Float64Array, v: Float64Array, observed: Float64Array,
  opts: LocalOptions): Float64Array | null {
  const r = opts.permutations ?? 0;
  if (r <= 0) return null;
  const rng = opts.rng;
  if (!rng) throw new RangeError('a seeded generator is needed for permutations');
  const n = w.n;
  const { rowPtr, values } = w.matrix;
  let kmax = 0;
  for (let i = 0; i < n; i++) kmax = Math.max(kmax, rowPtr[i + 1] - rowPtr[i]);
  kmax = Math.min(kmax, n - 1);
  const table = drawTable(rng, r, kmax, n - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = rowPtr[i];
    const k = rowPtr[i + 1] - start;
    const c = coef[i];
    const obs = observed[i];
    let above = 0, below = 0;
    for (let p = 0; p < r; p++) {
      const base = p * kmax;
      let lag = 0;
      for (let t = 0; t < k; t++) {
        const j = table[base + t];
        // Positions among the n − 1 others: j, or j + 1 from i on (branch-free: the sign bit
        // of i − 1 − j is 1 exactly when j ≥ i).
        lag += values[start + t] * v[j + ((i - 1 - j) >>> 31)];
      }
      const s = c * lag;
      if (s >= obs) above++;
      if (s <= obs) below++;
    }
    out[i] = (Math.min(above, below) + 1) / (r + 1);
    if (opts.progress && (i + 1) % 1000 === 0) opts.progress(i + 1, n);
  }
  return out;
}

/** Local Moran's I_i of a prepared sample. */
export function localMoran(s: EsdaSample, opts: LocalOptions = {}): LocalMoranResult {
  const alternative = opts.alternative ?? 'two-sided';
  const conditional = opts.conditional ?? true;
  const w = s.w;
  const n = w.n;
  const x = s.x;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const z = Float64Array.from(x, (v) => v - mean);
  let m2 = 0, m4 = 0;
  for (let i = 0; i < n; i++) { m2 += z[i] * z[i]; m4 += z[i] ** 4; }
  m2 /= n;
  m4 /= n;
  const b2 = m4 / (m2 * m2);
  const lz = w.lag(z);
  const ws = w.rowSums();
  const { rowPtr, values } = w.matrix;
  const ii = new Float64Array(n), e = new Float64Array(n), v = new Float64Array(n), zz = new Float64Array(n), p = new Float64Array(n);
  const coef = new Float64Array(n);
  const a = (n - b2) / (n - 1);
  const b = (2 * b2 - n) / ((n - 1) * (n - 2));
  const quadrant: Quadrant[] = [];
  for (let i = 0; i < n; i++) {
    let wi2 = 0;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) wi2 += values[k] * values[k];
    const wi = ws[i];
    coef[i] = z[i] / m2;
    ii[i] = coef[i] * lz[i];
    if (conditional) {
      e[i] = -(z[i] * z[i] * wi) / ((n - 1) * m2);
      v[i] = (z[i] / m2) ** 2 * (n / (n - 2)) * (wi2 - (wi * wi) / (n - 1)) * (m2 - (z[i] * z[i]) / (n - 1));
    } else {
      e[i] = -wi / (n - 1);
      v[i] = a * wi2 + b * (wi * wi - wi2) - e[i] * e[i];
    }
    zz[i] = (ii[i] - e[i]) / Math.sqrt(v[i]);
    p[i] = normalP(zz[i], alternative);
    quadrant.push(quadrantOf(z[i], lz[i]));
  }
  const pseudoP = conditionalPermutation(w, coef, z, ii, opts);
  const scatterX = standardise(x);
  const scatterY = w.lag(scatterX);
  return Object.freeze({
    ids: w.ids, ii, expected: e, variance: v, z: zz, p, pseudoP,
    permutations: pseudoP ? (opts.permutations ?? 0) : 0,
    seed: pseudoP ? (opts.rng?.seed ?? null) : null,
    quadrant: Object.freeze(quadrant), scatterX, scatterY,
  });
}

/**
 * Bivariate LISA (GeoDa, `spdep::localmoran_bv`): I_i = z_x,i Σ_j w_ij z_y,j with both variables
 * standardised by the sample standard deviation (divisor n − 1, R's `scale`); permutation
 * inference only (the scale does not change pseudo p or quadrants).
 */
export interface BivariateLisaResult {
  readonly ids: readonly string[];
  readonly ii: Float64Array;
  readonly pseudoP: Float64Array | null;
  readonly permutations: number;
  readonly seed: number | null;
  readonly quadrant: readonly Quadrant[];
}

/** Bivariate local Moran of x against the lag of y over a sample prepared with y. */
export function bivariateLocalMoran(s: EsdaSample & { readonly y?: Float64Array }, opts: LocalOptions = {}): BivariateLisaResult {
  if (!s.y) throw new RangeError('bivariateLocalMoran needs a sample prepared with y');
  const n = s.x.length;
  const k = Math.sqrt(n / (n - 1));
  const zx = standardise(s.x).map((v) => v / k);
  const zy = standardise(s.y).map((v) => v / k);
  const lag = s.w.lag(zy);
  const ii = Float64Array.from(zx, (v, i) => v * lag[i]);
  const quadrant = Array.from(zx, (v, i) => quadrantOf(v, lag[i]));
  const pseudoP = conditionalPermutation(s.w, zx, zy, ii, opts);
  return Object.freeze({
    ids: s.w.ids, ii, pseudoP, permutations: pseudoP ? (opts.permutations ?? 0) : 0,
    seed: pseudoP ? (opts.rng?.seed ?? null) : null, quadrant: Object.freeze(quadrant),
  });
}

/** Local G_i or G_i* z-values (hot spots positive, cold spots negative). */
export interface LocalGResult {
  readonly ids: readonly string[];
  readonly star: boolean;
  /** G_i as a ratio (Σ_j w_ij x_j / Σ_{j(≠i)} x_j). */
  readonly g: Float64Array;
  readonly z: Float64Array;
  readonly p: Float64Array;
  readonly pseudoP: Float64Array | null;
  readonly permutations: number;
  readonly seed: number | null;
}

/**
 * W with every region its own neighbour (original weight 1 on the diagonal), the input's
 * transformation re-applied — the weights of G_i*.
 */
export function withSelf(w: SpatialWeights): SpatialWeights {
  const o = w.transform('O');
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  const { rowPtr, colIndex, values } = o.matrix;
  for (let i = 0; i < o.n; i++) {
    let self = false;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      rows.push(i); cols.push(colIndex[k]); vals.push(values[k]);
      if (colIndex[k] === i) self = true;
    }
    if (!self) { rows.push(i); cols.push(i); vals.push(1); }
  }
  return SpatialWeights.fromTriplets(o.ids, rows, cols, vals).transform(w.transformation);
}

/** Local Getis–Ord statistics of a prepared sample (`star`: G_i*). */
export function localG(s: EsdaSample, star: boolean, opts: LocalOptions = {}): LocalGResult {
  const alternative = opts.alternative ?? 'two-sided';
  const w = star ? withSelf(s.w) : s.w;
  const n = w.n;
  const x = s.x;
  let sum = 0, sum2 = 0;
  for (let i = 0; i < n; i++) { sum += x[i]; sum2 += x[i] * x[i]; }
  const lx = w.lag(x);
  const ws = w.rowSums();
  const { rowPtr, values } = w.matrix;
  const g = new Float64Array(n), z = new Float64Array(n), p = new Float64Array(n);
  const coef = new Float64Array(n), observed = new Float64Array(n);
  const mean = sum / n;
  const varAll = sum2 / n - mean * mean;
  for (let i = 0; i < n; i++) {
    let s1 = 0;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) s1 += values[k] * values[k];
    const wi = ws[i];
    let xbar: number, s2: number, vg: number;
    if (star) {
      xbar = mean; s2 = varAll;
      vg = s2 * ((n * s1 - wi * wi) / (n - 1));
    } else {
      xbar = (sum - x[i]) / (n - 1);
      s2 = (sum2 - x[i] * x[i]) / (n - 1) - xbar * xbar;
      vg = s2 * (((n - 1) * s1 - wi * wi) / (n - 2));
    }
    z[i] = (lx[i] - wi * xbar) / Math.sqrt(vg);
    p[i] = normalP(z[i], alternative);
    g[i] = lx[i] / (star ? sum : sum - x[i]);
    coef[i] = 1;
    observed[i] = lx[i];
  }
  // Conditional permutation of the neighbours' values; G_i* keeps the region's own term in place.
  let pseudoP: Float64Array | null = null;
  if ((opts.permutations ?? 0) > 0) {
    const others = star ? withoutDiagonal(w) : w;
    const obs = star ? Float64Array.from(observed, (v, i) => v - w.matrix.get(i, i) * x[i]) : observed;
    pseudoP = conditionalPermutation(others, coef, x, obs, opts);
  }
  return Object.freeze({
    ids: w.ids, star, g, z, p, pseudoP, permutations: pseudoP ? (opts.permutations ?? 0) : 0,
    seed: pseudoP ? (opts.rng?.seed ?? null) : null,
  });
}

/** The same weights without the diagonal (G_i*'s own term is not permuted). */
function withoutDiagonal(w: SpatialWeights): SpatialWeights {
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  const { rowPtr, colIndex, values } = w.matrix;
  for (let i = 0; i < w.n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      if (colIndex[k] === i) continue;
      rows.push(i); cols.push(colIndex[k]); vals.push(values[k]);
    }
  }
  return SpatialWeights.fromTriplets(w.ids, rows, cols, vals);
}

/** Significance cut-offs for n local tests at level α. */
export interface Cutoffs {
  readonly alpha: number;
  readonly bonferroni: number;
  /** Benjamini–Hochberg (as GeoDa's FDR): the largest p_(k) with p_(k) ≤ k α / n, or 0 when none. */
  readonly fdr: number;
}

/** Bonferroni and FDR cut-offs of a vector of p-values (NaN ignored). */
export function cutoffs(p: ArrayLike<number>, alpha: number): Cutoffs {
  const ps = Array.from(p).filter(Number.isFinite).sort((a, b) => a - b);
  const n = ps.length;
  let fdr = 0;
  for (let k = 0; k < n; k++) if (ps[k] <= ((k + 1) * alpha) / n) fdr = ps[k];
  return { alpha, bonferroni: alpha / n, fdr };
}

/** Significance rule of a cluster map. */
export type SignificanceRule = 'alpha' | 'bonferroni' | 'fdr';

/**
 * LISA cluster class of every region: its quadrant when p ≤ the cut-off (α, Bonferroni α/n or
 * FDR), else not significant.
 */
export function lisaClusters(quadrant: readonly Quadrant[], p: ArrayLike<number>, alpha: number,
  rule: SignificanceRule = 'alpha'): LisaClass[] {
  const c = cutoffs(p, alpha);
  const cut = rule === 'alpha' ? alpha : rule === 'bonferroni' ? c.bonferroni : c.fdr;
  return quadrant.map((q, i) => (p[i] <= cut ? q : 'not-significant'));
}
