/**
 * The job runner over worker_threads: the permutation task in a worker gives exactly the direct
 * call's result, progress arrives, AbortSignal cancels (cooperatively, or by terminating a
 * worker that ignores it), errors keep their class and sentence, and the main thread keeps
 * running timers while the worker computes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, InputError, SingularDesignError } from '../../../src/core/errors';
import { medianSplit, permutationGapTest } from '../../../src/models/heterogeneity';
import type { FitOptions } from '../../../src/models/panel/types';
import {
  activeWorkerCount, CANCEL_GRACE_MS, resolveWorkerEntry, runInWorker, runInWorkerEntry, sourceWorkerEntry, type PermutationGapInput,
} from '../../../src/services/jobs';
import { producDesign } from '../../models/heterogeneity/produc-design';

const design = producDesign();
const { unemp: _u, ...plainDesign } = design;
const labels = medianSplit(design.unemp, design.ids).labels;
const options: FitOptions = { model: 'fe', effects: 'twoways', se: 'classical' };
const input = (permutations: number, extra: Partial<PermutationGapInput> = {}): PermutationGapInput => ({
  design: plainDesign, labels, groupA: 'High', groupB: 'Low', options, permutations, seed: 7, ...extra,
});
const testWorker = sourceWorkerEntry(resolve(import.meta.dirname, 'fixtures/test-worker.ts'));

/** The rejection of `p` (fails the test when `p` resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** An AbortController aborted at the first progress message, and that onProgress. */
function abortOnFirstProgress(): { abort: AbortController; onProgress: () => void; abortedAt: () => number } {
  const abort = new AbortController();
  let at = 0;
  return { abort, abortedAt: () => at, onProgress: () => { if (!abort.signal.aborted) { at = Date.now(); abort.abort(); } } };
}

describe('runInWorker', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rwb-jobs-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('runs the permutation test in a worker: the same result as the direct call, with progress', async () => {
    // Reference: permutationGapTest called directly in this thread with the same seed.
    const direct = permutationGapTest(plainDesign, labels, 'High', 'Low', options, { permutations: 60, seed: 7 });
    const progress: [number, number][] = [];
    const inWorker = await runInWorker('permutation-gap', input(60), { onProgress: (d, t) => progress.push([d, t]) });
    expect(inWorker).toEqual(direct);
    expect(inWorker.gaps.map((g) => g.p)).toEqual(direct.gaps.map((g) => g.p));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([60, 60]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThan(progress[i - 1][0]);
    expect(activeWorkerCount()).toBe(0);
  }, 60_000);

  it('cancels through the AbortSignal: CancelledError, and the worker is gone', async () => {
    const a = abortOnFirstProgress();
    const err = await rejection(runInWorker('permutation-gap', input(100_000), { onProgress: a.onProgress, signal: a.abort.signal }));
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as Error).message).toBe('Cancelled by the user.');
    // The task checks the flag after each permutation: it stops well before the grace period.
    expect(Date.now() - a.abortedAt()).toBeLessThan(CANCEL_GRACE_MS + 1000);
    expect(activeWorkerCount()).toBe(0);
    // Already aborted: no worker is started.
    const pre = new AbortController();
    pre.abort();
    expect(await rejection(runInWorker('permutation-gap', input(10), { signal: pre.signal }))).toBeInstanceOf(CancelledError);
    expect(activeWorkerCount()).toBe(0);
  }, 60_000);

  it('terminates a worker that ignores the cancel request after the grace period', async () => {
    const abort = new AbortController();
    const run = runInWorkerEntry(testWorker, 'stubborn', { ms: 20_000 }, { signal: abort.signal });
    await new Promise((r) => setTimeout(r, 1500)); // the worker is spinning by now
    expect(activeWorkerCount()).toBe(1);
    const t0 = Date.now();
    abort.abort();
    expect(await rejection(run)).toBeInstanceOf(CancelledError);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(CANCEL_GRACE_MS - 5);
    expect(waited).toBeLessThan(5000);
    expect(activeWorkerCount()).toBe(0);
  }, 60_000);

  it('an InputError in the task arrives as an InputError with the same code, sentence and details', async () => {
    const err = await rejection(runInWorker('permutation-gap', input(10, { groupB: 'Atlantis' })));
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.code).toBe('hetero-empty-group');
    expect(e.message).toBe('No observations in group "Atlantis".');
    expect(e.details).toEqual({ group: 'Atlantis' });
    const bad = await rejection(runInWorker('permutation-gap', input(0)));
    expect((bad as InputError).message).toBe('The number of permutations must be a positive integer, got 0.');
    const singular = await rejection(runInWorkerEntry(testWorker, 'singular', null));
    expect(singular).toBeInstanceOf(SingularDesignError);
    expect((singular as SingularDesignError).code).toBe('singular-design');
    expect((singular as SingularDesignError).message).toBe('Perfectly collinear regressors: "b" is a linear combination of "a".');
    expect((singular as SingularDesignError).details).toEqual({ names: ['a', 'b'] });
    expect(activeWorkerCount()).toBe(0);
  }, 60_000);

  it('an internal error or an unknown task is a plain Error naming the worker', async () => {
    const crash = await rejection(runInWorkerEntry(testWorker, 'crash', null));
    expect(crash).not.toBeInstanceOf(InputError);
    expect((crash as Error).name).toBe('TypeError');
    expect((crash as Error).message).toBe('in the background worker: boom');
    const unknown = await rejection(runInWorkerEntry(testWorker, 'nope', null));
    expect((unknown as Error).message).toBe('in the background worker: unknown task "nope" (known: permutation-gap, import-preview, import-commit, import-inspect, weights-read, figure-png, esda-global, esda-local, index-build, index-save, spatial-panel-fit, gtwr, gtwr-rows, project-contents, stubborn, crash, singular)');
  }, 60_000);

  it('keeps the main thread responsive: a setInterval ticks while the task runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 10);
    const abort = new AbortController();
    let computing: () => void = () => undefined;
    const started = new Promise<void>((r) => { computing = r; });
    const run = runInWorker('permutation-gap', input(100_000), { signal: abort.signal, onProgress: () => computing() });
    await started; // the worker is computing from here on (100,000 permutations take minutes)
    const t0 = ticks;
    await new Promise((r) => setTimeout(r, 500));
    const during = ticks - t0;
    abort.abort();
    expect(await rejection(run)).toBeInstanceOf(CancelledError);
    clearInterval(timer);
    // A 10 ms timer over 500 ms of computing: ~50 ticks; a blocked thread would give at most 1.
    expect(during).toBeGreaterThan(10);
  }, 60_000);

  it('rejects a structured-clone-unsafe input with a clear error and leaves no worker', async () => {
    const err = await rejection(runInWorkerEntry(testWorker, 'crash', { f: () => 1 }));
    expect((err as Error).name).toBe('DataCloneError');
    expect(activeWorkerCount()).toBe(0);
  }, 30_000);
});

describe('resolveWorkerEntry', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rwb-worker-entry-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('from source: the bootstrap that registers tsx and imports worker.ts', () => {
    const e = resolveWorkerEntry();
    expect(e.script).toBe(resolve(import.meta.dirname, '../../../src/services/jobs/worker-bootstrap.mjs'));
    expect(e.workerData).toEqual({ entry: pathToFileURL(resolve(import.meta.dirname, '../../../src/services/jobs/worker.ts')).href });
  });

  it('bundled: worker.js next to the bundle, or a sentence naming the missing file', () => {
    const main = pathToFileURL(join(tmp, 'main.js')).href;
    expect(() => resolveWorkerEntry(main)).toThrow(
      `The background worker file is missing: ${join(tmp, 'worker.js')}. Build it with \`npm run build\` (vite.main.config.ts writes worker.js next to main.js).`,
    );
    writeFileSync(join(tmp, 'worker.js'), '');
    expect(resolveWorkerEntry(main)).toEqual({ script: join(tmp, 'worker.js') });
    expect(() => sourceWorkerEntry(join(tmp, 'nope.ts'))).toThrow(`The background worker file is missing: ${join(tmp, 'nope.ts')}.`);
  });
});
