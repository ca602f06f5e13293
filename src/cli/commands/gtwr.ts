/**
 * `rwb gtwr`: geographically and temporally weighted regression (GWR when --tau 0 on one
 * year): local coefficients, SEs and local R², bandwidth and τ chosen by AICc or CV, the global
 * OLS and the two-way FE beside it, the Leung–Mei–Zhang F test, an optional Monte Carlo test and period summaries.
 * JSON keys follow docs/cli-contract.md. The model code is loaded only when the command runs.
 */
import { stat } from 'node:fs/promises';
import type { LongPanel } from '../../core/panel';
import { readSourceHead, sourceExtension } from '../../services/io/file-source';
import type { PrestartedWorker, WorkerEntry } from '../../services/jobs/run-in-worker';
import { UsageError, optChoice, optFlag, optNumber, optString, optStrings, reqString } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { GEOMETRY_OPTIONS, GEOMETRY_USAGE, PANEL_OPTIONS, PANEL_USAGE, geometryFromArgs, panelFromArgs, variablesFromArgs } from '../inputs';
import { formatTable, printJson, warn } from '../output';
import { cliWorkerEntry } from '../worker-entry';
import { SUMMARIES } from './summaries';

const KERNELS = ['bisquare', 'gaussian', 'exponential', 'tricube', 'boxcar'] as const;

const USAGE = `Usage: rwb gtwr --panel FILE --id COL --time COL --y EXPR --x EXPR [--x EXPR ...]
                (--geometry FILE --key K | --coords LON,LAT) [--kernel bisquare|gaussian|exponential|tricube|boxcar]
                [--adaptive K | --adaptive auto | --bandwidth KM | --bandwidth auto] [--tau T | --tau auto]
                [--criterion aicc|cv] [--periods 2008-2012,2013-2017] [--json]

GTWR (Huang, Wu & Barry 2010): a local regression at every region-year weighted by the
space-time distance d = sqrt(dS^2 + tau (ti - tj)^2), dS great-circle km between the regions'
centroids (or --coords points), t in years. --tau 0 on one year is GWR.

Options:
${PANEL_USAGE}
${GEOMETRY_USAGE}
  --coords LON,LAT      point columns (geometry attributes or panel, e.g. capitals) instead of centroids
  --y EXPR              dependent variable, e.g. "log(gsp)"
  --x EXPR              regressor (repeat); an intercept is added
  --years A..B          only these years (e.g. 1986 for a cross-section)
  --kernel K            bisquare (default), gaussian, exponential, tricube, boxcar
  --adaptive K|auto     adaptive bandwidth: the K nearest region-years (the focal one counts
                        as the first, as GWmodel); auto chooses K by the criterion (default)
  --bandwidth KM|auto   fixed bandwidth in km (space-time units); auto chooses it
  --tau T|auto          space-time ratio in km^2/year^2 (one year = sqrt(T) km); auto searches
                        it on a log scale with the bandwidth chosen again for each T
                        (default: auto with several years, 0 with one)
  --criterion C         aicc (default) or cv
  --exhaustive          adaptive auto: evaluate every K (default: grid then refinement)
  --k-range A..B        adaptive auto: search K in A..B (default max(p+2,10)..n)
  --past-only           one-sided GTWR: only earlier and same-year observations
  --periods LIST        period summaries, e.g. 2008-2012,2013-2017,2018-2022
  --groups COL          panel text column with region groups (E/C/W/NE) for the summaries
  --alpha A             significance of the summaries' share significant (default 0.05)
  --monte-carlo R       Monte Carlo test of non-stationarity with R permutations of the locations
  --seed S              seed of the Monte Carlo permutations (default 1)
  --no-f-test           skip the Leung-Mei-Zhang F test
  --no-fe               skip the two-way fixed-effects comparison (keys fe and comparison.fe null)
  --threads N           threads of the searches and the final fit (default: every core; a
                        bandwidth / tau search and the final fit from 10,000 observations are
                        split by observations over worker threads; 1: this thread only)
  --json                one JSON document on stdout

Example:
  rwb gtwr --panel produc.csv --id state_name --time year --y "log(gsp)" --x "log(pcap)" \\
    --x "log(pc)" --x "log(emp)" --x unemp --geometry us48.shp --key STATE_NAME \\
    --kernel bisquare --adaptive 60 --tau 0.5 --json
`;

/** `--years 1970..1986` / `--k-range 10..816` (or one number). */
function parseRange(name: string, text: string | undefined): { from: number; to: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(-?\d+)\s*(?:\.\.|-|:)\s*(-?\d+)\s*$/.exec(text) ?? /^\s*(-?\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`option --${name} must look like 1970..1986 (or one number), got "${text}"`);
  const from = Number(m[1]), to = m[2] !== undefined ? Number(m[2]) : from;
  if (to < from) throw new UsageError(`option --${name} ends before it starts: "${text}"`);
  return { from, to };
}

/** A number or `auto`. */
function numberOrAuto(args: CliArgs, name: string, integer: boolean): number | 'auto' | undefined {
  const v = optString(args, name);
  if (v === undefined) return undefined;
  if (v.trim().toLowerCase() === 'auto') return 'auto';
  const x = Number(v);
  if (!Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < 0 || (name !== 'tau' && x === 0)) {
    throw new UsageError(`option --${name} must be ${integer ? 'a positive integer' : name === 'tau' ? 'a number >= 0' : 'a positive number'} or "auto", got "${v}"`);
  }
  return x;
}

function subsetYears(panel: LongPanel, range: { from: number; to: number }): LongPanel {
  const keep: number[] = [];
  panel.times.forEach((t, r) => { if (t >= range.from && t <= range.to) keep.push(r); });
  if (keep.length === 0) throw new UsageError(`option --years ${range.from}..${range.to}: the panel has no rows in these years`);
  const pick = <T>(a: readonly T[]): T[] => keep.map((r) => a[r]);
  return {
    ...panel,
    ids: pick(panel.ids), times: pick(panel.times), rowNumbers: pick(panel.rowNumbers),
    values: Object.fromEntries(Object.entries(panel.values).map(([k, v]) => [k, Float64Array.from(keep, (r) => v[r])])),
    ...(panel.text ? { text: Object.fromEntries(Object.entries(panel.text).map(([k, v]) => [k, pick(v)])) } : {}),
  };
}

/** `--threads N` (default: every core). */
async function threadsOf(args: CliArgs): Promise<number> {
  const t = optNumber(args, 'threads', { integer: true, min: 1 });
  if (t !== undefined && t > 256) throw new UsageError(`option --threads must be at most 256, got ${t}`);
  return t ?? Math.max(1, (await import('node:os')).availableParallelism());
}

/** Panel files from this size on may hold 10,000+ observations: their fit workers are started at once. */
const PRESTART_MIN_BYTES = 128 * 1024;
/** Bytes of a text panel read to estimate its number of rows. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * True when the panel file may hold enough observations for the split fit: a text file's rows
 * are estimated from the line length of its first 64 KiB (so a 5,000-row file with long lines
 * starts no worker it would not use); other files (XLSX) by size alone.
 */
export async function mayHoldSplitFit(path: string, minRows: number): Promise<boolean> {
  const src = { path };
  const size = (await stat(path).catch(() => null))?.size ?? 0;
  if (size < PRESTART_MIN_BYTES) return false;
  if (!['csv', 'tsv', 'txt'].includes(sourceExtension(src))) return true;
  const head = await readSourceHead(src, SAMPLE_BYTES).catch(() => null);
  if (!head) return true; // the reader reports the problem
  let lines = 0;
  for (let at = head.indexOf(10); at >= 0; at = head.indexOf(10, at + 1)) lines++;
  if (lines === 0) return true;
  // a quarter of the rows needed is margin enough for lines that grow further down
  return (size * lines) / head.length >= 0.75 * minRows;
}

/**
 * The final fit of 10,000+ observations is split over this thread and one worker per other core
 * (src/services/gwr/gwr-rows.ts). When the panel file is large enough to hold that many rows,
 * the workers are started before anything else, so their start-up (~40 ms each) overlaps reading
 * the file and the search; unused ones are released at the end.
 */
async function run(args: CliArgs, io: CliIo): Promise<number> {
  const threads = await threadsOf(args);
  const panelPath = optString(args, 'panel');
  const entry = threads > 1 ? cliWorkerEntry('gtwr-rows-worker') : undefined;
  const [{ prestartWorker }, { PARALLEL_MIN_ROWS }] = await Promise.all([import('../../services/jobs/run-in-worker'), import('../../services/gwr/gwr-rows')]);
  const big = entry !== undefined && panelPath !== undefined && (await mayHoldSplitFit(panelPath, PARALLEL_MIN_ROWS));
  const prestarted = entry && big ? Array.from({ length: threads - 1 }, () => prestartWorker(entry)) : [];
  try {
    return await runCommand(args, io, { threads, entry, prestarted });
  } finally {
    for (const w of prestarted) w.release();
  }
}

async function runCommand(args: CliArgs, io: CliIo, fitThreads: { threads: number; entry?: WorkerEntry; prestarted: PrestartedWorker[] }): Promise<number> {
  const yExpr = reqString(args, 'y', 'the dependent variable expression, e.g. "log(gsp)"');
  const xExprs = optStrings(args, 'x');
  if (xExprs.length === 0) throw new UsageError('give at least one regressor with --x EXPR');
  const kernel = optChoice(args, 'kernel', KERNELS) ?? 'bisquare';
  const adaptiveArg = numberOrAuto(args, 'adaptive', true);
  const bandwidthArg = numberOrAuto(args, 'bandwidth', false);
  if (adaptiveArg !== undefined && bandwidthArg !== undefined) throw new UsageError('use either --adaptive (k nearest) or --bandwidth (fixed km), not both');
  const adaptive = bandwidthArg === undefined;
  const bandwidth = adaptive ? adaptiveArg ?? 'auto' : bandwidthArg as number | 'auto';
  const tauArg = numberOrAuto(args, 'tau', false);
  const criterion = optChoice(args, 'criterion', ['aicc', 'cv'] as const) ?? 'aicc';
  const exhaustive = optFlag(args, 'exhaustive');
  const kRange = parseRange('k-range', optString(args, 'k-range'));
  const pastOnly = optFlag(args, 'past-only');
  const alpha = optNumber(args, 'alpha') ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`option --alpha must be between 0 and 1, got ${alpha}`);
  const monteCarlo = optNumber(args, 'monte-carlo', { integer: true, min: 0 }) ?? 0;
  if (monteCarlo > 9999) throw new UsageError(`option --monte-carlo must be at most 9999, got ${monteCarlo}`);
  const seed = optNumber(args, 'seed', { integer: true }) ?? 1;
  const json = optFlag(args, 'json');
  const coords = optString(args, 'coords');
  const hasGeometry = optString(args, 'geometry') !== undefined;
  if (coords === undefined && !hasGeometry) throw new UsageError('give the region locations with --geometry FILE --key K (centroids) or --coords LON,LAT');

  // Loaded on use: the model and the service are needed only when the command runs.
  // what every run needs; the search pool and the periods parser only when asked for
  const [svc, pts, rowsMod] = await Promise.all([
    import('../../services/gwr/gwr-service'), import('../../services/gwr/gwr-points'), import('../../services/gwr/gwr-rows'),
  ]);
  const periodsText = optString(args, 'periods');
  const periods = periodsText === undefined ? undefined : (await import('../../models/gwr/periods')).parsePeriods(periodsText);
  if (periods === null) throw new UsageError(`option --periods must look like 2008-2012,2013-2017, got "${periodsText}"`);

  let panel = await panelFromArgs(args, io);
  const years = parseRange('years', optString(args, 'years'));
  if (years) panel = subsetYears(panel, years);
  const [y, ...xs] = variablesFromArgs(panel, [yExpr, ...xExprs], io);
  const geometry = hasGeometry ? await geometryFromArgs(args, io) : undefined;
  let points;
  if (coords !== undefined) {
    const [lonCol, latCol] = coords.split(',').map((s) => s.trim());
    if (!lonCol || !latCol) throw new UsageError(`option --coords must be LONCOL,LATCOL, got "${coords}"`);
    points = pts.coordinatePoints(lonCol, latCol, geometry, panel);
  } else {
    points = pts.centroidPoints(geometry as NonNullable<typeof geometry>);
  }
  const data = svc.gwrDataFromPanel(panel, y, xs, points);
  for (const w of data.warnings) warn(io, w.message);
  const tau = tauArg ?? (data.problem.periods > 1 ? 'auto' : 0);
  const groupsCol = optString(args, 'groups');
  const groups = groupsCol !== undefined ? svc.groupsFromPanel(panel, groupsCol) : undefined;
  const progress = json ? undefined : (stage: string, done: number) => {
    if (stage === 'search') io.stderr(`search: ${done} evaluated\r`);
  };
  // the final fit: this thread and one worker per other core (the searches run here)
  const { threads, entry, prestarted } = fitThreads;
  const fitter = entry && data.problem.design.n >= rowsMod.PARALLEL_MIN_ROWS
    ? rowsMod.parallelFitter(undefined, threads, undefined, { entry, shareThisThread: true, prestarted })
    : undefined;
  // the bandwidth / τ search: its row blocks over this thread and one worker per other core
  const searchScorer = entry
    ? async (d: typeof data, signal?: () => void) => (await import('../../services/gwr/gwr-search-pool')).openSearchPool(d.problem, d.points, { threads, entry: () => entry, signal })
    : undefined;
  const r = await svc.runGtwr(data, {
    kernel, adaptive, bandwidth, tau, criterion, pastOnly, exhaustive,
    kMin: kRange?.from, kMax: kRange?.to, periods: periods ?? undefined, groups, alpha,
    monteCarlo, seed, fTest: !optFlag(args, 'no-f-test'), fe: !optFlag(args, 'no-fe'),
  }, { progress, fitter, searchScorer });
  const out = svc.gtwrJson(data, r);
  for (const w of r.warnings) warn(io, w.message);
  if (json) { printJson(io, out); return 0; }
  if (progress) io.stderr('\n');
  const d = r.fit.diagnostics;
  const fe = r.fe?.ok ? r.fe.fe.summary : null;
  io.stdout(`${String(out.model).toUpperCase()} ${kernel} ${adaptive ? `adaptive k = ${r.spec.bandwidth}` : `h = ${r.spec.bandwidth} km`}, tau = ${r.spec.tau} (one year = ${Math.sqrt(r.spec.tau).toPrecision(4)} km), n = ${r.fit.n}\n`);
  io.stdout(formatTable(['', 'GTWR', 'OLS', 'two-way FE'], [
    ['AICc', d.aicc, r.fit.ols.aicc, fe?.aicc ?? ''], ['AIC', d.aic, r.fit.ols.aic, fe?.aic ?? ''], ['R2', d.r2, r.fit.ols.r2, fe?.r2 ?? ''],
    ['adj R2', d.adjR2, r.fit.ols.adjR2, fe?.adjR2 ?? ''], ['RSS', d.rss, r.fit.ols.rss, fe?.rss ?? ''],
    ['tr S / ENP', `${d.traceS.toPrecision(6)} / ${d.enp.toPrecision(6)}`, r.fit.names.length, fe?.parameters ?? ''], ['CV', d.cv, '', ''],
  ]));
  const p = r.fit.names.length;
  io.stdout('\nLocal coefficients (min, median, max):\n');
  io.stdout(formatTable(['coefficient', 'min', 'median', 'max', 'OLS'], r.fit.names.map((nm, a) => {
    const v = Array.from({ length: r.fit.n }, (_, i) => r.fit.beta[i * p + a]).sort((u, w) => u - w);
    return [nm, v[0], v[v.length >> 1], v[v.length - 1], r.fit.ols.beta[a]];
  })));
  if (r.fTest) io.stdout(`\nLeung-Mei-Zhang F1 = ${r.fTest.f.toPrecision(6)} (df ${r.fTest.df1.toPrecision(5)}, ${r.fTest.df2}), p = ${r.fTest.p.toPrecision(4)}\n`);
  return 0;
}

/** The `rwb gtwr` command. */
export const command: CliCommand = {
  name: 'gtwr',
  summary: SUMMARIES.gtwr,
  usage: USAGE,
  options: {
    ...PANEL_OPTIONS,
    ...GEOMETRY_OPTIONS,
    coords: { type: 'string' },
    y: { type: 'string' },
    x: { type: 'string', multiple: true },
    years: { type: 'string' },
    kernel: { type: 'string' },
    adaptive: { type: 'string' },
    bandwidth: { type: 'string' },
    tau: { type: 'string' },
    criterion: { type: 'string' },
    exhaustive: { type: 'boolean' },
    'k-range': { type: 'string' },
    'past-only': { type: 'boolean' },
    periods: { type: 'string' },
    groups: { type: 'string' },
    alpha: { type: 'string' },
    'monte-carlo': { type: 'string' },
    seed: { type: 'string' },
    'no-f-test': { type: 'boolean' },
    'no-fe': { type: 'boolean' },
    threads: { type: 'string' },
    json: { type: 'boolean' },
  },
  run,
};
