/**
 * Adaptive-k profiles in one pass per focal point for the polynomial kernels. With the
 * neighbours of i sorted by distance and h = d_(k), the bisquare weight expands as
 * (1 − d²/h²)² = 1 − 2d²/h² + d⁴/h⁴ (tricube: 1 − 3r³ + 3r⁶ − r⁹; box-car: 1), so
 * XᵀW_iX = Σ_m c_m(h) M_m(k) and XᵀW_i y likewise, where M_m(k) = Σ_{j : d_j < h} d_j^m x_j x_jᵀ are
 * running sums along the sorted list. Every k of a search then costs O(p³) for the solve instead
 * of O(k·p²): ŷ_i = x_iᵀA⁻¹b and S_ii = x_iᵀA⁻¹x_i (w_ii = 1) for all k at once. The distances are
 * scaled by each focal point's largest one before taking powers (no overflow, little cancellation).
 * With a sweep cache (the k_max lists of the same τ, sorted once) the lists are neither gathered
 * nor sorted again, and a pass walks each list only up to its largest k.
 *
 * The sums over observations are taken in fixed blocks of SUM_BLOCK consecutive rows (each
 * block from zero, the blocks then added in block order; ./row-scorer.ts), and tied distances
 * are put in index order, so a search split over threads by blocks gives bit-identical sums.
 */
import { aiccOf } from './diagnostics';
import type { GwrKernel } from './kernels';
import { SINGULAR_PIVOT } from './local-fit';
import type { GtwrProblem } from './fit';
import type { SpaceTimeMetric } from './space-time';
import { allBlocks, canonicalTies, combineBlocks, rowsOfBlocks, SUM_BLOCK, SUMS } from './row-blocks';

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

/**
 * The k_max nearest of every observation at one τ (ties at k_max included), sorted nearest
 * first, in one CSR block: the neighbours of i are idx/dist[start[i] … start[i+1]−1]. Built
 * once per τ and shared by every pass of a bandwidth search.
 */
export interface SweepCache {
  readonly kMax: number;
  readonly start: Int32Array;
  readonly idx: Int32Array;
  readonly dist: Float64Array;
}

/**
 * Gather the k_max nearest of every observation of `rows` (default all; the cache is indexed by
 * position in `rows`), nearest first with tied distances in index order.
 */
export function buildSweepCache(problem: GtwrProblem, kMax: number, metric: SpaceTimeMetric, signal?: () => void, rows?: Int32Array): SweepCache {
  const m = rows ? rows.length : problem.design.n;
  const start = new Int32Array(m + 1);
  let cap = Math.max(16, Math.ceil(m * kMax * 1.05));
  let idx = new Int32Array(cap), dist = new Float64Array(cap);
  let used = 0;
  for (let r = 0; r < m; r++) {
    if (signal && (r & 255) === 0) signal();
    const l = problem.index.nearest(rows ? rows[r] : r, kMax, metric);
    const cnt = l.idx.length;
    if (used + cnt > cap) {
      cap = Math.max(used + cnt, 2 * cap);
      const ni = new Int32Array(cap), nd = new Float64Array(cap);
      ni.set(idx.subarray(0, used)); nd.set(dist.subarray(0, used));
      idx = ni; dist = nd;
    }
    idx.set(l.idx, used); dist.set(l.dist, used); // nearest first already
    canonicalTies(idx, dist, used, cnt);
    used += cnt;
    start[r + 1] = used;
  }
  return { kMax, start, idx: idx.subarray(0, used), dist: dist.subarray(0, used) };
}

/** Per k: RSS, tr S and CV sums, and whether any local design was singular. */
export interface SweepResult {
  readonly ks: readonly number[];
  readonly rss: Float64Array;
  readonly traceS: Float64Array;
  readonly cv: Float64Array;
  readonly singular: Uint8Array;
}

/** Scores k of one τ pass after pass, resuming the running sums when a pass only adds larger k. */
export interface Sweeper {
  /**
   * RSS, tr S and CV for every k of `ks` (sorted ascending, each ≤ n). When every k is at
   * least the largest k of the previous pass, each focal point's running sums continue from
   * where that pass stopped (only the new neighbours are walked). `cache` (lists of this τ
   * sorted, k_max ≥ the largest k) saves gathering and sorting the neighbours again.
   */
  score(ks: readonly number[], cache?: SweepCache): SweepResult;
}

/** Largest per-focal running-sum state kept for resuming (doubles). */
const STATE_LIMIT = 4_000_000;

/** A sweeper over some row blocks: partial sums per block (the part of a search one thread computes). */
export interface BlockSweeper {
  /** The rows of the blocks, in block order (a cache for `score` is indexed by position here). */
  readonly rows: Int32Array;
  /**
   * Per block of `blocks` (in that order) and k of `ks`: RSS, tr S, CV and 1 where singular, at
   * out[(b·K + q)·SUMS + 0…3]; the rules of passes and `cache` as Sweeper.score.
   */
  score(ks: readonly number[], cache?: SweepCache): Float64Array;
}

/**
 * A sweeper over one τ for the rows of `blocks` (global block numbers of SUM_BLOCK rows): whitened
 * X and the products x_j x_jᵀ, x_j y_j of every observation computed once; per pass, each focal
 * point's neighbours are walked nearest first up to the largest k's bandwidth with fused running
 * sums Σ r^m·[x xᵀ, x y] (no per-observation allocation). Whether the running sums are kept for
 * resuming depends on n only, so every thread of a split search makes the same choice.
 */
export function createBlockSweeper(problem: GtwrProblem, kernel: GwrKernel, metric: SpaceTimeMetric, blocks: Int32Array, signal?: () => void): BlockSweeper {
  const { n, p, y } = problem.design;
  const X = whiten(problem.design.X, n, p);
  const T = terms(kernel).pow.length;
  const kc = kernel === 'bisquare' ? 0 : kernel === 'tricube' ? 1 : 2;
  // per observation: the packed lower triangle of x xᵀ then x·y (q numbers)
  const tri = (p * (p + 1)) / 2, q = tri + p, tq = T * q;
  const P = new Float64Array(n * q);
  for (let j = 0; j < n; j++) {
    const jo = j * p, po = j * q;
    let e = 0;
    for (let a = 0; a < p; a++) for (let c = 0; c <= a; c++) P[po + e++] = X[jo + a] * X[jo + c];
    for (let a = 0; a < p; a++) P[po + e++] = X[jo + a] * y[j];
  }
  const rows = rowsOfBlocks(n, blocks);
  const m = rows.length;
  // resumable state: running sums, walk position and scale of each focal point after the last pass
  const keep = n * tq <= STATE_LIMIT;
  const stM = keep ? new Float64Array(m * tq) : new Float64Array(tq);
  const stPos = new Int32Array(keep ? m : 1), stScale = new Float64Array(keep ? m : 1);
  let walked = 0;
  const S = new Float64Array(q), b = new Float64Array(p), u = new Float64Array(p);
  const ro = Int32Array.from({ length: p }, (_, a) => (a * (a + 1)) / 2);
  return {
    rows,
    score(ks, cache) {
      const K = ks.length;
      const out = new Float64Array(blocks.length * K * SUMS);
      if (K === 0) return out;
      const kMax = ks[K - 1];
      const resume = keep && walked > 0 && ks[0] >= walked;
      const useCache = cache !== undefined && cache.kMax >= kMax;
      let r = 0;
      for (let ob = 0; ob < blocks.length; ob++) {
        const bEnd = r + blockRows(n, blocks[ob]);
        const oo = ob * K * SUMS;
        for (; r < bEnd; r++) {
          if (signal && (r & 31) === 0) signal();
          const i = rows[r];
          let idx: Int32Array, dist: Float64Array, off: number, cnt: number;
          if (useCache) {
            idx = cache.idx; dist = cache.dist; off = cache.start[r]; cnt = cache.start[r + 1] - off;
          } else {
            const lst = problem.index.nearest(i, kMax, metric);
            cnt = lst.idx.length;
            idx = lst.idx; dist = lst.dist; off = 0; // nearest first already
            canonicalTies(idx, dist, 0, cnt);
          }
          if (cnt === 0) continue;
          const mo0 = keep ? r * tq : 0;
          let t0: number, scale: number;
          if (resume) {
            t0 = off + stPos[r]; scale = stScale[r];
          } else {
            const hTop = dist[off + Math.min(kMax, cnt) - 1];
            scale = hTop > 0 ? hTop : 1;
            t0 = off;
            stM.fill(0, mo0, mo0 + tq);
          }
          const inv = 1 / scale;
          const end = off + cnt;
          const io = i * p;
          for (let qk = 0; qk < K; qk++) {
            const h = dist[off + Math.min(ks[qk], cnt) - 1];
            // entries that enter the window of this k (d < h; box-car d ≤ h), nearest first
            if (kc === 0) {
              while (t0 < end && dist[t0] < h) {
                const rr = dist[t0] * inv, r2 = rr * rr, r4 = r2 * r2, po = idx[t0] * q;
                for (let e = 0; e < q; e++) { const v = P[po + e]; stM[mo0 + e] += v; stM[mo0 + q + e] += r2 * v; stM[mo0 + 2 * q + e] += r4 * v; }
                t0++;
              }
            } else if (kc === 1) {
              while (t0 < end && dist[t0] < h) {
                const rr = dist[t0] * inv, r3 = rr * rr * rr, r6 = r3 * r3, r9 = r6 * r3, po = idx[t0] * q;
                for (let e = 0; e < q; e++) {
                  const v = P[po + e];
                  stM[mo0 + e] += v; stM[mo0 + q + e] += r3 * v; stM[mo0 + 2 * q + e] += r6 * v; stM[mo0 + 3 * q + e] += r9 * v;
                }
                t0++;
              }
            } else {
              while (t0 < end && dist[t0] <= h) {
                const po = idx[t0] * q;
                for (let e = 0; e < q; e++) stM[mo0 + e] += P[po + e];
                t0++;
              }
            }
            // A = Σ_m c_m (h/scale)^−m M_m, kept packed (lower triangle by rows, then b)
            const hs = h * inv;
            if (kc === 0) {
              const i2 = 1 / (hs * hs), f1 = -2 * i2, f2 = i2 * i2;
              for (let e = 0; e < q; e++) S[e] = stM[mo0 + e] + f1 * stM[mo0 + q + e] + f2 * stM[mo0 + 2 * q + e];
            } else if (kc === 1) {
              const i3 = 1 / (hs * hs * hs), f1 = -3 * i3, f2 = 3 * i3 * i3, f3 = -i3 * i3 * i3;
              for (let e = 0; e < q; e++) S[e] = stM[mo0 + e] + f1 * stM[mo0 + q + e] + f2 * stM[mo0 + 2 * q + e] + f3 * stM[mo0 + 3 * q + e];
            } else {
              for (let e = 0; e < q; e++) S[e] = stM[mo0 + e];
            }
            // packed Cholesky of A (lower), singular when a pivot is tiny relative to its diagonal
            let ok = true;
            for (let jc = 0; jc < p; jc++) {
              const jr = ro[jc];
              const orig = S[jr + jc];
              let s2 = orig;
              for (let e2 = 0; e2 < jc; e2++) s2 -= S[jr + e2] * S[jr + e2];
              if (!(s2 > SINGULAR_PIVOT * Math.abs(orig)) || !(orig > 0)) { ok = false; break; }
              const l = Math.sqrt(s2);
              S[jr + jc] = l;
              const il = 1 / l;
              for (let a = jc + 1; a < p; a++) {
                const ar = ro[a];
                let t2 = S[ar + jc];
                for (let e2 = 0; e2 < jc; e2++) t2 -= S[ar + e2] * S[jr + e2];
                S[ar + jc] = t2 * il;
              }
            }
            const o = oo + qk * SUMS;
            if (!ok) { out[o + 3] = 1; continue; }
            // forward solve L z = x_i and L z' = b: S_ii = |z|², ŷ = z·z'
            let sii = 0, fit = 0;
            for (let a = 0; a < p; a++) {
              const ar = ro[a];
              let s1 = X[io + a], s2 = S[tri + a];
              for (let e2 = 0; e2 < a; e2++) { s1 -= S[ar + e2] * u[e2]; s2 -= S[ar + e2] * b[e2]; }
              const d = S[ar + a];
              u[a] = s1 / d;
              b[a] = s2 / d;
              sii += u[a] * u[a];
              fit += u[a] * b[a];
            }
            const res = y[i] - fit, loo = res / (1 - sii);
            out[o] += res * res;
            out[o + 1] += sii;
            out[o + 2] += loo * loo;
          }
          if (keep) { stPos[r] = t0 - off; stScale[r] = scale; }
        }
      }
      walked = kMax;
      return out;
    },
  };
}

/** Number of rows of block `b`. */
function blockRows(n: number, b: number): number {
  return Math.min(n, (b + 1) * SUM_BLOCK) - b * SUM_BLOCK;
}

/**
 * A sweeper over one τ and every observation (see createBlockSweeper): the block sums added in
 * block order.
 */
export function createSweeper(problem: GtwrProblem, kernel: GwrKernel, metric: SpaceTimeMetric, signal?: () => void): Sweeper {
  const blocks = allBlocks(problem.design.n);
  const bs = createBlockSweeper(problem, kernel, metric, blocks, signal);
  return {
    score(ks, cache) {
      const sums = combineBlocks(bs.score(ks, cache), blocks.length, ks.length);
      return { ks, ...sums };
    },
  };
}

/**
 * RSS, tr S and CV for every k of `ks` (sorted ascending, each ≤ n) in one pass over the
 * observations (a fresh sweeper; see createSweeper).
 */
export function sweepAdaptive(problem: GtwrProblem, kernel: GwrKernel, metric: SpaceTimeMetric, ks: readonly number[], signal?: () => void, cache?: SweepCache): SweepResult {
  return createSweeper(problem, kernel, metric, signal).score(ks, cache);
}

/** The criterion of each k from a sweep (NaN where singular or AICc is undefined). */
export function sweepScores(s: SweepResult, n: number, criterion: 'aicc' | 'cv'): number[] {
  return s.ks.map((_, q) => (s.singular[q] ? NaN : criterion === 'aicc' ? aiccOf(s.rss[q], n, s.traceS[q]) : s.cv[q]));
}
