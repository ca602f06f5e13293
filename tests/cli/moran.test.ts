import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetPath, producReference } from '../helpers/paths';
import { RTOL, relErr } from '../tolerances';
import { runCli, runCliProcess } from './run-cli';
import { ensureSampleProject } from '../../src/services/samples/ensure';
import { projectPanel, withProjectRegionGroups } from '../../src/services/inputs/project-inputs';
import { runRegression } from '../../src/services/regression/regression-service';
import { ProjectStore } from '../../src/store/project-store';
import { esdaReference } from '../esda/esda-fixtures';

interface MoranRef { year: number; I: number; EI: number; VI_rand: number; z_rand: number; VI_norm: number; z_norm: number }
interface LocalRef { name: string; Ii: number; EIi: number; VarIi: number; ZIi: number }
const ref = producReference<{ moran_log_gsp: MoranRef[]; local_moran_log_gsp_1986: LocalRef[] }>();

const PRODUC = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];
const W = ['--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME', '--weights-spec', 'queen'];
const tmp = mkdtempSync(join(tmpdir(), 'rwb-cli-moran-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rwb moran', () => {
  it("the issue's command (whole process) matches produc_reference.json: 17 years and local Moran 1986", async () => {
    const r = await runCliProcess(['moran', ...PRODUC, '--var', 'log(gsp)', ...W, '--local', '1986', '--permutations', '999', '--seed', '1', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.var).toBe('log(gsp)');
    expect(out.results).toHaveLength(17);
    for (const [k, e] of ref.moran_log_gsp.entries()) {
      const o = out.results[k];
      expect(o.year).toBe(e.year);
      for (const [ours, theirs] of [[o.I, e.I], [o.EI, e.EI], [o.VI_rand, e.VI_rand], [o.z_rand, e.z_rand], [o.VI_norm, e.VI_norm], [o.z_norm, e.z_norm]]) {
        expect(relErr(ours, theirs)).toBeLessThan(RTOL);
      }
      expect(o.p_sim).toBeGreaterThanOrEqual(0.001);
      expect(o.seed).toBe(1);
    }
    expect(out.local.year).toBe(1986);
    const regions = out.local.regions as { id: string; Ii: number; EIi: number; VarIi: number; ZIi: number; p_sim: number; cluster: string }[];
    expect(regions.map((x) => x.id)).toEqual(ref.local_moran_log_gsp_1986.map((x) => x.name));
    for (const [k, e] of ref.local_moran_log_gsp_1986.entries()) {
      for (const [ours, theirs] of [[regions[k].Ii, e.Ii], [regions[k].EIi, e.EIi], [regions[k].VarIi, e.VarIi], [regions[k].ZIi, e.ZIi]]) {
        expect(relErr(ours, theirs)).toBeLessThan(RTOL);
      }
      expect(['HH', 'LL', 'HL', 'LH', 'ns']).toContain(regions[k].cluster);
      expect(regions[k].cluster === 'ns').toBe(regions[k].p_sim > 0.05);
    }
  });

  it('a fixed seed reproduces the permutation results exactly; another seed changes them', async () => {
    const args = ['moran', ...PRODUC, '--var', 'log(gsp)', ...W, '--years', '1980..1982', '--local', '1981', '--permutations', '199', '--json'];
    const a = JSON.parse((await runCli([...args, '--seed', '7'])).stdout);
    const b = JSON.parse((await runCli([...args, '--seed', '7'])).stdout);
    const c = JSON.parse((await runCli([...args, '--seed', '8'])).stdout);
    expect(a).toEqual(b);
    expect(a.results.map((x: { year: number }) => x.year)).toEqual([1980, 1981, 1982]);
    expect(a.results.map((x: { mean_sim: number }) => x.mean_sim)).not.toEqual(c.results.map((x: { mean_sim: number }) => x.mean_sim));
  });

  it('--stat geary and --stat getis give the contract keys; --local all adds years and transitions', async () => {
    const g = JSON.parse((await runCli(['moran', ...PRODUC, '--var', 'log(gsp)', ...W, '--stat', 'geary', '--years', '1986', '--json'])).stdout);
    expect(Object.keys(g.results[0])).toEqual(expect.arrayContaining(['C', 'EC', 'VC_rand', 'z_rand', 'p_rand', 'VC_norm', 'z_norm', 'p_norm', 'p_sim']));
    const G = JSON.parse((await runCli(['moran', ...PRODUC, '--var', 'gsp', '--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME',
      '--weights-spec', 'queen:std=binary', '--stat', 'getis', '--years', '1986', '--json'])).stdout);
    expect(Object.keys(G.results[0])).toEqual(expect.arrayContaining(['G', 'EG', 'VG', 'z', 'p', 'p_sim']));
    const all = await runCli(['moran', ...PRODUC, '--var', 'log(gsp)', ...W, '--years', '1984..1986', '--local', 'all', '--permutations', '99', '--json']);
    const o = JSON.parse(all.stdout);
    expect(o.local_all.years).toHaveLength(3);
    expect(o.local_all.transitions.quadrants.states).toEqual(['HH', 'LH', 'LL', 'HL']);
    expect(o.local_all.transitions.quadrants.total).toBe(2 * 48);
  });

  it('bad input: a constant year, missing values, ids that do not match W, and General G of negative values', async () => {
    const rows = ['id,year,x,y'];
    const ids = ['Alabama', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia'];
    for (const [k, id] of ids.entries()) {
      rows.push(`${id},2000,5,${k}`);
      rows.push(`${id},2001,${k === 2 || k === 3 ? '' : k * 1.5},${k - 4}`);
    }
    const f = join(tmp, 'small.csv');
    writeFileSync(f, rows.join('\n'));
    const base = ['moran', '--panel', f, '--id', 'id', '--time', 'year', '--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME', '--weights-spec', 'knn:k=3'];
    const constant = await runCli([...base, '--var', 'x']);
    expect(constant.code).toBe(2);
    expect(constant.stderr).toContain('x 2000 takes the same value (5) in every region');
    const missing = await runCli([...base, '--var', 'x', '--years', '2001', '--json']);
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain('x 2001: 2 region(s) without a value were left out: "Arkansas", "California".');
    expect(JSON.parse(missing.stdout).results[0].excluded.missing).toEqual(['Arkansas', 'California']);
    const negative = await runCli([...base, '--var', 'y', '--stat', 'getis']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('General G needs values of at least 0');

    const gal = join(tmp, 'other.gal');
    writeFileSync(gal, '0 3\nA 1\nB\nB 2\nA C\nC 1\nB\n');
    const mismatch = await runCli(['moran', ...PRODUC, '--var', 'log(gsp)', '--weights', gal]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/Alabama/);
    expect(readFileSync(gal, 'utf8')).toContain('A 1');
  });

  it("--residuals-of: Moran's I per year of a saved run's residuals (esda_reference.json produc_fe_residuals_moran)", async () => {
    const path = await ensureSampleProject('us-states', mkdtempSync(join(tmp, 'us-')));
    const store = ProjectStore.open(path);
    const run = runRegression({ panel: withProjectRegionGroups(projectPanel(store), store), y: 'log(gsp)', x: ['log(pcap)', 'log(pc)', 'log(emp)', 'unemp'], effects: 'twoways', save: { store, appVersion: 'test' } });
    store.close();
    const r = await runCli(['moran', '--panel', path, '--residuals-of', String(run.runId), '--geometry', path, '--weights-spec', 'queen', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.var).toBe(`residuals of run ${run.runId} (log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp)`);
    const ref = esdaReference<{ produc_fe_residuals_moran: MoranRef[] }>().produc_fe_residuals_moran;
    expect(out.results).toHaveLength(17);
    for (const [k, e] of ref.entries()) {
      expect(relErr(out.results[k].I, e.I)).toBeLessThan(RTOL);
      expect(relErr(out.results[k].z_rand, e.z_rand)).toBeLessThan(RTOL);
    }
    const bad = await runCli(['moran', '--panel', path, '--residuals-of', '999', '--geometry', path, '--weights-spec', 'queen']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('The project has no run 999.');
  }, 120_000);

  it('islands are left out and named, never NaN', async () => {
    // band:km=300 between us48 centroids leaves some states without neighbours.
    const r = await runCli(['moran', ...PRODUC, '--var', 'log(gsp)', '--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME',
      '--weights-spec', 'band:km=300', '--years', '1986', '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout).results[0];
    expect(o.excluded.islands.length).toBeGreaterThan(0);
    expect(o.n).toBe(48 - o.excluded.islands.length);
    expect(Number.isFinite(o.I)).toBe(true);
    expect(r.stderr).toContain('without neighbours (islands) were left out');
  });
});
