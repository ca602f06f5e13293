/**
 * Projects of the user's own (issue 13, defect 2): before this, the app offered only the two
 * samples, so every import landed in a sample (the China sample became "111 regions · 37
 * periods" of US and Mexican data under its simulated-data banner, with no way back). Here:
 * New project (empty / China provinces / China prefecture cities template), Save As, rename,
 * recent projects and reset sample, through the channels both transports dispatch.
 *
 * Reference values: the China province table of src/samples/china/provinces.ts has 34
 * provincial units (31 mainland + Hong Kong, Macao, Taiwan) in the four groups East, Central,
 * West, Northeast; the sample's `provinces` layer is what the template copies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECTS_FOLDER } from '../../../src/services/projects/folder';
import { RECENT_FILE } from '../../../src/services/projects/manage';
import { ProjectStore } from '../../../src/store/project-store';
import { useAppService } from '../../helpers/app-service-harness';

const app = useAppService({ prefix: 'rwb-projects-' });
const { call, failure } = app;

describe('New project, Save As, rename, recent, reset sample', () => {
  let chinaRegions: number;
  beforeAll(async () => {
    const china = await call('project:openSample', { name: 'china-provinces' });
    chinaRegions = china.regions.filter((r) => r.level === 'province').length;
  }, 180_000);

  it('an empty project is made in the project folder by name, holds nothing and is no sample', async () => {
    const s = await call('project:new', { name: 'my study', template: 'empty' });
    expect(s.path).toBe(join(app.userDir, PROJECTS_FOLDER, 'my study.rwb'));
    expect(s.name).toBe('my study');
    expect(s.sample).toBeNull();
    expect(s.notice).toBeNull();
    expect(s.regions).toEqual([]);
    expect(s.variables).toEqual([]);
    expect(s.layers).toEqual([]);
    expect((await call('project:list', {})).projects).toContain('my study.rwb');
  });

  it('the China provinces template has the provinces geometry, codes, names and four-region groups, and no data', async () => {
    const s = await call('project:new', { name: 'china/provinces', template: 'china-provinces' });
    expect(s.path).toBe(join(app.userDir, PROJECTS_FOLDER, 'china', 'provinces.rwb'));
    expect(s.sample).toBeNull();
    expect(s.notice).toBeNull();
    expect(s.variables).toEqual([]);
    expect(s.periods).toEqual([]);
    expect(s.layers).toEqual(['provinces']);
    expect(s.defaultLayer).toBe('provinces');
    expect(s.regions.length).toBe(chinaRegions);
    expect(s.regions.length).toBeGreaterThanOrEqual(31);
    expect(s.regionGroups).toEqual(['Central', 'East', 'Northeast', 'West']);
    const beijing = s.regions.find((r) => r.code === '110000');
    expect(beijing).toMatchObject({ nameZh: '北京市', nameEn: 'Beijing', regionGroup: 'East', level: 'province' });
    const map = await call('geometry:get', { layer: 'provinces' });
    expect(map.features.length).toBe(s.regions.length);
  });

  it('the prefecture-cities template has the cities layer only, each city with its province group', async () => {
    const s = await call('project:new', { name: 'cities', template: 'china-cities' });
    expect(s.layers).toEqual(['cities']);
    expect(s.variables).toEqual([]);
    expect(s.regions.length).toBeGreaterThan(300);
    expect(s.regions.every((r) => r.level === 'prefecture')).toBe(true);
    expect(s.regionGroups).toEqual(['Central', 'East', 'Northeast', 'West']);
  });

  it('refuses a name already taken and names that leave the folder, with a sentence', async () => {
    expect(await failure('project:new', { name: 'my study.rwb' })).toMatchObject({
      code: 'project-exists', message: 'There is already a project "my study.rwb" in the project folder; choose another name',
    });
    for (const name of ['../out', '/etc/x', 'a\\b', 'C:/x', 'a/../b', '.rwb']) {
      expect((await failure('project:new', { name })).code).toBe('project-bad-name');
    }
  });

  it('Save As of a sample copies its data into a project of the user\'s own; the sample stays as it was', async () => {
    const china = await call('project:openSample', { name: 'china-provinces' });
    const copy = await call('project:saveAs', { name: 'china copy' });
    expect(copy.path).toBe(join(app.userDir, PROJECTS_FOLDER, 'china copy.rwb'));
    expect(copy.sample).toBeNull();
    expect(copy.variables.map((v) => v.name)).toEqual(china.variables.map((v) => v.name));
    expect(copy.periods).toEqual(china.periods);
    const again = await call('project:openSample', { name: 'china-provinces' });
    expect(again.sample).toBe('china-provinces');
  });

  it('rename moves the open project within the folder and keeps it open; a sample cannot be renamed', async () => {
    expect(await failure('project:rename', { name: 'x' })).toMatchObject({ code: 'project-rename-sample' });
    await call('project:open', { name: 'china copy.rwb' });
    const renamed = await call('project:rename', { name: 'studies/china 2' });
    expect(renamed.path).toBe(join(app.userDir, PROJECTS_FOLDER, 'studies', 'china 2.rwb'));
    expect(existsSync(join(app.userDir, PROJECTS_FOLDER, 'china copy.rwb'))).toBe(false);
    expect((await call('project:summary', {})).path).toBe(renamed.path);
    const recent = (await call('project:recent', {})).projects;
    expect(recent[0]).toMatchObject({ kind: 'folder', name: 'studies/china 2.rwb', path: renamed.path });
    expect(recent.some((p) => p.path.endsWith('china copy.rwb'))).toBe(false);
  });

  it('recent projects are listed newest first with an opaque key that opens them; unknown keys are refused', async () => {
    await call('project:openSample', { name: 'china-provinces' });
    const { projects } = await call('project:recent', {});
    expect(projects[0]).toMatchObject({ kind: 'sample', name: 'china-provinces' });
    const my = projects.find((p) => p.name === 'my study.rwb');
    expect(my?.kind).toBe('folder');
    expect((await call('project:openRecent', { key: my!.key })).name).toBe('my study');
    expect((await failure('project:openRecent', { key: '/etc/passwd' })).code).toBe('project-recent-unknown');
    const onDisk = JSON.parse(readFileSync(join(app.userDir, RECENT_FILE), 'utf8')) as { projects: { path: string }[] };
    expect(onDisk.projects[0].path).toBe(my!.path);
  });

  it('reset sample throws away what was imported into the sample and opens a fresh copy', async () => {
    const s = await call('project:openSample', { name: 'china-provinces' });
    const store = ProjectStore.open(s.path);
    store.upsertVariable({ name: 'junk', label: null, unit: null, source: 'test', expression: null, simulated: false });
    store.close();
    expect((await call('project:openSample', { name: 'china-provinces' })).variables.map((v) => v.name)).toContain('junk');
    const fresh = await call('project:resetSample', { name: 'china-provinces' });
    expect(fresh.sample).toBe('china-provinces');
    expect(fresh.variables.map((v) => v.name)).not.toContain('junk');
    expect(fresh.variables.length).toBe(s.variables.length);
  });
});
