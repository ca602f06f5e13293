/**
 * The ESDA jobs (`esda-global`, `esda-local`) through the dispatcher on the China sample project:
 * the same numbers as the engine called directly, islands named, progress, cancel, and clear errors.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';
import { repoPath } from '../../helpers/paths';
import type { JobResultOf } from '../../../src/contract';
import { moranI } from '../../../src/esda/global';
import { esdaSample } from '../../../src/esda/sample';
import { projectPanel } from '../../../src/services/inputs/project-inputs';
import { loadWeightsFromProject } from '../../../src/services/weights/weights-service';
import { valuesForYear } from '../../../src/services/esda/esda-service';
import { ProjectStore } from '../../../src/store/project-store';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-app-esda-' });
const { call } = app;

async function finish(jobId: string) {
  let s = await call('job:status', { jobId });
  for (let i = 0; i < 3000 && s.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 10));
    s = await call('job:status', { jobId });
  }
  return s;
}

describe('ESDA jobs on the China sample', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
    await call('weights:build', { name: 'queen', spec: { type: 'queen' } });
    await call('weights:build', { name: 'knn4', spec: { type: 'knn', k: 4 } });
  }, 120_000);

  it('esda-global: Moran per year under two matrices equals the engine; Hainan (a queen island) is left out and named', async () => {
    const { jobId } = await call('job:start', { task: 'esda-global', input: { variable: 'resilience', weights: ['queen', 'knn4'], permutations: 99, seed: 3 } });
    const s = await finish(jobId);
    expect(s.state).toBe('done');
    const r = s.result as JobResultOf<'esda-global'>;
    const years = [...new Set(r.rows.map((x) => x.year))];
    expect(r.rows).toHaveLength(2 * years.length);
    expect(s.progress).toEqual({ done: 2 * years.length, total: 2 * years.length });
    const queenRows = r.rows.filter((x) => x.weights === 'queen');
    expect(queenRows.every((x) => x.islands.length === 1 && x.n === 30)).toBe(true);
    expect(r.warnings.some((w) => w.code === 'esda-islands-dropped' && w.message.startsWith('queen: '))).toBe(true);
    expect(r.rows.filter((x) => x.weights === 'knn4').every((x) => x.n === 31 && x.pSim !== null)).toBe(true);

    // The table export: years × matrices, stars, z in parentheses, in Chinese.
    const csv = await call('esda:tableExport', { result: r, format: 'csv', language: 'zh' });
    expect(csv.fileName).toBe('moran-resilience.csv');
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(text).toContain('queen');
    expect(text).toContain('knn4');
    expect(text).toContain(String(years[0]));
    expect(text).toContain('基于 99 次随机置换的伪 p 值');
    const docx = await call('esda:tableExport', { result: r, format: 'docx' });
    expect(Buffer.from(docx.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    // The engine on the same store: identical I and z for the knn4 matrix in the first year.
    const store = ProjectStore.open(app.service.projectPath as string);
    try {
      const panel = projectPanel(store);
      const w = loadWeightsFromProject(store, 'knn4').weights;
      const x = valuesForYear(panel, { name: 'resilience', values: panel.values.resilience }, w, years[0]);
      const direct = moranI(esdaSample(x, w, 'resilience'));
      const row = r.rows.find((x) => x.weights === 'knn4' && x.year === years[0]);
      expect(row?.value).toBe(direct.value);
      expect(row?.zRand).toBe(direct.randomisation?.z);
    } finally {
      store.close();
    }
  }, 120_000);

  it('esda-local: clusters for every year with transitions; a year outside the panel is an error', async () => {
    const { jobId } = await call('job:start', { task: 'esda-local', input: { variable: 'resilience', weights: 'knn4', permutations: 199, seed: 1 } });
    const s = await finish(jobId);
    expect(s.state).toBe('done');
    const r = s.result as JobResultOf<'esda-local'>;
    expect(r.years.length).toBeGreaterThan(5);
    for (const y of r.years) {
      expect(y.regions).toHaveLength(31);
      expect(Object.values(y.counts).reduce((a, b) => a + b, 0)).toBe(31);
      expect(y.by).toBe('p_sim');
      expect(y.moranI).not.toBeNull();
    }
    expect(r.transitions.quadrants.total).toBe(31 * (r.years.length - 1));

    // Figures drawn by the figure engine: a PNG at 300 DPI, small multiples as SVG (Chinese legend), the scatterplot.
    const png = await call('esda:figureExport', { result: r, kind: 'lisa-map', format: 'png', size: { widthMm: 120, heightMm: 90, dpi: 300 } });
    const bytes = Buffer.from(png.dataBase64, 'base64');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(Math.round((120 / 25.4) * 300));
    const multi = await call('esda:figureExport', { result: r, kind: 'lisa-map', format: 'svg', lang: 'zh', years: [2008, 2015, 2022] });
    const svg = Buffer.from(multi.dataBase64, 'base64').toString('utf8');
    for (const w of ['高-高', '低-低', '不显著', '2008', '2015', '2022']) expect(svg).toContain(w);
    expect(svg.match(/data-region="110000"/g)?.length).toBe(3);
    // For looking at (tests/output is not committed).
    const multiPng = await call('esda:figureExport', { result: r, kind: 'lisa-map', format: 'png', lang: 'zh', years: [2008, 2015, 2022], size: { widthMm: 240, heightMm: 110, dpi: 150 } });
    mkdirSync(repoPath('tests', 'output'), { recursive: true });
    writeFileSync(repoPath('tests', 'output', 'lisa-multiples.png'), Buffer.from(multiPng.dataBase64, 'base64'));
    writeFileSync(repoPath('tests', 'output', 'moran-scatter.png'), Buffer.from((await call('esda:figureExport', { result: r, kind: 'scatter', format: 'png', size: { widthMm: 120, heightMm: 100, dpi: 150 } })).dataBase64, 'base64'));
    const sig = Buffer.from((await call('esda:figureExport', { result: r, kind: 'significance-map', format: 'svg' })).dataBase64, 'base64').toString('utf8');
    expect(sig).toContain('p ≤ 0.05');
    const sc = Buffer.from((await call('esda:figureExport', { result: r, kind: 'scatter', format: 'svg', years: [2015] })).dataBase64, 'base64').toString('utf8');
    expect(sc.match(/<circle[^>]*data-region=/g)?.length).toBe(31);
    expect(sc).toMatch(/Moran(&apos;|&#39;|')s I = 0\.\d{3}/);
    const pdf = await call('esda:figureExport', { result: r, kind: 'scatter', format: 'pdf' });
    expect(Buffer.from(pdf.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect((await app.failure('esda:figureExport', { result: r, kind: 'lisa-map', format: 'svg', years: [1900] })).code).toBe('esda-figure-year');

    const bad = await call('job:start', { task: 'esda-local', input: { variable: 'resilience', weights: 'knn4', years: [1850] } });
    const b = await finish(bad.jobId);
    expect(b.state).toBe('failed');
    expect(b.error?.code).toBe('esda-year-not-in-panel');
    const unknown = await call('job:start', { task: 'esda-global', input: { variable: 'resilience', weights: ['nope'] } });
    expect((await finish(unknown.jobId)).error?.code).toMatch(/^weights-unknown-matrix/);
  }, 120_000);

  it('a long permutation run reports progress and can be cancelled', async () => {
    const { jobId } = await call('job:start', { task: 'esda-local', input: { variable: 'resilience', weights: 'queen', permutations: 99999, seed: 1 } });
    let s = await call('job:status', { jobId });
    for (let i = 0; i < 1000 && s.progress.done === 0 && s.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      s = await call('job:status', { jobId });
    }
    expect(s.state).toBe('running');
    expect(await call('job:cancel', { jobId })).toEqual({ cancelled: true });
    expect((await finish(jobId)).state).toBe('cancelled');
  }, 120_000);
});
