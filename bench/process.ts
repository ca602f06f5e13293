/**
 * Helpers the whole-process benchmark cases share (bench/cases/*-cli.ts, gtwr.ts, cli.ts): the
 * median of timed runs and the Rscript that times R's equivalent in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Median of a list of times. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The Rscript to time R with, or null when R is not installed. */
export function rscript(): string | null {
  for (const p of ['/usr/bin/Rscript', '/usr/local/bin/Rscript']) if (existsSync(p)) return p;
  const r = spawnSync('Rscript', ['--version'], { stdio: 'ignore' });
  return r.status === 0 ? 'Rscript' : null;
}
