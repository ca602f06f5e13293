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
  fitRandomEffects, fitSpatialPanel, groupMeans, lmTests, lrWaldTests, modelChoice, RE_INTERCEPT, regionEffects, spatialEffects, spatialHausman,
  type Estimate, type LrWaldTests, type RandomEffectsFit, type SpatialEffectsKind, type SpatialHausmanTest, type SpatialModel, type SpatialPanelFit,
  type SpatialPanelInput, type SpatialWarning, type TestStatistic,
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
  /**
   * Random individual effects (SAR, SDM) instead of fixed effects: the reported fit is
   * `fitRandomEffects`'s; `effects` then only chooses the fixed effects of the test ladder's
   * models (LM, LR / Wald).
   */
  readonly randomEffects?: boolean;
  /**
   * The spatial Hausman test FE (individual effects) vs RE of the same model, for SAR and SDM.
   * It costs one RE fit (nested searches: ~40 s at n = 3,025, T = 10) and one FE fit, so by
   * default (undefined) it runs when random effects are asked for or n ≤ `HAUSMAN_AUTO_MAX_N`;
   * true always, false never.
   */
  readonly hausman?: boolean;
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

/** Largest n for which the spatial Hausman test runs by default under fixed effects. */
export const HAUSMAN_AUTO_MAX_N = 1000;

/** Whether a run on n regions computes the spatial Hausman test (SAR and SDM only). */
function hausmanWanted(opts: SpatialRunOptions, n: number): boolean {
  if (opts.model !== 'sar' && opts.model !== 'sdm') return false;
  return opts.hausman ?? (opts.randomEffects === true || n <= HAUSMAN_AUTO_MAX_N);
}

/** Steps a run reports: the fits and tests, then the effect draws, then the region draws. */
export function runSteps(opts: SpatialRunOptions, n: number): number {
  const fits = 4 + (hausmanWanted(opts, n) ? 1 : 0);
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

/** Notes on how a random-effects fit's numbers were found. */
function reNotes(re: RandomEffectsFit): SpatialNote[] {
  const r = { theta: re.theta.estimate.toPrecision(6), sigma2Mu: re.sigma2Mu.toPrecision(6) };
  const notes: SpatialNote[] = [{ code: 'spatial-note-random-effects', message: `Random individual effects: theta = ${r.theta} (the weight of the quasi-demeaning), sigma²_mu = ${r.sigma2Mu}.`, details: r }, { code: 'spatial-note-variance-re', message: "Variances from Elhorst's analytical information matrix of the random-effects model (an approximation).", details: {} }];
  const d = { method: re.logDet.method, bound: sci(re.logDet.errorBound), lower: re.search.rho.lower.toFixed(4), upper: re.search.rho.upper.toFixed(4) };
  notes.push({ code: 'spatial-note-logdet', message: `ln|I − ρW| by ${d.method} (error bound ${d.bound}), search on (${d.lower}, ${d.upper}).`, details: d });
  for (const s of [re.search.theta, re.search.rho]) {
    const e = { iterations: s.iterations, tolerance: sci(s.tolerance) };
    notes.push(s.converged
      ? { code: 'spatial-note-search', message: `Brent search: ${e.iterations} iterations, tolerance ${e.tolerance}.`, details: e }
      : { code: 'spatial-note-search-not-converged', message: `Brent search: ${e.iterations} iterations, tolerance ${e.tolerance}, not converged.`, details: e });
  }
  return notes;
}

/**
 * The random-effects fit as the effects functions read it (`spatialEffects`, `regionEffects`:
 * model, n, region ids, regressors, Durbin terms, coefficients with `rho`, their covariance and
 * the log-determinant method): the slopes, Durbin terms and ρ with their covariance block; the
 * intercept, θ_RE and σ² do not enter the effects and are left out.
 */
function effectsView(re: RandomEffectsFit): SpatialPanelFit {
  const coefficients = re.coefficients.filter((c) => c.name !== RE_INTERCEPT);
  const vcovNames = [...coefficients.map((c) => c.name), 'rho'];
  const idx = vcovNames.map((nm) => re.vcovNames.indexOf(nm));
  const m = re.vcovNames.length, k = vcovNames.length;
  const vcov = new Float64Array(k * k);
  idx.forEach((a, i) => idx.forEach((b, j) => { vcov[i * k + j] = re.vcov[a * m + b]; }));
  const view: Pick<SpatialPanelFit, 'model' | 'n' | 'T' | 'nObs' | 'regionIds' | 'times' | 'yName' | 'xNames' | 'durbin' | 'coefficients' | 'rho' | 'lambda' | 'vcovNames' | 'vcov' | 'logDet'> = {
    model: re.model, n: re.n, T: re.T, nObs: re.nObs, regionIds: re.regionIds, times: re.times, yName: re.yName,
    xNames: re.xNames, durbin: re.durbin, coefficients, rho: re.rho, lambda: null, vcovNames, vcov, logDet: re.logDet,
  };
  // The effects functions read only the fields above (src/models/spatial-panel/{effects,draws,region-effects}.ts).
  return view as SpatialPanelFit;
}

/**
 * Fit `opts.model` on `input` and compute its tests, effects and (optionally) region effects.
 * @throws the engine's InputErrors (`spatial-panel-*`: ρ at the boundary is a warning, a search
 *   that does not converge, collinear Durbin terms, a W the method cannot use); InputError
 *   `spatial-region-effects-unknown` when `regionEffectsOf` is not a regressor;
 *   `spatial-region-effects-need-draws` for region effects without draws;
 *   `spatial-random-effects-model` (random effects for a model other than SAR or SDM);
 *   `spatial-random-effects-lee-yu` (random effects with the Lee–Yu correction); the
 *   random-effects fit's errors (`spatial-panel-re-collinear`, …) and, under random effects,
 *   the Hausman test's (`spatial-hausman-singular`);
 *   CancelledError from `progress`.
 */
export function runSpatialColumn(input: SpatialPanelInput, weights: { name: string; specText: string }, opts: SpatialRunOptions, progress: RunProgress = () => undefined): SpatialColumn {
  if (opts.randomEffects && opts.model !== 'sar' && opts.model !== 'sdm') {
    throw new InputError('spatial-random-effects-model', `Random effects are available for the SAR and SDM models, not ${opts.model.toUpperCase()}; choose SAR or SDM, or fixed effects.`, { model: opts.model.toUpperCase() });
  }
  if (opts.randomEffects && opts.leeYu) {
    throw new InputError('spatial-random-effects-lee-yu', 'The Lee–Yu bias correction applies to the fixed-effects models; ask for random effects or for the Lee–Yu correction, not both.', {});
  }
  const xNames = input.x.map((c) => c.name);
  if (opts.regionEffectsOf !== undefined && !xNames.includes(opts.regionEffectsOf)) {
    throw new InputError('spatial-region-effects-unknown', `"${opts.regionEffectsOf}" is not a regressor of the model (${xNames.join(', ')}); choose one of them for the region-level effects.`,
      { variable: opts.regionEffectsOf, regressors: xNames.join(', ') });
  }
  if (opts.regionEffectsOf !== undefined && opts.draws < 2) {
    throw new InputError('spatial-region-effects-need-draws', `Region-level effects take their standard errors from simulation draws; ask for at least 2 draws (e.g. 1000), not ${opts.draws}.`, { draws: opts.draws });
  }
  const total = runSteps(opts, input.n);
  let done = 0;
  const step = () => progress(++done, total);
  const base = { effects: opts.effects, durbin: opts.durbin, leeYu: opts.leeYu ?? false };
  let reCache: RandomEffectsFit | undefined;
  const reFit = (): RandomEffectsFit => (reCache ??= fitRandomEffects(input, { model: opts.model as 'sar' | 'sdm', durbin: opts.durbin }));
  const fe = opts.randomEffects ? null : fitSpatialPanel(input, { ...base, model: opts.model });
  const re = opts.randomEffects ? reFit() : null;
  step();
  const warnings = [...plain(fe ? fe.warnings : (re as RandomEffectsFit).warnings)];
  const fits: Partial<Record<SpatialModel, SpatialPanelFit>> = fe ? { [opts.model]: fe } : {};
  const fitOf = (model: SpatialModel): SpatialPanelFit => {
    // Lee–Yu corrects the lag models only; the SEM behind the LR test is fitted uncorrected (its
    // log-likelihood, all the LR test reads, is the uncorrected one either way).
    fits[model] ??= fitSpatialPanel(input, { ...base, model, leeYu: base.leeYu && (model === 'sar' || model === 'sdm') });
    return fits[model] as SpatialPanelFit;
  };
  let hausman: SpatialHausmanTest | null = null;
  const hausmanSkipped = (opts.model === 'sar' || opts.model === 'sdm') && opts.hausman === undefined && !hausmanWanted(opts, input.n);
  if (hausmanWanted(opts, input.n)) {
    // FE with individual effects only (xsmle's default `type(ind)`), uncorrected.
    const feInd = fe && opts.effects === 'individual' && !opts.leeYu ? fe : fitSpatialPanel(input, { effects: 'individual', durbin: opts.durbin, leeYu: false, model: opts.model });
    try {
      hausman = spatialHausman(feInd, reFit());
      warnings.push(...plain(hausman.warnings));
    } catch (err) {
      // Asked for by default, not by the user: a Hausman test that cannot be computed (e.g. a
      // singular V_FE − V_RE) is reported, and the rest of the run stands.
      if (!(err instanceof InputError) || opts.randomEffects) throw err;
      warnings.push({ code: 'spatial-hausman-unavailable', message: `The spatial Hausman test was not computed: ${err.message}`, details: { reason: err.message, code: err.code } });
    }
    step();
  }
  const lm = lmTests(input, opts.effects);
  step();
  const sdm = fitOf('sdm');
  const lrOn = opts.lrTests ?? true;
  // the restricted fits feed only their log-likelihoods to the LR tests: no variances
  const restricted = lrOn ? { sar: fits.sar ?? fitSpatialPanel(input, { ...base, model: 'sar', variance: 'none' }), sem: fits.sem ?? fitSpatialPanel(input, { ...base, model: 'sem', leeYu: false, variance: 'none' }) } : {};
  step();
  const lr: LrWaldTests = lrWaldTests(sdm, restricted);
  const choice = modelChoice({ lm, lrWald: lr, ...(hausman ? { hausman } : {}) });
  step();
  const tests: Record<string, { statistic: number; df: number; p: number }> = {};
  const put = (k: string, t: TestStatistic | null | undefined) => { const v = test(t); if (v) tests[k] = v; };
  put('lm_lag', lm.lmLag); put('lm_error', lm.lmError); put('robust_lm_lag', lm.robustLmLag); put('robust_lm_error', lm.robustLmError);
  put('lr_sar', lr.lrSar); put('wald_sar', lr.waldSar); put('lr_sem', lr.lrSem); put('wald_sem', lr.waldSem);
  put('hausman', hausman);
  // The effects (and region effects) of the reported fit: the RE fit's slopes, Durbin terms and ρ.
  const fit = fe ?? effectsView(re as RandomEffectsFit);

  const draws = opts.draws;
  const at = done;
  const eff = spatialEffects(fit, input.w, draws > 0 ? { draws, seed: opts.seed, method: 'simulation' } : { seed: opts.seed, method: 'delta' }, (d, t) => {
    progress(at + Math.round((d / Math.max(1, t)) * Math.max(1, draws)), total);
  });
  done = at + Math.max(1, draws);
  progress(done, total);
  warnings.push(...plain(eff.warnings));
  const notes = fe ? fitNotes(fe) : reNotes(re as RandomEffectsFit);
  if (hausmanSkipped) {
    const d = { n: input.n, max: HAUSMAN_AUTO_MAX_N };
    notes.push({ code: 'spatial-note-hausman-skipped', message: `The spatial Hausman test was skipped: it needs a random-effects fit, which is slow for ${d.n} regions (more than ${d.max}); ask for it explicitly to run it.`, details: d });
  }
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
  const main = fe ?? (re as RandomEffectsFit);
  return {
    weights: weights.name,
    specText: weights.specText,
    spatial: main.rho ? { name: 'rho', ...est(main.rho) } : fe?.lambda ? { name: 'lambda', ...est(fe.lambda) } : null,
    coefficients: main.coefficients.map((c) => ({ name: c.name, ...est(c) })),
    sigma2: main.sigma2,
    logLik: main.logLik,
    r2: fe && Number.isFinite(fe.r2) ? fe.r2 : null,
    aic: main.aic,
    bic: main.bic,
    effects: eff.effects.map((x) => ({ name: x.name, direct: est(x.direct), indirect: est(x.indirect), total: est(x.total) })),
    tests,
    modelChoice: { model: choice.model, code: choice.code, message: choice.message, details: { ...choice.params } },
    randomEffects: re ? { theta: est(re.theta), sigma2Mu: re.sigma2Mu, sigma2Se: re.sigma2Se } : null,
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
