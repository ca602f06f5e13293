/** The job table behind job:start/status/cancel: progress, result, cancel, errors, unknown ids. */
import { describe, expect, it, vi } from 'vitest';
import { CancelledError, InputError } from '../../../src/core/errors';
import { JobTable, type JobControl } from '../../../src/services/jobs/job-table';

const INTERNAL = { code: 'internal', message: 'Something went wrong.' };

/** Polls until the job leaves `running` (or 2 s pass). */
async function settled(jobs: JobTable, id: string) {
  for (let i = 0; i < 200 && jobs.status(id).state === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
  return jobs.status(id);
}

describe('JobTable', () => {
  it('reports progress while running, then the result with progress complete', async () => {
    const jobs = new JobTable({ internal: INTERNAL });
    let step: (() => void) | undefined;
    let control: JobControl | undefined;
    const id = jobs.start('demo', async (c) => {
      control = c;
      c.onProgress(0, 3);
      await new Promise<void>((r) => { step = r; });
      c.onProgress(2, 3);
      return { answer: 42 };
    });
    await vi.waitFor(() => expect(control).toBeDefined());
    expect(jobs.status(id)).toEqual({ task: 'demo', state: 'running', progress: { done: 0, total: 3 } });
    step?.();
    expect(await settled(jobs, id)).toEqual({ task: 'demo', state: 'done', progress: { done: 3, total: 3 }, result: { answer: 42 } });
    expect(jobs.cancel(id)).toBe(false);
  });

  it('cancel aborts the signal and the job ends cancelled, without a result', async () => {
    const jobs = new JobTable({ internal: INTERNAL });
    const id = jobs.start('slow', (c) => new Promise((_, reject) => {
      c.onProgress(1, 100);
      c.signal.addEventListener('abort', () => reject(new CancelledError()));
    }));
    await vi.waitFor(() => expect(jobs.status(id).progress.done).toBe(1));
    expect(jobs.cancel(id)).toBe(true);
    const s = await settled(jobs, id);
    expect(s.state).toBe('cancelled');
    expect(s.result).toBeUndefined();
    expect(jobs.cancel(id)).toBe(false);
  });

  it('an InputError fails the job with its code, sentence and details; other errors with the internal sentence, logged', async () => {
    const log = vi.fn();
    const jobs = new JobTable({ internal: INTERNAL, log });
    const bad = jobs.start('demo', async () => { throw new InputError('unknown-group', 'No rows with region_group = "Atlantis".', { value: 'Atlantis' }); });
    expect((await settled(jobs, bad)).error).toEqual({ code: 'unknown-group', message: 'No rows with region_group = "Atlantis".', details: { value: 'Atlantis' } });
    const boom = new TypeError('secret internals');
    const broken = jobs.start('demo', async () => { throw boom; });
    expect((await settled(jobs, broken)).error).toEqual({ ...INTERNAL, details: {} });
    expect(log).toHaveBeenCalledWith('demo', boom);
  });

  it('forgets the oldest finished jobs beyond keepFinished and says so for an unknown id', async () => {
    const jobs = new JobTable({ internal: INTERNAL, keepFinished: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(jobs.start('demo', async () => i));
      await settled(jobs, ids[i]);
    }
    jobs.start('demo', async () => 4);
    expect(() => jobs.status(ids[0])).toThrow('That job is no longer known (it finished long ago or the workbench restarted); run it again.');
    expect(jobs.status(ids[3]).result).toBe(3);
  });
});
