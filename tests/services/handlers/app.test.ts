/**
 * Every contract channel for real, through the dispatcher (zod validation + envelopes) over the
 * app service, on the embedded sample projects copied into a temporary user directory.
 * Responses are checked against the contract's response schemas.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../src/contract';
import { AppService } from '../../../src/services/handlers/app';
import { ProjectStore } from '../../../src/store/project-store';
import { useAppService } from '../../helpers/app-service-harness';
import { datasetPath } from '../../helpers/paths';

const PRODUC = datasetPath('produc.csv');

const logged: unknown[] = [];
const app = useAppService({ prefix: 'rwb-app-', version: '9.9.9', onError: (_c, e) => logged.push(e) });
const { call, failure } = app;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('app service: before a project is open', () => {
  it('app:info lists the samples and no project', async () => {
    const info = await call('app:info', {});
    expect(info).toMatchObject({ version: '9.9.9', mode: 'web', projectPath: null, sample: null, notice: null });
    expect(info.samples.map((s) => s.name)).toEqual(['china-provinces', 'us-states']);
    expect(info.samples.find((s) => s.name === 'china-provinces')?.simulated).toBe(true);
  });

  it('project channels say no project is open', async () => {
    expect(await failure('project:summary', {})).toMatchObject({
      code: 'app-no-project',
      message: 'No project is open. Open a sample project or a project file first.',
    });
    expect((await failure('panel:values', { variable: 'x', period: 2000 })).code).toBe('app-no-project');
  });

  it('project:open names a missing project in the project folder (more in project-open.test.ts); project:chooseFile is desktop-only', async () => {
    const e = await failure('project:open', { name: 'nothing.rwb' });
    expect(e.code).toBe('project-not-in-folder');
    expect(e.message).toContain('"nothing.rwb"');
    expect(await failure('project:chooseFile', {})).toMatchObject({
      code: 'app-dialog-desktop-only',
      message: 'Choosing a file with the system dialog is only available in the desktop app.',
    });
  });
});

describe('app service: China sample (simulated)', () => {
  let summary: ResponseOf<'project:summary'>;
  beforeAll(async () => {
    summary = await call('project:openSample', { name: 'china-provinces' });
  }, 120_000);

  it('opens a copy in the user directory with the notice, 31 provinces, 2008–2022 and four NBS groups', async () => {
    expect(summary.path).toBe(join(app.userDir, 'china-provinces.rwb'));
    expect(summary.sample).toBe('china-provinces');
    expect(summary.notice).toMatch(/simulated demonstration data/);
    expect(summary.regions.filter((r) => r.level === 'province')).toHaveLength(31);
    expect(summary.periods).toEqual(Array.from({ length: 15 }, (_, i) => 2008 + i));
    expect(summary.regionGroups).toEqual(['Central', 'East', 'Northeast', 'West']);
    expect(summary.variables.every((v) => v.simulated)).toBe(true);
    expect(summary.layers).toContain('provinces');
    expect(summary.defaultLayer).toBe('provinces');
    const bj = summary.regions.find((r) => r.nameEn === 'Beijing');
    expect(bj).toMatchObject({ code: '110000', regionGroup: 'East' });
    expect(await call('project:summary', {})).toEqual(summary);
    const info = await call('app:info', {});
    expect(info.projectPath).toBe(summary.path);
  });

  it('geometry:get returns the province polygons; an unknown layer is named', async () => {
    const fc = await call('geometry:get', {});
    expect(fc.features).toHaveLength(31);
    expect(fc.features.map((f) => f.properties?.code).sort()).toEqual(
      summary.regions.filter((r) => r.level === 'province').map((r) => r.code).sort(),
    );
    const e = await failure('geometry:get', { layer: 'counties' });
    expect(e.code).toBe('weights-unknown-layer');
    expect(e.message).toMatch(/^There is no boundary layer "counties"; the project has /);
  });

  it('panel:values returns one value per province, equal to the project file', async () => {
    const rows = await call('panel:values', { variable: 'resilience', period: 2022 });
    expect(rows).toHaveLength(31);
    const store = ProjectStore.open(summary.path, { readonly: true });
    const panel = store.readPanel({ variables: ['resilience'] });
    store.close();
    for (const r of rows) {
      const i = panel.ids.findIndex((id, k) => id === r.region && panel.times[k] === 2022);
      expect(r.value).toBe(panel.values.resilience[i]);
    }
  });

  it('panel:describe matches the values it summarises (N, mean, min, max), also by region group', async () => {
    const all: number[] = [];
    for (const p of summary.periods) for (const r of await call('panel:values', { variable: 'resilience', period: p })) all.push(r.value as number);
    const [row] = await call('panel:describe', { variables: ['resilience'] });
    expect(row.n).toBe(465);
    expect(row.missing).toBe(0);
    expect(row.mean).toBeCloseTo(all.reduce((s, x) => s + x, 0) / all.length, 12);
    expect(row.min).toBe(Math.min(...all));
    expect(row.max).toBe(Math.max(...all));
    const east = summary.regions.filter((r) => r.regionGroup === 'East').map((r) => r.code);
    const [eastRow] = await call('panel:describe', { variables: ['resilience'], regions: east });
    expect(eastRow.n).toBe(10 * 15);
    const allRows = await call('panel:describe', {});
    expect(allRows.map((r) => r.name)).toEqual(summary.variables.map((v) => v.name));
  });

  it('names an unknown variable with a suggestion', async () => {
    const e = await failure('panel:values', { variable: 'resilince', period: 2022 });
    expect(e.code).toBe('app-unknown-variable');
    expect(e.message).toBe('The project has no variable "resilince"; did you mean "resilience"?');
  });
});

describe('app service: US sample, derive and import', () => {
  let before: ResponseOf<'project:summary'>;
  beforeAll(async () => {
    before = await call('project:openSample', { name: 'us-states' });
  }, 120_000);

  it('opens the real-data sample without a notice', () => {
    expect(before.notice).toBeNull();
    expect(before.regions).toHaveLength(48);
    expect(before.periods[0]).toBe(1970);
    expect(before.periods.at(-1)).toBe(1986);
  });

  it('variables:derive adds log(gsp) with its expression; values are the logs', async () => {
    const res = await call('variables:derive', { name: 'lgsp', expression: 'log(gsp)', label: 'Log GSP' });
    expect(res.variable).toMatchObject({ name: 'lgsp', expression: 'log(gsp)', label: 'Log GSP', simulated: false });
    const gsp = new Map((await call('panel:values', { variable: 'gsp', period: 1970 })).map((r) => [r.region, r.value as number]));
    const lg = await call('panel:values', { variable: 'lgsp', period: 1970 });
    expect(lg).toHaveLength(48);
    for (const r of lg) expect(r.value).toBeCloseTo(Math.log(gsp.get(r.region) as number), 12);
    const e = await failure('variables:derive', { name: 'bad', expression: 'log(gspp)' });
    expect(e.code).toBe('expr-unknown-column');
    expect(e.message).toContain('"gspp"');
  });

  it('import:preview of produc.csv (uploaded) reports no errors and writes nothing', async () => {
    const csv = readFileSync(PRODUC, 'utf8');
    const report = await call('import:preview', {
      panel: { source: { name: 'produc.csv', dataBase64: b64(csv) }, id: 'state_name', time: 'year' },
    });
    expect(report.errors).toEqual([]);
    expect(await call('project:summary', {})).toMatchObject({ variables: expect.any(Array) });
  });

  it('import:commit with a duplicated (id, year) row fails naming the rows, and the project is unchanged', async () => {
    const snapshot = await call('project:summary', {});
    const csv = 'state_name,year,tfp\nOhio,1970,1.5\nOhio,1970,1.6\n';
    const preview = await call('import:preview', { panel: { source: { name: 'dup.csv', dataBase64: b64(csv) }, id: 'state_name', time: 'year' } });
    expect(preview.errors.map((e) => e.code)).toContain('import-duplicate-row');
    const e = await failure('import:commit', { panel: { source: { name: 'dup.csv', dataBase64: b64(csv) }, id: 'state_name', time: 'year' } });
    expect(e.code).toBe('import-duplicate-row');
    expect(e.message).toContain('dup.csv: duplicate (Ohio, 1970) at rows 2 and 3');
    expect(await call('project:summary', {})).toEqual(snapshot);
  });

  it('import:commit of a valid file adds the variable', async () => {
    const csv = 'state_name,year,tfp\nOhio,1970,1.5\nTexas,1970,2.25\n';
    const res = await call('import:commit', { panel: { source: { name: 'tfp.csv', dataBase64: b64(csv) }, id: 'state_name', time: 'year' } });
    expect(res).toMatchObject({ committed: true });
    const tfp = await call('panel:values', { variable: 'tfp', period: 1970 });
    expect(Object.fromEntries(tfp.map((r) => [r.region, r.value]))).toMatchObject({ Ohio: 1.5, Texas: 2.25 });
    expect((await call('project:summary', {})).variables.map((v) => v.name)).toContain('tfp');
  });

  it('import:preview of uploaded boundary files (us48 .shp/.dbf/.shx) matches the project regions', async () => {
    const dir = datasetPath('us48');
    const sources = ['us48.shp', 'us48.dbf', 'us48.shx'].map((f) => ({ name: f, dataBase64: readFileSync(join(dir, f)).toString('base64') }));
    const report = await call('import:preview', { geometry: { sources, key: 'STATE_NAME', layer: 'states2' } });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ geometry: { features: 48, lonLat: true } });
  });

  it('project:summary lists the periods of every variable (an import may add years)', async () => {
    const csv = 'state_name,year,broadband\nOhio,1990,0.1\n';
    await call('import:commit', { panel: { source: { name: 'bb.csv', dataBase64: b64(csv) }, id: 'state_name', time: 'year' } });
    const s = await call('project:summary', {});
    expect(s.periods.at(-1)).toBe(1990);
    expect(s.periods).toContain(1986);
  });

  it('refuses local paths for imports in web mode', async () => {
    const e = await failure('import:preview', { panel: { source: { path: PRODUC }, id: 'state_name', time: 'year' } });
    expect(e).toMatchObject({ code: 'app-paths-not-allowed-files', message: 'In the browser, choose the files to upload instead of giving a path.' });
  });

  it('project:open reopens a project file in the project folder by its name', async () => {
    mkdirSync(join(app.userDir, 'projects'), { recursive: true });
    copyFileSync(join(app.userDir, 'china-provinces.rwb'), join(app.userDir, 'projects', 'china.rwb'));
    const s = await call('project:open', { name: 'china.rwb' });
    expect(s.sample).toBe('china-provinces');
    expect(logged).toEqual([]);
  });

  it('openInitial: the sample on first run, the last project afterwards', async () => {
    await call('project:openSample', { name: 'us-states' });
    const next = new AppService({ mode: 'web', userDir: app.userDir, version: '9.9.9' });
    expect((await next.openInitial('china-provinces')).sample).toBe('us-states');
    next.close();
    const freshDir = mkdtempSync(join(tmpdir(), 'rwb-first-'));
    const fresh = new AppService({ mode: 'web', userDir: freshDir, version: '9.9.9' });
    expect((await fresh.openInitial('china-provinces')).path).toBe(join(freshDir, 'china-provinces.rwb'));
    fresh.close();
    rmSync(freshDir, { recursive: true, force: true });
  });
});
