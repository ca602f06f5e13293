/**
 * The table of background jobs behind `job:start/status/cancel`: each job is a run of one
 * task with progress, a result or an error, and an `AbortController` its cancel aborts. The
 * heavy part of a task runs in a worker thread (`runInWorker`, keyed by the same task name in
 * ./tasks.ts), so the main thread and the web server never wait on it.
 */
import { randomUUID } from 'node:crypto';
import { CancelledError, InputError, isInputError } from '../../core/errors';

/** States of a job. */
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** What a running task gets: a progress callback and the signal its cancel aborts. */
export interface JobControl {
  readonly onProgress: (done: number, total: number) => void;
  readonly signal: AbortSignal;
}

/** A job as `job:status` reports it. */
export interface JobStatus {
  readonly task: string;
  readonly state: JobState;
  readonly progress: { readonly done: number; readonly total: number };
  readonly result?: unknown;
  readonly error?: { readonly code: string; readonly message: string; readonly details: Record<string, unknown> };
}

interface Job {
  task: string;
  state: JobState;
  done: number;
  total: number;
  result?: unknown;
  error?: JobStatus['error'];
  readonly abort: AbortController;
}

/** Options of a job table. */
export interface JobTableOptions {
  /** Finished jobs kept for their status, oldest dropped first (default 20). */
  readonly keepFinished?: number;
  /** Receives a job's internal (non-InputError) failure; default: stderr. */
  readonly log?: (task: string, error: unknown) => void;
  /** Code and sentence sent for an internal failure. */
  readonly internal: { readonly code: string; readonly message: string };
}

/** Running and recently finished jobs by id. */
export class JobTable {
  private readonly jobs = new Map<string, Job>();
  private readonly keep: number;
  private readonly log: (task: string, error: unknown) => void;

  constructor(private readonly opts: JobTableOptions) {
    this.keep = opts.keepFinished ?? 20;
    this.log = opts.log ?? ((task, e) => console.error(`[rwb] internal error in a ${task} job:`, e));
  }

  /**
   * Start `run` as job of `task` and return its id at once. `run` reports progress through
   * its control and stops with `CancelledError` when the signal aborts; an `InputError` makes
   * the job `failed` with its code, sentence and details; anything else `failed` with the
   * internal sentence (the error itself is logged).
   */
  start(task: string, run: (control: JobControl) => Promise<unknown>): string {
    const job: Job = { task, state: 'running', done: 0, total: 0, abort: new AbortController() };
    const id = randomUUID();
    this.jobs.set(id, job);
    this.prune();
    const control: JobControl = {
      onProgress: (done, total) => {
        if (job.state !== 'running') return;
        job.done = done;
        job.total = total;
      },
      signal: job.abort.signal,
    };
    const settle = (state: JobState, patch: Partial<Job>): void => { Object.assign(job, patch); job.state = state; };
    Promise.resolve()
      .then(() => run(control))
      .then((result) => settle('done', { result, done: job.total }))
      .catch((e: unknown) => {
        if (e instanceof CancelledError || job.abort.signal.aborted) { settle('cancelled', {}); return; }
        if (isInputError(e)) { settle('failed', { error: { code: e.code, message: e.message, details: { ...e.details } } }); return; }
        this.log(task, e);
        settle('failed', { error: { code: this.opts.internal.code, message: this.opts.internal.message, details: {} } });
      });
    return id;
  }

  /**
   * The job's task, state, progress and, once finished, its result or error.
   * @throws InputError `job-unknown` for an id this table does not (or no longer) know.
   */
  status(id: string): JobStatus {
    const job = this.jobs.get(id);
    if (!job) throw new InputError('job-unknown', 'That job is no longer known (it finished long ago or the workbench restarted); run it again.', { jobId: id });
    return {
      task: job.task,
      state: job.state,
      progress: { done: job.done, total: job.total },
      ...(job.state === 'done' ? { result: job.result } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }

  /** Cancel a running job; false when it is unknown or already finished. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.state !== 'running') return false;
    job.abort.abort();
    return true;
  }

  /** Abort every running job (on shutdown). */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.state === 'running') job.abort.abort();
  }

  private prune(): void {
    let finished = [...this.jobs].filter(([, j]) => j.state !== 'running');
    while (finished.length > this.keep) {
      this.jobs.delete(finished[0][0]);
      finished = finished.slice(1);
    }
  }
}
