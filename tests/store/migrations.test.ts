import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/core/errors';
import { MIGRATIONS } from '../../src/store/migrations';
import { APPLICATION_ID, ProjectStore, SCHEMA_VERSION } from '../../src/store/project-store';
import { APPLICATION_ID_V1, SCHEMA_V1_SQL } from './fixtures/schema-v1';
import { tempPath } from './helpers';

/** Write a version-1 project by hand: schema, header pragmas and a little data. */
function makeV1File(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA_V1_SQL);
  db.pragma(`application_id = ${APPLICATION_ID_V1}`);
  db.pragma('user_version = 1');
  db.prepare("INSERT INTO meta(key, value) VALUES ('title', 'old project')").run();
  db.prepare("INSERT INTO regions(id, code, name_en, region_group, lon, lat, attributes) VALUES (1, '110000', 'Beijing', 'East', 116.4, 39.9, '{\"adcode\":110000}')").run();
  db.prepare("INSERT INTO regions(id, code, name_en, region_group) VALUES (2, '140000', 'Shanxi', 'Central')").run();
  db.prepare("INSERT INTO geometries(region_id, layer, geojson) VALUES (1, 'provinces', '{\"type\":\"Point\",\"coordinates\":[116.4,39.9]}')").run();
  db.prepare("INSERT INTO variables(id, name, label, simulated) VALUES (1, 'gdp', 'GDP', 0)").run();
  const obs = db.prepare('INSERT INTO observations(region_id, period, variable_id, value) VALUES (?, ?, 1, ?)');
  obs.run(1, 2010, 1.5); obs.run(1, 2011, null); obs.run(2, 2010, 2.5);
  db.close();
}

function normalizedSchema(db: Database.Database): { name: string; sql: string }[] {
  return (db.prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[])
    .map((r) => ({ name: r.name, sql: r.sql.replace(/\s+/g, ' ').trim() }));
}

describe('migrations', () => {
  test('released step 1 still builds exactly the frozen version-1 schema', () => {
    const a = new Database(':memory:'); a.exec(SCHEMA_V1_SQL);
    const b = new Database(':memory:'); b.exec(MIGRATIONS[0].sql);
    expect(normalizedSchema(b)).toEqual(normalizedSchema(a));
    a.close(); b.close();
  });

  test('a version-1 file is migrated on open and keeps its data', () => {
    const path = tempPath('v1.rwb');
    makeV1File(path);
    const store = ProjectStore.open(path);
    expect(store.created).toBe(false);
    expect(store.migratedSteps).toBe(SCHEMA_VERSION - 1);
    expect(store.getMeta('title')).toBe('old project');
    expect(store.getMeta(`migrated_to_${SCHEMA_VERSION}`)).toMatch(/^\d{4}-/);
    expect(store.listRegions()).toEqual([
      { code: '110000', nameZh: null, nameEn: 'Beijing', level: null, parent: null, regionGroup: 'East', lon: 116.4, lat: 39.9, attributes: { adcode: 110000 } },
      { code: '140000', nameZh: null, nameEn: 'Shanxi', level: null, parent: null, regionGroup: 'Central', lon: null, lat: null },
    ]);
    expect(store.getGeometryCollection('provinces').features.map((f) => f.geometry)).toEqual([{ type: 'Point', coordinates: [116.4, 39.9] }]);
    const panel = store.readPanel();
    expect(panel.ids).toEqual(['110000', '110000', '140000']);
    expect(panel.times).toEqual([2010, 2011, 2010]);
    expect(Array.from(panel.values.gdp)).toEqual([1.5, NaN, 2.5]);
    // Tables added by later steps work on the migrated file.
    store.saveWeights({ name: 'w', spec: { kind: 'test' }, ids: ['110000', '140000'], entries: [{ i: '110000', j: '140000', value: 1 }] });
    expect(store.listWeights()).toEqual([{ name: 'w', spec: { kind: 'test' }, n: 2 }]);
    const id = store.saveRun({ kind: 'describe', spec: {}, results: { n: 3 }, inputHash: 'h', appVersion: '0.1.0' });
    expect(store.getRun(id)?.results).toEqual({ n: 3 });
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  test('a version-1 file opened read-only is refused with needs-upgrade, not migrated', () => {
    const path = tempPath('v1.rwb');
    makeV1File(path);
    let err: unknown;
    try { ProjectStore.open(path, { readonly: true }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('project-needs-upgrade');
    expect((err as InputError).message).toBe(
      `${path} was made by an older version of Resilience Workbench (schema 1 < ${SCHEMA_VERSION}); open it once without read-only to upgrade it`);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();
  });

  test('a migration that fails leaves the file exactly as it was', () => {
    const path = tempPath('v1.rwb');
    makeV1File(path);
    // A table in the way of step 2 makes its CREATE TABLE fail half-way through the steps.
    const db = new Database(path);
    db.exec('CREATE TABLE analysis_runs(x INTEGER)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(path);
    let err: unknown;
    try { ProjectStore.open(path); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('project-migration-failed');
    expect((err as InputError).message).toBe(
      `${path} could not be upgraded from schema 1 to ${SCHEMA_VERSION}: table analysis_runs already exists; the file was left unchanged`);
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'weight_matrices'").get()).toEqual({ n: 0 });
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('migration 3: run kinds', () => {
  /** A schema-2 file (steps 1 and 2 only) with runs saved the old way, all of kind 'fe'. */
  function makeV2FileWithRuns(path: string): void {
    const db = new Database(path);
    db.exec(MIGRATIONS[0].sql);
    db.exec(MIGRATIONS[1].sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 2');
    const ins = db.prepare("INSERT INTO analysis_runs(kind, spec, results, input_hash, app_version) VALUES (?, ?, '{}', 'h', '0.1.0')");
    ins.run('fe', JSON.stringify({ y: 'y', x: ['x'], model: 'fe', effects: 'twoways' }));
    ins.run('fe', JSON.stringify({ y: 'y', x: ['x'], model: 're', effects: 'individual' }));
    ins.run('fe', JSON.stringify({ y: 'y', x: ['x'], model: 'pooled', effects: 'none' }));
    ins.run('fe', JSON.stringify({ y: 'y', x: ['x'], model: 'fe', group: null, groupColumn: 'region_group', order: ['East'], compare: null }));
    ins.run('fe', JSON.stringify({ y: 'y', x: ['x'], model: 're', groupColumn: 'median split of unemp', order: ['High', 'Low'], compare: null }));
    ins.run('moran', JSON.stringify({ model: 're' })); // not a regression run: left alone
    db.close();
  }

  test("old 'fe' runs are re-labelled by their stored spec, with schema version 1", () => {
    const path = tempPath('v2.rwb');
    makeV2FileWithRuns(path);
    const store = ProjectStore.open(path);
    expect(store.migratedSteps).toBe(SCHEMA_VERSION - 2);
    expect(store.listRuns().map((r) => [r.kind, r.version])).toEqual([
      ['panel.fe', 1], ['panel.re', 1], ['panel.pooled', 1], ['panel.compare', 1], ['panel.compare', 1], ['moran', 1],
    ]);
    const id = store.saveRun({ kind: 'panel.fe', version: 2, spec: {}, results: {}, inputHash: 'h', appVersion: 'x' });
    expect(store.getRun(id)?.version).toBe(2);
    expect(() => store.saveRun({ kind: 'panel.fe', version: 0, spec: {}, results: {}, inputHash: 'h', appVersion: 'x' }))
      .toThrow('run panel.fe: version must be a positive integer');
    store.close();
  });
});
