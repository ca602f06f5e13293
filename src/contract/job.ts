/**
 * Generic background jobs: `job:start { task, input }` → `{ jobId }`, `job:status { jobId }`,
 * `job:cancel { jobId }`. Each task is named as the worker task that does its heavy part
 * (src/services/jobs/tasks.ts) and declares here the input a client sends and the result it
 * gets back, so LISA permutations, effect draws and GTWR searches reuse one mechanism with
 * progress and cancel.
 */
import { z } from 'zod';
import { JOB_STATES, type JobTaskName } from './constants';
import { defineChannels } from './define';
import { esdaGlobalRequestSchema, esdaGlobalResultSchema, esdaLocalRequestSchema, esdaLocalResultSchema } from './esda';
import { indexBuildRequestSchema, indexSaveRequestSchema, indexSaveResultSchema, indexViewSchema } from './composite';
import { gtwrRequestSchema, gtwrResultSchema } from './gwr';
import { importReportSchema, importRequestSchema, importResultSchema } from './import';
import { compareRequestSchema, compareResultSchema } from './regression';
import { spatialPanelRequestSchema, spatialPanelResultSchema } from './spatial-panel';

/** Per task: what it does, the client's input and the finished job's result. */
export const JOB_TASKS = {
  'permutation-gap': {
    doc: 'Group comparison of the Regression tab: Chow test by interactions plus the Fisher permutation test of the coefficient gaps (seeded), saved as a run; progress counts permutations.',
    input: compareRequestSchema,
    result: compareResultSchema,
  },
  'import-preview': {
    doc: 'The Import dialog\'s check (as `import:preview`) read in the worker; progress counts steps (read boundaries, read panel, check).',
    input: importRequestSchema,
    result: importReportSchema,
  },
  'import-commit': {
    doc: 'The Import dialog\'s commit (as `import:commit`) read and written in the worker in one transaction; cancelling leaves the project unchanged; progress counts steps (reads, check, one per variable written).',
    input: importRequestSchema,
    result: importResultSchema,
  },
  'esda-global': {
    doc: 'Global Moran\'s I, Geary\'s C or General G of a variable for every year under one to three saved matrices (seeded permutations); progress counts years × matrices.',
    input: esdaGlobalRequestSchema,
    result: esdaGlobalResultSchema,
  },
  'esda-local': {
    doc: 'Local statistics (LISA, local G, G*, bivariate LISA) of one or more years under one saved matrix, with clusters and their transitions between years; progress counts years.',
    input: esdaLocalRequestSchema,
    result: esdaLocalResultSchema,
  },
  'index-build': {
    doc: 'A composite index from its recipe (normalisation, weights, aggregation) with its weights table, descriptive statistics, PCA checks, obstacle degrees and the rank-correlation robustness table; progress counts weightings built.',
    input: indexBuildRequestSchema,
    result: indexViewSchema,
  },
  'index-save': {
    doc: 'Builds a composite index from its recipe and writes it to the project as a variable, with the recipe saved under the same name (re-running it reproduces the values).',
    input: indexSaveRequestSchema,
    result: indexSaveResultSchema,
  },
  'spatial-panel-fit': {
    doc: 'Spatial panel model (SAR, SEM, SDM, SDEM, SLX with fixed effects) under one to three W: fit, tests, LeSage–Pace effects and region-level effects with seeded simulation draws; progress counts matrices × steps.',
    input: spatialPanelRequestSchema,
    result: spatialPanelResultSchema,
  },
  gtwr: {
    doc: 'GTWR / GWR of the open project (issue 12): bandwidth and τ chosen by AICc or CV when asked, local fits split over worker threads, the Leung–Mei–Zhang F test, the Monte Carlo test and period summaries; result keys as `rwb gtwr --json`; progress counts search evaluations, then the fit.',
    input: gtwrRequestSchema,
    result: gtwrResultSchema,
  },
} as const satisfies Record<JobTaskName, { doc: string; input: z.ZodType; result: z.ZodType }>;

/** Input of job task `T` as a client writes it. */
export type JobInputOf<T extends JobTaskName> = z.input<(typeof JOB_TASKS)[T]['input']>;
/** Input of job task `T` after validation (defaults applied). */
export type JobParsedInputOf<T extends JobTaskName> = z.output<(typeof JOB_TASKS)[T]['input']>;
/** Result of a finished job of task `T`. */
export type JobResultOf<T extends JobTaskName> = z.output<(typeof JOB_TASKS)[T]['result']>;

const jobIdSchema = z.strictObject({ jobId: z.string().min(1).max(100) });

/** `job:start` request: a task and its input, validated by the task's own schema. */
export const jobStartRequestSchema = z.discriminatedUnion('task', [
  z.strictObject({ task: z.literal('permutation-gap'), input: JOB_TASKS['permutation-gap'].input }),
  z.strictObject({ task: z.literal('import-preview'), input: JOB_TASKS['import-preview'].input }),
  z.strictObject({ task: z.literal('import-commit'), input: JOB_TASKS['import-commit'].input }),
  z.strictObject({ task: z.literal('esda-global'), input: JOB_TASKS['esda-global'].input }),
  z.strictObject({ task: z.literal('esda-local'), input: JOB_TASKS['esda-local'].input }),
  z.strictObject({ task: z.literal('index-build'), input: JOB_TASKS['index-build'].input }),
  z.strictObject({ task: z.literal('index-save'), input: JOB_TASKS['index-save'].input }),
  z.strictObject({ task: z.literal('spatial-panel-fit'), input: JOB_TASKS['spatial-panel-fit'].input }),
  z.strictObject({ task: z.literal('gtwr'), input: JOB_TASKS.gtwr.input }),
]);

/** An error of a failed job, as an envelope carries it. */
const jobErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) });

/** `job:status` response. */
export const jobStatusSchema = z.object({
  task: z.string(),
  state: z.enum(JOB_STATES),
  /** Steps done of total (e.g. permutations); total is 0 until the task reports. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  /** Once `done`: the task's result (its `JOB_TASKS[task].result` shape). */
  result: z.unknown().optional(),
  /** Once `failed`: the error with its code, sentence and details. */
  error: jobErrorSchema.optional(),
});

/** Job channels. */
export const jobChannels = defineChannels({
  'job:start': {
    doc: 'Starts a background job (heavy work runs in a worker thread) and returns its id at once.',
    request: jobStartRequestSchema,
    response: z.object({ jobId: z.string() }),
  },
  'job:status': {
    doc: 'State and progress of a job and, once finished, its result or error.',
    request: jobIdSchema,
    response: jobStatusSchema,
  },
  'job:cancel': {
    doc: 'Cancels a running job (its worker is asked to stop, then terminated); false when it is not running.',
    request: jobIdSchema,
    response: z.object({ cancelled: z.boolean() }),
  },
});
