/**
 * The composite-index jobs and channels through the dispatcher on the China sample: an
 * entropy-TOPSIS resilience index with two criterion layers built in the worker equals the
 * engine called directly; `index-save` writes the variable and its recipe, which re-runs to
 * the same values; recipes are saved, listed, edited and deleted; the weights table exports.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import type { JobResultOf } from '../../src/contract';
import { buildIndex, couplingCoordination, martinSensitivity, relativeGrowthResilience } from '../../src/composite';
import { rerunRecipe } from '../../src/services/composite/index-service';
import { projectPanel } from '../../src/services/inputs/project-inputs';
import { useAppService } from '../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-app-index-' });
const { call } = app;

async function finish(jobId: string) {
  let s = await call('job:status', { jobId });
  for (let i = 0; i < 3000 && s.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 10));
    s = await call('job:status', { jobId });
  }
  return s;
}

const recipe = {
  indicators: [
    { expr: 'pgdp', direction: '+', dimension: 'economy' },
    { expr: 'industry', direction: '+', dimension: 'economy' },
    { expr: 'open', direction: '+', dimension: 'economy' },
    { expr: 'digital', direction: '+', dimension: 'society' },
    { expr: 'urban', direction: '+', dimension: 'society' },
    { expr: 'gov', direction: '-', dimension: 'society' },
  ],
  normalisation: 'minmax', scope: 'pooled', shift: 0, weights: { method: 'entropy' }, aggregate: 'topsis', dimensionWeights: null,
} as const;

describe('composite-index jobs on the China sample', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
  }, 120_000);

  it('index-build: the worker result equals the engine on the project panel, with weights table, statistics and robustness', async () => {
    const { jobId } = await call('job:start', { task: 'index-build', input: { recipe } });
    const s = await finish(jobId);
    expect(s.state).toBe('done');
    const v = s.result as JobResultOf<'index-build'>;
    expect(s.progress).toEqual({ done: 6, total: 6 });
    const panel = projectPanel(app.service.store());
    const direct = buildIndex(panel.ids, panel.times, recipe.indicators.map((i) => ({ name: i.expr, direction: i.direction, dimension: i.dimension, values: panel.values[i.expr] })),
      { normalisation: 'minmax', scope: 'pooled', shift: 0, weights: { method: 'entropy' }, aggregate: 'topsis' });
    expect(v.rows.value).toEqual(Array.from(direct.values));
    expect(v.table.map((r) => r.weight)).toEqual(direct.table.map((r) => r.weight));
    expect(v.dimensions.map((d) => d.name)).toEqual(['economy', 'society']);
    expect(Math.abs(v.dimensions[0].weight + v.dimensions[1].weight - 1)).toBeLessThan(1e-12);
    expect(v.describe[0].name).toBe('index');
    expect(v.describe.map((d) => d.name).slice(1, 3)).toEqual(['economy', 'society']);
    expect(v.robustness?.labels).toEqual(['entropy', 'critic', 'cv', 'pca', 'equal']);
    expect(v.entropy).toHaveLength(6);
    expect(v.obstacle.map((o) => o.indicator)).toEqual(['pgdp', 'industry', 'open', 'digital', 'urban', 'gov']);

    const csv = await call('index:tableExport', { view: v, format: 'csv', language: 'zh' });
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(csv.fileName).toBe('index-weights.csv');
    expect(text).toContain('指标层');
    expect(text).toContain('economy (');
    expect(text).toContain('熵权法');
    const docx = await call('index:tableExport', { view: v, format: 'docx' });
    expect(Buffer.from(docx.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('index-save writes the variable and the recipe; re-running the recipe reproduces the stored values', async () => {
    const { jobId } = await call('job:start', { task: 'index-save', input: { name: 'res_index', recipe } });
    const s = await finish(jobId);
    expect(s.state).toBe('done');
    const r = s.result as JobResultOf<'index-save'>;
    expect(r).toMatchObject({ name: 'res_index', replaced: false, missing: 0 });
    const summary = await call('project:summary', {});
    expect(summary.variables.some((x) => x.name === 'res_index')).toBe(true);
    const saved = await call('index:recipes', {});
    expect(saved.map((x) => [x.name, x.variable])).toEqual([['res_index', 'res_index']]);
    const store = app.service.store();
    const p = store.readPanel({ variables: ['res_index'] });
    const again = rerunRecipe(store, 'res_index');
    const byKey = new Map(again.rows.id.map((id, i) => [`${id} ${again.rows.time[i]}`, again.rows.value[i]]));
    p.ids.forEach((id, i) => expect(p.values.res_index[i]).toBe(byKey.get(`${id} ${p.times[i]}`)));

    const again2 = await call('job:start', { task: 'index-save', input: { name: 'res_index', recipe } });
    const f = await finish(again2.jobId);
    expect(f.state).toBe('failed');
    expect(f.error?.code).toBe('composite-variable-exists');
  });

  it('recipes: save without building, edit (replace in place), delete; bad recipes are refused', async () => {
    await call('index:saveRecipe', { name: 'draft', recipe: { ...recipe, aggregate: 'sum' } });
    const edited = await call('index:saveRecipe', { name: 'draft', recipe: { ...recipe, weights: { method: 'critic' } } });
    expect(edited.map((x) => x.name)).toEqual(['res_index', 'draft']);
    expect(edited[1].recipe.weights).toEqual({ method: 'critic' });
    expect(edited[1].variable).toBeNull();
    const left = await call('index:deleteRecipe', { name: 'draft' });
    expect(left.map((x) => x.name)).toEqual(['res_index']);
    const gone = await app.failure('index:deleteRecipe', { name: 'draft' });
    expect(gone.code).toBe('composite-recipe-unknown');
    const bad = await app.failure('job:start', { task: 'index-build', input: { recipe: { ...recipe, indicators: [] } } });
    expect(bad.message).toContain('add at least one indicator');
  });

  it('an engine error reaches the client with its code: z-scores under entropy weights', async () => {
    const { jobId } = await call('job:start', { task: 'index-build', input: { recipe: { ...recipe, normalisation: 'zscore' }, robustness: false } });
    const s = await finish(jobId);
    expect(s.state).toBe('failed');
    expect(s.error?.code).toBe('composite-entropy-negative');
    expect(s.error?.message).toMatch(/^indicator "pgdp" has a negative normalised value at \d{6} \d{4}: the entropy method needs values ≥ 0/);
  });

  it('index:measure: relative growth, Martin and coupling over the project panel equal the engine', async () => {
    const panel = projectPanel(app.service.store());
    const rg = await call('index:measure', { measure: 'relative-growth', variable: 'pgdp', base: 2008 });
    const direct = relativeGrowthResilience(panel.ids, panel.times, panel.values.pgdp, 2008);
    expect(rg.reference).toBe('sum over regions');
    expect(rg.rows.map((r) => r.value)).toEqual(Array.from(direct.resilience, (x) => (Number.isFinite(x) ? x : null)));
    const m = await call('index:measure', { measure: 'martin', variable: 'pgdp', start: 2008, trough: 2009, end: 2012 });
    expect(m.rows.map((r) => [r.id, r.value, r.second])).toEqual(martinSensitivity(panel.ids, panel.times, panel.values.pgdp, 2008, 2009, 2012).map((x) => [x.id, x.resistance, x.recovery]));
    const c = await call('index:measure', { measure: 'coupling', indices: ['digital', 'urban'] });
    const cd = couplingCoordination([panel.values.digital, panel.values.urban]);
    expect(c.rows.map((r) => r.value)).toEqual(Array.from(cd.D));
    expect(c.rows.every((r) => r.level !== null)).toBe(true);
    const bad = await app.failure('index:measure', { measure: 'coupling', indices: ['digital', 'pgdp'] });
    expect(bad.code).toBe('composite-coupling-range');
    expect(bad.message).toMatch(/^pgdp is [\d.]+ at \d{6} 2008: coupling coordination needs indices in \[0, 1\]$/);
  });

  it('index:saveMeasure writes coupling D as a variable and keeps the measure; Martin cannot be a panel variable', async () => {
    const r = await call('index:saveMeasure', { name: 'ccd', request: { measure: 'coupling', indices: ['digital', 'urban'] } });
    expect(r).toMatchObject({ name: 'ccd', replaced: false, missing: 0 });
    const store = app.service.store();
    const p = store.readPanel({ variables: ['ccd', 'digital', 'urban'] });
    const d = couplingCoordination([p.values.digital, p.values.urban]).D;
    expect(Array.from(p.values.ccd)).toEqual(Array.from(d));
    expect(JSON.parse(store.getMeta('composite_measures') as string)[0]).toMatchObject({ name: 'ccd', request: { measure: 'coupling', indices: ['digital', 'urban'] } });
    const m = await app.failure('index:saveMeasure', { name: 'beta', request: { measure: 'martin', variable: 'pgdp', start: 2008, trough: 2009, end: 2012 } });
    expect(m.code).toBe('composite-measure-not-a-variable');
  });
});
