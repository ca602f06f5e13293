/**
 * The tests pass wherever the clone lives: the working tree (what git tracks, plus new files it
 * does not ignore) is copied under a 0700 folder into a path with spaces and Chinese
 * characters, with nothing beside it, and there `rwb` runs from its TypeScript sources and a
 * few path-sensitive test files pass (the read-only project test drops to `nobody` when root,
 * which cannot enter a 0700 folder; the sample builder reads the datasets of the copy).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths';

let base = '';
let clone = '';

/** Files of the working tree as git sees them (tracked and new, not ignored). */
function workingTreeFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  return out.split('\0').filter((f) => f !== '' && existsSync(join(repoRoot, f)) && statSync(join(repoRoot, f)).isFile());
}

const hasGit = spawnSync('git', ['--version']).status === 0 && existsSync(join(repoRoot, '.git'));

describe.skipIf(!hasGit)('a clone under a 0700 folder, in a path with spaces and Chinese characters', () => {
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'rwb-home-'));
    chmodSync(base, 0o700);
    clone = join(base, '我的 项目 with space', 'resilience workbench');
    for (const f of workingTreeFiles()) {
      const to = join(clone, f);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(join(repoRoot, f), to);
    }
    // Installed packages, as `npm ci` would have put them (the copy has no ../ anything).
    symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  });
  afterAll(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('rwb describe runs from the sources there and reads the datasets of the copy', () => {
    const r = spawnSync(process.execPath, ['bin/rwb.mjs', 'describe', '--panel', 'assets/datasets/produc.csv', '--id', 'state_name', '--time', 'year', '--json'], {
      cwd: clone, encoding: 'utf8', env: { ...process.env, RWB_DEV: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { variables: { name: string; n: number }[] };
    expect(out.variables.find((v) => v.name === 'gsp')?.n).toBe(816); // produc.csv: 48 states × 17 years
  });

  it('path-sensitive test files pass there', () => {
    const files = ['tests/store/snapshot.test.ts', 'tests/services/samples/ensure.test.ts', 'tests/repo/self-contained.test.ts'];
    const r = spawnSync(process.execPath, [join('node_modules', 'vitest', 'vitest.mjs'), 'run', ...files], {
      cwd: clone, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, timeout: 240_000,
    });
    const tail = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '').slice(-3000);
    expect(r.status, tail).toBe(0);
    expect(tail).toMatch(/Test Files\s+3 passed \(3\)/);
  }, 300_000);
});
