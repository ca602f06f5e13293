/**
 * Spatial panel models (issue 11): the Spatial panel tab's fit of SAR / SEM / SDM / SDEM / SLX
 * with fixed or (SAR, SDM) random effects under one to three weights matrices side by side, the LeSage–Pace effects
 * with simulated inference, the LM / LR / Wald / Hausman tests, region-level effects of one
 * variable and their means by region group. The fit and the draws run as the background job
 * `spatial-panel-fit` (progress and Cancel); the channels here export the comparison table and
 * the region-effect map and group chart of a finished result.
 */
import { z } from 'zod';
import { codedWarningSchema } from './common';
import {
  FIGURE_FORMATS, FIGURE_LANGUAGES, REGION_EFFECT_MEASURES, SPATIAL_PANEL_EFFECTS, SPATIAL_PANEL_MODELS, TABLE_EXPORT_FORMATS, TABLE_LANGUAGES,
} from './constants';
import { figureSizeSchema } from './figures';
import { MAX_EXPRESSION_CHARS } from './limits';
import { regressionTableSchema } from './regression';
import { downloadSchema } from './weights';

const expression = z.string().trim().min(1, 'the expression is empty')
  .max(MAX_EXPRESSION_CHARS, `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`);
const nullable = z.number().nullable();

/** A W of the fit: a matrix saved in the project, or one built from a spec over the project's boundaries. */
export const spatialWeightsChoiceSchema = z.union([
  z.strictObject({ saved: z.string().trim().min(1, 'the matrix name is empty').max(100, 'the matrix name is longer than 100 characters') }),
  z.strictObject({ spec: z.string().trim().min(1, 'the weights spec is empty').max(400, 'the weights spec is longer than 400 characters') }),
]);

/** Input of `spatial-panel-fit`. */
export const spatialPanelRequestSchema = z.strictObject({
  y: expression,
  x: z.array(expression).min(1, 'choose at least one regressor').max(30, 'choose at most 30 regressors'),
  /** Regressors that get a spatial lag W·x (SDM, SDEM, SLX); absent: all of them. */
  durbin: z.array(expression).max(30).optional(),
  model: z.enum(SPATIAL_PANEL_MODELS).default('sdm'),
  effects: z.enum(SPATIAL_PANEL_EFFECTS).default('twoways'),
  weights: z.array(spatialWeightsChoiceSchema).min(1, 'choose at least one weights matrix').max(3, 'choose at most three weights matrices'),
  draws: z.number().int().min(0).max(100000).default(1000),
  seed: z.number().int().min(-2147483648).max(2147483647).default(1),
  leeYu: z.boolean().default(false),
  randomEffects: z.boolean().default(false),
  /** The spatial Hausman test (SAR, SDM): absent = when random effects are fitted or n ≤ 1000; true always; false never. */
  hausman: z.boolean().optional(),
  /** Region-level effects (direct, received, emitted) of this regressor; absent: none. */
  regionEffectsOf: expression.optional(),
  /** Boundary layer for weights built from a spec (default: the project's default layer). */
  layer: z.string().min(1).max(200).optional(),
});

/** An estimate with its inference. */
export const estimateSchema = z.object({ estimate: z.number(), se: nullable, z: nullable, p: nullable });

/** A test: statistic, degrees of freedom, p (null when it does not apply to the model). */
export const spatialTestSchema = z.object({ statistic: z.number(), df: z.number(), p: z.number() });

/** One regressor's direct, indirect and total effects. */
export const spatialEffectSchema = z.object({ name: z.string(), direct: estimateSchema, indirect: estimateSchema, total: estimateSchema });

/** One region's effects of the chosen regressor. */
export const regionEffectSchema = z.object({
  id: z.string(),
  group: z.string().nullable(),
  direct: estimateSchema,
  received: estimateSchema,
  emitted: estimateSchema,
});

/** The mean of a region-level measure over a region group, with a 95% interval from the draws. */
export const groupMeanSchema = z.object({
  group: z.string(),
  regions: z.number().int(),
  measure: z.enum(REGION_EFFECT_MEASURES),
  mean: z.number(),
  lower: nullable,
  upper: nullable,
});

/** One W's fit. */
export const spatialPanelColumnSchema = z.object({
  weights: z.string(),
  specText: z.string(),
  /** ρ (SAR, SDM) or λ (SEM, SDEM); null for SLX. */
  spatial: z.object({ name: z.enum(['rho', 'lambda']), estimate: z.number(), se: nullable, z: nullable, p: nullable }).nullable(),
  coefficients: z.array(estimateSchema.extend({ name: z.string() })),
  sigma2: z.number(),
  logLik: z.number(),
  r2: nullable,
  aic: nullable,
  bic: nullable,
  effects: z.array(spatialEffectSchema),
  tests: z.record(z.string(), spatialTestSchema),
  /** Which model the LM → LR/Wald → Hausman ladder supports: a coded sentence (the UI translates `code` with `details`). */
  modelChoice: codedWarningSchema.extend({ model: z.string() }).nullable(),
  /**
   * Random-effects fits only (else null or absent): θ_RE (the weight of the quasi-demeaning,
   * θ² = σ² / (Tσ²_μ + σ²)) with its SE, the variance of the random effects σ²_μ, and the SE of σ².
   */
  randomEffects: z.object({ theta: estimateSchema, sigma2Mu: z.number(), sigma2Se: z.number() }).nullable().optional(),
  regionEffects: z.object({ variable: z.string(), regions: z.array(regionEffectSchema), groups: z.array(groupMeanSchema) }).nullable(),
  /** How the numbers were found: variance method, log-determinant and its error bound, search, draws' covariance repair. */
  notes: z.array(codedWarningSchema),
  warnings: z.array(codedWarningSchema),
});

/** Result of `spatial-panel-fit`. */
export const spatialPanelResultSchema = z.object({
  y: z.string(),
  x: z.array(z.string()),
  durbin: z.array(z.string()),
  model: z.enum(SPATIAL_PANEL_MODELS),
  effects: z.enum(SPATIAL_PANEL_EFFECTS),
  n: z.number().int(),
  T: z.number().int(),
  draws: z.number().int(),
  seed: z.number().int(),
  leeYu: z.boolean(),
  /** Random individual effects instead of fixed effects (absent in results before they existed: false). */
  randomEffects: z.boolean().optional(),
  columns: z.array(spatialPanelColumnSchema),
  warnings: z.array(codedWarningSchema),
});

const figureWords = {
  lang: z.enum(FIGURE_LANGUAGES).default('en'),
  title: z.string().max(200).optional(),
  subtitle: z.string().max(200).optional(),
  source: z.string().max(400).optional(),
  notes: z.string().max(1000).optional(),
  size: figureSizeSchema.prefault({}),
};

/** Spatial panel channels (the fit and the draws are the `spatial-panel-fit` job). */
export const spatialPanelChannels = {
  'spatial:table': {
    doc: 'The comparison table model of a spatial-panel-fit result (the same model the exports write), for the Spatial panel tab to show.',
    request: z.strictObject({
      result: spatialPanelResultSchema,
      language: z.enum(TABLE_LANGUAGES).default('en'),
      digits: z.number().int().min(0).max(8).default(3),
    }),
    response: regressionTableSchema,
  },
  'spatial:tableExport': {
    doc: 'The comparison table of a spatial-panel-fit result (one column per W: coefficients, W*x, rho/lambda, effects, sigma², logLik, R², N, tests) as .docx, .xlsx, .tex, .csv or .html.',
    request: z.strictObject({
      result: spatialPanelResultSchema,
      format: z.enum(TABLE_EXPORT_FORMATS),
      language: z.enum(TABLE_LANGUAGES).default('en'),
      digits: z.number().int().min(0).max(8).default(3),
    }),
    response: downloadSchema,
  },
  'spatial:figureExport': {
    doc: 'A map of one W\'s region-level direct / received / emitted effect of the chosen regressor, or the bar chart of their group means with 95% intervals, as PNG, SVG or PDF.',
    request: z.strictObject({
      result: spatialPanelResultSchema,
      kind: z.enum(['region-map', 'group-chart']),
      /** Which column (W) to draw; default the first. */
      weights: z.string().max(400).optional(),
      measure: z.enum(REGION_EFFECT_MEASURES).default('direct'),
      format: z.enum(FIGURE_FORMATS),
      layer: z.string().min(1).max(200).optional(),
      ...figureWords,
    }),
    response: downloadSchema,
  },
} as const;
