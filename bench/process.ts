/**
 * Helpers the whole-process benchmark cases share (bench/cases/*-cli.ts, gtwr.ts, cli.ts): the
 * median of timed runs, the Rscript that times R's equivalent in the same run, and the
 * environment of a timed `rwb` process.
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

/**
 * The environment of a timed `rwb` process: this one's plus `extra`, without
 * NODE_EXTRA_CA_CERTS. Node parses that certificate bundle at start-up whatever the program
 * runs — ~70 ms per process on the benchmark machine, where it is set for every shell (the
 * package proxy's certificates) — and rwb never opens a TLS connection, so a user's `rwb` does
 * not pay it. Cases that drop it also time the process with it (see gtwr.ts).
 */
export function rwbEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}
