/**
 * The registry of heavy tasks the job worker can run: task name → pure function of
 * (input, progress, isCancelled). Inputs and results must be structured-cloneable; a task
 * that sees `isCancelled()` throws `CancelledError`.
 */
import type { FitOptions, PanelDesign } from '../../models/panel/types';
import { permutationGapTest, type PermutationTest } from '../../models/heterogeneity/permutation';
import { CancelledError } from '../../core/errors';
import { commitImportJob, inspectImportJob, previewImportJob, type ImportJobInput, type InspectJobInput } from '../import/import-job';
import type { Inspection } from '../import/inspect';
import type { ImportPreview, ImportResult } from '../import/import-service';
import type { LocalFileRef } from '../import/uploads';
import { readUploaded } from '../weights/project-weights';
import { renderPng, type PngJob } from '../figures/png';
import { esdaGlobalTask, esdaLocalTask } from '../esda/esda-job';
import { buildIndexView } from '../composite/index-view';
import { spatialPanelTask } from '../spatial-panel/spatial-job';
import { gtwrTask } from '../gwr/gwr-job';
import { gtwrRowsTask } from '../gwr/gwr-rows';
import { ProjectStore } from '../../store/project-store';
import { projectContents, type ProjectContents } from '../projects/contents';

/** Report `done` of `total` steps (the worker forwards it, throttled, to the main thread). */
export type Progress = (done: number, total: number) => void;

/** A task: runs in the worker thread, reports progress, stops with `CancelledError` when `isCancelled()`. */
export type TaskFn<TInput, TResult> = (input: TInput, progress: Progress, isCancelled: () => boolean) => TResult | Promise<TResult>;

/** Any registry of tasks (the worker's, or a test worker's). */
export type TaskRegistry = Readonly<Record<string, TaskFn<never, unknown>>>;

/** Input of the `permutation-gap` task: the arguments of `permutationGapTest` without callbacks. */
export interface PermutationGapInput {
  readonly design: PanelDesign;
  readonly labels: readonly string[];
  readonly groupA: string;
  readonly groupB: string;
  readonly options: FitOptions;
  readonly permutations?: number;
  readonly seed?: number;
  readonly coefficients?: readonly string[];
}

/**
 * `permutationGapTest` (Fisher permutation test of β_A − β_B, seeded) as a task: progress after
 * each permutation, cancellation checked between permutations. Same result as the direct call
 * for the same input and seed.
 * @throws as `permutationGapTest`; CancelledError when cancelled.
 */
export function permutationGapTask(input: PermutationGapInput, progress: Progress, isCancelled: () => boolean): PermutationTest {
  const abort = new AbortController();
  if (isCancelled()) abort.abort();
  const { design, labels, groupA, groupB, options, permutations, seed, coefficients } = input;
  return permutationGapTest(design, labels, groupA, groupB, options, {
    permutations, seed, coefficients, signal: abort.signal,
    onProgress: (done, total) => {
      progress(done, total);
      if (isCancelled()) abort.abort();
    },
  });
}

/** `previewImport` in the worker (reads and checks, writes nothing). @throws as previewImport; CancelledError. */
export function importPreviewTask(input: ImportJobInput, progress: Progress, isCancelled: () => boolean): Promise<ImportPreview> {
  return previewImportJob(input, { onProgress: progress, isCancelled });
}

/** `commitImport` in the worker, on its own connection, in one transaction. @throws as commitImport; CancelledError. */
export function importCommitTask(input: ImportJobInput, progress: Progress, isCancelled: () => boolean): Promise<ImportResult> {
  return commitImportJob(input, { onProgress: progress, isCancelled });
}

/** A weights file as read: ids and the original weights as (row, column, value) triplets. */
export interface WeightsTriplets {
  readonly ids: string[];
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

/**
 * Read a weights file (.gal, .gwt, .kwt, .json, dense .csv/.xlsx) given by path or upload in
 * the worker. The main side has already applied the path policy.
 * @throws the readers' InputErrors; CancelledError.
 */
export async function weightsReadTask(input: { readonly file: LocalFileRef }, progress: Progress, isCancelled: () => boolean): Promise<WeightsTriplets> {
  progress(0, 1);
  const w = (await readUploaded(input.file, true)).original();
  if (isCancelled()) throw new CancelledError();
  const { rowPtr, colIndex, values } = w.matrix;
  const rows = new Int32Array(colIndex.length);
  for (let i = 0; i < w.n; i++) rows.fill(i, rowPtr[i], rowPtr[i + 1]);
  progress(1, 1);
  return { ids: [...w.ids], rows, cols: Int32Array.from(colIndex), values: Float64Array.from(values) };
}

/**
 * Rasterise a figure's SVG to PNG (resvg, shipped fonts, pHYs) in the worker: a big map takes
 * long enough to stall the main thread and the web server. Same bytes as `renderPng` called directly.
 * @throws InputError `figure-png-too-large` and the font loader's errors; CancelledError.
 */
export function figurePngTask(input: PngJob, progress: Progress, isCancelled: () => boolean): Uint8Array {
  progress(0, 1);
  if (isCancelled()) throw new CancelledError();
  const png = renderPng(input);
  progress(1, 1);
  return png;
}

/** The Import dialog's column and field lists (`import:inspect`): reads the files in the worker. */
export function importInspectTask(input: InspectJobInput): Promise<Inspection> {
  return inspectImportJob(input);
}

/**
 * The project explorer's counts (`project:contents`) on a read-only connection of its own: on a
 * large project they read the whole observations table (seconds for millions of cells).
 */
export function projectContentsTask(input: { readonly projectPath: string }): ProjectContents {
  const store = ProjectStore.open(input.projectPath, { readonly: true });
  try {
    return projectContents(store);
  } finally {
    store.close();
  }
}

/** The tasks of the app's job worker (`worker.ts`). */
export const TASKS = {
  'permutation-gap': permutationGapTask,
  'import-preview': importPreviewTask,
  'import-commit': importCommitTask,
  'import-inspect': importInspectTask,
  'weights-read': weightsReadTask,
  'figure-png': figurePngTask,
  'esda-global': esdaGlobalTask,
  'esda-local': esdaLocalTask,
  'index-build': buildIndexView,
  'index-save': buildIndexView,
  'spatial-panel-fit': spatialPanelTask,
  gtwr: gtwrTask,
  'gtwr-rows': gtwrRowsTask,
  'project-contents': projectContentsTask,
} as const satisfies TaskRegistry;

/** Name of a task of the app's worker. */
export type TaskName = keyof typeof TASKS;
/** Input of task `T`. */
export type TaskInput<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
/** Result of task `T`. */
export type TaskResult<T extends TaskName> = Awaited<ReturnType<(typeof TASKS)[T]>>;
