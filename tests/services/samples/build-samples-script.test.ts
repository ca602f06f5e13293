import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'build-samples.ts'), ...args], { cwd: REPO_ROOT });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('scripts/build-samples.ts', () => {
  test('builds the US sample into --out and reports it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rwb-script-'));
    try {
      const r = await runScript(['--out', out, '--only', 'us-states']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('us-states: 48 regions');
      expect(existsSync(join(out, 'samples', 'us-states.rwb'))).toBe(true);
    } finally { rmSync(out, { recursive: true, force: true }); }
  });
  test('bad arguments and missing data: exit 2 with one line naming the problem', async () => {
    const bad = await runScript(['--only', 'mars']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('build-samples: --only must be china-provinces or us-states, got "mars".\n');
    const out = mkdtempSync(join(tmpdir(), 'rwb-script-'));
    try {
      const missing = await runScript(['--out', out, '--data', join(out, 'none'), '--only', 'us-states']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(`build-samples: The US states sample needs ${join(out, 'none', 'produc.csv')}, which does not exist.\n`);
      expect(existsSync(join(out, 'samples', 'us-states.rwb'))).toBe(false);
    } finally { rmSync(out, { recursive: true, force: true }); }
    const unknown = await runScript(['--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^build-samples: Unknown argument "--bogus"\. Usage: /);
  });
});
