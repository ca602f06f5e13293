/**
 * The app's `gtwr` job: the main side reads the panel, evaluates the expressions and takes the
 * regions' locations from the open project (fast); the job worker runs the searches, the fit
 * and the tests (slow). A large fit is split by observations over worker threads
 * (`gtwr-rows`: each worker fits a block of rows; the blocks are joined by `assembleFit`).
 */
import { availableParallelism } from 'node:os';
import { CancelledError } from '../../core/errors';
import { compileExpression } from '../../core/expressions';
import type { LongPanel } from '../../core/panel';
import type { Points } from '../../geo/centroid';
import {
  createSpaceTimeIndex, fitBlock, parsePeriods,
  type GtwrProblem, type GtwrSpec, type GwrDesign, type Period, type RowBlock, type SpaceTimePoints,
} from '../../models/gwr';
import type { JobParsedInputOf, JobResultOf } from '../../contract';
import type { ProjectStore } from '../../store/project-store';
import { expressionProblemKey } from '../inputs/design';
import { REGION_GROUP_COLUMN, projectGeometry, projectPanel } from '../inputs/project-inputs';
import type { InputWarning } from '../inputs/warnings';
import { runInWorker } from '../jobs/run-in-worker';
import { centroidPoints, coordinatePoints } from './gwr-points';
import { gtwrJson, gwrDataFromPanel, localFitter, runGtwr, type GwrData, type GwrVariable, type RowFitter } from './gwr-service';

/** What crosses to the worker: the rows, the variables, the locations and the region groups. */
export interface GtwrTransfer {
  readonly ids: string[];
  readonly times: number[];
  readonly y: { readonly name: string; readonly values: Float64Array };
  readonly x: { readonly name: string; readonly values: Float64Array }[];
  readonly points: { readonly ids: string[]; readonly x: Float64Array; readonly y: Float64Array; readonly lonLat: boolean };
  readonly groups: [string, string][];
}

/** Input of the `gtwr` worker task. */
export interface GtwrTaskInput {
  readonly transfer: GtwrTransfer;
  readonly request: JobParsedInputOf<'gtwr'>;
  readonly warnings: InputWarning[];
}

/**
 * Input of the `gtwr-rows` worker task: one block of a fit, with the problem as built once on
 * the calling side (design and space–time points as typed arrays: the worker only rebuilds the
 * k-d tree, not the panel rows).
 */
export interface GtwrRowsInput {
  readonly design: GwrDesign;
  readonly points: SpaceTimePoints;
  readonly periods: number;
  readonly spec: GtwrSpec;
  readonly rows: Int32Array;
}

/** The `gtwr-rows` input of a block of rows of `data`. */
export function rowsInput(data: GwrData, spec: GtwrSpec, rows: Int32Array): GtwrRowsInput {
  const { n, p, X, y, names } = data.problem.design;
  return { design: { n, p, X, y, names: [...names] }, points: data.points, periods: data.problem.periods, spec, rows };
}

/** Observations below which the fit stays in one thread (starting workers costs more). */
export const PARALLEL_MIN_ROWS = 5000;

/**
 * The project's panel rows (years `from`–`to`), evaluated y and x, locations and region groups.
 * @throws the expression errors, `no-geometry` and the project-geometry errors.
 */
export function gtwrTransfer(store: ProjectStore, req: JobParsedInputOf<'gtwr'>): { transfer: GtwrTransfer; warnings: InputWarning[] } {
  const full = projectPanel(store);
  const keep: number[] = [];
  full.times.forEach((t, r) => { if ((req.from === undefined || t >= req.from) && (req.to === undefined || t <= req.to)) keep.push(r); });
  const warnings: InputWarning[] = [];
  const evaluate = (expr: string): { name: string; values: Float64Array } => {
    const r = compileExpression(expr).evaluate(full);
    for (const w of r.warnings) warnings.push({ code: 'expression-missing', message: w.message, details: { expression: expr, fn: w.fn, count: w.count, problem: expressionProblemKey(w.fn) } });
    return { name: expr.trim(), values: Float64Array.from(keep, (k) => r.values[k]) };
  };
  const y = evaluate(req.y);
  const x = req.x.map(evaluate);
  const geometry = projectGeometry(store, { layer: req.layer });
  const panelForPoints = { ...full, values: {} } as LongPanel;
  const pts: Points = req.locations === 'points' ? coordinatePoints('lon', 'lat', geometry, panelForPoints) : centroidPoints(geometry);
  const groupCol = full.text?.[REGION_GROUP_COLUMN];
  const groups = new Map<string, string>();
  if (groupCol) full.ids.forEach((id, r) => { if (groupCol[r] && !groups.has(id)) groups.set(id, groupCol[r]); });
  return {
    transfer: {
      ids: keep.map((k) => full.ids[k]), times: keep.map((k) => full.times[k]), y, x,
      points: { ids: [...pts.ids], x: Float64Array.from(pts.x), y: Float64Array.from(pts.y), lonLat: pts.lonLat },
      groups: [...groups],
    },
    warnings,
  };
}

/** The GTWR data of a transfer. */
export function dataOfTransfer(t: GtwrTransfer): GwrData {
  const panel: LongPanel = { source: 'project', idColumn: 'region', timeColumn: 'year', ids: t.ids, times: t.times, rowNumbers: [], variables: [], values: {} };
  return gwrDataFromPanel(panel, t.y as GwrVariable, t.x as GwrVariable[], t.points);
}

/** Split 0 … n−1 into `parts` contiguous blocks. */
export function splitRows(n: number, parts: number): Int32Array[] {
  const out: Int32Array[] = [];
  const size = Math.ceil(n / parts);
  for (let s = 0; s < n; s += size) {
    const e = Math.min(n, s + size);
    const r = new Int32Array(e - s);
    for (let i = s; i < e; i++) r[i - s] = i;
    out.push(r);
  }
  return out;
}

/**
 * A fitter that splits the rows over `workers` worker threads (`gtwr-rows`), aborted by `signal`,
 * with the rows fitted so far over all workers reported to `onProgress` (done, n).
 * Below PARALLEL_MIN_ROWS rows, or with one core, it fits in this thread.
 */
export function parallelFitter(signal?: AbortSignal, workers = Math.max(1, availableParallelism()), onProgress?: (done: number, total: number) => void): RowFitter {
  return async (data, spec) => {
    const n = data.problem.design.n;
    if (workers < 2 || n < PARALLEL_MIN_ROWS) return localFitter(data, spec);
    const blocks = splitRows(n, workers);
    const done = new Array<number>(blocks.length).fill(0);
    return Promise.all(blocks.map((rows, w) => runInWorker('gtwr-rows', rowsInput(data, spec, rows), {
      signal,
      onProgress: (d) => { done[w] = d; onProgress?.(done.reduce((a, b) => a + b, 0), n); },
    })));
  };
}

/** The `gtwr-rows` task (worker side): one block of the local fits, with progress. @throws CancelledError. */
export function gtwrRowsTask(input: GtwrRowsInput, progress: (done: number, total: number) => void, isCancelled: () => boolean): RowBlock {
  const problem: GtwrProblem = { design: input.design, index: createSpaceTimeIndex(input.points), periods: input.periods };
  const total = input.rows.length;
  progress(0, total);
  let calls = 0;
  // fitRows calls the signal every 64 rows
  const b = fitBlock(problem, input.spec, input.rows, {
    signal: () => {
      if (isCancelled()) throw new CancelledError();
      if ((++calls & 15) === 0) progress(Math.min(total, calls * 64), total);
    },
  });
  progress(total, total);
  return b;
}

/** The periods of the request (labels "2008–2012" unless given). */
function periodsOf(req: JobParsedInputOf<'gtwr'>): Period[] {
  return req.periods.map((p) => ({ from: p.from, to: p.to, label: p.label ?? (parsePeriods(`${p.from}-${p.to}`)?.[0]?.label ?? `${p.from}–${p.to}`) }));
}

/**
 * The `gtwr` task (worker side): search, fit (split over worker threads when large), tests and
 * period summaries, shaped as `rwb gtwr --json`. @throws the GTWR InputErrors; CancelledError.
 */
export async function gtwrTask(input: GtwrTaskInput, progress: (done: number, total: number) => void, isCancelled: () => boolean): Promise<JobResultOf<'gtwr'>> {
  const { request: req, transfer } = input;
  const data = dataOfTransfer(transfer);
  const abort = new AbortController();
  const signal = (): void => { if (isCancelled()) { abort.abort(); throw new CancelledError(); } };
  const poll = setInterval(() => { if (isCancelled()) abort.abort(); }, 50);
  let steps = 0;
  try {
    const run = await runGtwr(data, {
      kernel: req.kernel, adaptive: req.adaptive, bandwidth: req.bandwidth, tau: req.tau, criterion: req.criterion,
      pastOnly: req.pastOnly, exhaustive: req.exhaustive, kMin: req.kMin, kMax: req.kMax,
      periods: periodsOf(req), groups: new Map(transfer.groups), alpha: req.alpha,
      monteCarlo: req.monteCarlo, seed: req.seed, fTest: req.fTest,
    }, {
      // the fit's rows as a last step of the progress bar (its share: one search step)
      fitter: parallelFitter(abort.signal, undefined, (d, n) => progress(steps * n + d, (steps + 1) * n)),
      signal,
      progress: (stage, done, total) => {
        if (stage === 'search') { steps = done; progress(done, total + 1); } else if (stage === 'fit' && done === total) progress(steps + 1, steps + 1 + req.monteCarlo);
        else if (stage === 'tests') progress(steps + 1 + done, steps + 1 + total);
      },
    });
    const json = gtwrJson(data, run) as Omit<JobResultOf<'gtwr'>, 'warnings'>;
    const warnings = [...input.warnings, ...data.warnings, ...run.warnings].map((w) => ({ code: w.code, message: w.message, details: { ...w.details } }));
    return { ...json, warnings };
  } finally {
    clearInterval(poll);
  }
}
