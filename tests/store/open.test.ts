import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { APPLICATION_ID, ProjectStore, SCHEMA_VERSION } from '../../src/store/project-store';
import { MIGRATIONS } from '../../src/store/migrations';
import { makeSampleProject, tempPath } from './helpers';
import { inputError } from '../helpers/input-error';

describe('ProjectStore.open', () => {
  test('create, write, close, reopen: the data is there and the file is marked as ours', () => {
    const path = tempPath();
    const store = ProjectStore.open(path, { create: true });
    expect(store.created).toBe(true);
    expect(store.migratedSteps).toBe(MIGRATIONS.length);
    expect(store.path).toBe(path);
    store.setMeta('title', 'Resilience of US states');
    store.close();
    expect(store.isOpen).toBe(false);

    const again = ProjectStore.open(path);
    expect(again.created).toBe(false);
    expect(again.migratedSteps).toBe(0);
    expect(again.getMeta('title')).toBe('Resilience of US states');
    expect(again.getMeta('created_at')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(again.getMeta('no such key')).toBeUndefined();
    again.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  test('SCHEMA_VERSION is the number of migrations, numbered 1..N', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, k) => k + 1));
  });

  test('connection pragmas: WAL, foreign keys on, synchronous FULL, busy timeout', () => {
    const { path } = makeSampleProject(2, 1);
    const store = ProjectStore.open(path);
    expect(store.connectionSettings()).toEqual({ journalMode: 'wal', foreignKeys: true, synchronous: 2, busyTimeoutMs: 5000 });
    expect(store.integrityCheck()).toEqual(['ok']);
    // WAL is persistent: a second, plain connection sees it in the file.
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    store.close();
    const ro = ProjectStore.open(path, { readonly: true });
    expect(ro.connectionSettings()).toMatchObject({ journalMode: 'wal', foreignKeys: true });
    ro.close();
  });

  test('foreign keys are enforced on the store connection', () => {
    const { path } = makeSampleProject(2, 1);
    const store = ProjectStore.open(path);
    // Deleting a region that has observations must fail (observations.region_id → regions.id).
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    expect(() => raw.prepare("DELETE FROM regions WHERE code = 'R01'").run()).toThrow(/FOREIGN KEY constraint failed/);
    raw.close();
    // And the store itself: deleting a variable cascades to its observations, which only
    // happens with foreign_keys=ON on the store's connection.
    store.deleteVariable('gsp');
    store.close();
    const check = new Database(path, { readonly: true });
    expect((check.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n).toBe(0);
    check.close();
  });

  test('a missing file without create is refused with not-found', () => {
    const path = tempPath('absent.rwb');
    const e = inputError(() => ProjectStore.open(path));
    expect(e.code).toBe('project-not-found');
    expect(e.message).toBe(`${path} does not exist`);
    expect(existsSync(path)).toBe(false);
    const r = inputError(() => ProjectStore.open(path, { readonly: true, create: true }));
    expect(r.code).toBe('project-not-found');
  });

  test('a missing folder is refused with not-found', () => {
    const path = tempPath('no-such-dir/p.rwb');
    const e = inputError(() => ProjectStore.open(path, { create: true }));
    expect(e.code).toBe('project-folder-missing');
    expect(e.message).toBe(`${path} cannot be created: its folder does not exist`);
  });

  test('a file from a newer version is refused with a clear message and left alone', () => {
    const { path } = makeSampleProject(2, 1);
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    const e = inputError(() => ProjectStore.open(path));
    expect(e.code).toBe('project-newer-version');
    expect(e.message).toBe(
      `${path} was made by a newer version of Resilience Workbench (schema ${SCHEMA_VERSION + 3} > ${SCHEMA_VERSION}); update the app to open it`);
    expect(e.details).toMatchObject({ fileVersion: SCHEMA_VERSION + 3, appVersion: SCHEMA_VERSION });
    const ro = inputError(() => ProjectStore.open(path, { readonly: true }));
    expect(ro.code).toBe('project-newer-version');
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 3);
    after.close();
  });

  test('a text file is not a project', () => {
    const path = tempPath('notes.rwb');
    writeFileSync(path, 'state,year,gsp\nAlabama,1970,100\n'.repeat(50));
    const e = inputError(() => ProjectStore.open(path));
    expect(e.code).toBe('project-not-sqlite');
    expect(e.message).toBe(`${path} is not a Resilience Workbench project (it is not a SQLite database)`);
  });

  test('a SQLite database made by another program is not a project, and is not modified', () => {
    const path = tempPath('other.sqlite');
    const other = new Database(path);
    other.exec('CREATE TABLE t(x INTEGER)');
    other.close();
    const e = inputError(() => ProjectStore.open(path));
    expect(e.code).toBe('project-foreign-sqlite');
    expect(e.message).toBe(`${path} is not a Resilience Workbench project (it is a SQLite database made by another program)`);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    check.close();
  });

  test('an empty file is refused, writable or read-only (issue 8: it used to become a project; more in open-refuse.test.ts)', () => {
    const path = tempPath('empty.rwb');
    writeFileSync(path, '');
    const e = inputError(() => ProjectStore.open(path, { readonly: true }));
    expect(e.code).toBe('project-empty-file');
    expect(e.message).toBe(`${path} is not a Resilience Workbench project (it is an empty file)`);
    expect(inputError(() => ProjectStore.open(path)).code).toBe('project-empty-file');
  });

  test('read-only open reads but cannot write', () => {
    const { path, codes } = makeSampleProject(3, 2);
    const store = ProjectStore.open(path, { readonly: true });
    expect(store.listRegions().map((r) => r.code)).toEqual(codes);
    expect(() => store.setMeta('x', 'y')).toThrow(/readonly/);
    store.close();
  });
});
