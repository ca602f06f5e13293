/**
 * `project:contents` (issue 13, the project explorer): the US sample as shipped, then the same
 * project after deriving a variable, blanking a cell, building a weight matrix and saving a run.
 * Reference counts: plm::Produc (Munnell 1990) is 48 contiguous states × 17 years, 1970–1986 =
 * 816 state-years with nine columns besides state and year (region … unemp); us48 has 48 polygons.
 */
import { describe, expect, it } from 'vitest';
import { runSummary } from '../../../src/services/projects/contents';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-contents-' });
const { call, failure } = app;

/** plm::Produc's columns after state and year, in file order. */
const PRODUC = ['region', 'pcap', 'hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp'];

describe('project:contents', () => {
  it('refuses when no project is open', async () => {
    expect((await failure('project:contents', {})).code).toBe('app-no-project');
  });

  it('lists the US sample: one layer of 48 states, produc.csv with its nine variables over 48 × 17 cells', async () => {
    await call('project:openSample', { name: 'us-states' });
    const c = await call('project:contents', {});
    expect(c.datasets.layers).toEqual([{ layer: 'states', regions: 48 }]);
    expect(c.datasets.sources).toEqual([{ source: 'produc.csv', variables: PRODUC, regions: 48, periods: 17, firstPeriod: 1970, lastPeriod: 1986 }]);
    expect(c.panelRows).toBe(816);
    expect(c.variables.map((v) => v.name)).toEqual(PRODUC);
    for (const v of c.variables) {
      expect(v).toMatchObject({ source: 'produc.csv', expression: null, simulated: false, n: 816, missing: 0 });
      expect(Number.isNaN(Date.parse(v.createdAt))).toBe(false);
    }
    expect(c.weights).toEqual([]);
    expect(c.runs).toEqual([]);
    expect(c.figures).toEqual({ map: 0, chart: 0 });
  }, 120_000);

  it('after derive, a blanked cell, a weight matrix and a saved run, lists each of them', async () => {
    await call('project:saveAs', { name: 'explorer-us' });
    await call('variables:derive', { name: 'lgsp', expression: 'log(gsp)' });
    await call('data:editCell', { variable: 'unemp', region: 'Alabama', period: 1970, value: null });
    const w = await call('weights:build', { name: 'queen', spec: { type: 'queen' } });
    const r = await call('regression:run', { y: 'lgsp', x: ['pcap', 'emp'] });
    expect(r.runId).not.toBeNull();
    const c = await call('project:contents', {});

    const lgsp = c.variables.find((v) => v.name === 'lgsp');
    // log(gsp) of every state-year: gsp has no zero or missing value in Produc.
    expect(lgsp).toMatchObject({ expression: 'log(gsp)', n: 816, missing: 0 });
    expect(c.variables.find((v) => v.name === 'unemp')).toMatchObject({ n: 815, missing: 1 });
    // A derived variable (source "derived") is no import: the datasets are still produc.csv's nine.
    expect(lgsp?.source).toBe('derived');
    expect(c.datasets.sources.map((s) => [s.source, s.variables])).toEqual([['produc.csv', PRODUC]]);

    // What weights:list gives, plus the save time.
    const listed = await call('weights:list', {});
    expect(c.weights.map(({ name, specText, n }) => ({ name, specText, n }))).toEqual(listed);
    expect(c.weights).toEqual([expect.objectContaining({ name: 'queen', specText: w.specText, n: 48 })]);

    expect(c.runs).toEqual([{
      id: r.runId, kind: 'panel.fe', createdAt: expect.any(String), appVersion: 'test', seed: null,
      summary: 'lgsp ~ pcap + emp · fe, twoways',
    }]);
    expect(c.panelRows).toBe(816);
  }, 120_000);

  it('counts the saved figures by kind', async () => {
    await call('figure:save', { name: 'gsp 1970/1986', figure: { kind: 'map', spec: { variable: 'gsp', periods: [{ from: 1970, to: 1970 }, { from: 1986, to: 1986 }] } } });
    expect((await call('project:contents', {})).figures).toEqual({ map: 1, chart: 0 });
  });
});

describe('runSummary', () => {
  it('writes y ~ x, the model, and the grouping of a comparison; other specs as key=value', () => {
    expect(runSummary({ y: 'y', x: ['a', 'b'], model: 'pooled', effects: 'none' })).toBe('y ~ a + b · pooled');
    expect(runSummary({ y: 'y', x: ['a'], model: 're', effects: 'individual', groupColumn: 'region_group' })).toBe('y ~ a · re, individual · by region_group');
    expect(runSummary({ variable: 'gsp', permutations: 999 })).toBe('variable=gsp · permutations=999');
    expect(runSummary(null)).toBe('');
  });
});
