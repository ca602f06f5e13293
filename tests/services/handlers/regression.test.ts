/**
 * The Regression tab's channels through the dispatcher on the China sample project: the
 * baseline and four-region table against R/plm, the exports re-read (exceljs; jszip +
 * word/document.xml), and the plain sentences for bad specifications.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResultOf } from '../../../src/contract';
import { compareGroups } from '../../../src/services/regression/project-regression';
import { runHeterogeneityTableAsync, storeRegionGroups, withProjectRegionGroups } from '../../../src/services/regression/regression-service';
import { AppService } from '../../../src/services/handlers/app';
import { ProjectStore } from '../../../src/store/project-store';
import { useAppService } from '../../helpers/app-service-harness';
import { relErr, RTOL } from '../../tolerances';

const app = useAppService({ prefix: 'rwb-app-regression-' });
const { call, failure } = app;

const X = ['digital', 'fin_dev', 'industry', 'open', 'gov', 'urban', 'log(pgdp)'];

// R: plm(resilience ~ digital + fin_dev + industry + open + gov + urban + log(pgdp),
//   model='within', effect='twoways') on assets/generated/china-demo-panel.csv (the sample
//   project's panel); SE = vcovHC(method='arellano', type='HC0', cluster='group') ·
//   G/(G−1)·(N−1)/(N−K) with K = 7 regressors + 14 year dummies + constant (Stata's
//   `xtreg resilience ... i.year, fe vce(cluster province)`).
const R_FULL = {
  coef: { digital: 0.287753927748367, fin_dev: 0.0380580667584476, industry: -0.152957324049954, open: 0.0913145952206814,
    gov: -0.0874394590670647, urban: 0.198293222933724, 'log(pgdp)': 0.0344990326716777 } as Record<string, number>,
  se: { digital: 0.0206257797658576, 'log(pgdp)': 0.00834691761992008 } as Record<string, number>,
};
// Same R call on the East sub-sample (region_group == 'East', 150 rows).
const R_EAST = { digital: 0.248055573164957, 'log(pgdp)': 0.0277023975199871 } as Record<string, number>;

/** The service's open store, reopened by path for the direct helper call. */
function storeOf(app: AppService): ProjectStore {
  if (!app.projectPath) throw new Error('no project open');
  opened ??= ProjectStore.open(app.projectPath);
  return opened;
}
let opened: ProjectStore | undefined;

// Runs before the harness closes the service (after-hooks run last-registered first).
afterAll(() => {
  opened?.close();
});

describe('regression channels on the China sample project', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
  }, 120_000);

  it('baseline two-way FE table with region-clustered SEs matches plm', async () => {
    const r = await call('regression:run', { y: 'resilience', x: X });
    expect(r.table.columnTitles).toEqual(['(1)']);
    expect(r.runId).toBeGreaterThan(0);
    for (const name of X) {
      const row = r.table.coefficients.find((c) => c.name === name);
      expect(row, name).toBeDefined();
      expect(relErr(row?.estimates[0]?.value ?? NaN, R_FULL.coef[name])).toBeLessThan(RTOL);
    }
    for (const name of Object.keys(R_FULL.se)) {
      const row = r.table.coefficients.find((c) => c.name === name);
      expect(relErr(row?.parens[0]?.value ?? NaN, R_FULL.se[name])).toBeLessThan(RTOL);
    }
    const digital = r.table.coefficients.find((c) => c.name === 'digital');
    expect(digital?.estimates[0]?.text).toBe('0.288***');
    expect(digital?.parens[0]?.text).toBe('(0.021)');
    const n = r.table.footer.find((f) => f.kind === 'n');
    expect(n?.texts).toEqual(['465']);
    expect(r.table.footer.find((f) => f.kind === 'regionFE')?.texts).toEqual(['YES']);
  });

  it('four-region table: full sample then East, Central, West, Northeast', async () => {
    const r = await call('regression:run', { y: 'resilience', x: X, byGroup: true });
    expect(r.table.columnTitles).toEqual(['(1) Full sample', '(2) East', '(3) Central', '(4) West', '(5) Northeast']);
    const n = r.table.footer.find((f) => f.kind === 'n');
    expect(n?.values).toEqual([465, 150, 90, 180, 45]);
    for (const name of Object.keys(R_EAST)) {
      const row = r.table.coefficients.find((c) => c.name === name);
      expect(relErr(row?.estimates[1]?.value ?? NaN, R_EAST[name])).toBeLessThan(RTOL);
    }
  });

  it('t statistics in parentheses when asked', async () => {
    const r = await call('regression:run', { y: 'resilience', x: ['digital'], paren: 't', se: 'hc1' });
    const row = r.table.coefficients[0];
    expect(row.parens[0]?.text).toMatch(/^\(\d+\.\d{3}\)$/);
    expect(r.table.notes).toContain('t');
  });

  it('exports the four-region table to .xlsx and .docx that re-read with the coefficients', async () => {
    const req = { y: 'resilience', x: X, byGroup: true };
    const table = (await call('regression:run', req)).table;
    const xlsx = await call('regression:export', { ...req, format: 'xlsx' });
    expect(xlsx.fileName).toBe('regression-resilience-by-group.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const numbers: number[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'number') numbers.push(cell.value); }));
    const digital = table.coefficients.find((c) => c.name === 'digital');
    for (const cell of digital?.estimates ?? []) expect(numbers).toContain(cell?.value);

    const docx = await call('regression:export', { ...req, format: 'docx' });
    const zip = await JSZip.loadAsync(Buffer.from(docx.dataBase64, 'base64'));
    const xml = await zip.file('word/document.xml')?.async('string');
    for (const cell of digital?.estimates ?? []) expect(xml).toContain(cell?.text.replace(/\*/g, '') ?? 'missing');
    expect(xml).toContain('(5) Northeast');

    const html = await call('regression:export', { ...req, format: 'html' });
    const text = Buffer.from(html.dataBase64, 'base64').toString('utf8');
    expect(text.startsWith('<table')).toBe(true);
    expect(text).toContain(digital?.estimates[0]?.text ?? 'missing');
    const tex = Buffer.from((await call('regression:export', { ...req, format: 'tex' })).dataBase64, 'base64').toString('utf8');
    expect(tex).toContain('\\toprule');
  });

  it('a Chinese table is Chinese in every export: group titles, row labels and notes (.docx, .xlsx, .tex, .csv, .html)', async () => {
    const req = { y: 'resilience', x: X, byGroup: true, language: 'zh' as const };
    const titles = ['(1) 全样本', '(2) 东部', '(3) 中部', '(4) 西部', '(5) 东北'];
    const r = await call('regression:run', req);
    expect(r.table.columnTitles).toEqual(titles);
    const english = /Full sample|\bEast\b|Central|\bWest\b|Northeast|Standard errors|Region FE|Year FE/;

    const xlsx = await call('regression:export', { ...req, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string') cells.push(cell.value); }));
    for (const t of titles) expect(cells).toContain(t);
    expect(cells.join('\n')).not.toMatch(english);
    expect(cells.join('\n')).toContain('地区固定效应');

    const docx = await call('regression:export', { ...req, format: 'docx' });
    const zip = await JSZip.loadAsync(Buffer.from(docx.dataBase64, 'base64'));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const t of titles) expect(xml).toContain(t);
    expect(xml.replace(/<[^>]+>/g, ' ')).not.toMatch(english);

    for (const format of ['tex', 'csv', 'html'] as const) {
      const text = Buffer.from((await call('regression:export', { ...req, format })).dataBase64, 'base64').toString('utf8');
      for (const t of titles.slice(1)) expect(text, format).toContain(t.slice(4));
      expect(text, format).toContain('全样本');
      expect(text.replace(/<[^>]+>/g, ' '), format).not.toMatch(english);
    }
  });

  it('compares two region groups: Chow by interactions and a seeded Fisher permutation test', async () => {
    const req = { y: 'resilience', x: ['digital', 'urban'], a: 'East', b: 'West', permutations: 99, seed: 7 };
    const r = await call('regression:compare', req);
    expect(r.gaps.map((g) => g.name)).toEqual(['digital', 'urban']);
    expect(r.chow.df1).toBe(2);
    expect(r.chow.p).toBeGreaterThanOrEqual(0);
    expect(r.chow.p).toBeLessThanOrEqual(1);
    expect(r.permutations).toBe(99);
    expect(r.seed).toBe(7);
    expect(r.runId).toBeGreaterThan(0);
    for (const g of r.gaps) {
      // p = (extreme + 1)/(valid + 1): a multiple of 1/(valid + 1).
      const k = (g.pPermutation ?? NaN) * (r.valid + 1);
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
    // The same seed gives the same permutation p values.
    expect((await call('regression:compare', req)).gaps).toEqual(r.gaps);
    const none = await call('regression:compare', { ...req, permutations: 0 });
    expect(none.gaps.every((g) => g.pPermutation === null)).toBe(true);
    expect(none.gaps.map((g) => g.pChow)).toEqual(r.gaps.map((g) => g.pChow));
    const same = await failure('regression:compare', { ...req, b: 'East' });
    expect(same.code).toBe('hetero-chow-same-group');
    const tooMany = await failure('regression:compare', { ...req, permutations: 100_001 });
    expect(tooMany.message).toBe('Invalid request for regression:compare: permutations: at most 100,000 permutations.');
  });

  it('runs the comparison as a job with progress, the same result as the direct call, and cancellation', async () => {
    const req = { y: 'resilience', x: ['digital', 'urban'], a: 'East', b: 'West', permutations: 199, seed: 3 };
    const direct = await call('regression:compare', req);
    const progress: [number, number][] = [];
    const viaHelper = await compareGroups({ store: () => storeOf(app.service), appVersion: 'test' }, { ...req, model: 'fe', se: 'cluster' }, (d, t) => progress.push([d, t]));
    // Progress comes from the worker, throttled (at most one message per 16 ms), always ending with the last step.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([199, 199]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThan(progress[i - 1][0]);
    expect(viaHelper.gaps).toEqual(direct.gaps);
    // The worker's p values are those of the in-thread permutation test with the same seed.
    const store = storeOf(app.service);
    const inThread = await runHeterogeneityTableAsync({
      panel: withProjectRegionGroups(store.readPanel(), store), y: req.y, x: req.x, model: 'fe', se: 'cluster',
      regionGroups: storeRegionGroups(store), order: ['East', 'West'], noBaseline: true, compare: { a: 'East', b: 'West', permutations: 199, seed: 3 },
    });
    expect(direct.gaps.map((g) => g.pPermutation)).toEqual(inThread.permutation?.gaps.map((g) => g.p));

    const { jobId } = await call('job:start', { task: 'permutation-gap', input: req });
    const seen: number[] = [];
    let status = await call('job:status', { jobId });
    for (let i = 0; i < 600 && status.state === 'running'; i++) {
      seen.push(status.progress.done);
      await new Promise((r) => setTimeout(r, 10));
      status = await call('job:status', { jobId });
    }
    expect(status.task).toBe('permutation-gap');
    expect(status.state).toBe('done');
    expect(status.progress).toEqual({ done: 199, total: 199 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect((status.result as JobResultOf<'permutation-gap'>).gaps).toEqual(direct.gaps);

    const long = await call('job:start', { task: 'permutation-gap', input: { ...req, permutations: 100_000 } });
    let s2 = await call('job:status', long);
    // Progress is reported while it runs (the worker forwards it, throttled) before it is cancelled.
    for (let i = 0; i < 600 && s2.progress.done === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      s2 = await call('job:status', long);
    }
    expect(s2.state).toBe('running');
    expect(s2.progress.total).toBe(100_000);
    expect(s2.progress.done).toBeGreaterThan(0);
    expect(await call('job:cancel', long)).toEqual({ cancelled: true });
    for (let i = 0; i < 600 && s2.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      s2 = await call('job:status', long);
    }
    expect(s2.state).toBe('cancelled');
    expect(s2.result).toBeUndefined();
    expect(s2.progress.done).toBeLessThan(100_000);
    expect(await call('job:cancel', long)).toEqual({ cancelled: false });

    const failing = await call('job:start', { task: 'permutation-gap', input: { ...req, b: 'Atlantis' } });
    let s3 = await call('job:status', failing);
    for (let i = 0; i < 100 && s3.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      s3 = await call('job:status', failing);
    }
    expect(s3.state).toBe('failed');
    expect(s3.error?.code).toBe('hetero-in-group');
    const unknown = await failure('job:status', { jobId: 'nope' });
    expect(unknown.code).toBe('job-unknown');
    expect(unknown.message).toBe('That job is no longer known (it finished long ago or the workbench restarted); run it again.');
    const badTask = await failure('job:start', { task: 'no-such-task', input: {} });
    expect(badTask.code).toBe('invalid-request');
  }, 60_000);

  it('errors come back as the service sentence', async () => {
    const collinear = await failure('regression:run', { y: 'resilience', x: ['digital', '2*digital'] });
    expect(collinear.message).toBe('Perfectly collinear regressors: "2*digital" is a linear combination of "digital". Remove one of them.');
    const constant = await failure('regression:run', { y: 'resilience', x: ['digital', '1'] });
    expect(constant.message).toBe('"1" is absorbed by the region and period fixed effects (it varies only by region and by period); remove it from the model.');
    const unknown = await failure('regression:run', { y: 'resilience', x: ['nosuch'] });
    expect(unknown.message).toMatch(/^unknown column "nosuch" in expression "nosuch"; available columns: resilience, /);
    const none = await failure('regression:run', { y: 'resilience', x: [] });
    expect(none.message).toBe('Invalid request for regression:run: x: choose at least one regressor.');
    const fmt = await failure('regression:export', { y: 'resilience', x: ['digital'], format: 'pdf' });
    expect(fmt.code).toBe('invalid-request');
  });
});
