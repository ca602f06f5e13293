/**
 * Test helpers for `rwb`: run the CLI in-process through `main(argv)` with captured output,
 * or as a real child process (`node bin/rwb.mjs`).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main';
import type { CliCommand } from '../../src/cli/command';

/** Repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Exit code and captured streams of one run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `rwb` in-process. */
export async function runCli(
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; commands?: readonly CliCommand[] } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    env: opts.env ?? {},
    cwd: opts.cwd ?? REPO_ROOT,
  };
  const code = opts.commands ? await main(argv, io, opts.commands) : await main(argv, io);
  return { code, stdout, stderr };
}

/**
 * Run `node bin/rwb.mjs` as a child process (several can run at once). By default the
 * TypeScript sources run (`RWB_DEV=1`), so a stale dist/cli bundle cannot hide a change;
 * `bundle: true` runs the esbuild bundle instead (tests/cli/bundle.test.ts builds it first).
 */
export function runCliProcess(argv: string[], opts: { cwd?: string; env?: Record<string, string>; bundle?: boolean } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${REPO_ROOT}bin/rwb.mjs`, ...argv], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, RWB_DEBUG: '', RWB_DEV: opts.bundle ? '' : '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
