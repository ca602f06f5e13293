/**
 * The fixed row blocks of the search sums (src/models/gwr/row-blocks.ts, row-scorer.ts): any
 * split of the blocks over "threads" (here computed one after the other in this thread, as the
 * pool's workers would) gives bit-identical sums to the one-thread scorer, for the sweep and for
 * direct fits; and the block sums equal the plain row-order sums up to rounding. Data: Produc
 * 1970–1986 (816 observations, tests/fixtures/reference/gwr_gtwr_produc.json); the reference
 * values are the direct local fits of src/models/gwr/local-fit.ts over all rows in one call
 * (themselves checked against R in fit.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { allRows, metricOf } from '../../../src/models/gwr/fit';
import { fitRows } from '../../../src/models/gwr/local-fit';
import { neighbourSource } from '../../../src/models/gwr/neighbours';
import { blockCount, blocksOf, canonicalTies, combineBlocks, rowsOfBlocks, SUM_BLOCK, SUMS } from '../../../src/models/gwr/row-blocks';
import { fitBlockSums, fitSumsOf, localScorer } from '../../../src/models/gwr/row-scorer';
import { buildSweepCache, createBlockSweeper } from '../../../src/models/gwr/sweep';
import { relErr } from '../../tolerances';
import { problemOf, reference } from './produc-fixture';

const ref = reference();
const problem = problemOf(ref, ref.data.obs.year.map((_, i) => i + 1));
const n = problem.design.n;
const metric = { tau: 0.5 };

/** Lay the per-block parts of each thread out by global block (what the pool does). */
function layout(parts: Float64Array[], T: number, width: number): Float64Array {
  const all = new Float64Array(blockCount(n) * width);
  parts.forEach((part, t) => blocksOf(n, t, T).forEach((b, ob) => all.set(part.subarray(ob * width, (ob + 1) * width), b * width)));
  return all;
}

describe('row blocks of the search sums', () => {
  it('blocksOf splits the blocks over threads once each; rowsOfBlocks lists their rows in block order', () => {
    expect(blockCount(n)).toBe(Math.ceil(816 / SUM_BLOCK));
    for (const T of [1, 2, 3]) {
      const owned = Array.from({ length: T }, (_, t) => Array.from(blocksOf(n, t, T)));
      expect(owned.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
    }
    expect(Array.from(rowsOfBlocks(600, Int32Array.of(2)))).toEqual(Array.from({ length: 600 - 512 }, (_, r) => 512 + r));
    // block totals added in block order (0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1 in the last bit)
    const parts = Float64Array.from([0.1, 0, 0, 0, 0.2, 0, 0, 0, 0.3, 0, 0, 1]);
    const t = combineBlocks(parts, 3, 1);
    expect(t.rss[0]).toBe(0.1 + 0.2 + 0.3);
    expect(t.singular[0]).toBe(1);
  });

  it('canonicalTies puts equal distances in index order and leaves the rest', () => {
    const idx = Int32Array.from([9, 7, 3, 8, 2, 5]), dist = Float64Array.from([0, 1, 1, 1, 2, 2]);
    canonicalTies(idx, dist, 0, 6);
    expect(Array.from(idx)).toEqual([9, 3, 7, 8, 2, 5]);
  });

  it('sweeps split over 1, 2 or 3 threads give bit-identical sums, equal to direct fits to rounding', () => {
    const one = localScorer(problem).sweeper('bisquare', metric);
    const ks = [12, 40, 60, 150];
    const cacheK = 200;
    const s1 = one.score(ks, cacheK);
    const later = [150, 300];
    const s1b = one.score(later, cacheK);
    for (const T of [2, 3]) {
      const sweepers = Array.from({ length: T }, (_, t) => createBlockSweeper(problem, 'bisquare', metric, blocksOf(n, t, T)));
      const caches = sweepers.map((s) => buildSweepCache(problem, cacheK, metric, undefined, s.rows));
      const a = combineBlocks(layout(sweepers.map((s, t) => s.score(ks, caches[t])), T, ks.length * SUMS), blockCount(n), ks.length);
      expect(a).toEqual({ rss: s1.rss, traceS: s1.traceS, cv: s1.cv, singular: s1.singular });
      // a resumed pass too
      const b = combineBlocks(layout(sweepers.map((s, t) => s.score(later, caches[t])), T, later.length * SUMS), blockCount(n), later.length);
      expect(b.rss).toEqual(s1b.rss);
      expect(b.cv).toEqual(s1b.cv);
    }
    ks.forEach((k, q) => {
      const spec = { kernel: 'bisquare' as const, adaptive: true, bandwidth: k, tau: 0.5 };
      const d = fitRows(problem.design, 'bisquare', neighbourSource(problem.index, spec, metricOf(spec)), allRows(n), { full: false });
      let rss = 0, trS = 0;
      for (let i = 0; i < n; i++) { rss += (problem.design.y[i] - d.yhat[i]) ** 2; trS += d.sii[i]; }
      expect(relErr(s1.rss[q], rss)).toBeLessThan(1e-9);
      expect(relErr(s1.traceS[q], trS)).toBeLessThan(1e-9);
    });
  });

  it('direct-fit sums split over threads are bit-identical (Gaussian fixed h and bisquare adaptive)', () => {
    for (const spec of [{ kernel: 'gaussian' as const, adaptive: false, bandwidth: 800, tau: 0.5 }, { kernel: 'bisquare' as const, adaptive: true, bandwidth: 60, tau: 0.5 }]) {
      const s1 = localScorer(problem).fit(spec);
      for (const T of [2, 3]) {
        const parts = Array.from({ length: T }, (_, t) => fitBlockSums(problem, spec, blocksOf(n, t, T)));
        expect(fitSumsOf(layout(parts, T, SUMS), blockCount(n))).toEqual(s1);
      }
      expect(s1.singular).toBe(false);
    }
  });
});
