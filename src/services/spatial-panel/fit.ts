/**
 * One W's spatial panel analysis (issue 11), the use case both `rwb sdm` and the app's
 * `spatial-panel-fit` job run: the chosen model by ML, the test ladder (LM lag / error and their
 * robust forms on the non-spatial within model; LR and Wald of the SDM against SAR and SEM,
 * fitting those where needed), the model-choice sentence, the LeSage–Pace effects with seeded
 * simulation draws, and optionally the region-level effects of one regressor with their means by
 * region group. Progress counts fits and draws; a cancelled run stops between draws.
 */
import { CancelledError, InputError } from '../../core/errors';
import {
  fitSpatialPanel, groupMeans, lmTests, lrWaldTests, modelChoice, regionEffects, spatialEffects,
  type Estimate, type LrWaldTests, type SpatialEffectsKind, type SpatialModel, type SpatialPanelFit, type SpatialPanelInput,
  type SpatialWarning, type TestStatistic,
} from '../../models/spatial-panel';
import type { JobResultOf } from '../../contract';

/** One W's result, as the contract carries it. */
export type SpatialColumn = JobResultOf<'spatial-panel-fit'>['columns'][number];

/** What to fit. */
export interface SpatialRunOptions {
  readonly model: SpatialModel;
  readonly effects: SpatialEffectsKind;
  /** Regressors with a W·x term (SDM, SDEM, SLX); default all. */
  readonly durbin?: readonly string[];
  readonly leeYu?: boolean;
  readonly randomEffects?: boolean;
  /** Effect draws (0: the delta method). */
  readonly draws: number;
  readonly seed: number;
  /** Region-level effects of this regressor. */
  readonly regionEffectsOf?: string;
  /** Region id → group label (e.g. East / Central / West / Northeast) for the group means. */
  readonly groups?: Readonly<Record<string, string>>;
  /** Fit SAR and SEM for the LR tests (default true; Wald needs only the SDM). */
  readonly lrTests?: boolean;
}

/** Progress over the whole run: (done, total) steps; may throw CancelledError. */
export type RunProgress = (done: number, total: number) => void;

const plain = (ws: readonly SpatialWarning[]) => ws.map((w) => ({ code: w.code, message: w.message, details: { ...w.details } }));
const est = (e: Estimate) => ({ estimate: e.estimate, se: e.se, z: e.z, p: e.p });
const test = (t: TestStatistic | null | undefined) => (t ? { statistic: t.statistic, df: t.df, p: t.p } : undefined);

/** Steps a run reports: the fits and tests, then the effect draws, then the region draws. */
export function runSteps(opts: SpatialRunOptions): number {
  const fits = 4;
  return fits + Math.max(1, opts.draws) + (opts.regionEffectsOf !== undefined ? Math.max(1, opts.draws) : 0);
}

/** A note on how a number was found: a coded sentence (catalogued in warnings.{en,zh-CN}.ts). */
export interface SpatialNote {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

const sci = (x: number, d = 1) => x.toExponential(d);

/** Notes on how the fit's numbers were found. */
function fitNotes(fit: SpatialPanelFit): SpatialNote[] {
  const notes: SpatialNote[] = [];
  notes.push(fit.variance === 'analytical'
    ? { code: 'spatial-note-variance-analytical', message: 'Variances from the analytical information matrix.', details: {} }
    : { code: 'spatial-note-variance-numerical', message: 'Variances from a numerical Hessian (no analytical information matrix for this model).', details: {} });
  if (fit.logDet) {
    const d = { method: fit.logDet.method, bound: sci(fit.logDet.errorBound), lower: fit.search.lower.toFixed(4), upper: fit.search.upper.toFixed(4) };
    notes.push({ code: 'spatial-note-logdet', message: `ln|I − ρW| by ${d.method} (error bound ${d.bound}), search on (${d.lower}, ${d.upper}).`, details: d });
  }
  if (fit.search.method === 'brent') {
    const d = { iterations: fit.search.iterations, tolerance: sci(fit.search.tolerance) };
    notes.push(fit.search.converged
      ? { code: 'spatial-note-search', message: `Brent search: ${d.iterations} iterations, tolerance ${d.tolerance}.`, details: d }
      : { code: 'spatial-note-search-not-converged', message: `Brent search: ${d.iterations} iterations, tolerance ${d.tolerance}, not converged.`, details: d });
  }
  if (fit.biasCorrection === 'lee-yu') notes.push({ code: 'spatial-note-lee-yu', message: 'Lee–Yu (2010) bias correction applied.', details: {} });
  return notes;
}

/**
 * Fit `opts.model` on `input` and compute its tests, effects and (optionally) region effects.
 * @throws the engine's InputErrors (`spatial-panel-*`: ρ at the boundary is a warning, a search
 *   that does not converge, collinear Durbin terms, a W the method cannot use); InputError
 *   `spatial-region-effects-unknown` when `regionEffectsOf` is not a regressor;
 *   `spatial-region-effects-need-draws` for region effects without draws;
 *   `spatial-random-effects-unavailable` while the engine has no random-effects fit;
 *   CancelledError from `progress`.
 */
export function runSpatialColumn(input: SpatialPanelInput, weights: { name: string; specText: string }, opts: SpatialRunOptions, progress: RunProgress = () => undefined): SpatialColumn {
  if (opts.randomEffects) {
    throw new InputError('spatial-random-effects-unavailable', 'Random-effects spatial panel models are not available in this build; use fixed effects (--effects).', {});
  }
  const xNames = input.x.map((c) => c.name);
  if (opts.regionEffectsOf !== undefined && !xNames.includes(opts.regionEffectsOf)) {
    throw new InputError('spatial-region-effects-unknown', `"${opts.regionEffectsOf}" is not a regressor of the model (${xNames.join(', ')}); choose one of them for the region-level effects.`,
      { variable: opts.regionEffectsOf, regressors: xNames.join(', ') });
  }
  if (opts.regionEffectsOf !== undefined && opts.draws < 2) {
    throw new InputError('spatial-region-effects-need-draws', `Region-level effects take their standard errors from simulation draws; ask for at least 2 draws (e.g. 1000), not ${opts.draws}.`, { draws: opts.draws });
  }
  const total = runSteps(opts);
  let done = 0;
  const step = () => progress(++done, total);
  const base = { effects: opts.effects, durbin: opts.durbin, leeYu: opts.leeYu ?? false };
  const fit = fitSpatialPanel(input, { ...base, model: opts.model });
  step();
  const warnings = [...plain(fit.warnings)];
  const fits: Partial<Record<SpatialModel, SpatialPanelFit>> = { [opts.model]: fit };
  const fitOf = (model: SpatialModel): SpatialPanelFit => {
    fits[model] ??= fitSpatialPanel(input, { ...base, model });
    return fits[model] as SpatialPanelFit;
  };
  const lm = lmTests(input, opts.effects);
  step();
  const sdm = fitOf('sdm');
  const lrOn = opts.lrTests ?? true;
  // the restricted fits feed only their log-likelihoods to the LR tests: no variances
  const restricted = lrOn ? { sar: fits.sar ?? fitSpatialPanel(input, { ...base, model: 'sar', variance: 'none' }), sem: fits.sem ?? fitSpatialPanel(input, { ...base, model: 'sem', variance: 'none' }) } : {};
  step();
  const lr: LrWaldTests = lrWaldTests(sdm, restricted);
  const choice = modelChoice({ lm, lrWald: lr });
  step();
  const tests: Record<string, { statistic: number; df: number; p: number }> = {};
  const put = (k: string, t: TestStatistic | null | undefined) => { const v = test(t); if (v) tests[k] = v; };
  put('lm_lag', lm.lmLag); put('lm_error', lm.lmError); put('robust_lm_lag', lm.robustLmLag); put('robust_lm_error', lm.robustLmError);
  put('lr_sar', lr.lrSar); put('wald_sar', lr.waldSar); put('lr_sem', lr.lrSem); put('wald_sem', lr.waldSem);

  const draws = opts.draws;
  const at = done;
  const eff = spatialEffects(fit, input.w, draws > 0 ? { draws, seed: opts.seed, method: 'simulation' } : { seed: opts.seed, method: 'delta' }, (d, t) => {
    progress(at + Math.round((d / Math.max(1, t)) * Math.max(1, draws)), total);
  });
  done = at + Math.max(1, draws);
  progress(done, total);
  warnings.push(...plain(eff.warnings));
  const notes = fitNotes(fit);
  if (eff.covarianceRepair.repaired) {
    const d = { eigenvalue: sci(eff.covarianceRepair.minEigenvalue, 2), floor: sci(eff.covarianceRepair.floor, 2) };
    notes.push({ code: 'spatial-note-covariance-repaired', message: `The covariance of the draws was not positive definite (smallest eigenvalue ${d.eigenvalue}); it was repaired with an eigenvalue floor of ${d.floor} before drawing.`, details: d });
  }
  if (eff.method === 'simulation') {
    const d = { draws: eff.draws, seed: eff.seed, traces: eff.traces.method };
    notes.push({ code: 'spatial-note-draws', message: `Effects: ${d.draws} simulation draws, seed ${d.seed}; traces by ${d.traces}.`, details: d });
  } else notes.push({ code: 'spatial-note-delta', message: 'Effects: delta method.', details: {} });

  let region: SpatialColumn['regionEffects'] = null;
  if (opts.regionEffectsOf !== undefined) {
    const r = regionEffects(fit, input.w, opts.regionEffectsOf, { draws, seed: opts.seed });
    done += Math.max(1, draws);
    progress(done, total);
    const groups = opts.groups ?? {};
    const hasGroups = r.regionIds.some((id) => groups[id]);
    const means = hasGroups ? groupMeans(r, groups) : [];
    const se = (a: Float64Array, i: number) => (Number.isFinite(a[i]) ? a[i] : null);
    const e = (v: number, s: number | null) => ({ estimate: v, se: s, z: s ? v / s : null, p: null });
    region = {
      variable: r.variable,
      regions: r.regionIds.map((id, i) => ({
        id, group: groups[id] ?? null,
        direct: e(r.direct[i], se(r.directSe, i)), received: e(r.received[i], se(r.receivedSe, i)), emitted: e(r.emitted[i], se(r.emittedSe, i)),
      })),
      groups: means.map((g) => ({ group: g.group, regions: g.regions, measure: g.measure, mean: g.mean, lower: Number.isFinite(g.lower) ? g.lower : null, upper: Number.isFinite(g.upper) ? g.upper : null })),
    };
  }
  return {
    weights: weights.name,
    specText: weights.specText,
    spatial: fit.rho ? { name: 'rho', ...est(fit.rho) } : fit.lambda ? { name: 'lambda', ...est(fit.lambda) } : null,
    coefficients: fit.coefficients.map((c) => ({ name: c.name, ...est(c) })),
    sigma2: fit.sigma2,
    logLik: fit.logLik,
    r2: Number.isFinite(fit.r2) ? fit.r2 : null,
    aic: fit.aic,
    bic: fit.bic,
    effects: eff.effects.map((x) => ({ name: x.name, direct: est(x.direct), indirect: est(x.indirect), total: est(x.total) })),
    tests,
    modelChoice: { model: choice.model, code: choice.code, message: choice.message, details: { ...choice.params } },
    regionEffects: region,
    notes,
    warnings,
  };
}

/** A progress function that stops the run when `isCancelled()` says so. */
export function cancellable(progress: (done: number, total: number) => void, isCancelled: () => boolean): RunProgress {
  return (done, total) => {
    progress(done, total);
    if (isCancelled()) throw new CancelledError();
  };
}
