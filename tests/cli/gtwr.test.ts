import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../helpers/paths';
import { RTOL, relErr } from '../tolerances';
import { runCli, runCliProcess } from './run-cli';
import { reference } from '../models/gwr/produc-fixture';

// Reference: tests/fixtures/reference/gwr_gtwr_produc.json (independent R implementation,
// cross-checked against GWmodel gwr.basic / gtwr): Produc, us48 centroids (sf::st_centroid),
// log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp.
const ref = reference();
const NAME: Record<string, string> = { Intercept: '(Intercept)', log_pcap: 'log(pcap)', log_pc: 'log(pc)', log_emp: 'log(emp)', unemp: 'unemp' };
const PRODUC = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];
const MODEL = ['--y', 'log(gsp)', '--x', 'log(pcap)', '--x', 'log(pc)', '--x', 'log(emp)', '--x', 'unemp'];
const GEO = ['--geometry', datasetPath('us48', 'us48.shp'), '--key', 'STATE_NAME'];
const tmp = mkdtempSync(join(tmpdir(), 'rwb-cli-gtwr-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface LocalRow { id: string; time: number; coefficients: Record<string, number>; se: Record<string, number>; local_r2: number; s_ii: number; bandwidth: number }

function compareCase(out: Record<string, unknown>, caseId: string): void {
  const c = ref.cases[caseId];
  expect(out.n_obs).toBe(c.n);
  const local = out.local as LocalRow[];
  const names = ref.data.X_names;
  local.forEach((row, i) => {
    const r = c.obs_index[i] - 1;
    expect(row.id).toBe(ref.data.obs.state[r]);
    expect(row.time).toBe(ref.data.obs.year[r]);
    names.forEach((nm, a) => {
      expect(relErr(row.coefficients[NAME[nm]], c.beta[i][a])).toBeLessThan(RTOL);
      expect(relErr(row.se[NAME[nm]], c.se[i][a])).toBeLessThan(RTOL);
    });
    expect(relErr(row.s_ii, c.S_ii[i])).toBeLessThan(RTOL);
    expect(relErr(row.bandwidth, c.bw_local[i])).toBeLessThan(RTOL);
  });
  const d = out.diagnostics as Record<string, number>, e = c.diagnostics;
  for (const [k, v] of [['aicc', e.AICc], ['aic', e.AIC], ['cv', e.CV], ['r2', e.R2], ['adj_r2', e.adjR2], ['rss', e.RSS], ['trace_s', e.trS], ['trace_sts', e.trStS], ['sigma2', e.sigma2]] as const) {
    expect(relErr(d[k], v)).toBeLessThan(RTOL);
  }
}

describe('rwb gtwr', () => {
  it('whole process: GTWR τ = 0.5, bisquare adaptive k = 60 on Produc 1970–1986 reproduces the reference case', async () => {
    const r = await runCliProcess(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--kernel', 'bisquare', '--adaptive', '60', '--tau', '0.5', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ model: 'gtwr', kernel: 'bisquare', adaptive: true, bandwidth: 60, tau: 0.5, n_obs: 816 });
    compareCase(out, 'gtwr_tau0.5_bisquare_adaptive_k60');
    expect(Object.keys(out).slice(0, 7)).toEqual(['model', 'kernel', 'adaptive', 'bandwidth', 'tau', 'n_obs', 'diagnostics']);
  });

  it('--years 1986 --adaptive auto finds k = 39 (AICc) and equals the reference fit at k = 39', async () => {
    const r = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--years', '1986', '--adaptive', 'auto', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ model: 'gwr', adaptive: true, bandwidth: 39, tau: 0, criterion: 'aicc' });
    compareCase(out, 'gwr1986_bisquare_adaptive_kopt');
    const s = out.search as { profile: { bandwidth: number; score: number }[] };
    expect(s.profile.length).toBeGreaterThan(5);
  });

  it('GWR 1986 Gaussian fixed h = 1000 km and bisquare k = 20 reproduce the reference cases', async () => {
    const g = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--years', '1986', '--kernel', 'gaussian', '--bandwidth', '1000', '--tau', '0', '--json']);
    expect(g.code).toBe(0);
    compareCase(JSON.parse(g.stdout), 'gwr1986_gaussian_fixed_h1000');
    const b = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--years', '1986', '--adaptive', '20', '--json']);
    expect(b.code).toBe(0);
    compareCase(JSON.parse(b.stdout), 'gwr1986_bisquare_adaptive_k20');
  });

  it('--periods adds period summaries (mean/min/max/share significant) by region, group and overall', async () => {
    const csv = join(tmp, 'produc-groups.csv');
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(datasetPath('produc.csv'), 'utf8').trim().split(/\r?\n/);
    writeFileSync(csv, [`${lines[0]},zone`, ...lines.slice(1).map((l) => `${l},${Number(l.split(',')[3]) <= 4 ? 'NorthEast' : 'Other'}`)].join('\n'));
    const r = await runCli(['gtwr', '--panel', csv, '--id', 'state_name', '--time', 'year', ...MODEL, ...GEO, '--adaptive', '60', '--tau', '0.5',
      '--periods', '1970-1975,1976-1981,1982-1986', '--groups', 'zone', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { periods: { coefficient: string; overall: { period: string; n: number; min: number; max: number; mean: number }[]; by_region: { id: string; period: string; n: number }[]; by_group: { group: string }[] }[]; local: LocalRow[] };
    const pc = out.periods.find((x) => x.coefficient === 'log(pcap)')!;
    expect(pc.overall.map((x) => [x.period, x.n])).toEqual([['1970–1975', 288], ['1976–1981', 288], ['1982–1986', 240]]);
    expect(pc.by_region).toHaveLength(48 * 3);
    expect(new Set(pc.by_group.map((g) => g.group))).toEqual(new Set(['NorthEast', 'Other']));
    // the overall minimum of the first period is the minimum of the local estimates 1970–1975
    const vals = out.local.filter((l) => l.time <= 1975).map((l) => l.coefficients['log(pcap)']);
    expect(pc.overall[0].min).toBe(Math.min(...vals));
  });

  it('prints the two-way FE beside GTWR and OLS (comparison keys; FE = plm within twoways, tests/fixtures/plm/produc_panel.json)', async () => {
    const r = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--adaptive', '60', '--tau', '0.5', '--no-f-test', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { fe: { effects: string; df_resid: number; coefficients: Record<string, number> }; comparison: Record<'gtwr' | 'ols' | 'fe', { aicc: number; parameters: number; n: number }> };
    expect(out.fe).toMatchObject({ effects: 'twoways', df_resid: 748 });
    // plm(f, model = "within", effect = "twoways"): log(emp) 0.769306196203369
    expect(relErr(out.fe.coefficients['log(emp)'], 0.769306196203369)).toBeLessThan(RTOL);
    // scripts/reference/gtwr-fe-compare.R: AICc of the FE with tr S = K = 68
    expect(relErr(out.comparison.fe.aicc, -3108.9768383099)).toBeLessThan(RTOL);
    expect(out.comparison.fe.parameters).toBe(68);
    expect(relErr(out.comparison.gtwr.aicc, ref.cases['gtwr_tau0.5_bisquare_adaptive_k60'].diagnostics.AICc)).toBeLessThan(RTOL);
    expect(out.comparison.ols).toMatchObject({ n: 816, parameters: 5 });
    const text = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--adaptive', '60', '--tau', '0.5', '--no-f-test']);
    expect(text.stdout).toMatch(/two-way FE/);
    const skip = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--adaptive', '60', '--tau', '0.5', '--no-f-test', '--no-fe', '--json']);
    const o2 = JSON.parse(skip.stdout) as { fe: unknown; comparison: { fe: unknown; gtwr: { aicc: number } } };
    expect(o2.fe).toBeNull();
    expect(o2.comparison.fe).toBeNull();
    expect(o2.comparison.gtwr.aicc).toBe(out.comparison.gtwr.aicc);
    expect(skip.stderr).toBe('');
  });

  it('bad input: τ searched on one year, a bandwidth below the workable minimum, too few observations', async () => {
    const single = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--years', '1986', '--tau', 'auto', '--json']);
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/single period/);
    const small = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--years', '1986', '--adaptive', '5', '--json']);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/local regression at \w[\w ]* 1986 cannot be estimated with bandwidth 5/);
    expect(small.stderr).toMatch(/smallest workable bandwidth is \d+ nearest observations/);
    const many = await runCli(['gtwr', ...PRODUC, ...MODEL, ...GEO, '--years', '1986', '--adaptive', '60', '--json']);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/asks for 60 nearest observations but there are only 48/);
  });

  it('bad input: missing coordinates, duplicate locations, no locations at all', async () => {
    const csv = join(tmp, 'pts.csv');
    writeFileSync(csv, ['id,year,y,x,lon,lat', 'A,2000,1,0.5,100,30', 'B,2000,2,0.1,101,31', 'C,2000,3,0.7,,', 'D,2000,2.5,0.2,102,30',
      'A,2001,1.1,0.4,100,30', 'B,2001,2.1,0.3,101,31', 'C,2001,3.2,0.9,,', 'D,2001,2.4,0.1,102,30'].join('\n'));
    const base = ['gtwr', '--panel', csv, '--id', 'id', '--time', 'year', '--y', 'y', '--x', 'x', '--adaptive', '4', '--tau', '1'];
    const missing = await runCli([...base, '--coords', 'lon,lat']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Region "C" has no coordinates/);
    const dup = join(tmp, 'dup.csv');
    writeFileSync(dup, ['id,year,y,x,lon,lat', 'A,2000,1,0.5,100,30', 'B,2000,2,0.1,100,30', 'C,2000,3,0.7,101,31', 'D,2000,2.5,0.2,102,30'].join('\n'));
    const d = await runCli(['gtwr', '--panel', dup, '--id', 'id', '--time', 'year', '--y', 'y', '--x', 'x', '--adaptive', '4', '--coords', 'lon,lat']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/Regions "A" and "B" have the same location/);
    const none = await runCli(base);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--geometry FILE --key K \(centroids\) or --coords LON,LAT/);
  });
});
