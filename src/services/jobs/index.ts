/** Heavy work in `worker_threads` with progress and cancellation. */
export { activeWorkerCount, CANCEL_GRACE_MS, resolveWorkerEntry, runInWorker, runInWorkerEntry, sourceWorkerEntry, type RunOptions, type WorkerEntry } from './run-in-worker';
export type { PermutationGapInput, Progress, TaskFn, TaskInput, TaskName, TaskRegistry, TaskResult } from './tasks';
export { JobTable, type JobControl, type JobState, type JobStatus, type JobTableOptions } from './job-table';
