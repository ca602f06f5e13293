/**
 * Who computes the sums of a bandwidth search. For every candidate bandwidth a search needs
 * RSS = Σ_i (y_i − ŷ_i)², tr S = Σ_i S_ii and CV = Σ_i ((y_i − ŷ_i)/(1 − S_ii))² over all n
 * observations: a sweep of many k at once (./sweep.ts, bisquare / tricube / box-car adaptive) or
 * one direct fit of every local regression (./local-fit.ts, the other cases). A `RowScorer`
 * answers both synchronously; `localScorer` computes them in this thread, and a service can
 * inject one that splits the row blocks over threads (src/services/gwr/gwr-search-pool.ts).
 * Either way the sums are taken in the fixed blocks of ./row-blocks.ts, so they are bit-identical.
 */
import type { GtwrProblem, GtwrSpec } from './fit';
import { metricOf } from './fit';
import { isCompact, type GwrKernel } from './kernels';
import { fitRows } from './local-fit';
import { neighbourSource } from './neighbours';
import { allBlocks, canonicalTies, combineBlocks, SUM_BLOCK, SUMS } from './row-blocks';
import type { SpaceTimeMetric } from './space-time';
import { buildSweepCache, createBlockSweeper, type SweepCache, type SweepResult } from './sweep';

/** The sums of one bandwidth over all observations. */
export interface FitSums {
  readonly rss: number;
  readonly traceS: number;
  readonly cv: number;
  /** Some local design is singular (the bandwidth is not valid). */
  readonly singular: boolean;
}

/** Successive sweep passes at one τ (the running sums and the neighbour cache kept between passes). */
export interface SearchSweeper {
  /**
   * RSS, tr S and CV of every k of `ks` (sorted ascending): see Sweeper.score. With
   * `cacheKMax` the k_max-nearest lists of the rows are gathered once at that k_max (again when
   * it changes) and reused by the passes.
   */
  score(ks: readonly number[], cacheKMax?: number): SweepResult;
}

/** Computes the search sums of one problem (synchronously). */
export interface RowScorer {
  /** Threads that compute (1: this one). */
  readonly threads: number;
  /** A sweeper at one τ; a new one replaces the previous (one search at a time). */
  sweeper(kernel: GwrKernel, metric: SpaceTimeMetric): SearchSweeper;
  /** The sums of one bandwidth by direct local fits. */
  fit(spec: GtwrSpec): FitSums;
}

/**
 * The per-block sums of direct fits at one bandwidth for the rows of `blocks`: block `blocks[b]`
 * at out[b·SUMS + 0…3] (RSS, tr S, CV, 1 when singular). Compact kernels' neighbour lists are put
 * in a canonical order first (ties by index).
 */
export function fitBlockSums(problem: GtwrProblem, spec: GtwrSpec, blocks: Int32Array, signal?: () => void): Float64Array {
  const { n, y } = problem.design;
  const source = neighbourSource(problem.index, spec, metricOf(spec));
  const nb = isCompact(spec.kernel)
    ? (i: number) => { const l = source(i); canonicalTies(l.idx, l.dist, 0, l.idx.length); return l; }
    : source;
  const out = new Float64Array(blocks.length * SUMS);
  for (let ob = 0; ob < blocks.length; ob++) {
    const s = blocks[ob] * SUM_BLOCK, e = Math.min(n, s + SUM_BLOCK);
    const rows = Int32Array.from({ length: e - s }, (_, r) => s + r);
    const b = fitRows(problem.design, spec.kernel, nb, rows, { full: false, signal });
    const o = ob * SUMS;
    if (b.singular.length > 0) { out[o + 3] = 1; continue; }
    let rss = 0, trS = 0, cv = 0;
    for (let r = 0; r < rows.length; r++) {
      const res = y[rows[r]] - b.yhat[r];
      rss += res * res;
      trS += b.sii[r];
      cv += (res / (1 - b.sii[r])) ** 2;
    }
    out[o] = rss; out[o + 1] = trS; out[o + 2] = cv;
  }
  return out;
}

/** The FitSums of one candidate of block totals. */
export function fitSumsOf(parts: Float64Array, nBlocks: number): FitSums {
  const t = combineBlocks(parts, nBlocks, 1);
  return { rss: t.rss[0], traceS: t.traceS[0], cv: t.cv[0], singular: t.singular[0] === 1 };
}

/** The scorer of this thread (every block here). `signal` is called now and then; throw from it to cancel. */
export function localScorer(problem: GtwrProblem, signal?: () => void): RowScorer {
  const blocks = allBlocks(problem.design.n);
  return {
    threads: 1,
    sweeper(kernel, metric) {
      const bs = createBlockSweeper(problem, kernel, metric, blocks, signal);
      let cache: SweepCache | undefined;
      return {
        score(ks, cacheKMax) {
          if (cacheKMax !== undefined && cache?.kMax !== cacheKMax) cache = buildSweepCache(problem, cacheKMax, metric, signal, bs.rows);
          return { ks, ...combineBlocks(bs.score(ks, cache), blocks.length, ks.length) };
        },
      };
    },
    fit(spec) {
      return fitSumsOf(fitBlockSums(problem, spec, blocks, signal), blocks.length);
    },
  };
}
