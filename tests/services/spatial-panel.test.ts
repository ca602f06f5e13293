/**
 * The `spatial-panel-fit` job and the spatial channels through the dispatcher on the China sample
 * project: the SDM under two matrices (the sample's kNN-4 W of the simulation, and queen
 * contiguity with Hainan linked to Guangdong) equals the engine called directly on the same
 * store; region-level effects and their NBS group means; the table and figure exports; progress
 * and Cancel; an island named. The sample is simulated from an SDM with ρ = 0.35 on the kNN-4 W
 * (src/samples/china-demo.ts `CHINA_DEMO_DGP`), so the fit under that W recovers ρ within
 * sampling error.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import type { JobResultOf } from '../../src/contract';
import { fitRandomEffects, fitSpatialPanel, spatialHausman } from '../../src/models/spatial-panel';
import { CHINA_DEMO_DGP } from '../../src/samples/china-demo';
import { projectPanel } from '../../src/services/inputs/project-inputs';
import { stackForW } from '../../src/services/spatial-panel/panel-data';
import { loadWeightsFromProject } from '../../src/services/weights/weights-service';
import { ProjectStore } from '../../src/store/project-store';
import { useAppService } from '../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-app-spatial-' });
const { call } = app;

async function finish(jobId: string) {
  let s = await call('job:status', { jobId });
  for (let i = 0; i < 6000 && s.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 10));
    s = await call('job:status', { jobId });
  }
  return s;
}

const X = ['digital', 'fin_dev', 'industry', 'open'];
const QUEEN = 'queen:links=460000|440000';
type Result = JobResultOf<'spatial-panel-fit'>;
let result: Result;

describe('spatial-panel-fit on the China sample', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
    const { jobId } = await call('job:start', {
      task: 'spatial-panel-fit',
      input: { y: 'resilience', x: X, weights: [{ saved: 'knn4_capitals' }, { spec: QUEEN }], draws: 200, seed: 5, regionEffectsOf: 'digital' },
    });
    const s = await finish(jobId);
    if (s.state !== 'done') throw new Error(`job ${s.state}: ${JSON.stringify(s.error)}`);
    result = s.result as Result;
    expect(s.progress.done).toBe(s.progress.total);
  }, 240_000);

  it('one column per W, with the engine\'s numbers; ρ under the simulation\'s W is near its 0.35', () => {
    expect(result.columns.map((c) => c.weights)).toEqual(['knn4_capitals', 'queen:std=row:links=460000|440000']);
    expect(result).toMatchObject({ y: 'resilience', model: 'sdm', effects: 'twoways', n: 31, T: 15, draws: 200, seed: 5 });
    const knn = result.columns[0];
    expect(knn.coefficients.map((c) => c.name)).toEqual([...X, ...X.map((x) => `W*${x}`)]);
    expect(knn.spatial?.name).toBe('rho');
    const rho = knn.spatial as { estimate: number; se: number };
    expect(Math.abs(rho.estimate - CHINA_DEMO_DGP.rho)).toBeLessThan(3 * rho.se);
    // The engine on the same store and W gives the same estimate.
    const store = ProjectStore.open(app.service.projectPath as string);
    try {
      const panel = projectPanel(store);
      const w = loadWeightsFromProject(store, 'knn4_capitals').weights;
      const v = (n: string) => ({ name: n, values: panel.values[n] });
      const fit = fitSpatialPanel(stackForW(panel, v('resilience'), X.map(v), w), { model: 'sdm', effects: 'twoways' });
      expect(rho.estimate).toBe(fit.rho?.estimate);
      expect(knn.logLik).toBe(fit.logLik);
    } finally {
      store.close();
    }
    for (const c of result.columns) {
      expect(Object.keys(c.tests)).toEqual(expect.arrayContaining(['lm_lag', 'lm_error', 'robust_lm_lag', 'robust_lm_error', 'wald_sar', 'wald_sem', 'lr_sar', 'lr_sem']));
      expect(c.modelChoice?.message.length).toBeGreaterThan(10);
      expect(c.effects.map((e) => e.name)).toEqual(X);
    }
  });

  it('region-level effects of digital for the 31 provinces, and their means by NBS group', () => {
    for (const c of result.columns) {
      const re = c.regionEffects;
      expect(re?.variable).toBe('digital');
      expect(re?.regions).toHaveLength(31);
      const eff = c.effects[0];
      const mean = (k: 'direct' | 'received' | 'emitted') => (re?.regions ?? []).reduce((s, r) => s + r[k].estimate, 0) / 31;
      // LeSage & Pace (2009) §2.7: the average of the diagonal is the direct effect, of the row / column sums minus diagonal the indirect one.
      expect(Math.abs(mean('direct') - eff.direct.estimate)).toBeLessThan(1e-12);
      expect(Math.abs(mean('received') - eff.indirect.estimate)).toBeLessThan(1e-12);
      expect(Math.abs(mean('emitted') - eff.indirect.estimate)).toBeLessThan(1e-12);
      expect(new Set(re?.groups.map((g) => g.group))).toEqual(new Set(['East', 'Central', 'West', 'Northeast']));
      expect(re?.groups).toHaveLength(12);
      for (const g of re?.groups ?? []) {
        expect(g.lower).not.toBeNull();
        expect(g.lower as number).toBeLessThanOrEqual(g.upper as number);
      }
      expect(re?.regions.find((r) => r.id === '110000')?.group).toBe('East');
    }
  });

  it('exports the comparison table (csv, docx) and the figures (map SVG with one panel per W, chart PNG)', async () => {
    const csv = await call('spatial:tableExport', { result, format: 'csv', language: 'zh' });
    expect(csv.fileName).toBe('sdm-resilience.csv');
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(text).toContain('knn4_capitals');
    expect(text).toContain('直接效应: digital');
    expect(text).toContain('LR-lag');
    const docx = await call('spatial:tableExport', { result, format: 'docx' });
    expect(Buffer.from(docx.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const table = await call('spatial:table', { result });
    expect(table.columnTitles).toEqual(result.columns.map((c) => c.weights));
    const map = await call('spatial:figureExport', { result, kind: 'region-map', measure: 'received', format: 'svg' });
    expect(map.fileName).toBe('spatial-region-map-received-digital.svg');
    const svg = Buffer.from(map.dataBase64, 'base64').toString('utf8');
    expect(svg).toContain('Spillover received');
    expect((svg.match(/data-region="110000"/g) ?? []).length).toBe(2);
    const chart = await call('spatial:figureExport', { result, kind: 'group-chart', measure: 'direct', format: 'png', lang: 'zh' });
    expect(Buffer.from(chart.dataBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);

  it('random effects (SDM): the job reports the engine\'s RE fit and Hausman test; the table has the Hausman and Region RE rows; SEM is refused', async () => {
    const { jobId } = await call('job:start', {
      task: 'spatial-panel-fit', input: { y: 'resilience', x: X, weights: [{ saved: 'knn4_capitals' }], draws: 100, randomEffects: true },
    });
    const s = await finish(jobId);
    if (s.state !== 'done') throw new Error(`job ${s.state}: ${JSON.stringify(s.error)}`);
    const r = s.result as Result;
    expect(r.randomEffects).toBe(true);
    const c = r.columns[0];
    // The engine on the same store and W (the reference the RE engine was tested on is
    // spatial_panel_reference.json `re`, see tests/models/spatial-panel/random-effects.test.ts).
    const store = ProjectStore.open(app.service.projectPath as string);
    try {
      const panel = projectPanel(store);
      const w = loadWeightsFromProject(store, 'knn4_capitals').weights;
      const v = (n: string) => ({ name: n, values: panel.values[n] });
      const input = stackForW(panel, v('resilience'), X.map(v), w);
      const re = fitRandomEffects(input, { model: 'sdm' });
      const h = spatialHausman(fitSpatialPanel(input, { model: 'sdm', effects: 'individual' }), re);
      expect(c.spatial?.estimate).toBe(re.rho.estimate);
      expect(c.coefficients.map((k) => k.name)).toEqual(re.coefficients.map((k) => k.name));
      expect(c.coefficients[0].name).toBe('(Intercept)');
      expect(c.logLik).toBe(re.logLik);
      expect(c.randomEffects?.theta.estimate).toBe(re.theta.estimate);
      expect(c.randomEffects?.sigma2Mu).toBe(re.sigma2Mu);
      expect(c.tests.hausman).toEqual({ statistic: h.statistic, df: h.df, p: h.p });
      // And in the fixed-effects run of beforeAll, the same Hausman test.
      expect(result.columns[0].tests.hausman).toEqual({ statistic: h.statistic, df: h.df, p: h.p });
    } finally {
      store.close();
    }
    // Effects of the RE fit: total = (β + θ)/(1 − ρ) for a row-standardised W (LeSage & Pace 2009, §2.7).
    const coef = (n: string) => c.coefficients.find((k) => k.name === n)?.estimate as number;
    const rho = c.spatial?.estimate as number;
    X.forEach((x, k) => expect(Math.abs(c.effects[k].total.estimate - (coef(x) + coef(`W*${x}`)) / (1 - rho))).toBeLessThan(1e-10));
    const csv = Buffer.from((await call('spatial:tableExport', { result: r, format: 'csv', language: 'zh' })).dataBase64, 'base64').toString('utf8');
    expect(csv).toContain('Hausman');
    expect(csv).toContain('地区随机效应');
    expect(csv).toContain('常数项');
    const sem = await finish((await call('job:start', { task: 'spatial-panel-fit', input: { y: 'resilience', x: X, weights: [{ saved: 'knn4_capitals' }], model: 'sem', draws: 0, randomEffects: true } })).jobId);
    expect(sem.state).toBe('failed');
    expect(sem.error?.code).toBe('spatial-random-effects-model');
  }, 120_000);

  it('a W with an island (queen leaves Hainan alone) fails with a sentence naming it', async () => {
    const { jobId } = await call('job:start', { task: 'spatial-panel-fit', input: { y: 'resilience', x: X, weights: [{ spec: 'queen' }], draws: 0 } });
    const s = await finish(jobId);
    expect(s.state).toBe('failed');
    expect(s.error?.code).toBe('spatial-weights-islands');
    expect(s.error?.message).toContain('460000');
  }, 60_000);

  it('a long run of draws reports progress and can be cancelled', async () => {
    const { jobId } = await call('job:start', { task: 'spatial-panel-fit', input: { y: 'resilience', x: X, weights: [{ saved: 'knn4_capitals' }], draws: 100000, regionEffectsOf: 'digital' } });
    let s = await call('job:status', { jobId });
    for (let i = 0; i < 3000 && s.progress.done < 5 && s.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      s = await call('job:status', { jobId });
    }
    expect(s.state).toBe('running');
    expect(s.progress.total).toBeGreaterThan(100000);
    expect(await call('job:cancel', { jobId })).toEqual({ cancelled: true });
    expect((await finish(jobId)).state).toBe('cancelled');
  }, 120_000);
});
