/**
 * The `gtwr` job through the dispatcher on the China sample project (31 provinces, simulated
 * data): the same numbers as the service called in-process, period summaries by NBS region
 * group, progress, Cancel, and the clear error of τ searched on one year. Also the split of a
 * fit over worker threads (`gtwr-rows`) equals the one-thread fit exactly.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import type { JobResultOf } from '../../../src/contract';
import { ProjectStore } from '../../../src/store/project-store';
import { gtwrTransfer, dataOfTransfer, rowsInput, splitRows } from '../../../src/services/gwr/gwr-job';
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
});
