/**
 * `rwb import` progress: one line on stderr, rewritten in place, only when stderr is a
 * terminal; stdout (the `--json` document, its keys) is the same either way. Data: produc.csv
 * (48 states × 17 years = 816 rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { datasetPath } from '../helpers/paths';
import { REPO_ROOT } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'rwb-import-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(project: string, tty: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: {}, cwd: REPO_ROOT, stderrIsTTY: tty };
  const code = await main(['import', '--project', project, '--panel', datasetPath('produc.csv'), '--id', 'state_name', '--time', 'year', '--json'], io);
  return { code, stdout, stderr };
}

describe('rwb import progress', () => {
  it('shows the rows written on a terminal and clears the line; nothing when stderr is not a terminal', async () => {
    const tty = await run(join(dir, 'a.rwb'), true);
    const plain = await run(join(dir, 'b.rwb'), false);
    expect(tty.code, tty.stderr).toBe(0);
    expect(plain.code, plain.stderr).toBe(0);
    expect(tty.stderr).toContain('\r\u001b[Krwb import: writing, 816 of 816 rows');
    // The line is cleared before the warnings are printed.
    const line = 'rwb import: writing, 816 of 816 rows';
    expect(tty.stderr.slice(tty.stderr.lastIndexOf(line) + line.length).startsWith('\r\u001b[K')).toBe(true);
    expect(plain.stderr).not.toContain('rwb import: writing');
    const strip = (s: string) => s.replaceAll(/[ab]\.rwb/g, 'p.rwb');
    expect(strip(tty.stdout)).toBe(strip(plain.stdout));
    expect(Object.keys(JSON.parse(tty.stdout) as object)).toEqual(Object.keys(JSON.parse(plain.stdout) as object));
  });
});
