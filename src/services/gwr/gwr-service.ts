/**
 * The GTWR use case shared by `rwb gtwr`, the app's job and the benchmark: panel + locations →
 * GTWR problem (rows with a missing value left out, with a warning), the bandwidth / τ choice,
 * the fit (row blocks computed by an injectable fitter, so the app can split them over worker
 * threads), the Leung–Mei–Zhang F test, the Monte Carlo test and period summaries, shaped as
 * plain JSON-ready data (the contract's `gwr:*` result and the CLI's keys).
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import { createRng } from '../../core/random';
import type { Points } from '../../geo/centroid';
import {
  allRows, assembleFit, checkSize, createSpaceTimeIndex, fitBlock, leungMeiZhangF, monteCarloTest, periodSummaries,
  searchAdaptive, searchFixed, searchTau,
  type BandwidthSearch, type CoefficientPeriods, type GtwrFit, type GtwrProblem, type GtwrSpec, type GwrCriterion,
  type GwrKernel, type LeungF, type MonteCarloTest, type Period, type RowBlock, type SpaceTimePoints, type TauSearch,
} from '../../models/gwr';
import { gtwrAndOlsSummaries, type FitSummary } from '../../models/gwr/compare';
import type { RowScorer } from '../../models/gwr/row-scorer';
import type { TwoWayFeResult } from '../../models/gwr/fe-compare';
import type { InputWarning } from '../inputs/warnings';

/** Name of the intercept column, as the CLI contract prints it. */
export const GWR_INTERCEPT = '(Intercept)';

/** A variable evaluated on the panel rows. */
export interface GwrVariable {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

/** The problem with what maps it back to the panel. */
export interface GwrData {
  readonly problem: GtwrProblem;
  readonly points: SpaceTimePoints;
  /** Region id and time of each observation. */
  readonly ids: readonly string[];
  readonly times: Float64Array;
  readonly warnings: InputWarning[];
}

/**
 * Observations of the panel with y and every x present, ordered by time then region id;
 * locations from `points` (centroids or --coords).
 * @throws InputError `gwr-missing-coordinates` (a region with data but no location),
 *   `gwr-no-observations`, and the engine's `gwr-duplicate-locations`.
 */
export function gwrDataFromPanel(panel: LongPanel, y: GwrVariable, xs: readonly GwrVariable[], points: Points, opts: { intercept?: boolean } = {}): GwrData {
  const intercept = opts.intercept ?? true;
  const names = [...(intercept ? [GWR_INTERCEPT] : []), ...xs.map((x) => x.name)];
  const rows: number[] = [];
  let dropped = 0;
  for (let r = 0; r < panel.ids.length; r++) {
    let ok = Number.isFinite(y.values[r]);
    for (const x of xs) ok = ok && Number.isFinite(x.values[r]);
    if (ok) rows.push(r); else dropped++;
  }
  if (rows.length === 0) throw new InputError('gwr-no-observations', 'No region-year has values for the dependent variable and every regressor.', { y: y.name, x: xs.map((x) => x.name) });
  sortByTimeThenId(rows, panel);
  const pointPos = new Map(points.ids.map((id, i) => [id, i]));
  const locOf = new Map<string, number>();
  const locIds: string[] = [];
  const n = rows.length, p = names.length;
  const X = new Float64Array(n * p), yy = new Float64Array(n), location = new Int32Array(n), times = new Float64Array(n);
  const ids: string[] = [];
  rows.forEach((r, q) => {
    const id = panel.ids[r];
    let l = locOf.get(id);
    if (l === undefined) {
      if (!pointPos.has(id)) throw new InputError('gwr-missing-coordinates', `Region "${id}" has no coordinates: GWR needs a location for every region (from the geometry's centroid or --coords).`, { region: id });
      l = locIds.length; locOf.set(id, l); locIds.push(id);
    }
    location[q] = l; times[q] = panel.times[r]; ids.push(id);
    yy[q] = y.values[r];
    let c = 0;
    if (intercept) X[q * p + c++] = 1;
    for (const x of xs) X[q * p + c++] = x.values[r];
  });
  const lx = Float64Array.from(locIds, (id) => points.x[pointPos.get(id) as number]);
  const ly = Float64Array.from(locIds, (id) => points.y[pointPos.get(id) as number]);
  const sp: SpaceTimePoints = { location, time: times, x: lx, y: ly, lonLat: points.lonLat, names: locIds };
  const index = createSpaceTimeIndex(sp);
  const warnings: InputWarning[] = [];
  if (dropped > 0) {
    warnings.push({
      code: 'gwr-rows-dropped',
      message: dropped === 1
        ? `1 region-year without a value of ${y.name} or a regressor is left out of the GTWR.`
        : `${dropped} region-years without a value of ${y.name} or a regressor are left out of the GTWR.`,
      details: { count: dropped, variable: y.name },
    });
  }
  const problem: GtwrProblem = { design: { n, p, X, y: yy, names }, index, label: (q) => `${ids[q]} ${times[q]}`, periods: new Set(times).size };
  checkSize(problem);
  return { problem, points: sp, ids, times, warnings };
}

/**
 * Sort row numbers by time, then id (code-unit order), ties in their order: by one numeric key
 * per row and the engine's native sort (a comparator over strings costs ~10 ms per 5,000 rows
 * in a fresh `rwb` process).
 */
function sortByTimeThenId(rows: number[], panel: LongPanel): void {
  const idRank = new Map<string, number>(), tRank = new Map<number, number>();
  for (const r of rows) { idRank.set(panel.ids[r], 0); tRank.set(panel.times[r], 0); }
  [...idRank.keys()].sort().forEach((id, k) => idRank.set(id, k));
  [...tRank.keys()].sort((a, b) => a - b).forEach((t, k) => tRank.set(t, k));
  const m = rows.length, I = idRank.size;
  if (tRank.size * I * m >= 2 ** 53) {
    rows.sort((a, b) => panel.times[a] - panel.times[b] || (panel.ids[a] < panel.ids[b] ? -1 : panel.ids[a] > panel.ids[b] ? 1 : 0));
    return;
  }
  const key = new Float64Array(m);
  for (let q = 0; q < m; q++) key[q] = ((tRank.get(panel.times[rows[q]]) as number) * I + (idRank.get(panel.ids[rows[q]]) as number)) * m + q;
  key.sort();
  const old = rows.slice();
  for (let q = 0; q < m; q++) rows[q] = old[key[q] % m];
}

/** What to fit: a number, or 'auto' to choose by the criterion. */
export interface GtwrOptions {
  readonly kernel: GwrKernel;
  readonly adaptive: boolean;
  readonly bandwidth: number | 'auto';
  readonly tau: number | 'auto';
  readonly criterion?: GwrCriterion;
  readonly pastOnly?: boolean;
  /** Adaptive search: every k instead of grid + refinement. */
  readonly exhaustive?: boolean;
  readonly kMin?: number;
  readonly kMax?: number;
  readonly tauMin?: number;
  readonly tauMax?: number;
  readonly periods?: readonly Period[];
  readonly groups?: ReadonlyMap<string, string>;
  readonly alpha?: number;
  /** Monte Carlo replications (0: not run) and seed. */
  readonly monteCarlo?: number;
  readonly seed?: number;
  /** Compute the Leung–Mei–Zhang F test (default true). */
  readonly fTest?: boolean;
  /** Fit the two-way FE comparison (default true). */
  readonly fe?: boolean;
}

/** Computes row blocks of a fit (in this thread, or split over worker threads). */
export type RowFitter = (data: GwrData, spec: GtwrSpec) => Promise<RowBlock[]>;

/** The fitter of this thread. */
export const localFitter: RowFitter = (data, spec) => Promise.resolve([fitBlock(data.problem, spec, allRows(data.problem.design.n))]);

/** Everything a run produces. */
export interface GtwrRun {
  readonly spec: GtwrSpec;
  readonly fit: GtwrFit;
  readonly search: BandwidthSearch | null;
  readonly tauSearch: TauSearch | null;
  readonly fTest: LeungF | null;
  readonly monteCarlo: MonteCarloTest | null;
  readonly periods: CoefficientPeriods[] | null;
  /** The same summaries with the da Silva–Fotheringham corrected p (their share significant). */
  readonly periodsCorrected: CoefficientPeriods[] | null;
  /** Two-way FE on the same observations (or why not), null when not asked. */
  readonly fe: TwoWayFeResult | null;
  /** Significance level of the period summaries' share significant. */
  readonly alpha: number;
  /** Warnings of the run (the FE comparison not available). */
  readonly warnings: InputWarning[];
}

/** Hooks of a long run. */
export interface RunHooks {
  readonly fitter?: RowFitter;
  /** Throws to cancel (called often). */
  readonly signal?: () => void;
  readonly progress?: (stage: 'search' | 'fit' | 'tests', done: number, total: number) => void;
  /**
   * Opens the scorer of the bandwidth / τ search (./gwr-search-pool.ts: row blocks over worker
   * threads), or resolves null to search in this thread; closed when the search ends.
   */
  readonly searchScorer?: (data: GwrData, signal?: () => void) => Promise<(RowScorer & { close(): Promise<void> }) | null>;
}

/**
 * Choose the bandwidth (and τ) when asked, fit, and run the tests.
 * @throws InputError `gwr-tau-single-period`, `gwr-no-valid-bandwidth`, `gwr-singular-local`, …
 */
export async function runGtwr(data: GwrData, o: GtwrOptions, hooks: RunHooks = {}): Promise<GtwrRun> {
  const { problem } = data;
  const criterion = o.criterion ?? 'aicc';
  const searching = o.tau === 'auto' || o.bandwidth === 'auto';
  const scorer = searching && hooks.searchScorer ? await hooks.searchScorer(data, hooks.signal) : null;
  const searchOpts = {
    criterion, exhaustive: o.exhaustive, kMin: o.kMin, kMax: o.kMax, signal: hooks.signal,
    progress: (d: number, t: number) => hooks.progress?.('search', d, t), scorer: scorer ?? undefined,
  };
  let tau: number, bandwidth: number;
  let search: BandwidthSearch | null = null, tauSearch: TauSearch | null = null;
  try {
    if (o.tau === 'auto') {
      tauSearch = searchTau(problem, { kernel: o.kernel, adaptive: o.adaptive, pastOnly: o.pastOnly, bandwidth: o.bandwidth === 'auto' ? undefined : o.bandwidth },
        { ...searchOpts, tauMin: o.tauMin, tauMax: o.tauMax });
      tau = tauSearch.tau;
      bandwidth = tauSearch.search.bandwidth;
      if (o.bandwidth === 'auto') search = tauSearch.search;
    } else {
      tau = o.tau;
      if (o.bandwidth === 'auto') {
        const base = { kernel: o.kernel, tau, pastOnly: o.pastOnly };
        search = o.adaptive ? searchAdaptive(problem, base, searchOpts) : searchFixed(problem, base, searchOpts);
        bandwidth = search.bandwidth;
      } else {
        bandwidth = o.bandwidth;
      }
    }
  } finally {
    await scorer?.close();
  }
  const spec: GtwrSpec = { kernel: o.kernel, adaptive: o.adaptive, bandwidth, tau, pastOnly: o.pastOnly ?? false };
  hooks.progress?.('fit', 0, 1);
  const blocks = await (hooks.fitter ?? localFitter)(data, spec);
  const fit = assembleFit(problem, spec, blocks);
  hooks.progress?.('fit', 1, 1);
  const fTest = o.fTest === false ? null : leungMeiZhangF(problem, spec, fit, hooks.signal);
  const monteCarlo = o.monteCarlo && o.monteCarlo > 0
    ? monteCarloTest(problem, data.points, fit, { replications: o.monteCarlo, rng: createRng(o.seed ?? 1), signal: hooks.signal, progress: (d, t) => hooks.progress?.('tests', d, t) })
    : null;
  const summaryInput = { ids: data.ids, times: data.times, names: problem.design.names, beta: fit.beta };
  const periods = o.periods && o.periods.length > 0 ? periodSummaries({ ...summaryInput, p: fit.p }, o.periods, { alpha: o.alpha, groups: o.groups }) : null;
  const periodsCorrected = o.periods && o.periods.length > 0 ? periodSummaries({ ...summaryInput, p: fit.pCorrected }, o.periods, { alpha: o.alpha, groups: o.groups }) : null;
  // the panel estimator is loaded only when the FE column is asked for (start-up of `rwb gtwr --no-fe`)
  const fe = o.fe === false ? null : (await import('../../models/gwr/fe-compare')).twoWayFe(problem.design, data.ids, data.times);
  const warnings: InputWarning[] = fe && !fe.ok ? [{ code: fe.code, message: fe.message, details: fe.details }] : [];
  return { spec, fit, search, tauSearch, fTest, monteCarlo, periods, periodsCorrected, fe, alpha: o.alpha ?? 0.05, warnings };
}

/** A comparison column in the CLI's keys. */
function summaryJson(s: FitSummary): Record<string, number> {
  return {
    n: s.n, parameters: s.parameters, enp: s.enp, edf: s.edf, rss: s.rss, sigma2: s.sigma2, aic: s.aic, aicc: s.aicc,
    r2: s.r2, adj_r2: s.adjR2, r2_within: s.r2Within, r2_overall: s.r2Overall,
  };
}

/** Region groups from a panel text column (the first non-empty value of each region). */
export function groupsFromPanel(panel: LongPanel, column: string): Map<string, string> {
  const col = panel.text?.[column];
  if (!col) {
    throw new InputError('gwr-unknown-group-column', `The panel has no text column "${column}" with region groups.`, { column, available: Object.keys(panel.text ?? {}) });
  }
  const m = new Map<string, string>();
  panel.ids.forEach((id, r) => { const g = col[r]; if (g && !m.has(id)) m.set(id, g); });
  return m;
}

/**
 * The CLI contract's JSON (docs/cli-contract.md `rwb gtwr`; keys are a contract, extended only):
 * model, kernel, adaptive, bandwidth, tau, n_obs, diagnostics, local[], plus search profiles,
 * OLS, tests and period summaries; `fe` (the two-way FE on the same observations) and
 * `comparison` (GTWR, OLS and FE side by side on one footing, src/models/gwr/fe-compare.ts).
 */
export function gtwrJson(data: GwrData, run: GtwrRun): Record<string, unknown> {
  const { fit, spec } = run;
  const names = fit.names;
  const d = fit.diagnostics;
  const fe = run.fe?.ok ? run.fe.fe : null;
  const both = gtwrAndOlsSummaries(data.problem.design, data.ids, fit);
  return {
    model: data.problem.periods > 1 && spec.tau > 0 ? 'gtwr' : 'gwr',
    kernel: spec.kernel,
    adaptive: spec.adaptive,
    bandwidth: spec.bandwidth,
    tau: spec.tau,
    n_obs: fit.n,
    diagnostics: {
      aicc: d.aicc, aic: d.aic, cv: d.cv, r2: d.r2, adj_r2: d.adjR2, rss: d.rss,
      trace_s: d.traceS, trace_sts: d.traceSts, sigma2: d.sigma2,
      enp: d.enp, edf: d.edf, sigma2_ml: d.sigma2Ml,
    },
    local: localRows(data, fit),
    past_only: spec.pastOnly ?? false,
    km_per_year: Math.sqrt(spec.tau),
    criterion: run.search?.criterion ?? run.tauSearch?.search.criterion ?? null,
    alpha_corrected: fit.alphaCorrected,
    ols: {
      coefficients: Object.fromEntries(names.map((nm, a) => [nm, fit.ols.beta[a]])),
      se: Object.fromEntries(names.map((nm, a) => [nm, fit.ols.se[a]])),
      aicc: fit.ols.aicc, aic: fit.ols.aic, r2: fit.ols.r2, adj_r2: fit.ols.adjR2, rss: fit.ols.rss, sigma2: fit.ols.sigma2,
    },
    f_test: run.fTest ? { f1: run.fTest.f, df1: run.fTest.df1, df2: run.fTest.df2, p: run.fTest.p } : null,
    monte_carlo: run.monteCarlo
      ? { replications: run.monteCarlo.replications, seed: run.monteCarlo.seed, coefficients: Object.fromEntries(run.monteCarlo.coefficients.map((c) => [c.name, { variance: c.variance, p: c.p }])) }
      : null,
    search: run.search
      ? { method: run.search.method, criterion: run.search.criterion, evaluations: run.search.evaluations, profile: run.search.profile.map((q) => ({ bandwidth: q.bandwidth, score: q.valid ? q.score : null, trace_s: q.valid ? q.traceS : null })) }
      : null,
    tau_search: run.tauSearch ? { profile: run.tauSearch.profile.map((q) => ({ tau: q.tau, bandwidth: Number.isFinite(q.bandwidth) ? q.bandwidth : null, score: Number.isFinite(q.score) ? q.score : null })) } : null,
    alpha: run.alpha,
    periods: run.periods
      ? run.periods.map((c, a) => {
        const k = run.periodsCorrected?.[a];
        return {
          coefficient: c.name,
          overall: c.overall.map((x, q) => cellJson(x, k?.overall[q])),
          by_region: c.byRegion.map((x, q) => ({ id: x.id, ...cellJson(x, k?.byRegion[q]) })),
          by_group: c.byGroup.map((x, q) => ({ group: x.group, ...cellJson(x, k?.byGroup[q]) })),
        };
      })
      : null,
    fe: fe ? {
      effects: 'twoways',
      coefficients: Object.fromEntries(fe.names.map((nm, a) => [nm, fe.beta[a]])),
      se: Object.fromEntries(fe.names.map((nm, a) => [nm, fe.se[a]])),
      regions: fe.regions, periods: fe.periods, absorbed: fe.absorbed, df_resid: fe.summary.edf,
      ...summaryJson(fe.summary),
    } : null,
    comparison: { gtwr: summaryJson(both.gtwr), ols: summaryJson(both.ols), fe: fe ? summaryJson(fe.summary) : null },
  };
}

/** `local` of {@link gtwrJson}: one object per observation. */
function localRows(data: GwrData, fit: GtwrFit): Record<string, unknown>[] {
  const names = fit.names, p = names.length;
  const obj = (arr: ArrayLike<number>, i: number): Record<string, number> => {
    const o: Record<string, number> = {};
    for (let a = 0; a < p; a++) o[names[a]] = arr[i * p + a];
    return o;
  };
  return data.ids.map((id, i) => ({
    id, time: data.times[i],
    coefficients: obj(fit.beta, i), se: obj(fit.se, i), local_r2: fit.localR2[i],
    t: obj(fit.t, i), p: obj(fit.p, i), p_corrected: obj(fit.pCorrected, i),
    s_ii: fit.sii[i], bandwidth: fit.bandwidthLocal[i], yhat: fit.yhat[i], residual: fit.residual[i],
  }));
}

type Cell = { period: string; n: number; mean: number; min: number; max: number; shareSignificant: number };

function cellJson(c: Cell, corrected: Cell | undefined): Record<string, unknown> {
  return { period: c.period, n: c.n, mean: c.mean, min: c.min, max: c.max, share_significant: c.shareSignificant, share_significant_corrected: corrected ? corrected.shareSignificant : null };
}
