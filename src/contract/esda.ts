/**
 * ESDA jobs (issue 10): the per-year global statistic table (several saved matrices in one
 * table) and local statistics for one or more years with LISA transitions. Both run as
 * background jobs (`job:start` tasks `esda-global`, `esda-local`) with progress and Cancel,
 * because permutations are heavy.
 */
import { z } from 'zod';
import { codedWarningSchema } from './common';
import { ESDA_GLOBAL_STATS, ESDA_LOCAL_STATS, LISA_CLUSTER_CODES, TABLE_EXPORT_FORMATS, TABLE_LANGUAGES } from './constants';
import { downloadSchema } from './weights';
import { figureSizeSchema } from './figures';
import { FIGURE_FORMATS, FIGURE_LANGUAGES } from './constants';
import { MAX_EXPRESSION_CHARS } from './limits';

const expression = z.string().trim().min(1, 'the expression is empty')
  .max(MAX_EXPRESSION_CHARS, `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`);
const matrixName = z.string().trim().min(1, 'the matrix name is empty').max(100, 'the matrix name is longer than 100 characters');
const permutations = z.number().int().min(0).max(99999).default(999);
const seed = z.number().int().min(-2147483648).max(2147483647).default(1);
const nullable = z.number().nullable();

/** Input of `esda-global`: one variable (or a bivariate pair), one to three saved matrices, a year range. */
export const esdaGlobalRequestSchema = z.strictObject({
  variable: expression,
  /** Moran's I of the residuals of this saved panel run (per year) instead of `variable`. */
  residualsOf: z.number().int().positive().optional(),
  /** Bivariate Moran: the variable against the spatial lag of this one. */
  with: expression.optional(),
  weights: z.array(matrixName).min(1, 'choose at least one weights matrix').max(3, 'choose at most three weights matrices'),
  stat: z.enum(ESDA_GLOBAL_STATS).default('moran'),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  permutations,
  seed,
  alternative: z.enum(['greater', 'less', 'two-sided']).default('greater'),
});

/** One row of the global table: one year under one matrix. */
export const esdaGlobalRowSchema = z.object({
  weights: z.string(),
  year: z.number().int(),
  n: z.number().int(),
  value: z.number(),
  expected: z.number(),
  varianceRand: nullable,
  zRand: nullable,
  pRand: nullable,
  varianceNorm: nullable,
  zNorm: nullable,
  pNorm: nullable,
  pSim: nullable,
  missing: z.array(z.string()),
  islands: z.array(z.string()),
});

/** Result of `esda-global`. */
export const esdaGlobalResultSchema = z.object({
  variable: z.string(),
  with: z.string().nullable(),
  stat: z.string(),
  alternative: z.string(),
  permutations: z.number().int(),
  seed: z.number().int(),
  rows: z.array(esdaGlobalRowSchema),
  warnings: z.array(codedWarningSchema),
});

/** Input of `esda-local`: one matrix, one or more years (empty: every year). */
export const esdaLocalRequestSchema = z.strictObject({
  variable: expression,
  /** LISA of the residuals of this saved panel run instead of `variable`. */
  residualsOf: z.number().int().positive().optional(),
  with: expression.optional(),
  weights: matrixName,
  years: z.array(z.number().int()).max(60).default([]),
  stat: z.enum(ESDA_LOCAL_STATS).default('moran'),
  permutations,
  seed,
  alpha: z.number().gt(0).lt(1).default(0.05),
  correction: z.enum(['none', 'bonferroni', 'fdr']).default('none'),
});

const clusterCode = z.enum(LISA_CLUSTER_CODES);

/** One region of one year's local statistics. */
export const esdaLocalRegionSchema = z.object({
  id: z.string(),
  value: z.number(),
  z: nullable,
  p: nullable,
  pSim: nullable,
  quadrant: clusterCode.nullable(),
  cluster: clusterCode,
  /** Moran scatterplot: standardised value and its spatial lag (local Moran only). */
  x: nullable,
  lag: nullable,
});

const transitionSchema = z.object({
  states: z.array(clusterCode),
  counts: z.array(z.array(z.number().int())),
  probabilities: z.array(z.array(z.number())),
  moved: z.number().int(),
  total: z.number().int(),
});

/** Result of `esda-local`. */
export const esdaLocalResultSchema = z.object({
  variable: z.string(),
  with: z.string().nullable(),
  weights: z.string(),
  stat: z.string(),
  permutations: z.number().int(),
  seed: z.number().int(),
  years: z.array(z.object({
    year: z.number().int(),
    regions: z.array(esdaLocalRegionSchema),
    counts: z.record(z.string(), z.number().int()),
    by: z.enum(['p_sim', 'p']),
    cutoff: z.number(),
    /** Global Moran's I of the year (the slope of the scatterplot), local Moran only. */
    moranI: nullable,
    missing: z.array(z.string()),
    islands: z.array(z.string()),
  })),
  transitions: z.object({ quadrants: transitionSchema, clusters: transitionSchema }),
  warnings: z.array(codedWarningSchema),
});

/** ESDA channels (the heavy work is in the `esda-global` / `esda-local` jobs). */
export const esdaChannels = {
  'esda:tableExport': {
    doc: 'The per-year table of an esda-global result (years × matrices, statistic with stars, z in parentheses) as .docx, .xlsx, .tex, .csv or .html.',
    request: z.strictObject({
      result: esdaGlobalResultSchema,
      format: z.enum(TABLE_EXPORT_FORMATS),
      language: z.enum(TABLE_LANGUAGES).default('en'),
      digits: z.number().int().min(0).max(8).default(3),
    }),
    response: downloadSchema,
  },
  'esda:figureExport': {
    doc: 'A LISA cluster map, significance map (one year or small multiples of several) or the Moran scatterplot of an esda-local result, as PNG, SVG or PDF.',
    request: z.strictObject({
      result: esdaLocalResultSchema,
      kind: z.enum(['lisa-map', 'significance-map', 'scatter']),
      /** Years to draw (small multiples when several; the scatterplot uses the first). Empty: the last. */
      years: z.array(z.number().int()).max(12).default([]),
      format: z.enum(FIGURE_FORMATS),
      lang: z.enum(FIGURE_LANGUAGES).default('en'),
      layer: z.string().min(1).max(200).optional(),
      title: z.string().max(200).optional(),
      subtitle: z.string().max(200).optional(),
      source: z.string().max(400).optional(),
      notes: z.string().max(1000).optional(),
      mapApproval: z.string().max(200).optional(),
      size: figureSizeSchema.prefault({}),
    }),
    response: downloadSchema,
  },
} as const;
