/**
 * The run registry: every kind of saved analysis run, with the version and the zod schemas
 * of its stored spec (the request, enough to run it again) and results. A run is saved with
 * its kind and version (`analysis_runs.kind`, `.kind_version`) and read back through
 * `parseRun`, so a project never hands out a run whose shape the code does not know.
 *
 * Adding a kind: a new entry here (version 1). Changing what a kind stores: bump its
 * version, keep the old schema readable (or migrate the rows in src/store/migrations.ts).
 * Runs saved before kinds existed were all `'fe'`; store migration 3 re-labels them by their
 * spec (`groupColumn` → `panel.compare`, else `model`).
 */
import { z } from 'zod';
import { InputError } from '../core/errors';

/** Every run kind, in a stable order. */
export const RUN_KINDS = ['panel.pooled', 'panel.fe', 'panel.re', 'panel.compare'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

const MODELS = ['pooled', 'fe', 're'] as const;
const EFFECTS = ['none', 'individual', 'time', 'twoways'] as const;
const SE_TYPES = ['classical', 'hc1', 'cluster', 'driscoll-kraay'] as const;
const MEDIAN_BASES = ['region-mean', 'pooled'] as const;

/** A number as stored (non-finite numbers are saved as null). */
const num = z.number().nullable();

const groupSelector = z.union([
  z.looseObject({ column: z.string(), value: z.string() }),
  z.looseObject({ split: z.string(), value: z.enum(['High', 'Low']), basis: z.enum(MEDIAN_BASES).optional() }),
]);

/** The request of one panel regression as stored (`RegressionSpec` of the regression service). */
export const regressionSpecSchema = z.looseObject({
  y: z.string(),
  x: z.array(z.string()).min(1),
  model: z.enum(MODELS),
  effects: z.enum(EFFECTS),
  se: z.enum(SE_TYPES),
  cluster: z.string().nullable(),
  group: groupSelector.nullable(),
  dkLag: z.number().nullable(),
  source: z.string(),
});

/** A fit as stored (`fitSummary`): the coefficients are what every reader needs. */
const fitSummarySchema = z.looseObject({
  coefficients: z.array(z.looseObject({ name: z.string(), estimate: num, se: num })),
  nObs: z.number().optional(),
});

const regressionResultsSchema = z.looseObject({
  fit: fitSummarySchema,
  nDropped: z.number(),
  nOutsideGroup: z.number(),
  warnings: z.array(z.string()),
});

/** A baseline + sub-sample comparison (`runHeterogeneityTable`). */
const compareSpecSchema = regressionSpecSchema.extend({
  groupColumn: z.string(),
  order: z.array(z.string()),
  compare: z.looseObject({ a: z.string(), b: z.string(), permutations: z.number() }).nullable(),
});

const compareResultsSchema = z.looseObject({
  columns: z.array(z.looseObject({ title: z.string(), group: z.string().nullable(), fit: fitSummarySchema, nDropped: z.number() })).min(1),
  table: z.unknown(),
  chow: z.unknown().nullable(),
  permutation: z.unknown().nullable(),
});

/** Kind → current version and schemas. */
export const RUN_REGISTRY = {
  'panel.pooled': { version: 1, title: 'Pooled OLS', spec: regressionSpecSchema, results: regressionResultsSchema },
  'panel.fe': { version: 1, title: 'Fixed effects', spec: regressionSpecSchema, results: regressionResultsSchema },
  'panel.re': { version: 1, title: 'Random effects', spec: regressionSpecSchema, results: regressionResultsSchema },
  'panel.compare': { version: 1, title: 'Group comparison', spec: compareSpecSchema, results: compareResultsSchema },
} as const satisfies Record<RunKind, { version: number; title: string; spec: z.ZodType; results: z.ZodType }>;

export type RunSpec<K extends RunKind> = z.infer<(typeof RUN_REGISTRY)[K]['spec']>;
export type RunResults<K extends RunKind> = z.infer<(typeof RUN_REGISTRY)[K]['results']>;

/** A run read back through the registry: kind known, spec and results checked. */
export type ParsedRun = {
  [K in RunKind]: { readonly kind: K; readonly version: number; readonly spec: RunSpec<K>; readonly results: RunResults<K> };
}[RunKind];

/** True for a kind in the registry. */
export function isRunKind(kind: string): kind is RunKind {
  return (RUN_KINDS as readonly string[]).includes(kind);
}

/** The kind of a single regression run with this model. */
export function regressionRunKind(model: (typeof MODELS)[number]): 'panel.pooled' | 'panel.fe' | 'panel.re' {
  return model === 'pooled' ? 'panel.pooled' : model === 're' ? 'panel.re' : 'panel.fe';
}

/**
 * Check a stored run against its kind's schemas.
 * @throws InputError `run-unknown-kind` for a kind not in the registry; `run-unsupported-version`
 *   for a version newer than this build knows; `run-invalid` naming the first bad field.
 */
export function parseRun(run: { readonly id?: number; readonly kind: string; readonly version?: number; readonly spec: unknown; readonly results: unknown }): ParsedRun {
  const label = run.id === undefined ? `run of kind ${run.kind}` : `run ${run.id} (${run.kind})`;
  if (!isRunKind(run.kind)) {
    throw new InputError('run-unknown-kind', `The ${label} has a kind this version does not know (kinds: ${RUN_KINDS.join(', ')}).`, { kind: run.kind, id: run.id, label, kindList: RUN_KINDS.join(', ') });
  }
  const entry = RUN_REGISTRY[run.kind];
  const version = run.version ?? 1;
  if (version > entry.version) {
    throw new InputError('run-unsupported-version', `The ${label} was saved by a newer version of the app (schema ${version} > ${entry.version}).`, { kind: run.kind, version, supported: entry.version, label });
  }
  const check = (part: 'spec' | 'results', schema: z.ZodType, value: unknown): unknown => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    const path = [part, ...issue.path.map(String)].join('.');
    throw new InputError('run-invalid', `The ${label} is damaged: ${path}: ${issue.message}.`, { kind: run.kind, id: run.id, path, label, reason: issue.message });
  };
  return { kind: run.kind, version, spec: check('spec', entry.spec, run.spec), results: check('results', entry.results, run.results) } as ParsedRun;
}
