/**
 * Public types of the spatial-panel engine: fixed-effects SAR / SEM / SDM / SDEM / SLX by
 * maximum likelihood (Elhorst 2014, ch. 3; his MATLAB `sar_panel_FE` / `sem_panel_FE`), the
 * LeSage–Pace effects, region-level effects and the model-choice tests. Services, the CLI and
 * the app code against these; other helpers (random effects, Lee–Yu) extend them.
 *
 * Data layout everywhere: a balanced panel stacked by time then unit, so observation (i, t)
 * (region i = 0..n−1 in W's order, period t = 0..T−1) is at index t·n + i. W acts period by
 * period (I_T ⊗ W, never formed).
 */
import type { CsrMatrix } from '../../linalg/sparse';

/** The spatial model: lag (SAR), error (SEM), Durbin (SDM), Durbin error (SDEM), lag of X only (SLX). */
export type SpatialModel = 'sar' | 'sem' | 'sdm' | 'sdem' | 'slx';

/** Fixed effects removed by the within transformation. */
export type SpatialEffectsKind = 'individual' | 'time' | 'twoways';

/** One named regressor column, stacked time-major (index t·n + i). */
export interface PanelColumn {
  readonly name: string;
  readonly values: Float64Array;
}

/** The balanced, stacked panel and the weights a spatial panel model is fitted on. */
export interface SpatialPanelInput {
  /** Number of regions (order of W). */
  readonly n: number;
  /** Number of periods. */
  readonly T: number;
  /** Region ids in W's row order, length n. */
  readonly regionIds: readonly string[];
  /** Periods in ascending order, length T. */
  readonly times: readonly number[];
  /** Name of the dependent variable (for tables and messages). */
  readonly yName: string;
  /** Dependent variable, length n·T, index t·n + i. */
  readonly y: Float64Array;
  /** Regressors (no intercept: fixed effects absorb it), each length n·T, index t·n + i. */
  readonly x: readonly PanelColumn[];
  /** Spatial weights n×n (rows = regions in `regionIds` order), usually row-standardised. */
  readonly w: CsrMatrix;
  /**
   * Whether W = D⁻¹C with C symmetric (a row-standardised symmetric W), so that its eigenvalues
   * are those of the symmetric D^{1/2} W D^{-1/2}. `undefined`: detected from W; `true`: required
   * (an InputError when W is not); `false`: treat W as general.
   */
  readonly symmetricSimilar?: boolean;
}

/** How ln|I − ρW| is computed. */
export type LogDetMethod =
  /** Eigenvalues of the symmetric form D^{1/2} W D^{-1/2} (exact; moderate n). */
  | 'eigen-symmetric'
  /** Eigenvalues of a general (non-symmetric) W (exact; small n only). */
  | 'eigen-general'
  /** Sparse (envelope) Cholesky of I − ρS, S the symmetric form, after reverse Cuthill–McKee (exact; large n). */
  | 'sparse-cholesky'
  /** Sparse (envelope) LU without pivoting of I − ρW after reverse Cuthill–McKee (exact; large n, |ρ| < 1). */
  | 'sparse-lu';

/** Options of `fitSpatialPanel`. */
export interface SpatialPanelOptions {
  readonly model: SpatialModel;
  readonly effects: SpatialEffectsKind;
  /** Regressors that get a W·x term (SDM, SDEM, SLX); default all. Ignored for SAR and SEM. */
  readonly durbin?: readonly string[];
  /**
   * Lee–Yu (2010) bias correction of the fixed-effects estimates; implemented by the Lee–Yu
   * module registered through `registerLeeYu` (an InputError when none is registered).
   */
  readonly leeYu?: boolean;
  /**
   * `analytical` (default): variances from the analytical information matrix. `none`: skip the
   * information matrix and its traces (the fit's `vcov` and standard errors are NaN) — for fits
   * that only feed a log-likelihood, such as the restricted SAR and SEM of the LR tests; on a
   * sparse log-determinant (no eigenvalues) the search then stops at 1e-6 on ρ or λ without the
   * polishing stage, which leaves the log-likelihood (flat at its maximum) exact to about 1e-8.
   */
  readonly variance?: 'analytical' | 'none';
  /** Force a log-determinant method (default: chosen from n and the symmetry of W). */
  readonly logDet?: LogDetMethod;
  /** Tolerance of the 1-D search on ρ or λ (absolute, default 1e-12). */
  readonly tolerance?: number;
  /** Iteration limit of each stage of the 1-D search (default 200); hitting it is a warning. */
  readonly maxIterations?: number;
}

/** An estimate with its standard error, z = estimate / se and the two-sided normal p value. */
export interface Estimate {
  readonly estimate: number;
  readonly se: number;
  readonly z: number;
  readonly p: number;
}

/** A named coefficient: a regressor `x` or its spatial lag `W*x`. */
export interface NamedEstimate extends Estimate {
  readonly name: string;
}

/** A warning carried in a result: code (catalogued in warnings.{en,zh-CN}.ts), sentence, values. */
export interface SpatialWarning {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The log-determinant used by a fit. */
export interface LogDetInfo {
  readonly method: LogDetMethod;
  /** Bound on |error| of ln|I − ρW| at any ρ of the search interval (0 for exact methods up to rounding). */
  readonly errorBound: number;
  /** Smallest and largest real eigenvalue of W used for the interval (1/ω_min, 1/ω_max). */
  readonly omegaMin: number;
  readonly omegaMax: number;
}

/** The 1-D maximisation of the concentrated log-likelihood. */
export interface SearchInfo {
  /** Brent's method on the concentrated log-likelihood, or none (SLX). */
  readonly method: 'brent' | 'none';
  /** The open interval searched. */
  readonly lower: number;
  readonly upper: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Absolute tolerance reached on the parameter. */
  readonly tolerance: number;
  /** True when the optimum lies within 1e-6 of an end of the interval (also a warning). */
  readonly atBoundary: boolean;
}

/** The result of `fitSpatialPanel` (frozen). */
export interface SpatialPanelFit {
  readonly model: SpatialModel;
  readonly effects: SpatialEffectsKind;
  readonly n: number;
  readonly T: number;
  readonly nObs: number;
  readonly regionIds: readonly string[];
  readonly times: readonly number[];
  readonly yName: string;
  /** Regressor names (the X block). */
  readonly xNames: readonly string[];
  /** Regressors with a W·x term (empty for SAR and SEM). */
  readonly durbin: readonly string[];
  /** ρ of the spatial lag of y (SAR, SDM), else null. */
  readonly rho: Estimate | null;
  /** λ of the spatial error (SEM, SDEM), else null. */
  readonly lambda: Estimate | null;
  /** β (X block, `xNames` order) then θ (`W*name`, `durbin` order). */
  readonly coefficients: readonly NamedEstimate[];
  /** σ² = e'e / NT (ML). */
  readonly sigma2: number;
  /** Standard error of σ² from the information matrix. */
  readonly sigma2Se: number;
  /** Maximised log-likelihood (full, with the log-determinant). */
  readonly logLik: number;
  /** Number of estimated parameters counted in AIC/BIC: coefficients + ρ/λ + σ². */
  readonly nParams: number;
  /** −2 logLik + 2 nParams. */
  readonly aic: number;
  /** −2 logLik + ln(NT) nParams. */
  readonly bic: number;
  /**
   * Elhorst's `rsqr`: 1 − RSS / Σ(y − ȳ)² with the RAW y (so it counts what the fixed effects
   * explain); RSS = e'e for SAR/SDM/SLX and ‖ỹ − X̃β‖² (not spatially filtered) for SEM/SDEM.
   */
  readonly r2: number;
  /**
   * Elhorst's `corr2`: corr(ỹ, ŷ)² on the within-transformed data, ŷ = (I_T ⊗ (I − ρW)⁻¹)X̃β for
   * SAR/SDM and X̃β for SEM/SDEM/SLX.
   */
  readonly corr2: number;
  /** Residuals e of the transformed regression, length NT, index t·n + i. */
  readonly residuals: Float64Array;
  /** Fitted values ỹ − e of the transformed regression, length NT. */
  readonly fitted: Float64Array;
  /** Names of the covariance rows/columns: coefficients, then `rho` or `lambda` (when present), then `sigma2`. */
  readonly vcovNames: readonly string[];
  /** Covariance of (β, θ, ρ/λ, σ²), row-major, from the inverse information matrix. */
  readonly vcov: Float64Array;
  /**
   * How the variances were obtained; `numerical-hessian` only where no analytical one exists;
   * `none` when the fit was asked for without variances (`vcov`, standard errors, z and p NaN).
   */
  readonly variance: 'analytical' | 'numerical-hessian' | 'none';
  /** Log-determinant method and its error bound (null for SLX, which has none). */
  readonly logDet: LogDetInfo | null;
  /** How the information-matrix traces of W(I − ρW)⁻¹ were computed (null for SLX). */
  readonly infoTraces: { readonly method: 'exact' | 'hutchinson'; readonly relativeError: number } | null;
  readonly search: SearchInfo;
  /** Bias correction applied (Lee–Yu 2010) or none. */
  readonly biasCorrection: 'none' | 'lee-yu';
  readonly warnings: readonly SpatialWarning[];
}

/** Options of `spatialEffects`. */
export interface EffectsOptions {
  /** Simulation draws (default 1000). */
  readonly draws?: number;
  /** Seed of the generator (default 1); stored in the result. */
  readonly seed?: number;
  /** `simulation` from N(θ̂, V̂) (LeSage & Pace 2009, §2.7) or the `delta` method. */
  readonly method?: 'simulation' | 'delta';
}

/** Progress callback: done of total draws; may throw CancelledError to stop. */
export type ProgressFn = (done: number, total: number) => void;

/** Direct, indirect and total effect of one regressor. */
export interface RegressorEffects {
  readonly name: string;
  readonly direct: Estimate;
  readonly indirect: Estimate;
  readonly total: Estimate;
}

/** How a non-positive-definite covariance of the draws was repaired (or not). */
export interface CovarianceRepair {
  /** True when the covariance was not positive definite and was repaired before drawing. */
  readonly repaired: boolean;
  /** Smallest eigenvalue of the covariance before repair. */
  readonly minEigenvalue: number;
  /** Eigenvalue floor used by the repair (0 when not repaired). */
  readonly floor: number;
}

/** The result of `spatialEffects` (frozen). */
export interface SpatialEffects {
  readonly model: SpatialModel;
  readonly method: 'simulation' | 'delta';
  readonly draws: number;
  readonly seed: number;
  readonly effects: readonly RegressorEffects[];
  readonly covarianceRepair: CovarianceRepair;
  /**
   * How the traces of (I − ρW)⁻¹ and (I − ρW)⁻¹W were computed (`eigen`; `chebyshev`: from the exact
   * log-determinant of a large W; `none`: models without ρ), and their error bound.
   */
  readonly traces: { readonly method: 'eigen' | 'series' | 'chebyshev' | 'none'; readonly errorBound: number };
  readonly warnings: readonly SpatialWarning[];
}

/** Options of `regionEffects`. */
export interface RegionEffectsOptions {
  readonly draws?: number;
  readonly seed?: number;
}

/** Per-region effects of one regressor, arrays aligned with `regionIds`. */
export interface RegionEffects {
  readonly variable: string;
  readonly regionIds: readonly string[];
  readonly draws: number;
  readonly seed: number;
  /** Diagonal of S(W) = (I − ρW)⁻¹(βI + θW): the region's own effect. */
  readonly direct: Float64Array;
  readonly directSe: Float64Array;
  /** Row sum minus diagonal: the spillover the region receives from all others. */
  readonly received: Float64Array;
  readonly receivedSe: Float64Array;
  /** Column sum minus diagonal: the spillover the region emits to all others. */
  readonly emitted: Float64Array;
  readonly emittedSe: Float64Array;
  /** Draws kept for group means: draws × n, row-major, one block per measure. */
  readonly samples: { readonly direct: Float64Array; readonly received: Float64Array; readonly emitted: Float64Array };
  readonly covarianceRepair: CovarianceRepair;
}

/** Mean of a region-level measure over a group, with a simulated interval. */
export interface GroupMean {
  readonly group: string;
  readonly regions: number;
  readonly measure: 'direct' | 'received' | 'emitted';
  readonly mean: number;
  readonly se: number;
  /** Central 95 % interval of the simulated group means. */
  readonly lower: number;
  readonly upper: number;
}

/** A test statistic with its degrees of freedom and upper-tail χ² p value. */
export interface TestStatistic {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

/** LM diagnostics on the non-spatial within model (Elhorst's `LMsarsem_panel`). */
export interface LmTests {
  readonly lmLag: TestStatistic;
  readonly lmError: TestStatistic;
  readonly robustLmLag: TestStatistic;
  readonly robustLmError: TestStatistic;
}

/** LR and Wald tests of the SDM against SAR (θ = 0) and SEM (θ + ρβ = 0). */
export interface LrWaldTests {
  readonly lrSar: TestStatistic | null;
  readonly waldSar: TestStatistic;
  readonly lrSem: TestStatistic | null;
  readonly waldSem: TestStatistic;
}

/** Which model the test ladder supports, as a sentence code with its parameters (translated in the renderer). */
export interface ModelChoice {
  /** `sdm`, `sar`, `sem`, `ols` (no spatial term needed) or `sdm-fe` / `sdm-re` after the Hausman step. */
  readonly model: string;
  /** Sentence code (catalogued like warnings) and its parameters. */
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The English sentence (fallback; the renderer uses `code`). */
  readonly message: string;
}
