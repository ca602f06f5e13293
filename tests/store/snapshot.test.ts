import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/core/errors';
import { ProjectStore } from '../../src/store/project-store';
import { openReadonlySnapshot } from '../../src/store/snapshot';
import { cellValue, makeSampleProject } from './helpers';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

describe('openReadonlySnapshot', () => {
  test('reads a WAL project from memory, refuses writes and leaves the file untouched', () => {
    const { path, codes } = makeSampleProject(3, 2);
    const before = readFileSync(path);
    expect([before[18], before[19]]).toEqual([2, 2]); // WAL mode in the header
    const db = openReadonlySnapshot(path);
    expect(db.prepare('SELECT code FROM regions ORDER BY code').pluck().all()).toEqual(codes);
    expect(() => db.exec("INSERT INTO meta(key, value) VALUES ('a', 'b')")).toThrow(/readonly/);
    db.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('refuses when uncheckpointed changes sit in the -wal file beside it', () => {
    const { path } = makeSampleProject(2, 1);
    const writer = ProjectStore.open(path);
    writer.setMeta('unsaved', 'yes'); // committed to the WAL, not yet in the main file
    expect(existsSync(`${path}-wal`)).toBe(true);
    let err: unknown;
    try { openReadonlySnapshot(path); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('project-read-only-unsaved-wal');
    expect((err as InputError).message).toBe(
      `${path} cannot be opened read-only here: its folder is not writable and ${path}-wal holds changes not yet saved into it; open it once where the folder is writable`);
    writer.close();
  });

  // The real situation needs file permissions to apply. Not root: they apply to us, the child
  // runs as this user. Root ignores them, so the child drops to user "nobody" (65534) after
  // loading its modules (see fixtures/read-only-folder.ts), which also works from a clone under
  // a 0700 folder that "nobody" cannot enter. Nothing is skipped; the log says which case ran.
  const isRoot = process.getuid?.() === 0;
  test('a project in a read-only folder opens read-only; a write-mode open says why it cannot', () => {
    console.info(isRoot
      ? 'read-only folder test: running as root, so the child process drops to uid 65534 (nobody) to make permissions apply'
      : `read-only folder test: not root (uid ${process.getuid?.() ?? '?'}); the child runs as this user, whose permissions apply`);
    const { path, codes, periods } = makeSampleProject(3, 2);
    const dir = dirname(path);
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    try {
      const raw = new Database(path, { readonly: true });
      raw.close();
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'read-only-folder.ts'), path],
        { cwd: repo, encoding: 'utf8', timeout: 60_000, env: { ...process.env, RWB_DROP_TO_UID: isRoot ? '65534' : '' } });
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as {
        uid: number;
        read: { ids: string[]; gsp: number[]; settings: { journalMode: string }; integrity: string[] };
        writable: { code: string; message: string } | null;
      };
      expect(out.uid).not.toBe(0); // permissions really applied
      expect(out.read.ids).toEqual(codes.flatMap((c) => periods.map(() => c)));
      expect(out.read.gsp).toEqual(codes.flatMap((_, k) => periods.map((t) => cellValue(k, t))));
      expect(out.read.settings.journalMode).toBe('memory'); // served from the in-memory copy
      expect(out.read.integrity).toEqual(['ok']);
      expect(out.writable?.code).toBe('project-cannot-open-sqlite');
      expect(out.writable?.message).toMatch(new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be opened: .* \\(the file or its folder is read-only: open it read-only, or copy it to a writable folder\\)$`));
    } finally {
      chmodSync(dir, 0o755);
      chmodSync(path, 0o644);
    }
  }, 90_000);
});
