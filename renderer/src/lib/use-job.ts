/**
 * The state every screen keeps around a background job — busy, progress, the job id for
 * Cancel, the error to show — and the one way to run one (`runJob`) and to cancel it. Used by
 * the ESDA, Index, Spatial panel and GTWR tabs and the group comparison.
 */
import { useState } from 'react';
import type { JobInputOf, JobResultOf, JobTaskName } from '../../../src/contract';
import { api } from '../api';
import { toProblem, type Problem, type UiErrorCode } from '../i18n/problem';
import { runJob } from './jobs';

/** The screen's codes for a job that failed without an error of its own, or was cancelled. */
export interface JobCodes {
  readonly failed: UiErrorCode;
  readonly cancelled: UiErrorCode;
}

/** A screen's job state and its `run` / `cancel`. */
export function useJob(codes: JobCodes) {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  /** Run `task`: its result, or null once the error is shown. */
  const run = async <T extends JobTaskName>(task: T, input: JobInputOf<T>): Promise<JobResultOf<T> | null> => {
    setBusy(true);
    setError(null);
    setProgress({ done: 0, total: 0 });
    try {
      return await runJob(task, input, { onJob: setJobId, onProgress: setProgress, ...codes });
    } catch (e) {
      setError(toProblem(e));
      return null;
    } finally {
      setBusy(false);
      setJobId(null);
      setProgress(null);
    }
  };
  const cancel = () => {
    if (jobId) api['job:cancel']({ jobId }).catch((e: unknown) => setError(toProblem(e)));
  };
  return { busy, progress, jobId, error, setError, run, cancel };
}
