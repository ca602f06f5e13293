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
