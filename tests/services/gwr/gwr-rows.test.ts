/**
 * The split fit of `rwb gtwr` (src/services/gwr/gwr-rows.ts): this thread fits the first block
 * while `gtwr-rows` workers started from the command line's light entry (rows-worker.ts) fit the
 * others; the joined fit equals the one-thread fit bit for bit.
 * Data: Produc 1970–1986 (48 states × 17 years) with the us48 centroids of the reference fixture
 * tests/fixtures/reference/gwr_gtwr_produc.json.
 */
import { describe, expect, it } from 'vitest';
import { cliWorkerEntry } from '../../../src/cli/worker-entry';
import type { LongPanel } from '../../../src/core/panel';
import { assembleFit, fitGtwr } from '../../../src/models/gwr/fit';
import { parallelFitter, splitRows } from '../../../src/services/gwr/gwr-rows';
import { gwrDataFromPanel, type GwrData } from '../../../src/services/gwr/gwr-service';
import { activeWorkerCount, prestartWorker } from '../../../src/services/jobs/run-in-worker';
import { reference } from '../../models/gwr/produc-fixture';

function producData(): GwrData {
  const D = reference().data;
  const n = D.y.length;
  const panel: LongPanel = { source: 'test', idColumn: 'state', timeColumn: 'year', ids: D.obs.state, times: D.obs.year, rowNumbers: D.obs.state.map((_, i) => i + 2), variables: [], values: {} };
  // the fixture's X has the intercept first; the service adds its own
  const xs = D.X_names.slice(1).map((name, a) => ({ name, values: Float64Array.from({ length: n }, (_, i) => D.X[i][a + 1]) }));
  const points = { ids: D.states, x: Float64Array.from(D.centroid_lon), y: Float64Array.from(D.centroid_lat), lonLat: true };
  return gwrDataFromPanel(panel, { name: 'log(gsp)', values: D.y }, xs, points);
}

describe('split GTWR fit of the command line', () => {
  it('splitRows covers every row once; with firstShare the first block has that share', () => {
    for (const [n, parts, share] of [[816, 2, 0.6], [5000, 4, 0.3], [7, 3, undefined], [10, 2, 0.95]] as const) {
      const blocks = splitRows(n, parts, share);
      expect(blocks.length).toBeLessThanOrEqual(parts);
      const all = blocks.flatMap((b) => Array.from(b));
      expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      if (share !== undefined) expect(blocks[0].length).toBe(Math.round(n * share));
    }
  });

  it('this thread plus two rows-worker threads give exactly the one-thread fit', async () => {
    const data = producData();
    expect(data.problem.design.n).toBe(816);
    const spec = { kernel: 'bisquare' as const, adaptive: true, bandwidth: 60, tau: 0.5 };
    const progress: number[] = [];
    const fitter = parallelFitter(undefined, 3, (d) => progress.push(d), { entry: cliWorkerEntry('gtwr-rows-worker'), shareThisThread: true, minRows: 100 });
    const blocks = await fitter(data, spec);
    expect(blocks).toHaveLength(3);
    expect(blocks[0].rows.length).toBe(Math.round(816 * 0.4));
    const split = assembleFit(data.problem, spec, blocks);
    const one = fitGtwr(data.problem, spec);
    expect(Array.from(split.beta)).toEqual(Array.from(one.beta));
    expect(Array.from(split.se)).toEqual(Array.from(one.se));
    expect(split.diagnostics).toEqual(one.diagnostics);
    expect(progress.at(-1)).toBe(816);
    expect(activeWorkerCount()).toBe(0);
  }, 60_000);

  it('an aborted split fit rejects with CancelledError and leaves no worker running', async () => {
    const data = producData();
    const spec = { kernel: 'bisquare' as const, adaptive: true, bandwidth: 60, tau: 0.5 };
    const abort = new AbortController();
    abort.abort();
    const fitter = parallelFitter(abort.signal, 2, undefined, { entry: cliWorkerEntry('gtwr-rows-worker'), shareThisThread: true, minRows: 100 });
    await expect(fitter(data, spec)).rejects.toMatchObject({ name: 'CancelledError' });
    for (let i = 0; i < 100 && activeWorkerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(activeWorkerCount()).toBe(0);
  }, 60_000);

  it('prestarted workers are taken by the blocks in order and the unused ones released', async () => {
    const data = producData();
    const spec = { kernel: 'bisquare' as const, adaptive: true, bandwidth: 60, tau: 0.5 };
    const entry = cliWorkerEntry('gtwr-rows-worker');
    // three started ahead for a split into this thread + one worker: one is taken, two released
    const pre = [prestartWorker(entry), prestartWorker(entry), prestartWorker(entry)];
    expect(activeWorkerCount()).toBe(3);
    const blocks = await parallelFitter(undefined, 2, undefined, { entry, shareThisThread: true, minRows: 100, prestarted: pre })(data, spec);
    expect(Array.from(assembleFit(data.problem, spec, blocks).beta)).toEqual(Array.from(fitGtwr(data.problem, spec).beta));
    expect(pre.every((w) => w.take() === null)).toBe(true);
    for (let i = 0; i < 100 && activeWorkerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(activeWorkerCount()).toBe(0);
  }, 60_000);
});
