/**
 * Adaptive-k profiles in one pass per focal point for the polynomial kernels. With the
 * neighbours of i sorted by distance and h = d_(k), the bisquare weight expands as
 * (1 − d²/h²)² = 1 − 2d²/h² + d⁴/h⁴ (tricube: 1 − 3r³ + 3r⁶ − r⁹; box-car: 1), so
 * XᵀW_iX = Σ_m c_m(h) M_m(k) and XᵀW_i y likewise, where M_m(k) = Σ_{j : d_j < h} d_j^m x_j x_jᵀ are
 * running sums along the sorted list. Every k of a search then costs O(p³) for the solve instead
 * of O(k·p²): ŷ_i = x_iᵀA⁻¹b and S_ii = x_iᵀA⁻¹x_i (w_ii = 1) for all k at once. The distances are
 * scaled by each focal point's largest one before taking powers (no overflow, little cancellation).
 * With a sweep cache (the k_max lists of the same τ, unsorted) the lists are not gathered again.
 */
import { aiccOf } from './diagnostics';
import type { GwrKernel } from './kernels';
import { SINGULAR_PIVOT } from './local-fit';
import type { GtwrProblem } from './fit';
import { sortFloat64, type NeighbourList, type SpaceTimeMetric } from './space-time';

/** Kernels the sweep handles (polynomial in d/h, zero beyond h). */
export function sweepable(kernel: GwrKernel): boolean {
  return kernel === 'bisquare' || kernel === 'tricube' || kernel === 'boxcar';
}

/** Powers m and coefficients c_m of the kernel as Σ c_m (d/h)^m. */
function terms(kernel: GwrKernel): { pow: number[]; coef: number[] } {
  if (kernel === 'bisquare') return { pow: [0, 2, 4], coef: [1, -2, 1] };
  if (kernel === 'tricube') return { pow: [0, 3, 6, 9], coef: [1, -3, 3, -1] };
  return { pow: [0], coef: [1] };
}

/**
 * X·R⁻¹ with XᵀX = RᵀR: ŷ and S_ii do not change under X → XG (G invertible), and the local
 * X'WX of the whitened columns are far better conditioned (raw log-levels next to an intercept
 * make the running sums lose digits when the weights are formed from them).
 */
function whiten(X0: Float64Array, n: number, p: number): Float64Array {
  const G = new Float64Array(p * p);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) for (let c = 0; c <= a; c++) G[a * p + c] += X0[i * p + a] * X0[i * p + c];
  // lower Cholesky L (XᵀX = LLᵀ, R = Lᵀ)
  for (let j = 0; j < p; j++) {
    let s = G[j * p + j];
    for (let e = 0; e < j; e++) s -= G[j * p + e] ** 2;
    if (!(s > 0)) return X0; // globally singular: leave X as is (every local fit will be singular too)
    const l = Math.sqrt(s);
    G[j * p + j] = l;
    for (let a = j + 1; a < p; a++) {
      let t = G[a * p + j];
      for (let e = 0; e < j; e++) t -= G[a * p + e] * G[j * p + e];
      G[a * p + j] = t / l;
    }
  }
  // rows x·R⁻¹ = (L⁻¹ x)ᵀ: forward substitution per row
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      let s = X0[i * p + a];
      for (let e = 0; e < a; e++) s -= G[a * p + e] * out[i * p + e];
      out[i * p + a] = s / G[a * p + a];
    }
  }
  return out;
}

/** The k_max nearest of every observation at one τ, as gathered (unsorted; ties at k_max included). */
export interface SweepCache {
  readonly kMax: number;
  readonly lists: readonly NeighbourList[];
}

/** Gather (and copy) the k_max nearest of every observation. */
export function buildSweepCache(problem: GtwrProblem, kMax: number, metric: SpaceTimeMetric, signal?: () => void): SweepCache {
  const lists: NeighbourList[] = new Array<NeighbourList>(problem.design.n);
  for (let i = 0; i < problem.design.n; i++) {
    if (signal && (i & 255) === 0) signal();
    const l = problem.index.nearest(i, kMax, metric);
    lists[i] = { idx: l.idx.slice(), dist: l.dist.slice() };
  }
  return { kMax, lists };
}

/** Per k: RSS, tr S and CV sums, and whether any local design was singular. */
export interface SweepResult {
  readonly ks: readonly number[];
  readonly rss: Float64Array;
  readonly traceS: Float64Array;
  readonly cv: Float64Array;
  readonly singular: Uint8Array;
}

/**
 * RSS, tr S and CV for every k of `ks` (sorted ascending, each ≤ n) in one pass over the
 * observations.
 */
export function sweepAdaptive(problem: GtwrProblem, kernel: GwrKernel, metric: SpaceTimeMetric, ks: readonly number[], signal?: () => void, cache?: SweepCache): SweepResult {
  const { n, p, y } = problem.design;
  const X = whiten(problem.design.X, n, p);
  const K = ks.length;
  const kMax = ks[K - 1];
  const { pow, coef } = terms(kernel);
  const T = pow.length;
  const boxcar = kernel === 'boxcar';
  const rss = new Float64Array(K), traceS = new Float64Array(K), cv = new Float64Array(K), singular = new Uint8Array(K);
  const pp = p * p;
  const stride = T * (pp + p);
  // per k: the moment sums of the entries that enter between the previous k's h and this one's
  let bucket = new Float64Array(K * stride);
  const M = new Float64Array(T * pp), V = new Float64Array(T * p);
  const A = new Float64Array(pp), b = new Float64Array(p), u = new Float64Array(p);
  const hq = new Float64Array(K);
  let sorted = new Float64Array(0);
  for (let i = 0; i < n; i++) {
    if (signal && (i & 31) === 0) signal();
    const lst = cache !== undefined && cache.kMax >= kMax ? cache.lists[i] : problem.index.nearest(i, kMax, metric);
    const cnt = lst.idx.length;
    const dist = lst.dist, idx = lst.idx;
    if (sorted.length < cnt) sorted = new Float64Array(cnt);
    const sd = sorted;
    for (let t = 0; t < cnt; t++) sd[t] = dist[t];
    sortFloat64(sd, cnt);
    for (let q = 0; q < K; q++) hq[q] = sd[Math.min(ks[q], cnt) - 1];
    const scale = cnt > 0 && sd[cnt - 1] > 0 ? sd[cnt - 1] : 1;
    if (bucket.length < K * stride) bucket = new Float64Array(K * stride);
    bucket.fill(0, 0, K * stride);
    for (let t0 = 0; t0 < cnt; t0++) {
      const d = dist[t0];
      // first k whose window holds d (d < h; box-car d ≤ h)
      let lo = 0, hi = K;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (boxcar ? d <= hq[mid] : d < hq[mid]) hi = mid; else lo = mid + 1; }
      if (lo === K) continue;
      const j = idx[t0], jo = j * p, r = d / scale, bo = lo * stride;
      let rm = 1, last = 0;
      for (let t = 0; t < T; t++) {
        for (let e = last; e < pow[t]; e++) rm *= r;
        last = pow[t];
        const mo = bo + t * (pp + p), vo = mo + pp;
        for (let a = 0; a < p; a++) {
          const xa = X[jo + a] * rm;
          bucket[vo + a] += xa * y[j];
          for (let c = 0; c <= a; c++) bucket[mo + a * p + c] += xa * X[jo + c];
        }
      }
    }
    M.fill(0); V.fill(0);
    const io = i * p;
    for (let q = 0; q < K; q++) {
      const h = hq[q], bo = q * stride;
      for (let t = 0; t < T; t++) {
        const mo = bo + t * (pp + p), vo = mo + pp;
        for (let e = 0; e < pp; e++) M[t * pp + e] += bucket[mo + e];
        for (let a = 0; a < p; a++) V[t * p + a] += bucket[vo + a];
      }
      const hs = h / scale;
      A.fill(0); b.fill(0);
      let hm = 1, last = 0;
      for (let t = 0; t < T; t++) {
        for (let e = last; e < pow[t]; e++) hm *= hs;
        last = pow[t];
        const f = coef[t] / hm, mo = t * pp, vo = t * p;
        for (let a = 0; a < p; a++) {
          b[a] += f * V[vo + a];
          for (let c = 0; c <= a; c++) A[a * p + c] += f * M[mo + a * p + c];
        }
      }
      // Cholesky of A (lower), singular when a pivot is tiny relative to its diagonal
      let ok = true;
      for (let jc = 0; jc < p && ok; jc++) {
        const orig = A[jc * p + jc];
        let s = orig;
        for (let e = 0; e < jc; e++) s -= A[jc * p + e] * A[jc * p + e];
        if (!(s > SINGULAR_PIVOT * Math.abs(orig)) || !(orig > 0)) { ok = false; break; }
        const l = Math.sqrt(s);
        A[jc * p + jc] = l;
        for (let a = jc + 1; a < p; a++) {
          let t2 = A[a * p + jc];
          for (let e = 0; e < jc; e++) t2 -= A[a * p + e] * A[jc * p + e];
          A[a * p + jc] = t2 / l;
        }
      }
      if (!ok) { singular[q] = 1; continue; }
      // forward solve L z = x_i and L z' = b: S_ii = |z|², ŷ = z·z'
      let sii = 0, fit = 0;
      for (let a = 0; a < p; a++) {
        let s1 = X[io + a], s2 = b[a];
        for (let e = 0; e < a; e++) { s1 -= A[a * p + e] * u[e]; s2 -= A[a * p + e] * b[e]; }
        u[a] = s1 / A[a * p + a];
        b[a] = s2 / A[a * p + a];
        sii += u[a] * u[a];
        fit += u[a] * b[a];
      }
      const e = y[i] - fit;
      rss[q] += e * e;
      traceS[q] += sii;
      cv[q] += (e / (1 - sii)) ** 2;
    }
  }
  return { ks, rss, traceS, cv, singular };
}

/** The criterion of each k from a sweep (NaN where singular or AICc is undefined). */
export function sweepScores(s: SweepResult, n: number, criterion: 'aicc' | 'cv'): number[] {
  return s.ks.map((_, q) => (s.singular[q] ? NaN : criterion === 'aicc' ? aiccOf(s.rss[q], n, s.traceS[q]) : s.cv[q]));
}
