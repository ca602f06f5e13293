/**
 * Channels of the Regression tab: fit a panel regression on the project's data (optionally
 * with one column per region group) and return the publication table model; export the same
 * table as .docx, .xlsx, .tex, .csv or HTML.
 */
import { z } from 'zod';
import { MAX_EXPRESSION_CHARS } from './limits';
import { downloadSchema } from './weights';

const expressionSchema = z
  .string()
  .trim()
  .min(1, 'the expression is empty')
  .max(MAX_EXPRESSION_CHARS, `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`);

/** Table formats the Regression tab exports. */
export const TABLE_EXPORT_FORMATS = ['docx', 'xlsx', 'tex', 'csv', 'html'] as const;

/** A model specification from the model builder. */
export const regressionRequestSchema = z.strictObject({
  /** Dependent variable: a variable name or an expression such as `log(gdp)`. */
  y: expressionSchema,
  /** Regressors: names or expressions; each text is its coefficient's name. */
  x: z.array(expressionSchema).min(1, 'choose at least one regressor').max(50, 'at most 50 regressors'),
  model: z.enum(['fe', 're', 'pooled']).default('fe'),
  /** Default by model: two-way for FE, individual for RE, none for pooled. */
  effects: z.enum(['none', 'individual', 'time', 'twoways']).optional(),
  /** `cluster` clusters by region. */
  se: z.enum(['classical', 'hc1', 'cluster', 'driscoll-kraay']).default('cluster'),
  /** Add one column per region group (East, Central, West, Northeast) after the full sample. */
  byGroup: z.boolean().default(false),
  /** What goes in parentheses under each estimate. */
  paren: z.enum(['se', 't']).default('se'),
  digits: z.number().int().min(0).max(8).default(3),
  language: z.enum(['en', 'zh']).default('en'),
});

const cellSchema = z.object({ text: z.string(), value: z.number().nullable(), stars: z.string(), digits: z.number().int() }).nullable();

/** The publication table model (see src/report/regression-table.ts). */
export const regressionTableSchema = z.object({
  title: z.string().optional(),
  dependent: z.string().optional(),
  columnTitles: z.array(z.string()),
  paren: z.enum(['se', 't']),
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
    /** β_A − β_B. */
    diff: z.number().nullable(),
    /** Interaction-based p of the gap (Chow regression). */
    pChow: z.number().nullable(),
    /** Empirical p of the Fisher permutation test, null without permutations. */
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
      runId: z.number().int().nullable(),
    }),
  },
  'regression:compare': {
    doc: 'Tests the coefficient gap between two region groups under the same specification: Chow test by interactions, and the Fisher permutation test (regions reshuffled between the groups, seeded).',
    request: compareRequestSchema,
    response: compareResultSchema,
  },
  'regression:compareStart': {
    doc: 'Starts the same group comparison as a background job (the permutation loop yields to the event loop); returns its id for compareStatus/compareCancel.',
    request: compareRequestSchema,
    response: z.object({ jobId: z.string() }),
  },
  'regression:compareStatus': {
    doc: 'Progress of a comparison job (permutations done of total) and, once finished, its result or error sentence.',
    request: z.strictObject({ jobId: z.string().min(1).max(100) }),
    response: z.object({
      state: z.enum(['running', 'done', 'failed', 'cancelled']),
      done: z.number().int(),
      total: z.number().int(),
      result: compareResultSchema.nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  },
  'regression:compareCancel': {
    doc: 'Cancels a running comparison job (its permutation loop stops at the next slice).',
    request: z.strictObject({ jobId: z.string().min(1).max(100) }),
    response: z.object({ cancelled: z.boolean() }),
  },
  'regression:export': {
    doc: 'The table of a specification as a .docx, .xlsx, .tex, .csv or .html file to download (html: a fragment for the clipboard).',
    request: regressionRequestSchema.extend({ format: z.enum(TABLE_EXPORT_FORMATS) }),
    response: downloadSchema,
  },
} as const;
