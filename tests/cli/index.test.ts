/**
 * `rwb index` (docs/cli-contract.md): the "Done when" command on the in-repo Produc
 * copy, matched to our R reference (scripts/reference/composite-reference.R, block `cli`:
 * +gsp/emp, -unemp, +pcap/emp, min–max pooled, entropy, TOPSIS), and with --project/--name the
 * variable written with its recipe, which re-runs to the same values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rerunRecipe } from '../../src/services/composite/index-service';
import { listRecipes } from '../../src/services/composite/recipes';
import { ProjectStore } from '../../src/store/project-store';
import { reference } from '../composite/composite-fixture';
import { datasetPath } from '../helpers/paths';
import { runCli, runCliProcess } from './run-cli';

const ref = reference();
const TOL = 1e-9;
const PRODUC = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];
const DONE_WHEN = [...PRODUC, '--indicator', '+gsp/emp', '--indicator', '-unemp', '--indicator', '+pcap/emp', '--weights', 'entropy', '--aggregate', 'topsis', '--json'];
const tmp = mkdtempSync(join(tmpdir(), 'rwb-cli-index-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rwb index', () => {
  it("the issue's command (whole process) gives the R reference weights and values", async () => {
    const r = await runCliProcess(['index', ...DONE_WHEN]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.name).toBe('index');
    expect(Object.keys(out.weights)).toEqual(['gsp/emp', 'unemp', 'pcap/emp']);
    // R: entropy weights 0.4653001, 0.0627376, 0.4719622
    for (const k of Object.keys(out.weights)) expect(Math.abs(out.weights[k] - ref.cli.weights[k])).toBeLessThan(TOL);
    expect(out.values).toHaveLength(816);
    out.values.forEach((v: { id: string; time: number; value: number }, i: number) => {
      expect(v.id).toBe(ref.cli.id[i]);
      expect(v.time).toBe(ref.cli.year[i]);
      expect(Math.abs(v.value - ref.cli.values[i])).toBeLessThan(TOL);
    });
    expect(out.table[1]).toMatchObject({ dimension: '', indicator: 'unemp', direction: '-' });
  });

  it('--project P.rwb --name NEW writes the variable with its recipe; re-running the recipe reproduces it exactly', async () => {
    const project = join(tmp, 'produc.rwb');
    expect((await runCli(['import', '--project', project, ...PRODUC])).code).toBe(0);
    const r = await runCli(['index', ...DONE_WHEN, '--project', project, '--name', 'resilience']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.name).toBe('resilience');
    expect(out.project).toMatchObject({ variable: 'resilience', rows: 816, n: 816, missing: 0, replaced: false });
    const store = ProjectStore.open(project);
    try {
      const v = store.listVariables().find((x) => x.name === 'resilience');
      expect(v?.source).toBe('composite index');
      const saved = listRecipes(store);
      expect(saved.map((s) => [s.name, s.variable])).toEqual([['resilience', 'resilience']]);
      expect(saved[0].recipe.indicators.map((i) => `${i.direction}${i.expr}`)).toEqual(['+gsp/emp', '-unemp', '+pcap/emp']);
      const panel = store.readPanel({ variables: ['resilience'] });
      const stored = new Map(panel.ids.map((id, i) => [`${id} ${panel.times[i]}`, panel.values.resilience[i]]));
      const again = rerunRecipe(store, 'resilience');
      again.rows.id.forEach((id, i) => expect(stored.get(`${id} ${again.rows.time[i]}`)).toBe(again.rows.value[i]));
      out.values.forEach((x: { id: string; time: number; value: number }) => expect(stored.get(`${x.id} ${x.time}`)).toBe(x.value));
    } finally {
      store.close();
    }
    // Without --panel the project's own panel is used; the name is taken now, --replace overwrites.
    const taken = await runCli(['index', '--project', project, '--name', 'resilience', '--indicator', '+gsp/emp', '--indicator', '-unemp']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(`variable "resilience" already exists in ${project}; choose another name or replace it`);
    const two = await runCli(['index', '--project', project, '--name', 'resilience', '--replace', '--indicator', '+gsp/emp @economy', '--indicator', '-unemp @economy',
      '--indicator', '+pcap/emp @infrastructure', '--dimension-weights', 'economy=0.6,infrastructure=0.4', '--json']);
    expect(two.code).toBe(0);
    const o2 = JSON.parse(two.stdout);
    expect(o2.project.replaced).toBe(true);
    expect(o2.dimensions).toEqual([{ name: 'economy', weight: 0.6 }, { name: 'infrastructure', weight: 0.4 }]);
    expect(o2.table[2].weight).toBeCloseTo(0.4, 12);
  });

  it('bad input: an indicator without a sign, and an indicator both + and −', async () => {
    const a = await runCli(['index', ...PRODUC, '--indicator', 'gsp']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('option --indicator must start with + or - and an expression, e.g. "+gsp/emp" or "-unemp", got "gsp"');
    const b = await runCli(['index', ...PRODUC, '--indicator', '+unemp', '--indicator', '-unemp']);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe('rwb index: indicator "unemp" is marked both + and −: give it one direction\n');
  });

  it('G1 and SD-modified G1 from the command line, and the robustness table', async () => {
    const g1 = await runCli(['index', ...PRODUC, '--indicator', '+gsp/emp', '--indicator', '-unemp', '--indicator', '+pcap/emp', '--weights', 'g1', '--order', 'unemp>gsp/emp>pcap/emp', '--ratios', '1.2,1.5', '--robustness', '--json']);
    expect(g1.code).toBe(0);
    const o = JSON.parse(g1.stdout);
    // G1 by hand: w_3 = 1/(1 + 1.5 + 1.2·1.5) = 0.2325581, w_2 = 1.5·w_3, w_1 = 1.2·w_2
    expect(o.weights['pcap/emp']).toBeCloseTo(1 / 4.3, 12);
    expect(o.weights['gsp/emp']).toBeCloseTo(1.5 / 4.3, 12);
    expect(o.weights.unemp).toBeCloseTo(1.8 / 4.3, 12);
    expect(o.robustness.labels).toEqual(['g1', 'entropy', 'critic', 'cv', 'pca', 'equal']);
  });

  it('--shock, --martin and --coupling on Produc match the R reference (relative growth of gsp from 1970; Martin on emp 1979 → 1982 → 1986)', async () => {
    const shock = JSON.parse((await runCli(['index', ...PRODUC, '--shock', 'gsp', '--base', '1970', '--json'])).stdout);
    expect(shock).toMatchObject({ measure: 'relative-growth', variable: 'gsp', base: 1970, reference: 'sum over regions' });
    shock.values.forEach((v: { re: number; gr: number; value: number | null }, i: number) => {
      expect(Math.abs(v.re - ref.shock_relative.re[i])).toBeLessThan(TOL);
      expect(Math.abs(v.gr - ref.shock_relative.gr[i])).toBeLessThan(TOL);
      if (ref.shock_relative.resilience[i] === null) expect(v.value).toBeNull();
      else expect(Math.abs((v.value as number) - ref.shock_relative.resilience[i])).toBeLessThan(TOL);
    });
    const martin = JSON.parse((await runCli(['index', ...PRODUC, '--martin', 'emp', '--periods', '1979,1982,1986', '--json'])).stdout);
    expect(martin.regions.map((r: { id: string }) => r.id)).toEqual(ref.martin.id);
    martin.regions.forEach((r: { resistance: number; recovery: number }, i: number) => {
      expect(Math.abs(r.resistance - ref.martin.resistance[i])).toBeLessThan(1e-8);
      expect(Math.abs(r.recovery - ref.martin.recovery[i])).toBeLessThan(TOL);
    });
    // Coupling by hand, Alabama 1970: U1 = 4.7/20 = 0.235, U2 = 15032.67/(15032.67 + 28418) = 0.3459709,
    // C = 2√(U1U2)/(U1 + U2), T = (U1 + U2)/2, D = √(CT).
    const c = JSON.parse((await runCli(['index', ...PRODUC, '--coupling', 'unemp/20,pcap/(pcap+gsp)', '--json'])).stdout);
    const u1 = 0.235, u2 = 15032.67 / (15032.67 + 28418);
    const C = (2 * Math.sqrt(u1 * u2)) / (u1 + u2), T = (u1 + u2) / 2;
    expect(c.values[0]).toMatchObject({ id: 'Alabama', time: 1970, level: 'barely-coordinated' });
    expect(c.values[0].C).toBeCloseTo(C, 12);
    expect(c.values[0].D).toBeCloseTo(Math.sqrt(C * T), 12);
    const bad = await runCli(['index', ...PRODUC, '--shock', 'gsp', '--base', '1970', '--reference', 'gsp']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('rwb index: reference series "gsp" is 28418 for Alabama but 19288 for Arizona in 1970: it must be one national value per year\n');
  });

  it('--shock with --project P.rwb --name NEW writes the resilience on the project panel', async () => {
    const project = join(tmp, 'shock.rwb');
    expect((await runCli(['import', '--project', project, ...PRODUC])).code).toBe(0);
    const r = await runCli(['index', '--project', project, '--name', 'shock_res', '--shock', 'gsp', '--base', '1970', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.project).toMatchObject({ variable: 'shock_res', rows: 816, n: 768, missing: 48, replaced: false });
    const store = ProjectStore.open(project);
    try {
      const p = store.readPanel({ variables: ['shock_res'] });
      const byKey = new Map(ref.shock_relative.id.map((id: string, i: number) => [`${id} ${ref.shock_relative.year[i]}`, ref.shock_relative.resilience[i]]));
      p.ids.forEach((id, i) => {
        const want = byKey.get(`${id} ${p.times[i]}`) as number | null;
        if (want === null) expect(Number.isNaN(p.values.shock_res[i])).toBe(true);
        else expect(Math.abs(p.values.shock_res[i] - want)).toBeLessThan(TOL);
      });
    } finally {
      store.close();
    }
  });
});
