/**
 * Public types of the panel estimators (pooled OLS, fixed effects, random effects) and their
 * standard errors. Other layers (tables, heterogeneity, CLI, services) code against these.
 */

/** Which effects a panel model removes/models: none, individual (region), time (period) or both. */
export type Effects = 'none' | 'individual' | 'time' | 'twoways';

/**
 * Covariance estimator of the coefficients.
 * - `classical`: σ²(X'X)⁻¹ with σ² = RSS/dfResid.
 * - `hc1`: White HC1 on the (transformed) regression, n/(n−k) factor, like
 *   `plm::vcovHC(method = "white1", type = "HC1")`.
 * - `cluster`: cluster-robust (Liang–Zeger) with Stata's small-sample factor
 *   G/(G−1)·(N−1)/(N−K), as `xtreg, fe vce(cluster id)`.
 * - `driscoll-kraay`: Newey–West (Bartlett) on cross-sectional sums of scores, like
 *   `plm::vcovSCC(type = "HC0")`.
 */
export type SeType = 'classical' | 'hc1' | 'cluster' | 'driscoll-kraay';

/** A panel regression design: one row per (id, time) observation, regressors as columns. */
export interface PanelDesign {
  /** Dependent variable, one value per observation. */
  y: Float64Array;
  /** Regressor columns (no intercept column: see `FitOptions.intercept`). */
  X: Float64Array[];
  /** Regressor names, aligned with `X`; used in coefficients and error messages. */
  names: string[];
  /** Region id per observation. */
  ids: readonly string[];
  /** Period per observation. */
  times: readonly number[];
  /** Cluster label per observation (defaults to `ids` when `se` is `cluster`). */
  cluster?: readonly string[];
}

/** What to fit and how to compute standard errors. */
export interface FitOptions {
  model: 'pooled' | 'fe' | 're';
  effects: Effects;
  se: SeType;
  /** Driscoll–Kraay maximum lag; default floor(4(T/100)^(2/9)). */
  dkLag?: number;
  /** Add an intercept `(Intercept)` (pooled and RE; default true). Ignored for FE. */
  intercept?: boolean;
  /** Two-way FE on an unbalanced panel: exact FWL solve or alternating projections (default auto). */
  twoWayMethod?: TwoWayMethod;
}

/**
 * How an unbalanced two-way within transform is computed: `exact` (absorb the larger factor,
 * solve the smaller one), `projections` (accelerated alternating projections to 1e-12), or
 * `auto` (exact when the smaller dimension has at most 400 levels).
 */
export type TwoWayMethod = 'auto' | 'exact' | 'projections';

/** One estimated coefficient with its standard error, t statistic and two-sided p value. */
export interface Coefficient {
  name: string;
  estimate: number;
  se: number;
  t: number;
  p: number;
}

/** The result of `fitPanel`. */
export interface PanelFit {
  model: FitOptions['model'];
  effects: Effects;
  seType: SeType;
  /** Observations used. */
  nObs: number;
  /** Distinct regions. */
  nGroups: number;
  /** Distinct periods. */
  nPeriods: number;
  /** Distinct clusters (cluster SEs only). */
  nClusters?: number;
  /** Number of reported coefficients. */
  k: number;
  /** Residual degrees of freedom (N minus coefficients minus absorbed effects). */
  dfResid: number;
  coefficients: Coefficient[];
  /** k×k covariance of the coefficients, row-major. */
  vcov: Float64Array;
  r2Within: number | null;
  /** corr(y, ŷ)² with ŷ = Xb (Stata's overall R²). */
  r2Overall: number;
  r2Between?: number | null;
  /**
   * Wald test of joint significance of the slopes (intercept excluded), F = b'V⁻¹b/q with the
   * chosen covariance; `statistic` and `p` are NaN when that covariance is singular (e.g. fewer
   * clusters than slopes, where Stata also reports no F).
   */
  fTest: { statistic: number; df1: number; df2: number; p: number };
  /** Residual variance RSS/dfResid (RE: idiosyncratic σ²_e). */
  sigma2: number;
  rss: number;
  /** Residuals of the estimated (transformed) regression, per observation. */
  residuals: Float64Array;
  /** Fitted values of the estimated (transformed) regression, per observation. */
  fitted: Float64Array;
  /** RE quasi-demeaning factor θ (balanced panels; mean θ_i when unbalanced). */
  theta?: number;
  /** RE: σ²_u, the variance of the individual effects (Swamy–Arora). */
  sigma2Individual?: number;
  /** RE: θ per region, aligned with `groups`. */
  thetaByGroup?: Float64Array;
  /** Indices of the design rows used (rows with a missing value are dropped listwise). */
  rowsUsed: Int32Array;
  /** Region ids in code order (sorted), as counted in `nGroups`. */
  groups: string[];
  /** Periods in ascending order, as counted in `nPeriods`. */
  periods: number[];
  /** Every region observed in every period exactly once. */
  balanced: boolean;
  /** Effect parameters absorbed by the within transformation (G, T, or G + T − components). */
  absorbed: number;
  /**
   * 1 − RSS/TSS of the transformed dependent variable (plm's `r.squared`): for two-way FE this
   * is the R² on two-way demeaned data, while `r2Within` follows Stata (`xtreg y x i.year, fe`).
   */
  r2Transformed: number;
  /** Degrees of freedom of the t distribution used for p values; null = standard normal (RE). */
  pValueDf: number | null;
  /** Driscoll–Kraay lag used (DK only). */
  dkLag?: number;
  /** K in the cluster small-sample factor G/(G−1)·(N−1)/(N−K) (cluster only). */
  clusterK?: number;
}
