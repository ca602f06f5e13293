/**
 * The bandwidth and τ searches split over worker threads (src/services/gwr/gwr-search-pool.ts):
 * the row blocks of src/models/gwr/row-blocks.ts computed by this thread and light workers
 * (the command line's rows-worker entry, from source) give bit-identical profiles and the same
 * chosen bandwidth / τ with 1, 2 and 3 threads; a cancelled search leaves no worker behind.
 * Data: Produc 1970–1986 (48 states × 17 years, 816 observations = 4 row blocks) with the us48
 * centroids of tests/fixtures/reference/gwr_gtwr_produc.json. The reference values are the
 * one-thread search itself (localScorer); its agreement with R is tests/models/gwr/select.test.ts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliWorkerEntry } from '../../../src/cli/worker-entry';
import { CancelledError } from '../../../src/core/errors';
import type { GtwrProblem } from '../../../src/models/gwr/fit';
import { blockCount } from '../../../src/models/gwr/row-blocks';
import { searchAdaptive, searchFixed, searchTau, type BandwidthSearch, type SearchOptions } from '../../../src/models/gwr/select';
import { activeSearchWorkerCount, openSearchPool, searchWorkerEntry, SEARCH_PARALLEL_MIN_ROWS, type SearchPool } from '../../../src/services/gwr/gwr-search-pool';
import { runGtwr, type GwrData } from '../../../src/services/gwr/gwr-service';
import { problemOf, reference } from '../../models/gwr/produc-fixture';

const ref = reference();
const all = ref.data.obs.year.map((_, i) => i + 1);
const problem = problemOf(ref, all);
const D = ref.data;
const points = {
  location: Int32Array.from(D.obs.state, (s) => D.states.indexOf(s)), time: Float64Array.from(D.obs.year),
  x: Float64Array.from(D.centroid_lon), y: Float64Array.from(D.centroid_lat), lonLat: true, names: D.states,
};
const entry = cliWorkerEntry('gtwr-rows-worker');

/** Run `search` with a pool of `threads` (1: this thread's localScorer), closing the pool. */
async function withThreads<T>(threads: number, search: (opts: SearchOptions) => T, signal?: () => void, p: GtwrProblem = problem): Promise<T> {
  const pool: SearchPool | null = threads > 1 ? await openSearchPool(p, points, { threads, entry, signal, minRows: 1 }) : null;
  if (threads > 1) expect(pool?.threads).toBe(threads);
  try {
    return search({ scorer: pool ?? undefined, signal });
  } finally {
    await pool?.close();
  }
}

const profileOf = (s: BandwidthSearch): number[][] => s.profile.map((q) => [q.bandwidth, q.score, q.traceS]);

async function noWorkerLeft(): Promise<void> {
  for (let i = 0; i < 100 && activeSearchWorkerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(activeSearchWorkerCount()).toBe(0);
}

describe('GTWR searches over threads', () => {
  it('adaptive bisquare k search and τ search: 1, 2 and 3 threads give bit-identical profiles and the same choice', async () => {
    expect(blockCount(problem.design.n)).toBe(4);
    const k = await Promise.all([1, 2, 3].map((t) => withThreads(t, (o) => searchAdaptive(problem, { kernel: 'bisquare', tau: 0.5 }, o))));
    for (const r of k.slice(1)) {
      expect(profileOf(r)).toEqual(profileOf(k[0]));
      expect(r.bandwidth).toBe(k[0].bandwidth);
    }
    const tau = [];
    for (const t of [1, 3]) tau.push(await withThreads(t, (o) => searchTau(problem, { kernel: 'bisquare', adaptive: true }, { ...o, tauGrid: 4, grid: 10 })));
    expect(tau[1].profile).toEqual(tau[0].profile);
    expect(tau[1].tau).toBe(tau[0].tau);
    expect(profileOf(tau[1].search)).toEqual(profileOf(tau[0].search));
    await noWorkerLeft();
  }, 120_000);

  it('fixed-bandwidth Gaussian search (direct fits): 1, 2 and 3 threads give bit-identical profiles and the same h', async () => {
    const h = [];
    for (const t of [1, 2, 3]) h.push(await withThreads(t, (o) => searchFixed(problem, { kernel: 'gaussian', tau: 0.5 }, { ...o, grid: 8 })));
    for (const r of h.slice(1)) {
      expect(profileOf(r)).toEqual(profileOf(h[0]));
      expect(r.bandwidth).toBe(h[0].bandwidth);
    }
    expect(h[0].evaluations).toBeGreaterThan(8);
    await noWorkerLeft();
  }, 120_000);

  it('Cancel mid-search (signal throwing in this thread) rejects with CancelledError and leaves no worker', async () => {
    let calls = 0, armed = false;
    const signal = (): void => { if (armed && ++calls > 5) throw new CancelledError(); };
    const pool = await openSearchPool(problem, points, { threads: 3, entry, signal, minRows: 1 });
    expect(activeSearchWorkerCount()).toBe(2);
    armed = true;
    try {
      expect(() => searchAdaptive(problem, { kernel: 'bisquare', tau: 0.5 }, { scorer: pool ?? undefined, signal, exhaustive: true })).toThrow(CancelledError);
      // the pool serves nothing after a cancel
      expect(() => pool?.fit({ kernel: 'bisquare', adaptive: true, bandwidth: 60, tau: 0.5 })).toThrow(CancelledError);
    } finally {
      await pool?.close();
    }
    expect(calls).toBe(6);
    await noWorkerLeft();
  }, 60_000);

  it('runGtwr opens the pool from its hook, closes it after the search, and a cancelled run leaves no worker', async () => {
    const data: GwrData = { problem, points, ids: D.obs.state, times: Float64Array.from(D.obs.year), warnings: [] };
    let opened = 0;
    // the app's entry (src/services/gwr/rows-worker.ts from source, as the job worker starts it)
    const hook = async (d: GwrData, signal?: () => void) => { opened++; return openSearchPool(d.problem, d.points, { threads: 2, entry: searchWorkerEntry(), signal, minRows: 1 }); };
    const o = { kernel: 'bisquare' as const, adaptive: true, bandwidth: 'auto' as const, tau: 0.5, fTest: false, fe: false };
    const split = await runGtwr(data, o, { searchScorer: hook });
    const one = await runGtwr(data, o);
    expect(opened).toBe(1);
    expect(split.search?.profile).toEqual(one.search?.profile);
    expect(split.fit.diagnostics).toEqual(one.fit.diagnostics);
    await noWorkerLeft();
    let calls = 0;
    const signal = (): void => { if (++calls > 100) throw new CancelledError(); };
    await expect(runGtwr(data, { ...o, tau: 'auto' }, { searchScorer: hook, signal })).rejects.toBeInstanceOf(CancelledError);
    await noWorkerLeft();
  }, 120_000);

  it('stays in one thread below SEARCH_PARALLEL_MIN_ROWS or with one thread; the bundled entry is named when missing', async () => {
    expect(await openSearchPool(problem, points, { threads: 3, entry })).toBeNull(); // 816 < 10,000
    expect(problem.design.n).toBeLessThan(SEARCH_PARALLEL_MIN_ROWS);
    expect(await openSearchPool(problem, points, { threads: 1, entry, minRows: 1 })).toBeNull();
    const src = searchWorkerEntry();
    expect(String((src.workerData as { entry: string }).entry)).toMatch(/rows-worker\.ts$/);
    const bundled = pathToFileURL(join(tmpdir(), 'rwb-no-such-build', 'main.js')).href;
    expect(() => searchWorkerEntry(bundled)).toThrow(/gtwr-rows-worker\.js/);
  });
});
