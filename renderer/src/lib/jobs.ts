/**
 * Running a background job from the renderer (`job:start`, then `job:status` until it ends):
 * one loop for every screen that starts one (Import, the group comparison, the ESDA tables and
 * LISA). Resolves with the task's result; rejects with the job's own coded error, or with the
 * screen's `failed` / `cancelled` code; reports the job id (for Cancel) and its progress.
 */
import type { JobInputOf, JobResultOf, JobTaskName } from '../../../src/contract';
import { api } from '../api';
import { uiError, type UiErrorCode } from '../i18n/problem';

/** How often the job's status is asked for. */
export const JOB_POLL_MS = 200;

/** Callbacks and the screen's own error codes. */
export interface RunJobOptions {
  readonly onJob?: (jobId: string) => void;
  readonly onProgress?: (p: { done: number; total: number }) => void;
  /** Code raised when the job failed without an error of its own. */
  readonly failed: UiErrorCode;
  /** Code raised when the job was cancelled. */
  readonly cancelled: UiErrorCode;
}

/** Start task `task` with `input` and wait for its end. */
export async function runJob<T extends JobTaskName>(task: T, input: JobInputOf<T>, opts: RunJobOptions): Promise<JobResultOf<T>> {
  const job = await api['job:start']({ task, input } as Parameters<(typeof api)['job:start']>[0]);
  opts.onJob?.(job.jobId);
  for (;;) {
    const s = await api['job:status'](job);
    opts.onProgress?.(s.progress);
    if (s.state === 'done') return s.result as JobResultOf<T>;
    if (s.state === 'failed') throw s.error ? Object.assign(new Error(s.error.message), { code: s.error.code, details: s.error.details }) : uiError(opts.failed);
    if (s.state === 'cancelled') throw uiError(opts.cancelled);
    await new Promise((r) => setTimeout(r, JOB_POLL_MS));
  }
}
