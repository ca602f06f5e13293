/**
 * Composite indices (issue 14): a recipe (indicators with directions and dimensions,
 * normalisation, weights, aggregation) built as a background job (`index-build`), or built and
 * written back to the project as a variable with its recipe (`index-save`); the recipes saved
 * in the project (`index:*`) and the weights table export.
 */
import { z } from 'zod';
import { codedWarningSchema, identifierSchema, nullableNumber } from './common';
import {
  INDEX_AGGREGATIONS, INDEX_COMBINE_RULES, INDEX_NORMALISATIONS, INDEX_OBJECTIVE_METHODS, INDEX_SCOPES, TABLE_EXPORT_FORMATS, TABLE_LANGUAGES,
} from './constants';
import { describeRowSchema } from './data';
import { MAX_EXPRESSION_CHARS } from './limits';
import { downloadSchema } from './weights';

const expression = z.string().trim().min(1, 'the expression is empty')
  .max(MAX_EXPRESSION_CHARS, `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`);
const label = z.string().trim().max(60, 'the dimension name is longer than 60 characters');
const weight = z.number().min(0, 'a weight must be ≥ 0').finite();
const indicatorName = z.string().min(1).max(MAX_EXPRESSION_CHARS);

/** One indicator of a recipe: an expression over the panel, its direction and its criterion layer. */
export const indexIndicatorSchema = z.strictObject({
  expr: expression,
  direction: z.enum(['+', '-']),
  dimension: label.default(''),
});

const g1 = z.strictObject({ method: z.literal('g1'), order: z.array(indicatorName).min(1).max(60), ratios: z.array(z.number().positive().max(10)).max(59) });
const user = z.strictObject({ method: z.literal('user'), weights: z.record(indicatorName, weight) });
const equal = z.strictObject({ method: z.literal('equal') });
const objective = z.strictObject({
  method: z.enum(INDEX_OBJECTIVE_METHODS),
  /** PCA only: first component (default) or variance-explained over retained components. */
  mode: z.enum(['first', 'variance']).optional(),
  /** PCA variance mode: components kept (default λ > 1). */
  retain: z.number().int().min(1).max(60).optional(),
});

/** How indicator weights are obtained (the engine's `WeightSpec`, one level of combination). */
export const indexWeightSpecSchema = z.union([
  objective,
  equal,
  user,
  g1,
  z.strictObject({ method: z.literal('g1-sd'), order: z.array(indicatorName).min(1).max(60) }),
  z.strictObject({
    method: z.literal('combined'),
    subjective: z.union([g1, user, equal]),
    objective,
    rule: z.enum(INDEX_COMBINE_RULES),
    /** Linear rule: w = α·subjective + (1 − α)·objective. */
    alpha: z.number().min(0).max(1).optional(),
  }),
]);

/** A composite-index recipe: re-running it on the same panel gives the same values. */
export const indexRecipeSchema = z.strictObject({
  indicators: z.array(indexIndicatorSchema).min(1, 'add at least one indicator').max(60, 'at most 60 indicators'),
  normalisation: z.enum(INDEX_NORMALISATIONS).default('minmax'),
  scope: z.enum(INDEX_SCOPES).default('pooled'),
  /** Added to every normalised value (e.g. 0.0001 so that ln p exists). */
  shift: z.number().min(0).max(1).default(0),
  weights: indexWeightSpecSchema.default({ method: 'entropy' }),
  aggregate: z.enum(INDEX_AGGREGATIONS).default('sum'),
  /** Weights across dimensions; null: a dimension weighs the sum of its indicators' weights. */
  dimensionWeights: z.record(label, weight).nullable().default(null),
});

/** One row of the weights table (criterion layer, indicator, direction, weight). */
export const indexWeightRowSchema = z.object({
  dimension: z.string(),
  indicator: z.string(),
  direction: z.enum(['+', '-']),
  localWeight: z.number(),
  dimensionWeight: z.number(),
  weight: z.number(),
});

/** A built index as the Index tab shows it. */
export const indexViewSchema = z.object({
  recipe: indexRecipeSchema,
  table: z.array(indexWeightRowSchema),
  dimensions: z.array(z.object({ name: z.string(), weight: z.number() })),
  /** Panel rows: region, period, the index and each dimension's sub-index (null: left out). */
  rows: z.object({
    id: z.array(z.string()),
    time: z.array(z.number()),
    value: z.array(nullableNumber),
    dimensions: z.array(z.array(nullableNumber)),
  }),
  /** Descriptive statistics of the index, its dimensions and the raw indicators. */
  describe: z.array(describeRowSchema),
  /** Entropy e_j per indicator (entropy weights), else null. */
  entropy: z.array(z.number()).nullable(),
  /** PCA checks (PCA weights), else null. */
  pca: z.object({
    kmo: nullableNumber, chisq: nullableNumber, df: z.number(), p: nullableNumber,
    eigenvalues: z.array(z.number()), explained: z.array(z.number()), retained: z.number().int(),
  }).nullable(),
  /** Mean obstacle degree per indicator over the rows (min–max deviations). */
  obstacle: z.array(z.object({ indicator: z.string(), mean: nullableNumber })),
  /** Spearman's ρ between the index built with different weighting methods (same normalisation and aggregation). */
  robustness: z.object({ labels: z.array(z.string()), rho: z.array(z.array(nullableNumber)) }).nullable(),
  warnings: z.array(codedWarningSchema),
});

/** Input of `index-build`. */
export const indexBuildRequestSchema = z.strictObject({
  recipe: indexRecipeSchema,
  /** Also build the index with entropy, CRITIC, CV, PCA and equal weights and rank-correlate them. */
  robustness: z.boolean().default(true),
});

/** Input of `index-save`: build and write the index as a project variable with its recipe. */
export const indexSaveRequestSchema = z.strictObject({
  name: identifierSchema,
  recipe: indexRecipeSchema,
  label: z.string().max(200).optional(),
  replace: z.boolean().default(false),
});

/** Result of `index-save`. */
export const indexSaveResultSchema = z.object({
  name: z.string(),
  rows: z.number().int(),
  n: z.number().int(),
  missing: z.number().int(),
  replaced: z.boolean(),
  view: indexViewSchema,
});

/** A recipe saved in the project. */
export const savedRecipeSchema = z.object({
  name: z.string(),
  recipe: indexRecipeSchema,
  /** The variable the recipe wrote, when it was saved with `index-save`. */
  variable: z.string().nullable(),
  savedAt: z.string(),
});

const year = z.number().int().min(-10000).max(10000);

/** A shock-based measure or the coupling coordination of 2–3 indices over the open project's panel. */
export const indexMeasureRequestSchema = z.discriminatedUnion('measure', [
  z.strictObject({ measure: z.literal('relative-growth'), variable: expression, base: year, reference: expression.nullable().default(null) }),
  z.strictObject({ measure: z.literal('martin'), variable: expression, start: year, trough: year, end: year, reference: expression.nullable().default(null) }),
  z.strictObject({ measure: z.literal('coupling'), indices: z.array(expression).min(2, 'choose 2 or 3 indices').max(3, 'choose 2 or 3 indices'), alpha: z.array(z.number().min(0).max(1)).optional() }),
]);

/** The measure's values: per region-year (relative growth, coupling) or per region (Martin). */
export const indexMeasureResultSchema = z.object({
  measure: z.enum(['relative-growth', 'martin', 'coupling']),
  /** What was measured (the expression, or the indices joined by " · "), and the reference series. */
  variable: z.string(),
  reference: z.string().nullable(),
  rows: z.array(z.object({
    id: z.string(),
    time: z.number().nullable(),
    /** Resilience (relative growth), D (coupling), resistance (Martin). */
    value: nullableNumber,
    /** RE (relative growth), C (coupling), recovery (Martin). */
    second: nullableNumber,
    /** GR (relative growth), T (coupling). */
    third: nullableNumber,
    level: z.string().nullable(),
  })),
});

/** A measure saved with the variable it wrote (relative-growth resilience or coupling D). */
export const savedMeasureSchema = z.object({
  name: z.string(),
  request: indexMeasureRequestSchema,
  savedAt: z.string(),
});

const recipeName = z.string().trim().min(1, 'the recipe name is empty').max(100, 'the recipe name is longer than 100 characters');

/** Composite-index channels. */
export const indexChannels = {
  'index:recipes': {
    doc: 'The composite-index recipes saved in the open project (name, recipe, the variable it wrote).',
    request: z.strictObject({}),
    response: z.array(savedRecipeSchema),
  },
  'index:saveRecipe': {
    doc: 'Saves (or replaces) a composite-index recipe under a name in the open project, without building it.',
    request: z.strictObject({ name: recipeName, recipe: indexRecipeSchema }),
    response: z.array(savedRecipeSchema),
  },
  'index:deleteRecipe': {
    doc: 'Deletes a saved composite-index recipe (the variable it wrote stays).',
    request: z.strictObject({ name: recipeName }),
    response: z.array(savedRecipeSchema),
  },
  'index:measure': {
    doc: 'Relative-growth resilience against a base year, Martin\'s resistance / recovery sensitivity indices, or the coupling coordination degree (C, T, D and its level) of 2–3 indices, over the open project\'s panel.',
    request: indexMeasureRequestSchema,
    response: indexMeasureResultSchema,
  },
  'index:saveMeasure': {
    doc: 'Writes a relative-growth resilience or a coupling coordination degree D as a project variable, with the measure saved under the same name (re-running it reproduces the values).',
    request: z.strictObject({ name: identifierSchema, request: indexMeasureRequestSchema, replace: z.boolean().default(false) }),
    response: z.object({ name: z.string(), rows: z.number().int(), n: z.number().int(), missing: z.number().int(), replaced: z.boolean() }),
  },
  'index:tableExport': {
    doc: 'The weights table of a built index (criterion layer, indicator, direction, weight) as .docx, .xlsx, .tex, .csv or .html.',
    request: z.strictObject({
      view: indexViewSchema,
      format: z.enum(TABLE_EXPORT_FORMATS),
      language: z.enum(TABLE_LANGUAGES).default('en'),
      digits: z.number().int().min(0).max(8).default(4),
      title: z.string().max(200).optional(),
    }),
    response: downloadSchema,
  },
} as const;
