/**
 * Files that are not workbench projects are refused before SQLite opens them, and are left
 * exactly as they were: same bytes, no `-wal`/`-shm` created beside them (issue 8: a 0-byte
 * text file opened with `project:open` became a SQLite project with `-wal`/`-shm`).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, ProjectStore } from '../../src/store/project-store';
import { inputError } from '../helpers/input-error';
import { makeSampleProject, tempPath } from './helpers';

/** Opens `path` writable (and with create), expects `code`, and checks the file is untouched. */
function refusedUntouched(path: string, code: string): void {
  const before = readFileSync(path);
  for (const opts of [{}, { create: true }, { readonly: true }]) {
    expect(inputError(() => ProjectStore.open(path, opts)).code).toBe(code);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
  }
}

/** A SQLite database made by "another program": one table, the given journal mode and application_id. */
function foreignDatabase(name: string, journal: 'delete' | 'wal', applicationId = 0): string {
  const path = tempPath(name);
  const db = new Database(path);
  db.pragma(`journal_mode = ${journal}`);
  if (applicationId) db.pragma(`application_id = ${applicationId}`);
  db.exec("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('keep me')");
  db.close(); // a clean close checkpoints and removes -wal/-shm
  expect(existsSync(`${path}-wal`)).toBe(false);
  return path;
}

describe('ProjectStore.open refuses what is not a project, without touching it', () => {
  it('an existing empty file (in every mode: creating means naming a file that does not exist)', () => {
    const path = tempPath('empty.txt');
    writeFileSync(path, '');
    refusedUntouched(path, 'project-empty-file');
    expect(inputError(() => ProjectStore.open(path)).message).toBe(`${path} is not a Resilience Workbench project (it is an empty file)`);
  });

  it('a text file, and a file cut short inside the SQLite header', () => {
    const text = tempPath('notes.rwb');
    writeFileSync(text, 'state,year,gsp\nAlabama,1970,100\n');
    refusedUntouched(text, 'project-not-sqlite');
    const short = tempPath('short.rwb');
    writeFileSync(short, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(40)]));
    refusedUntouched(short, 'project-not-sqlite');
  });

  it('a SQLite database of another program, rollback journal or WAL', () => {
    refusedUntouched(foreignDatabase('other.sqlite', 'delete'), 'project-foreign-sqlite');
    refusedUntouched(foreignDatabase('other-wal.sqlite', 'wal'), 'project-foreign-sqlite');
    const tagged = foreignDatabase('tagged.sqlite', 'wal', 0x12345678);
    refusedUntouched(tagged, 'project-foreign-sqlite');
    expect(inputError(() => ProjectStore.open(tagged)).details).toMatchObject({ applicationId: 0x12345678 });
  });

  it('a folder, and a FIFO (which a read would block on)', () => {
    const dir = tempPath('folder.rwb');
    mkdirSync(dir);
    expect(inputError(() => ProjectStore.open(dir)).code).toBe('project-not-a-file');
    expect(inputError(() => ProjectStore.open(dir)).message).toBe(`${dir} is not a Resilience Workbench project (it is not a regular file)`);
    if (process.platform === 'win32') return;
    const fifo = tempPath('pipe.rwb');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(inputError(() => ProjectStore.open(fifo)).code).toBe('project-not-a-file');
    expect(existsSync(`${fifo}-wal`)).toBe(false);
  });

  it('still opens our own project, and one whose first commits sit only in its -wal', () => {
    const { path } = makeSampleProject(2, 1);
    const head = readFileSync(path).subarray(0, 100);
    expect(head.readUInt32BE(68)).toBe(APPLICATION_ID);
    ProjectStore.open(path).close();

    // A new project whose process died before the WAL was checkpointed: the main file on disk
    // may not even have its header yet, the -wal holds everything.
    const live = tempPath('live.rwb');
    const store = ProjectStore.open(live, { create: true });
    store.setMeta('title', 'unsaved');
    const copy = join(dirname(tempPath('x')), 'copy.rwb');
    copyFileSync(live, copy);
    copyFileSync(`${live}-wal`, `${copy}-wal`);
    store.close();
    const reopened = ProjectStore.open(copy);
    expect(reopened.getMeta('title')).toBe('unsaved');
    reopened.close();
  });
});
