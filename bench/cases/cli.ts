/**
 * Whole-process start-up of `rwb` (issue 7): `node bin/rwb.mjs --help` under 0.2 s and
 * `rwb describe` on Produc under 0.4 s, spawn to exit, as the median of several runs after a
 * warm-up (the bundle in dist/cli is rebuilt first, so the current sources are timed). Each
 * row also records: its CPU time (user + system, median, via GNU time), the same command from
 * the TypeScript sources (RWB_DEV=1, through tsx),
 * a bare `node -e ''` (the floor on this machine), the load average (timings on a busy
 * machine are longer), and where Rscript exists, R doing the same job and rwb's ratio to it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../run';
import { rscript } from '../process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = 9;
const PRODUC = join(root, 'assets', 'datasets', 'produc.csv');

/** Median wall time (s) of `runs` spawns of `cmd args` after one warm-up; throws if it fails. */
function medianSeconds(cmd: string, args: string[], env: Record<string, string> = {}, runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const t = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    if (i > 0) times.push(t);
  }
  times.sort((a, b) => a - b);
  const m = times.length >> 1;
  return times.length % 2 ? times[m] : (times[m - 1] + times[m]) / 2;
}

/** Median CPU time (user + system, s) of `runs` runs, through GNU time when it is installed. */
function medianCpuSeconds(cmd: string, args: string[], env: Record<string, string> = {}, runs = 5): number | null {
  if (!existsSync('/usr/bin/time')) return null;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) return null;
    times.push(Number(m[1]) + Number(m[2]));
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

let built = false;
function ensureBundle(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:cli failed: ${r.stderr}`);
  built = true;
}

function rwbCase(name: string, targetSeconds: number, args: string[], rCode: string | null, rWhat: string): BenchCase {
  return {
    name,
    targetSeconds,
    measure: async () => {
      ensureBundle();
      const bin = join(root, 'bin', 'rwb.mjs');
      const seconds = medianSeconds(process.execPath, [bin, ...args], { RWB_DEV: '' });
      const sourcesSeconds = medianSeconds(process.execPath, [bin, ...args], { RWB_DEV: '1' }, 3);
      const cpuSeconds = medianCpuSeconds(process.execPath, [bin, ...args], { RWB_DEV: '' });
      const nodeFloorSeconds = medianSeconds(process.execPath, ['-e', '']);
      const R = rCode ? rscript() : null;
      const rSeconds = R && rCode ? medianSeconds(R, ['--vanilla', '-e', rCode], {}, 5) : null;
      return {
        seconds,
        statistic: `median of ${RUNS} whole-process runs (spawn to exit) after a warm-up, from the bundle dist/cli/rwb.mjs`,
        command: `node bin/rwb.mjs ${args.map((a) => (a.startsWith(root) ? a.slice(root.length + 1) : a)).join(' ')}`,
        cpuSeconds,
        sourcesSeconds,
        nodeFloorSeconds,
        overFloorSeconds: seconds - nodeFloorSeconds,
        loadAverage1m: loadavg()[0],
        ...(rSeconds === null ? { r: 'Rscript not found' } : { r: rWhat, rSeconds, ratioToR: seconds / rSeconds }),
      };
    },
  };
}

export const cases: BenchCase[] = [
  rwbCase('cli-rwb-help-process', 0.2, ['--help'], 'invisible(NULL)', 'Rscript --vanilla -e "invisible(NULL)" (R start-up alone)'),
  rwbCase('cli-rwb-describe-produc-process', 0.4, ['describe', '--panel', PRODUC, '--id', 'state_name', '--time', 'year'],
    `d <- read.csv("${PRODUC}"); print(summary(d[sapply(d, is.numeric)]))`,
    'Rscript --vanilla -e \'d <- read.csv("produc.csv"); print(summary(d[sapply(d, is.numeric)]))\''),
];
