/**
 * GTWR / GWR (issue 12): the `gtwr` background job (bandwidth and τ search, local fits split
 * over worker threads, tests, period summaries; progress and Cancel) and the `gwr:*` channels.
 * The job's result has the keys of `rwb gtwr --json` (docs/cli-contract.md), so the app and the
 * CLI read one shape.
 */
import { z } from 'zod';
import { FIGURE_FORMATS, FIGURE_LANGUAGES, GWR_CRITERIA, GWR_KERNEL_NAMES, GWR_LOCATIONS, TABLE_EXPORT_FORMATS, TABLE_LANGUAGES } from './constants';
import { figureSizeSchema } from './figures';
import { downloadSchema } from './weights';
import { codedWarningSchema } from './common';
import { MAX_EXPRESSION_CHARS } from './limits';

const expression = z.string().trim().min(1, 'the expression is empty')
  .max(MAX_EXPRESSION_CHARS, `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`);
const auto = z.literal('auto');
const year = z.number().int().min(-9999).max(9999);

/** Input of the `gtwr` job. */
export const gtwrRequestSchema = z.strictObject({
  y: expression,
  x: z.array(expression).min(1, 'choose at least one regressor').max(30, 'at most 30 regressors'),
  kernel: z.enum(GWR_KERNEL_NAMES).default('bisquare'),
  /** true: the bandwidth is k nearest region-years; false: a distance in km. */
  adaptive: z.boolean().default(true),
  bandwidth: z.union([z.number().positive(), auto]).default('auto'),
  /** km²/year²; 'auto' searches it (needs more than one period). */
  tau: z.union([z.number().min(0), auto]).default('auto'),
  criterion: z.enum(GWR_CRITERIA).default('aicc'),
  pastOnly: z.boolean().default(false),
  exhaustive: z.boolean().default(false),
  kMin: z.number().int().positive().optional(),
  kMax: z.number().int().positive().optional(),
  locations: z.enum(GWR_LOCATIONS).default('centroids'),
  layer: z.string().min(1).max(200).optional(),
  from: year.optional(),
  to: year.optional(),
  periods: z.array(z.strictObject({ from: year, to: year, label: z.string().max(40).optional() })).max(12).default([]),
  alpha: z.number().gt(0).lt(1).default(0.05),
  monteCarlo: z.number().int().min(0).max(999).default(0),
  seed: z.number().int().min(-2147483648).max(2147483647).default(1),
  fTest: z.boolean().default(true),
});

const num = z.number().nullable();
const byName = z.record(z.string(), num);
const cell = {
  period: z.string(), n: z.number().int(), mean: num, min: num, max: num, share_significant: num,
  /** Share with the da Silva–Fotheringham corrected p below alpha (absent in results before it). */
  share_significant_corrected: num.optional(),
};
/** One model's column of `comparison` (src/models/gwr/fe-compare.ts). */
const fitSummary = z.object({
  n: z.number().int(), parameters: num, enp: num, edf: num, rss: num, sigma2: num, aic: num, aicc: num,
  r2: num, adj_r2: num, r2_within: num, r2_overall: num,
});

/** Result of the `gtwr` job: `rwb gtwr --json` plus the warnings. */
export const gtwrResultSchema = z.object({
  model: z.enum(['gtwr', 'gwr']),
  kernel: z.enum(GWR_KERNEL_NAMES),
  adaptive: z.boolean(),
  bandwidth: z.number(),
  tau: z.number(),
  n_obs: z.number().int(),
  diagnostics: z.object({
    aicc: num, aic: num, cv: num, r2: num, adj_r2: num, rss: num, trace_s: num, trace_sts: num, sigma2: num,
    enp: num, edf: num, sigma2_ml: num,
  }),
  local: z.array(z.object({
    id: z.string(), time: z.number(), coefficients: byName, se: byName, local_r2: num,
    t: byName, p: byName, p_corrected: byName, s_ii: num, bandwidth: num, yhat: num, residual: num,
  })),
  past_only: z.boolean(),
  km_per_year: z.number(),
  criterion: z.enum(GWR_CRITERIA).nullable(),
  alpha_corrected: num,
  ols: z.object({ coefficients: byName, se: byName, aicc: num, aic: num, r2: num, adj_r2: num, rss: num, sigma2: num }),
  f_test: z.object({ f1: num, df1: num, df2: num, p: num }).nullable(),
  monte_carlo: z.object({ replications: z.number().int(), seed: z.number().int(), coefficients: z.record(z.string(), z.object({ variance: num, p: num })) }).nullable(),
  search: z.object({
    method: z.string(), criterion: z.enum(GWR_CRITERIA), evaluations: z.number().int(),
    profile: z.array(z.object({ bandwidth: z.number(), score: num, trace_s: num })),
  }).nullable(),
  tau_search: z.object({ profile: z.array(z.object({ tau: z.number(), bandwidth: num, score: num })) }).nullable(),
  /** Significance level of the period summaries (absent in results before it: 0.05). */
  alpha: z.number().optional(),
  periods: z.array(z.object({
    coefficient: z.string(),
    overall: z.array(z.object(cell)),
    by_region: z.array(z.object({ id: z.string(), ...cell })),
    by_group: z.array(z.object({ group: z.string(), ...cell })),
  })).nullable(),
  /** The two-way FE on the same observations (null when it cannot be fitted: see the warnings). */
  fe: fitSummary.extend({
    effects: z.literal('twoways'), coefficients: byName, se: byName,
    regions: z.number().int(), periods: z.number().int(), absorbed: z.number().int(), df_resid: num,
  }).nullable().optional(),
  /** GTWR, global OLS and two-way FE side by side on one footing. */
  comparison: z.object({ gtwr: fitSummary, ols: fitSummary, fe: fitSummary.nullable() }).optional(),
  warnings: z.array(codedWarningSchema),
});

/** The maps' significance overlay: none, by the local p, or by the corrected p. */
export const GWR_SIGNIFICANCE = ['off', 'uncorrected', 'corrected'] as const;

/** What a GTWR figure draws. */
export const GWR_FIGURE_KINDS = ['coefficient-maps', 'profile', 'tau-profile', 'groups'] as const;

const gwrFigureRequest = z.strictObject({
  result: gtwrResultSchema,
  kind: z.enum(GWR_FIGURE_KINDS),
  /** The coefficient of the maps and the group chart (a regressor or "(Intercept)"). */
  coefficient: z.string().min(1).max(200).optional(),
  /** Map classes (natural breaks, shared over the periods). */
  classes: z.number().int().min(2).max(9).default(5),
  /**
   * Significance overlay of the maps: hatch a region in a period when fewer than half of its
   * local estimates there are significant (p below the fit's alpha; `corrected`: the da
   * Silva–Fotheringham corrected p). `off` draws no overlay.
   */
  significance: z.enum(GWR_SIGNIFICANCE).default('off'),
  lang: z.enum(FIGURE_LANGUAGES).default('en'),
  layer: z.string().min(1).max(200).optional(),
  title: z.string().max(200).optional(),
  source: z.string().max(400).optional(),
  size: figureSizeSchema.prefault({}),
});

/** GWR channels (the fit itself is the `gtwr` job). */
export const gwrChannels = {
  'gwr:options': {
    doc: "The GTWR model builder's choices for the open project: kernels, criteria, the periods of the panel, and the natural τ scale τ₀ = (median nearest-neighbour distance between the regions' locations)² km²/year² (one year ≈ one neighbour step) that `tau: 'auto'` searches around.",
    request: z.strictObject({ locations: z.enum(GWR_LOCATIONS).default('centroids'), layer: z.string().min(1).max(200).optional() }),
    response: z.object({
      kernels: z.array(z.enum(GWR_KERNEL_NAMES)),
      criteria: z.array(z.enum(GWR_CRITERIA)),
      periods: z.array(z.number()),
      regions: z.number().int(),
      /** Regions with a stored point (e.g. the provincial capital), for `locations: 'points'`. */
      pointRegions: z.number().int(),
      medianNearestKm: z.number(),
      tau0: z.number(),
    }),
  },
  'gwr:figure': {
    doc: "A figure of a gtwr result as an SVG document (exactly what `gwr:figureExport` writes): the period maps of one coefficient's local estimates (small multiples of the period means, shared breaks and legend), the criterion profile over the bandwidth (`profile`) or over τ (`tau-profile`), or the region-group comparison of one coefficient's period means (`groups`, bars of group means ±1 s.e. over the regions of each group, one panel colour per period).",
    request: gwrFigureRequest,
    response: z.object({ svg: z.string(), fileStem: z.string() }),
  },
  'gwr:figureExport': {
    doc: 'A `gwr:figure` figure as PNG, SVG or PDF.',
    request: gwrFigureRequest.extend({ format: z.enum(FIGURE_FORMATS) }),
    response: downloadSchema,
  },
  'gwr:tableExport': {
    doc: 'A table of a gtwr result in the regression tables\' layout, as .docx, .xlsx, .tex, .csv or .html: the per-region table (`regions`: one row per region, one column per period, the mean of one coefficient\'s local estimates with [min, max] below, footer rows for all regions and each region group and the share significant), or the diagnostics (`diagnostics`: GTWR, the global OLS and the two-way FE side by side — coefficients, N, parameters, RSS, σ², AIC, AICc, R², adjusted, within and overall R², CV, Monte Carlo p values).',
    request: z.strictObject({
      result: gtwrResultSchema,
      /** `regions`: the per-region table of one coefficient; `diagnostics`: GTWR beside OLS and the two-way FE. */
      table: z.enum(['regions', 'diagnostics']).default('regions'),
      coefficient: z.string().min(1).max(200).optional(),
      format: z.enum(TABLE_EXPORT_FORMATS),
      language: z.enum(TABLE_LANGUAGES).default('en'),
      digits: z.number().int().min(0).max(8).default(3),
    }),
    response: downloadSchema,
  },
} as const;
