/**
 * Benchmark runner (`npm run bench`): imports every `bench/cases/*.ts`, each exporting
 * `cases: BenchCase[]`, times them (best of `repeat` after one warm-up, or the case's own
 * `measure`, e.g. the median of whole-process runs) and writes
 * `bench/results.json`. Benchmarks are never unit tests: a slow machine does not fail CI.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

export interface BenchCase {
  /** Short id, e.g. `fe-twoways-cluster-100k`. */
  name: string;
  /** The target from the issue, in seconds (reported, not enforced). */
  targetSeconds?: number;
  /**
   * A target relative to R's time on the same machine in the same run (e.g. 0.25 = "under a
   * quarter of R's time"): when the case reports `ratioToR`, `meetsTarget` is judged by it, and
   * `targetSeconds` is only the issue's approximate figure.
   */
  targetRatioToR?: number;
  /** Build inputs (not timed); returns the timed function. */
  setup?: () => (() => unknown) | Promise<() => unknown>;
  repeat?: number;
  /**
   * A case that measures itself instead (e.g. whole-process timings, as a median of runs):
   * returns `seconds` and any other fields for results.json.
   */
  measure?: () => Promise<{ seconds: number } & Record<string, unknown>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const results: Record<string, unknown>[] = [];
for (const f of readdirSync(join(here, 'cases')).filter((x) => x.endsWith('.ts')).sort()) {
  const mod = (await import(pathToFileURL(join(here, 'cases', f)).href)) as { cases: BenchCase[] };
  for (const c of mod.cases) {
    if (filter && !c.name.includes(filter)) continue;
    let best = Infinity;
    let extra: Record<string, unknown> = {};
    if (c.measure) {
      ({ seconds: best, ...extra } = await c.measure());
    } else if (c.setup) {
      const run = await c.setup();
      run();
      for (let i = 0; i < (c.repeat ?? 3); i++) {
        const t0 = performance.now();
        run();
        best = Math.min(best, (performance.now() - t0) / 1000);
      }
    }
    const ratio = extra.ratioToR;
    const meetsTarget = c.targetRatioToR !== undefined && typeof ratio === 'number'
      ? ratio <= c.targetRatioToR
      : c.targetSeconds === undefined ? null : best <= c.targetSeconds;
    const row = { name: c.name, file: f, seconds: best, targetSeconds: c.targetSeconds ?? null,
      targetRatioToR: c.targetRatioToR ?? null, meetsTarget, ...extra };
    results.push(row);
    process.stderr.write(`${c.name}: ${best.toFixed(4)} s${c.targetSeconds ? ` (target ${c.targetSeconds} s)` : ''}\n`);
  }
}
// A filtered run (`npm run bench -- gtwr`) replaces its own cases and keeps the others' last
// results (each row has its own `measuredAt`); a full run writes every case.
const out = join(here, 'results.json');
const now = new Date().toISOString();
const stamped: Record<string, unknown>[] = results.map((r) => ({ ...r, measuredAt: now }));
let kept: Record<string, unknown>[] = [];
if (filter && existsSync(out)) {
  try {
    const old = JSON.parse(readFileSync(out, 'utf8')) as { results?: Record<string, unknown>[] };
    const fresh = new Set(stamped.map((r) => r.name));
    kept = (old.results ?? []).filter((r) => !fresh.has(r.name));
  } catch {
    kept = []; // an unreadable results file is replaced
  }
}
writeFileSync(out, JSON.stringify({ date: now, node: process.version, results: [...kept, ...stamped] }, null, 2));
