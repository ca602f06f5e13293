/**
 * The app's `gtwr` job: the main side reads the panel, evaluates the expressions and takes the
 * regions' locations from the open project (fast); the job worker runs the searches, the fit
 * and the tests (slow). A large fit is split by observations over worker threads
 * (`gtwr-rows`, ./gwr-rows.ts: each worker fits a block of rows; the blocks are joined by `assembleFit`).
 */
import { availableParallelism } from 'node:os';
import { CancelledError } from '../../core/errors';
import { compileExpression } from '../../core/expressions';
import type { LongPanel } from '../../core/panel';
import type { Points } from '../../geo/centroid';
import { parsePeriods, type Period } from '../../models/gwr';
import type { JobParsedInputOf, JobResultOf } from '../../contract';
import type { ProjectStore } from '../../store/project-store';
import { expressionProblemKey } from '../inputs/design';
import { REGION_GROUP_COLUMN, projectGeometry, projectPanel } from '../inputs/project-inputs';
import type { InputWarning } from '../inputs/warnings';
import { centroidPoints, coordinatePoints } from './gwr-points';
import { parallelFitter } from './gwr-rows';
import { openSearchPool, searchWorkerEntry } from './gwr-search-pool';
import { gtwrJson, gwrDataFromPanel, runGtwr, type GwrData, type GwrVariable } from './gwr-service';

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
      // a large search: its row blocks over this thread and light workers (./gwr-search-pool.ts)
      searchScorer: (d, s) => openSearchPool(d.problem, d.points, { threads: availableParallelism(), entry: searchWorkerEntry, signal: s }),
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
