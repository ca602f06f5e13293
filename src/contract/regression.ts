/**
 * Channels of the Regression tab: fit a panel regression on the project's data (optionally
 * with one column per region group) and return the publication table model; export the same
 * table as .docx, .xlsx, .tex, .csv or HTML.
 */
import { z } from 'zod';
import { PANEL_EFFECTS, PANEL_MODELS, SE_TYPES, TABLE_EXPORT_FORMATS, TABLE_LANGUAGES, TABLE_PAREN } from './constants';
import { MAX_EXPRESSION_CHARS } from './limits';
import { codedWarningSchema } from './common';
import { downloadSchema } from './weights';

const expressionSchema = z
  .string()
  .trim()
  .min(1, 'the expression is empty')
  .max(MAX_EXPRESSION_CHARS, `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`);

export { TABLE_EXPORT_FORMATS } from './constants';

/** A model specification from the model builder. */
export const regressionRequestSchema = z.strictObject({
  /** Dependent variable: a variable name or an expression such as `log(gdp)`. */
  y: expressionSchema,
  /** Regressors: names or expressions; each text is its coefficient's name. */
  x: z.array(expressionSchema).min(1, 'choose at least one regressor').max(50, 'at most 50 regressors'),
  model: z.enum(PANEL_MODELS).default('fe'),
  /** Default by model: two-way for FE, individual for RE, none for pooled. */
  effects: z.enum(PANEL_EFFECTS).optional(),
  /** `cluster` clusters by region. */
  se: z.enum(SE_TYPES).default('cluster'),
  /** Add one column per region group (East, Central, West, Northeast) after the full sample. */
  byGroup: z.boolean().default(false),
  /** What goes in parentheses under each estimate. */
  paren: z.enum(TABLE_PAREN).default('se'),
  digits: z.number().int().min(0).max(8).default(3),
  language: z.enum(TABLE_LANGUAGES).default('en'),
});

const cellSchema = z.object({ text: z.string(), value: z.number().nullable(), stars: z.string(), digits: z.number().int() }).nullable();

/** The publication table model (see src/report/regression-table.ts). */
export const regressionTableSchema = z.object({
  title: z.string().optional(),
  dependent: z.string().optional(),
  columnTitles: z.array(z.string()),
  paren: z.enum(TABLE_PAREN),
  coefficients: z.array(z.object({ name: z.string(), label: z.string(), estimates: z.array(cellSchema), parens: z.array(cellSchema) })),
  footer: z.array(z.object({
    kind: z.string(),
    label: z.string(),
    texts: z.array(z.string()),
    values: z.array(z.number().nullable()),
    digits: z.number().int(),
  })),
  notes: z.string(),
});

/** A group comparison: the specification plus the two groups, permutations and seed. */
export const compareRequestSchema = regressionRequestSchema.omit({ byGroup: true, paren: true, digits: true, language: true }).extend({
  a: z.string().min(1, 'choose the first group').max(200),
  b: z.string().min(1, 'choose the second group').max(200),
  permutations: z.number().int().min(0).max(100_000, 'at most 100,000 permutations').default(499),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});

/** Result of a group comparison. */
export const compareResultSchema = z.object({
  a: z.string(),
  b: z.string(),
  chow: z.object({ statistic: z.number().nullable(), df1: z.number(), df2: z.number(), p: z.number().nullable() }),
  gaps: z.array(z.object({
    name: z.string(),
    /** β_A − β_B of the pooled interaction (Chow) model: the coefficient of D × x, the gap `pChow` tests. */
    diff: z.number().nullable(),
    /** Interaction-based p of `diff` (Chow regression). */
    pChow: z.number().nullable(),
    /** β_A − β_B of the two separate group fits (the sub-sample columns): the gap `pPermutation` tests. */
    diffSeparate: z.number().nullable(),
    /** Empirical p of the Fisher permutation test of `diffSeparate`, null without permutations. */
    pPermutation: z.number().nullable(),
  })),
  permutations: z.number().int(),
  valid: z.number().int(),
  seed: z.number().int(),
  runId: z.number().int().nullable(),
});

/** Regression channels. */
export const regressionChannels = {
  'regression:run': {
    doc: 'Fits the panel regression (and, with byGroup, one column per region group), records the run in the project, and returns the publication table.',
    request: regressionRequestSchema,
    response: z.object({
      table: regressionTableSchema,
      /** Notes for the reader: dropped rows, expression warnings, per column. */
      warnings: z.array(z.string()),
      /** The same notes with code and details, in the same order (translated by the UI). */
      warningItems: z.array(codedWarningSchema),
      runId: z.number().int().nullable(),
    }),
  },
  'regression:compare': {
    doc: 'Tests the coefficient gap between two region groups under the same specification: Chow test by interactions, and the Fisher permutation test (regions reshuffled between the groups, seeded).',
    request: compareRequestSchema,
    response: compareResultSchema,
  },
  'regression:export': {
    doc: 'The table of a specification as a .docx, .xlsx, .tex, .csv or .html file to download (html: a fragment for the clipboard).',
    request: regressionRequestSchema.extend({ format: z.enum(TABLE_EXPORT_FORMATS) }),
    response: downloadSchema,
  },
} as const;
