import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureSampleProject, listSamples } from '../../../src/services/samples/ensure';
import { ProjectStore, SCHEMA_VERSION } from '../../../src/store/project-store';
import { findRepoRoot } from '../../../src/services/samples/paths';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let dir: string;

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rwb-ensure-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('listSamples', () => {
  test('two samples; only the China one is simulated', () => {
    const s = listSamples();
    expect(s.map((x) => [x.name, x.simulated])).toEqual([['china-provinces', true], ['us-states', false]]);
    expect(s[0].title).toContain('simulated demonstration data');
    for (const x of s) expect(x.description.length).toBeGreaterThan(20);
  });
});

describe('ensureSampleProject', () => {
  test('builds the missing bundled sample, copies it to the user directory, and never overwrites the user copy', async () => {
    const outDir = join(dir, 'generated'), userDir = join(dir, 'user');
    const path = await ensureSampleProject('china-provinces', userDir, { repoRoot, outDir });
    expect(path).toBe(join(userDir, 'china-provinces.rwb'));
    const bundled = join(outDir, 'samples', 'china-provinces.rwb');
    expect(existsSync(bundled)).toBe(true);
    expect(existsSync(join(outDir, 'samples', 'us-states.rwb'))).toBe(false); // only what was asked for
    const bundledBytes = readFileSync(bundled);

    // The user edits their copy: the bundled file is unchanged and a second call keeps the edit.
    const s = ProjectStore.open(path);
    s.setMeta('user-edit', 'kept');
    s.checkpoint();
    s.close();
    expect(readFileSync(bundled).equals(bundledBytes)).toBe(true);
    const mtime = statSync(bundled).mtimeMs;
    expect(await ensureSampleProject('china-provinces', userDir, { repoRoot, outDir })).toBe(path);
    const again = ProjectStore.open(path, { readonly: true });
    expect(again.getMeta('user-edit')).toBe('kept');
    expect(again.getMeta('sample')).toBe('china-provinces');
    again.close();
    expect(statSync(bundled).mtimeMs).toBe(mtime); // not rebuilt
  });
  test('a bundled sample built with an older project schema is rebuilt, not copied', async () => {
    const outDir = join(dir, 'generated-old'), userDir = join(dir, 'user-old');
    const stale = join(outDir, 'samples', 'us-states.rwb');
    mkdirSync(dirname(stale), { recursive: true });
    ProjectStore.open(stale, { create: true }).close();
    const raw = new Database(stale);
    raw.pragma(`user_version = ${SCHEMA_VERSION - 1}`); // as left by a build before the last migration
    raw.close();
    const path = await ensureSampleProject('us-states', userDir, { repoRoot, outDir });
    const copy = ProjectStore.open(path, { readonly: true }); // would be refused with needs-upgrade
    expect(copy.getMeta('sample')).toBe('us-states');
    copy.close();
  }, 60_000);
  test('an unknown name is refused', async () => {
    await expect(ensureSampleProject('mars' as 'us-states', join(dir, 'u2'), { repoRoot }))
      .rejects.toThrow('Unknown sample project "mars" (samples: china-provinces, us-states).');
  });
  test('findRepoRoot finds this repository from a nested directory', () => {
    expect(findRepoRoot(join(repoRoot, 'src', 'services', 'samples'))).toBe(repoRoot);
    expect(() => findRepoRoot('/')).toThrow('Cannot find the resilience-workbench package root above /.');
  });
});
