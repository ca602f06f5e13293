/**
 * The global models beside a GTWR fit, on one footing (issue 12: "comparison with the global
 * OLS and two-way FE fits"). Each model is a linear smoother ŷ = S y, so the GWR diagnostics
 * (tests/fixtures/reference/gwr_gtwr_produc.json → meta.diagnostics) apply to all three with
 * their own S:
 *
 * - GTWR: S from the local fits (tr S, tr SᵀS as computed there);
 * - global OLS: S = X(XᵀX)⁻¹Xᵀ, idempotent, so tr S = tr SᵀS = ENP = p;
 * - two-way FE (the least-squares dummy-variable regression on the regressors, region and
 *   period dummies; `fitPanel` with effects 'twoways', plm `model = "within"`): S is again a
 *   projection, so tr S = ENP = K = k slopes + G + T − (connected components) effects.
 *
 * With n observations and K = tr S: edf = n − 2 tr S + tr SᵀS (n − K for OLS and FE),
 * σ² = RSS/edf, AIC = n ln(RSS/n) + n ln 2π + n + tr S, AICc = n ln(RSS/n) + n ln 2π +
 * n(n + tr S)/(n − 2 − tr S), R² = 1 − RSS/TSS (for FE the dummy-variable R², effects
 * included), adjusted R² = 1 − (1 − R²)(n − 1)/(edf − 1) for GTWR (as GWmodel) and
 * 1 − (1 − R²)(n − 1)/(n − K) for OLS and FE, within R² = 1 − RSS/Σ(y_it − ȳ_i)² (Stata's
 * within R² of `xtreg y x i.year, fe` for the FE), overall R² = corr(y, x′b)² with the regressor
 * part of the fit only (the FE's effects left out, as Stata; OLS: its R²; GTWR: corr(y, ŷ)²).
 */
import { InputError } from '../../core/errors';
import { fitPanel, type PanelFit } from '../panel';
import { corr2, information, tss, withinTss, type FitSummary } from './compare';
import type { GwrDesign } from './local-fit';

/** The two-way FE fit on the GTWR observations. */
export interface TwoWayFe {
  /** Slope names (the constant column of the GTWR design is absorbed by the effects). */
  readonly names: readonly string[];
  readonly beta: Float64Array;
  /** Classical SEs √(σ² diag((X̃ᵀX̃)⁻¹)), σ² = RSS/(n − K): plm's `se_classical`. */
  readonly se: Float64Array;
  readonly regions: number;
  readonly periods: number;
  /** Effect parameters absorbed: G + T − components. */
  readonly absorbed: number;
  readonly summary: FitSummary;
}

/** The FE comparison, or why it cannot be fitted (a warning, never an error of the GTWR). */
export type TwoWayFeResult =
  | { readonly ok: true; readonly fe: TwoWayFe }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly details: Readonly<Record<string, unknown>> };

/** Columns of the design that are constant over every observation (the intercept). */
function constantColumns(d: GwrDesign): Set<number> {
  const out = new Set<number>();
  for (let a = 0; a < d.p; a++) {
    const v0 = d.X[a];
    let constant = true;
    for (let i = 1; i < d.n && constant; i++) constant = d.X[i * d.p + a] === v0;
    if (constant) out.add(a);
  }
  return out;
}

/**
 * Two-way fixed effects (region and period) on the observations of a GTWR design, by the
 * panel module's within estimator (`fitPanel`, plm `model = "within", effect = "twoways"`),
 * summarised as {@link FitSummary}. Constant columns (the intercept) are absorbed by the effects
 * and left out. Returns `ok: false` with a coded sentence when the FE model cannot be fitted:
 * `gwr-fe-single-period` (one period or one region), `gwr-fe-no-regressors` (only constant
 * columns), `gwr-fe-absorbed` (a regressor varies only by region and by period),
 * `gwr-fe-unavailable` (the panel estimator refused the design otherwise, e.g. too few
 * observations for the effects).
 * @param ids region of each observation; @param times its period.
 */
export function twoWayFe(d: GwrDesign, ids: readonly string[], times: ArrayLike<number>): TwoWayFeResult {
  const regions = new Set(ids).size, periods = new Set(Array.from(times)).size;
  if (periods < 2 || regions < 2) {
    return { ok: false, code: 'gwr-fe-single-period', message: `The two-way fixed-effects comparison needs at least two periods and two regions (the data have periods: ${periods}, regions: ${regions}).`, details: { periods, regions } };
  }
  const drop = constantColumns(d);
  const keep = Array.from({ length: d.p }, (_, a) => a).filter((a) => !drop.has(a));
  if (keep.length === 0) {
    return { ok: false, code: 'gwr-fe-no-regressors', message: 'The two-way fixed-effects comparison needs a regressor that varies: the region and period effects absorb the constant.', details: {} };
  }
  const X = keep.map((a) => Float64Array.from({ length: d.n }, (_, i) => d.X[i * d.p + a]));
  let fit: PanelFit;
  try {
    fit = fitPanel({ y: Float64Array.from(d.y), X, names: keep.map((a) => d.names[a]), ids, times: Array.from(times) }, { model: 'fe', effects: 'twoways', se: 'classical' });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.code.startsWith('singular-absorbed')) {
      const variableList = String(e.details.variableList ?? '');
      return { ok: false, code: 'gwr-fe-absorbed', message: `The two-way fixed-effects comparison is not shown: ${variableList} varies only by region and by period, so the effects absorb it.`, details: { variableList } };
    }
    return { ok: false, code: 'gwr-fe-unavailable', message: `The two-way fixed-effects comparison is not shown: ${e.message}`, details: { reason: e.message, reasonCode: e.code } };
  }
  const n = fit.nObs, K = fit.k + fit.absorbed;
  const beta = Float64Array.from(fit.coefficients, (c) => c.estimate);
  const xb = new Float64Array(n);
  keep.forEach((_, j) => { for (let i = 0; i < n; i++) xb[i] += beta[j] * X[j][i]; });
  const r2 = 1 - fit.rss / tss(d.y);
  const { aic, aicc } = information(fit.rss, n, K);
  return {
    ok: true,
    fe: Object.freeze({
      names: fit.coefficients.map((c) => c.name), beta, se: Float64Array.from(fit.coefficients, (c) => c.se),
      regions: fit.nGroups, periods: fit.nPeriods, absorbed: fit.absorbed,
      summary: Object.freeze({
        n, parameters: K, enp: K, edf: n - K, rss: fit.rss, sigma2: fit.rss / (n - K), aic, aicc,
        r2, adjR2: 1 - ((1 - r2) * (n - 1)) / (n - K), r2Within: 1 - fit.rss / withinTss(d.y, ids), r2Overall: corr2(d.y, xb),
      }),
    }),
  };
}

export { gtwrAndOlsSummaries, type FitSummary } from './compare';
