import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { RTOL } from '../tolerances';
import { runCli, runCliProcess } from './run-cli';
import { ensureSampleProject } from '../../src/services/samples/ensure';
import { datasetPath, producReference } from '../helpers/paths';

const PANEL = ['--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year'];
const XS = ['--x', 'log(pcap)', '--x', 'log(pc)', '--x', 'log(emp)', '--x', 'unemp'];
const ref = producReference<{
  fe_twoways: { beta: number[]; se_cluster_stata: number[] };
}>();

interface Coef { name: string; estimate: number; se: number; t: number; p: number }
interface FeJson {
  model: string; effects: string; n_obs: number; n_groups: number; r2_within: number; coefficients: Coef[];
  table?: string; columns?: (FeJson & { title: string; group: string | null })[];
  chow?: { group_a: string; group_b: string; df1: number; df2: number; p: number };
  permutation?: { seed: number; permutations: number; gaps: { name: string; p: number }[] };
}

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(RTOL * Math.abs(expected[i])));
}

describe('rwb fe', () => {
  it('the issue-3 command matches produc_reference.json fe_twoways (beta, se_cluster_stata) to 1e-6', async () => {
    // exactly the done-when command line, run as a child process from the repository root
    const r = await runCliProcess(['fe', '--panel', 'assets/datasets/produc.csv', '--id', 'state_name', '--time', 'year',
      '--y', 'log(gsp)', ...XS, '--effects', 'twoways', '--cluster', 'state_name', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as FeJson;
    expect(out.model).toBe('fe');
    expect(out.effects).toBe('twoways');
    expect(out.n_obs).toBe(816);
    expect(out.n_groups).toBe(48);
    expect(typeof out.r2_within).toBe('number');
    expect(out.coefficients.map((c) => c.name)).toEqual(['log(pcap)', 'log(pc)', 'log(emp)', 'unemp']);
    expect(Object.keys(out.coefficients[0])).toEqual(['name', 'estimate', 'se', 't', 'p']);
    expectClose(out.coefficients.map((c) => c.estimate), ref.fe_twoways.beta);
    expectClose(out.coefficients.map((c) => c.se), ref.fe_twoways.se_cluster_stata);
  }, 60_000);

  it('--group COL=VALUE fits the sub-sample (plm on produc region 5) and --table writes .docx/.xlsx that open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-fe-'));
    const r = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--group', 'region=5', '--table', join(dir, 't.docx'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as FeJson;
    expect([out.n_obs, out.n_groups]).toEqual([136, 8]);
    // R: plm(log(gsp) ~ ..., data = subset(produc, region == 5), model = "within", effect = "twoways")
    expectClose(out.coefficients.map((c) => c.estimate), [0.12419735123533279, 0.12658197497516721, 0.92196662200670731, 0.00325904450723134]);
    expect(out.table).toBe(join(dir, 't.docx'));
    const xml = await (await JSZip.loadAsync(readFileSync(join(dir, 't.docx')))).file('word/document.xml')?.async('string');
    expect(xml).toContain('>0.922***</w:t>');
    expect(xml).toContain('>(1) 5</w:t>');
    const x = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--cluster', 'id', '--table', join(dir, 't.xlsx'), '--paren', 't']);
    expect(x.code).toBe(0);
    expect(x.stdout).toContain(`Table written to ${join(dir, 't.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 't.xlsx'));
    const ws = wb.getWorksheet('Table');
    expect(ws?.getCell('A3').value).toBe('log(pcap)');
    expectClose([ws?.getCell('B3').value as number], [ref.fe_twoways.beta[0]]);
    expect(ws?.getCell('A13').value).toBe('N');
    expect(String(ws?.getCell('A16').value)).toBe('t statistics based on standard errors clustered by region in parentheses. *** p<0.01, ** p<0.05, * p<0.1');
  }, 60_000);

  it('--by gives the baseline and one column per group; --compare adds Chow and seeded permutation tests', async () => {
    const r = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--se', 'classical', '--by', 'region', '--compare', '5,6',
      '--permutations', '9', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as FeJson;
    expect(out.n_obs).toBe(816);
    expect(out.columns?.map((c) => c.title)).toEqual(['Full sample', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expectClose(out.columns?.[5].coefficients.map((c) => c.estimate) ?? [], [0.12419735123533279, 0.12658197497516721, 0.92196662200670731, 0.00325904450723134]);
    expect(out.chow).toMatchObject({ group_a: '5', group_b: '6', df1: 4 });
    expect(out.permutation).toMatchObject({ seed: 3, permutations: 9 });
    for (const g of out.permutation?.gaps ?? []) expect(g.p * 10).toBeCloseTo(Math.round(g.p * 10), 12);
  }, 60_000);

  it('median splits: --group median:EXPR=High and --by median:EXPR with --split-basis', async () => {
    const g = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--group', 'median:unemp=High', '--json']);
    expect(g.code).toBe(0);
    // R (tests/models/heterogeneity/ref-heterogeneity.R): plm(within, twoways) on the 24 High states
    expectClose((JSON.parse(g.stdout) as FeJson).coefficients.map((c) => c.estimate), [-0.015894829235374, 0.277860562240003, 0.731471327282002, -0.00267054634092453]);
    expect(g.stderr).toMatch(/^warning: Median split of unemp by region means: median 6\.74/);
    const b = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--by', 'median:unemp', '--split-basis', 'pooled', '--json']);
    expect(b.code).toBe(0);
    const out = JSON.parse(b.stdout) as FeJson;
    expect(out.columns?.map((c) => [c.title, c.n_obs])).toEqual([['Full sample', 816], ['High', 405], ['Low', 411]]);
    expect(b.stderr).toBe('warning: Median split of unemp by all observations: median 6.2; High = above the median.\n');
  }, 60_000);

  it('a project file: --by auto finds the four NBS regions of the China sample and --group region_group=East works', async () => {
    const path = await ensureSampleProject('china-provinces', mkdtempSync(join(tmpdir(), 'rwb-fe-sample-')));
    const dir = mkdtempSync(join(tmpdir(), 'rwb-fe-'));
    const cx = ['--x', 'digital', '--x', 'urban'];
    const r = await runCli(['fe', '--panel', path, '--y', 'resilience', ...cx, '--cluster', 'id', '--by', 'auto', '--table', join(dir, 'four.xlsx'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as FeJson;
    expect(out.columns?.map((c) => [c.title, c.n_groups])).toEqual([['Full sample', 31], ['East', 10], ['Central', 6], ['West', 12], ['Northeast', 3]]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'four.xlsx'));
    expect(wb.getWorksheet('Table')?.getCell('F2').value).toBe('(5) Northeast');
    const g = await runCli(['fe', '--panel', path, '--y', 'resilience', ...cx, '--group', 'region_group=East', '--json']);
    expect(g.code).toBe(0);
    const east = JSON.parse(g.stdout) as FeJson;
    expect(east.n_groups).toBe(10);
    // same sub-sample, same estimates (SEs differ: classical here, clustered in --by above)
    expect(east.coefficients.map((c) => c.estimate)).toEqual(out.columns?.[1].coefficients.map((c) => c.estimate));
    expect(east.coefficients.map((c) => c.se)).not.toEqual(out.columns?.[1].coefficients.map((c) => c.se));
  }, 120_000);

  it('--model re/pooled (own default effects), --se dk and --hausman match plm', async () => {
    // tests/fixtures/plm/produc_panel.json: plm(f, model="random", random.method="swar") and plm(f, model="pooling")
    const plm = JSON.parse(readFileSync(new URL('../fixtures/plm/produc_panel.json', import.meta.url), 'utf8')) as Record<string, { beta: number[]; se_classical: number[] }>;
    for (const [model, key, effects] of [['re', 're_swar', 'individual'], ['pooled', 'pooled', 'none']] as const) {
      const r = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--model', model, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as FeJson;
      expect([out.model, out.effects]).toEqual([model, effects]);
      expect(out.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'log(pcap)', 'log(pc)', 'log(emp)', 'unemp']);
      expectClose(out.coefficients.map((c) => c.estimate), plm[key].beta);
      expectClose(out.coefficients.map((c) => c.se), plm[key].se_classical);
    }
    // same fixture: plm within (individual) with vcovSCC(type = "HC0", maxlag = 2)
    const dkRef = (plm.fe_individual as unknown as { se_dk: number[] }).se_dk;
    const dk = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--effects', 'individual', '--se', 'dk', '--dk-lag', '2', '--json']);
    expect(dk.code).toBe(0);
    expectClose((JSON.parse(dk.stdout) as FeJson).coefficients.map((c) => c.se), dkRef);
    // same fixture: phtest(plm(f, model='within'), plm(f, model='random'))
    const hz = plm.hausman as unknown as { statistic: number; df: number; p: number };
    const h = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--cluster', 'id', '--hausman', '--json']);
    expect(h.code).toBe(0);
    const hj = (JSON.parse(h.stdout) as { hausman: { statistic: number; df: number; p: number } }).hausman;
    expect(hj.df).toBe(hz.df);
    expectClose([hj.statistic, hj.p], [hz.statistic, hz.p]);
  }, 60_000);

  it('readable output without --json', async () => {
    const r = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', '--x', 'log(pcap)', '--effects', 'individual', '--se', 'hc1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Full sample: fe \(individual\), hc1 SEs; N = 816, groups = 48, periods = 17\n/);
    expect(r.stdout).toMatch(/\nlog\(pcap\) +[-0-9.]+/);
    expect(r.stdout).toContain('R² within = ');
    const t = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...XS, '--cluster', 'id', '--by', 'median:unemp']);
    expect(t.code).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines[0]).toBe('log(gsp) by median split of unemp');
    expect(lines[1]).toMatch(/^ +\(1\) Full sample +\(2\) High +\(3\) Low$/);
    // produc_reference.json fe_twoways: log(pc) 0.169 (p = 0.055 → *), se 0.086
    expect(lines.find((l) => l.startsWith('log(pc) '))).toMatch(/^log\(pc\) +0\.169\* /);
    expect(lines.find((l) => l.startsWith('Year FE'))).toMatch(/^Year FE +YES +YES +YES$/);
    expect(t.stdout).toContain('Standard errors clustered by region in parentheses. *** p<0.01, ** p<0.05, * p<0.1\n');
  });

  it('bad input exits 2 with a one-line message', async () => {
    const cases: [string[], RegExp][] = [
      [['--x', 'unemp', '--group', 'region'], /^rwb fe: option --group must look like COLUMN=VALUE \(e\.g\. region_group=East\), got "region"; run "rwb fe --help" for usage\n$/],
      [['--x', 'unemp', '--group', 'median:unemp=Top'], /^rwb fe: option --group median:EXPR must end with =High or =Low \(e\.g\. median:unemp=High\), got "median:unemp=Top"/],
      [['--x', 'unemp', '--se', 'robust'], /^rwb fe: option --se must be one of classical, hc1, cluster, dk, driscoll-kraay, got "robust"/],
      [['--x', 'unemp', '--permutations', '99'], /^rwb fe: option --permutations needs --compare A,B \(the two groups to test\)/],
      [['--x', 'unemp', '--compare', 'a,b'], /^rwb fe: option --compare needs --by \(the grouping column\)/],
      [[], /^rwb fe: missing required option --x \(at least one regressor expression\)/],
      [['--x', 'unemp', '--group', 'zone=East'], /^rwb fe: Unknown group column "zone" in /],
      [['--x', 'log(pcapx)'], /^rwb fe: .*pcapx/],
      [['--x', 'unemp', '--table', 'out.pdf'], /^rwb fe: Cannot export a table to "out\.pdf": use a \.docx, \.xlsx, \.tex, \.csv or \.html file name\.\n$/],
      [['--x', 'log(pcap)', '--x', '2*log(pcap)'], /^rwb fe: Perfectly collinear regressors/],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli(['fe', ...PANEL, '--y', 'log(gsp)', ...extra, '--json']);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);

  it('--help lists the options', async () => {
    const r = await runCli(['fe', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--effects', '--cluster', '--se', '--group', '--by', '--compare', '--table', '--paren']) expect(r.stdout).toContain(o);
  });
});
