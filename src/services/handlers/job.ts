/**
 * Handlers of the generic job channels (src/contract/job.ts): `job:start` runs a task of the
 * job table and returns its id at once, `job:status` reports progress and the result or
 * error, `job:cancel` aborts it. Each client task is named as the worker task that does its
 * heavy part (services/jobs/tasks.ts); the runner prepares that task's input from the
 * project and the request.
 */
import { toJsonSafe } from '../../core/json';
import { JOB_TASKS, type Handlers, type JobParsedInputOf, type JobResultOf, type JobTaskName } from '../../contract';
import type { jobChannels } from '../../contract/job';
import type { JobControl, JobTable } from '../jobs/job-table';
import type { TaskName } from '../jobs/tasks';
import { compareGroups, type ProjectRegressionContext } from '../regression/project-regression';
import { commitInWorker, previewInWorker, type ImportContext } from './import';
import { panelTransfer, residualTransfer, savedWeights } from '../esda/esda-job';
import { runInWorker } from '../jobs/run-in-worker';
import { indexTaskInput, checkIndexName, writeIndexVariable } from '../composite/index-service';
import { projectPanel } from '../inputs/project-inputs';
import { spatialTransfer, transferWarnings } from '../spatial-panel/spatial-job';
import { gtwrTransfer } from '../gwr/gwr-job';

/** The handlers of the job channels. */
export type JobHandlers = Pick<Handlers, keyof typeof jobChannels>;

/** One runner per client task: from the validated input to the task's result. */
export type JobRunners = { readonly [T in JobTaskName]: (input: JobParsedInputOf<T>, control: JobControl) => Promise<JobResultOf<T>> };

/** Compile-time check: every client task is a task of the worker's registry. */
const everyJobIsAWorkerTask: Exclude<JobTaskName, TaskName> extends never ? true : never = true;
void everyJobIsAWorkerTask;

/** The runners of the app's job tasks over the open project. */
export function projectJobRunners(ctx: ProjectRegressionContext, imports: ImportContext): JobRunners {
  return {
    'permutation-gap': async (input, control) => {
      control.onProgress(0, input.permutations);
      return compareGroups(ctx, input, control.onProgress, control.signal);
    },
    'import-preview': async (input, control) => previewInWorker(imports, input, control),
    'import-commit': async (input, control) => commitInWorker(imports, input, control),
    // The panel, the expressions and the saved matrices are read here (fast); the statistics and
    // their permutations run in the worker with progress and cancel.
    'esda-global': async (input, control) => {
      const store = ctx.store();
      const { panel, warnings } = input.residualsOf !== undefined ? residualTransfer(store, input.residualsOf) : panelTransfer(store, input.variable, input.with);
      const weights = input.weights.map((name) => savedWeights(store, name));
      const r = await runInWorker('esda-global', { panel, weights, request: input }, { onProgress: control.onProgress, signal: control.signal });
      return { ...r, warnings: [...warnings.map((w) => ({ ...w, details: { ...w.details } })), ...r.warnings] };
    },
    'esda-local': async (input, control) => {
      const store = ctx.store();
      const { panel, warnings } = input.residualsOf !== undefined ? residualTransfer(store, input.residualsOf) : panelTransfer(store, input.variable, input.with);
      const r = await runInWorker('esda-local', { panel, weights: savedWeights(store, input.weights), request: input }, { onProgress: control.onProgress, signal: control.signal });
      return { ...r, warnings: [...warnings.map((w) => ({ ...w, details: { ...w.details } })), ...r.warnings] };
    },
    // Composite index: the expressions are evaluated here (fast), the index, its robustness
    // table and obstacle degrees are built in the worker; `index-save` then writes the variable.
    'index-build': async (input, control) => {
      const task = indexTaskInput(projectPanel(ctx.store()), input.recipe, input.robustness);
      return runInWorker('index-build', task, { onProgress: control.onProgress, signal: control.signal });
    },
    'index-save': async (input, control) => {
      const store = ctx.store();
      checkIndexName(store, input.name, input.recipe, input.replace);
      const task = indexTaskInput(projectPanel(store), input.recipe, false);
      const view = await runInWorker('index-save', task, { onProgress: control.onProgress, signal: control.signal });
      return { ...writeIndexVariable(store, { name: input.name, label: input.label, replace: input.replace }, view), view };
    },
    // The panel, the expressions and each W are read or built here (fast); the fits, tests and
    // effect draws run in the worker with progress and cancel.
    'spatial-panel-fit': async (input, control) => {
      const { input: task, warnings } = spatialTransfer(ctx.store(), input);
      const r = await runInWorker('spatial-panel-fit', task, { onProgress: control.onProgress, signal: control.signal });
      return { ...r, warnings: [...transferWarnings(warnings), ...r.warnings] };
    },
    // The panel, the expressions and the locations are read here; searches and fits run in the worker.
    gtwr: async (input, control) => {
      const { transfer, warnings } = gtwrTransfer(ctx.store(), input);
      return runInWorker('gtwr', { transfer, request: input, warnings }, { onProgress: control.onProgress, signal: control.signal });
    },
  };
}

/** The job channels over `jobs`, running tasks with `runners`. */
export function createJobHandlers(jobs: JobTable, runners: JobRunners): JobHandlers {
  return {
    'job:start': async (req) => {
      const run = runners[req.task] as (input: unknown, control: JobControl) => Promise<unknown>;
      const result = JOB_TASKS[req.task].result;
      // The result is checked against the task's schema when the job finishes, as the dispatcher checks responses.
      return { jobId: jobs.start(req.task, async (control) => result.parse(toJsonSafe(await run(req.input, control)))) };
    },
    'job:status': async ({ jobId }) => jobs.status(jobId),
    'job:cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
