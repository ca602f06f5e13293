/** Channels of the Data tab and the derived-variable dialog. */
import { z } from 'zod';
import { identifierSchema, nullableNumber } from './common';
import { MAX_EXPRESSION_CHARS } from './limits';
import { variableInfoSchema } from './project';

/** One row of the descriptive-statistics table (null where a statistic is undefined, e.g. n = 0). */
export const describeRowSchema = z.object({
  name: z.string(),
  n: z.number().int(),
  mean: nullableNumber,
  sd: nullableNumber,
  min: nullableNumber,
  p5: nullableNumber,
  median: nullableNumber,
  p95: nullableNumber,
  max: nullableNumber,
  missing: z.number().int(),
});

/** Most variables one `panel:table` page carries as columns. */
export const MAX_TABLE_VARIABLES = 60;
/** Most rows one `panel:table` page carries (the grid pages; 50k rows are never sent at once). */
export const MAX_TABLE_ROWS = 500;

const variableName = z.string().min(1).max(200);
const period = z.number().int().min(-100_000).max(100_000);

/** How `panel:table` sorts: by a fixed column or by a variable's values; ties keep region code, then period. */
export const tableSortSchema = z.strictObject({
  by: z.enum(['region', 'nameEn', 'nameZh', 'group', 'period', 'variable']),
  /** The variable to sort by, when `by` is `'variable'`. */
  variable: variableName.optional(),
  direction: z.enum(['asc', 'desc']).default('asc'),
}).refine((s) => (s.by === 'variable') === (s.variable !== undefined), {
  message: 'name the variable to sort by exactly when sorting by a variable',
  path: ['variable'],
});

/** One row of the data table: a (region, period) and the chosen variables' values (null = missing). */
export const tableRowSchema = z.object({
  region: z.string(),
  nameEn: z.string().nullable(),
  nameZh: z.string().nullable(),
  group: z.string().nullable(),
  period: z.number().int(),
  values: z.array(nullableNumber),
});

/** A variable deleted or recomputed by an edit (what the history shows). */
export const deletedVariableSchema = z.object({
  name: z.string(),
  label: z.string().nullable(),
  expression: z.string().nullable(),
  cells: z.number().int(),
});

/** One entry of the edit log. */
export const dataEditSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['cell', 'delete-variable', 'recompute']),
  variable: z.string(),
  region: z.string().nullable(),
  period: z.number().int().nullable(),
  oldValue: nullableNumber,
  newValue: nullableNumber,
  deleted: z.array(deletedVariableSchema),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});

/** What an edit or an undo did, and which derived variables it left stale (not recomputed). */
export const dataEditResultSchema = z.object({
  edit: dataEditSchema,
  /** Derived variables computed from the changed one (directly or not): their values predate the change. */
  staleDerived: z.array(z.string()),
});

/** Data channels. */
export const dataChannels = {
  'panel:describe': {
    doc: 'N, mean, SD, min, P5, median, P95, max and missing cells per variable (all variables when none are named), optionally over a subset of regions.',
    request: z.strictObject({
      variables: z.array(z.string().min(1).max(200)).max(500).optional(),
      regions: z.array(z.string().min(1).max(200)).max(100_000).optional(),
    }),
    response: z.array(describeRowSchema),
  },
  'panel:table': {
    doc: 'One page of the data table: (region, period) rows with the chosen variables, sorted and filtered (regions, group, search, period range, rows with missing cells), with the total and missing counts.',
    request: z.strictObject({
      variables: z.array(variableName).min(1, 'choose at least one variable').max(MAX_TABLE_VARIABLES),
      sort: tableSortSchema.default({ by: 'region', direction: 'asc' }),
      /** Where missing values go when sorting by a variable or the group. */
      missing: z.enum(['first', 'last']).default('last'),
      regions: z.array(z.string().min(1).max(200)).max(100_000).optional(),
      group: z.string().min(1).max(200).optional(),
      /** Matches region code, English or Chinese name (case and accents ignored). */
      search: z.string().trim().max(200).optional(),
      periodFrom: period.optional(),
      periodTo: period.optional(),
      /** Only rows with at least one missing cell among the chosen variables. */
      missingOnly: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(MAX_TABLE_ROWS).default(100),
    }),
    response: z.object({
      /** Rows after filtering (all pages). */
      total: z.number().int(),
      offset: z.number().int(),
      variables: z.array(z.string()),
      rows: z.array(tableRowSchema),
      /** Missing cells per variable over all filtered rows, in `variables` order. */
      missing: z.array(z.number().int()),
    }),
  },
  'data:editCell': {
    doc: 'Sets one cell (a number, or null for missing) and records the edit so it can be undone.',
    request: z.strictObject({
      variable: variableName,
      region: z.string().min(1).max(200),
      period,
      value: z.number().finite('the value must be a finite number').nullable(),
    }),
    response: dataEditResultSchema,
  },
  'variables:delete': {
    doc: 'Deletes a variable and its values as one undoable edit; refused when derived variables use it unless withDependents deletes them too.',
    request: z.strictObject({
      name: variableName,
      withDependents: z.boolean().default(false),
    }),
    response: dataEditResultSchema,
  },
  'variables:recompute': {
    doc: 'Re-evaluates derived variables from their stored expressions (in the order given) as one undoable edit, e.g. after an edit of their inputs.',
    request: z.strictObject({ names: z.array(variableName).min(1, 'name at least one derived variable').max(200) }),
    response: dataEditResultSchema,
  },
  'data:undo': {
    doc: 'Undoes the last edit still standing, or the edit with the given id.',
    request: z.strictObject({ id: z.number().int().min(1).optional() }),
    response: dataEditResultSchema,
  },
  'data:edits': {
    doc: 'The edit log, newest first.',
    request: z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }),
    response: z.object({ edits: z.array(dataEditSchema) }),
  },
  'variables:dependents': {
    doc: 'The derived variables computed from a variable, directly or not (what deleting it would break).',
    request: z.strictObject({ name: variableName }),
    response: z.object({ dependents: z.array(z.string()) }),
  },
  'variables:derive': {
    doc: 'Adds a variable computed from an expression over existing ones, e.g. log(gsp), lag(x, 1), winsor(x, 0.01).',
    request: z.strictObject({
      name: identifierSchema,
      expression: z.string().trim().min(1, 'the expression is empty').max(MAX_EXPRESSION_CHARS, `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`),
      label: z.string().max(200).optional(),
      unit: z.string().max(50).optional(),
    }),
    response: z.object({ variable: variableInfoSchema }),
  },
} as const;
