/**
 * The `gtwr` job through the dispatcher on the China sample project (31 provinces, simulated
 * data): the same numbers as the service called in-process, period summaries by NBS region
 * group, progress, Cancel, and the clear error of τ searched on one year. Also the split of a
 * fit over worker threads (`gtwr-rows`) equals the one-thread fit exactly.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import type { JobResultOf } from '../../../src/contract';
import { ProjectStore } from '../../../src/store/project-store';
import { gtwrTransfer, dataOfTransfer } from '../../../src/services/gwr/gwr-job';
import { rowsInput, splitRows } from '../../../src/services/gwr/gwr-rows';
import { gtwrJson, runGtwr } from '../../../src/services/gwr/gwr-service';
import { assembleFit, fitGtwr } from '../../../src/models/gwr/fit';
import { runInWorker } from '../../../src/services/jobs/run-in-worker';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-app-gtwr-' });
const { call } = app;

async function finish(jobId: string) {
  let s = await call('job:status', { jobId });
  for (let i = 0; i < 6000 && s.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 10));
    s = await call('job:status', { jobId });
  }
  return s;
}

const input = { y: 'resilience', x: ['digital', 'fin_dev'], adaptive: true, bandwidth: 'auto' as const, tau: 90000, periods: [{ from: 2008, to: 2012 }, { from: 2013, to: 2017 }, { from: 2018, to: 2022 }] };

describe('gtwr job on the China sample', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
  }, 120_000);

  it('equals the service in-process, with a search profile and period summaries by region group', async () => {
    const opts = await call('gwr:options', {});
    expect(opts.regions).toBe(31);
    expect(opts.tau0).toBeCloseTo(opts.medianNearestKm ** 2, 6);
    const { jobId } = await call('job:start', { task: 'gtwr', input });
    const s = await finish(jobId);
    expect(s.state).toBe('done');
    const r = s.result as JobResultOf<'gtwr'>;
    expect(s.progress.done).toBe(s.progress.total);
    const store = ProjectStore.open(app.service.projectPath as string);
    let direct: Record<string, unknown>;
    try {
      const req = { ...input, kernel: 'bisquare' as const, criterion: 'aicc' as const, pastOnly: false, exhaustive: false, locations: 'centroids' as const, alpha: 0.05, monteCarlo: 0, seed: 1, fTest: true, periods: input.periods };
      const { transfer } = gtwrTransfer(store, req);
      const data = dataOfTransfer(transfer);
      direct = gtwrJson(data, await runGtwr(data, { kernel: 'bisquare', adaptive: true, bandwidth: 'auto', tau: 90000, periods: input.periods.map((p) => ({ ...p, label: `${p.from}–${p.to}` })), groups: new Map(transfer.groups) }));
    } finally {
      store.close();
    }
    expect(r.bandwidth).toBe(direct.bandwidth);
    expect(r.diagnostics.aicc).toBe((direct.diagnostics as { aicc: number }).aicc);
    expect(r.n_obs).toBe(31 * 15);
    expect(r.search?.profile.length).toBeGreaterThan(5);
    const dig = r.periods?.find((p) => p.coefficient === 'digital');
    expect(dig?.overall.map((c) => c.period)).toEqual(['2008–2012', '2013–2017', '2018–2022']);
    expect(new Set(dig?.by_group.map((g) => g.group))).toEqual(new Set(['East', 'Central', 'West', 'Northeast']));
    expect(dig?.by_region).toHaveLength(31 * 3);
  }, 120_000);

  it('τ searched on one year is a clear error; Cancel stops a long exhaustive search', async () => {
    const one = await call('job:start', { task: 'gtwr', input: { ...input, from: 2010, to: 2010, tau: 'auto' } });
    const s = await finish(one.jobId);
    expect(s.state).toBe('failed');
    expect(s.error?.code).toBe('gwr-tau-single-period');
    const long = await call('job:start', { task: 'gtwr', input: { ...input, tau: 'auto', exhaustive: true, monteCarlo: 999 } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await call('job:cancel', { jobId: long.jobId })).cancelled).toBe(true);
    const c = await finish(long.jobId);
    expect(c.state).toBe('cancelled');
  }, 120_000);

  it('a fit split over worker threads (gtwr-rows) equals the one-thread fit exactly', async () => {
    const store = ProjectStore.open(app.service.projectPath as string);
    try {
      const req = { ...input, kernel: 'bisquare' as const, criterion: 'aicc' as const, pastOnly: false, exhaustive: false, locations: 'points' as const, alpha: 0.05, monteCarlo: 0, seed: 1, fTest: true };
      const { transfer } = gtwrTransfer(store, req);
      const data = dataOfTransfer(transfer);
      const spec = { kernel: 'bisquare' as const, adaptive: true, bandwidth: 40, tau: 90000 };
      const blocks = await Promise.all(splitRows(data.problem.design.n, 2).map((rows) => runInWorker('gtwr-rows', rowsInput(data, spec, rows))));
      const split = assembleFit(data.problem, spec, blocks);
      const one = fitGtwr(data.problem, spec);
      expect(Array.from(split.beta)).toEqual(Array.from(one.beta));
      expect(split.diagnostics).toEqual(one.diagnostics);
    } finally {
      store.close();
    }
  }, 120_000);

  it('reports the two-way FE beside GTWR and OLS, and the Monte Carlo test with its progress', async () => {
    const { jobId } = await call('job:start', { task: 'gtwr', input: { ...input, bandwidth: 40, monteCarlo: 9, seed: 3, fTest: false } });
    const s = await finish(jobId);
    expect(s.state).toBe('done');
    const r = s.result as JobResultOf<'gtwr'>;
    // one fit step + nine permutations
    expect(s.progress).toEqual({ done: 10, total: 10 });
    expect(r.monte_carlo).toMatchObject({ replications: 9, seed: 3 });
    for (const c of Object.values(r.monte_carlo?.coefficients ?? {})) {
      expect((c.p as number) * 10).toBeCloseTo(Math.round((c.p as number) * 10), 10); // p = (1 + m)/(R + 1)
    }
    // 465 region-years, two slopes: K = 2 + 31 + 15 − 1 = 47
    expect(r.fe).toMatchObject({ effects: 'twoways', parameters: 47, df_resid: 465 - 47 });
    expect(r.comparison?.ols.parameters).toBe(3);
    expect(r.comparison?.gtwr.aicc).toBe(r.diagnostics.aicc);
    expect(r.warnings).toEqual([]);
  }, 120_000);

  it('bad input has clear messages: too few observations for the kernel, a bandwidth below the workable minimum, one year without FE, missing and duplicate points', async () => {
    const run = async (extra: Record<string, unknown>) => finish((await call('job:start', { task: 'gtwr', input: { ...input, ...extra } })).jobId);
    const many = await run({ from: 2010, to: 2010, tau: 0, bandwidth: 60 });
    expect(many.error).toMatchObject({ code: 'gwr-too-few-observations', details: { k: 60, n: 31 } });
    const small = await run({ from: 2010, to: 2010, tau: 0, bandwidth: 3 });
    expect(small.error?.code).toBe('gwr-singular-local');
    expect(small.error?.message).toMatch(/^The local regression at \d{6} 2010 cannot be estimated with bandwidth 3 \(nearest observations\).*The smallest workable bandwidth is \d+ nearest observations\.$/);
    // a cross-section fits GWR; the FE comparison is left out with a warning saying why
    const one = await run({ from: 2010, to: 2010, tau: 0, bandwidth: 20, periods: [] });
    expect(one.state).toBe('done');
    const r1 = one.result as JobResultOf<'gtwr'>;
    expect(r1.fe).toBeNull();
    expect(r1.warnings.map((w) => w.code)).toEqual(['gwr-fe-single-period']);
    // a region without a stored point (locations = points) is named, not put at 0°, 0°
    const store = ProjectStore.open(app.service.projectPath as string);
    const beijing = store.listRegions().find((x) => x.code === '110000');
    try {
      store.upsertRegions([{ code: '110000', lon: null, lat: null }]);
      const missing = await run({ locations: 'points' });
      expect(missing.error).toMatchObject({ code: 'gwr-missing-coordinates', details: { region: '110000' } });
      await expect(call('gwr:options', { locations: 'points' })).rejects.toMatchObject({ code: 'gwr-missing-coordinates' });
      store.upsertRegions([{ code: '110000', lon: 117.2, lat: 39.13 }, { code: '120000', lon: 117.2, lat: 39.13 }]);
      const dup = await run({ locations: 'points' });
      expect(dup.error).toMatchObject({ code: 'gwr-duplicate-locations', details: { first: '110000', second: '120000' } });
    } finally {
      const tianjin = { code: '120000', lon: 117.2, lat: 39.13 };
      store.upsertRegions([{ code: '110000', lon: beijing?.lon ?? null, lat: beijing?.lat ?? null }, tianjin]);
      store.close();
    }
  }, 120_000);
});
