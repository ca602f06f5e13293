/**
 * A GTWR fit split by observations over threads: each thread fits a block of rows in full
 * (β, C diagonals, S_ii, the hat row sums; models/gwr fitBlock) and `assembleFit` joins the
 * blocks. Kept apart from the project-reading job (./gwr-job.ts) so the `gtwr-rows` worker
 * (./rows-worker.ts, the command line's worker) loads only the local-fit code.
 *
 * - The app: the `gtwr` job worker starts one `gtwr-rows` worker per core (runInWorker, the app's
 *   task registry) and waits.
 * - `rwb gtwr`: this thread fits the first block itself and one `gtwr-rows` worker per other
 *   core (the light entry ./rows-worker.ts) fits the rest, so two cores finish in about half
 *   the time of one.
 */
import { availableParallelism } from 'node:os';
import { CancelledError } from '../../core/errors';
import { allRows, fitBlock, type GtwrProblem, type GtwrSpec } from '../../models/gwr/fit';
import type { GwrDesign, RowBlock } from '../../models/gwr/local-fit';
import { createSpaceTimeIndex, type SpaceTimePoints } from '../../models/gwr/space-time';
import { runInWorker, runInWorkerEntry, type PrestartedWorker, type WorkerEntry } from '../jobs/run-in-worker';
import type { GwrData, RowFitter } from './gwr-service';

/**
 * Input of the `gtwr-rows` worker task: one block of a fit, with the problem as built once on
 * the calling side (design and space–time points as typed arrays: the worker only rebuilds the
 * k-d tree, not the panel rows).
 */
export interface GtwrRowsInput {
  readonly design: GwrDesign;
  readonly points: SpaceTimePoints;
  readonly periods: number;
  readonly spec: GtwrSpec;
  readonly rows: Int32Array;
}

/**
 * Observations below which the fit stays in one thread. Measured on the 2-core benchmark machine
 * at load ≈ 1 (whole `rwb gtwr` processes, bisquare k = 100): 5,000 rows 0.69 s in one thread and
 * 0.79 s split (the worker's start, its own index and a cold JIT, and two threads slowing each
 * other on memory: a 3,000-row block took longer than all 5,000 rows alone); 20,000 rows 1.45 s
 * in one thread and 1.28 s split. Hence 10,000.
 */
export const PARALLEL_MIN_ROWS = 10_000;

/** The `gtwr-rows` input of a block of rows of `data`. */
export function rowsInput(data: GwrData, spec: GtwrSpec, rows: Int32Array): GtwrRowsInput {
  const { n, p, X, y, names } = data.problem.design;
  return { design: { n, p, X, y, names: [...names] }, points: data.points, periods: data.problem.periods, spec, rows };
}

/**
 * Split 0 … n−1 into `parts` contiguous blocks; with `firstShare` the first block gets that
 * fraction of the rows (the calling thread's block, while the others wait for their worker to
 * start) and the rest are split evenly.
 */
export function splitRows(n: number, parts: number, firstShare?: number): Int32Array[] {
  const out: Int32Array[] = [];
  const block = (s: number, e: number): void => {
    const r = new Int32Array(e - s);
    for (let i = s; i < e; i++) r[i - s] = i;
    out.push(r);
  };
  let s = 0;
  if (firstShare !== undefined && parts > 1) {
    const first = Math.min(n, Math.max(1, Math.round(n * firstShare)));
    block(0, first);
    s = first;
    parts -= 1;
  }
  const size = Math.ceil((n - s) / parts);
  for (; s < n; s += size) block(s, Math.min(n, s + size));
  return out;
}

/** How a parallel fitter runs its blocks. */
export interface ParallelOptions {
  /** Worker entry serving `gtwr-rows` (default: the app's job worker, runInWorker). */
  readonly entry?: WorkerEntry;
  /**
   * Fit the first block in the calling thread while the workers fit the others (the command
   * line). The calling thread is busy meanwhile: cancellation is seen between rows through
   * `signal` only.
   */
  readonly shareThisThread?: boolean;
  /** Rows below which everything is fitted in this thread (default PARALLEL_MIN_ROWS). */
  readonly minRows?: number;
  /** Workers of `entry` started ahead (prestartWorker), taken by the blocks in order; the rest released. */
  readonly prestarted?: readonly PrestartedWorker[];
}

/**
 * Share of the rows the calling thread takes when it fits alongside `workers − 1` workers:
 * a little more than 1/workers, as each worker first starts a thread and loads its code
 * (≈ 40 ms on the benchmark machine, plus building its own space–time index).
 */
function thisThreadShare(workers: number): number {
  return Math.min(0.9, (1 / workers) * 1.2);
}

/**
 * A fitter that splits the rows over `workers` threads (`gtwr-rows`), aborted by `signal`,
 * with the rows fitted so far over all threads reported to `onProgress` (done, n).
 * Below `minRows` rows, or with one thread, it fits in this thread.
 */
export function parallelFitter(signal?: AbortSignal, workers = Math.max(1, availableParallelism()), onProgress?: (done: number, total: number) => void, options: ParallelOptions = {}): RowFitter {
  return async (data, spec) => {
    try {
      return await fitSplit(data, spec);
    } finally {
      for (const w of options.prestarted ?? []) w.release();
    }
  };
  async function fitSplit(data: GwrData, spec: GtwrSpec): Promise<RowBlock[]> {
    const n = data.problem.design.n;
    const local = (rows: Int32Array): RowBlock => fitBlock(data.problem, spec, rows, {
      signal: () => { if (signal?.aborted) throw new CancelledError(); },
    });
    if (workers < 2 || n < (options.minRows ?? PARALLEL_MIN_ROWS)) return [local(allRows(n))];
    const share = options.shareThisThread === true;
    const blocks = splitRows(n, workers, share ? thisThreadShare(workers) : undefined);
    const done = new Array<number>(blocks.length).fill(0);
    const report = (w: number, d: number): void => { done[w] = d; onProgress?.(done.reduce((a, b) => a + b, 0), n); };
    // the workers stop when `signal` aborts, or when this thread's own block fails
    const stop = new AbortController();
    if (signal?.aborted) stop.abort();
    signal?.addEventListener('abort', () => stop.abort(), { once: true });
    const run = (rows: Int32Array, w: number): Promise<RowBlock> => {
      const input = rowsInput(data, spec, rows);
      const opts = { signal: stop.signal, onProgress: (d: number) => report(w, d), prestarted: options.prestarted?.[w - (share ? 1 : 0)] };
      return options.entry ? runInWorkerEntry(options.entry, 'gtwr-rows', input, opts) as Promise<RowBlock> : runInWorker('gtwr-rows', input, opts);
    };
    // the workers are started first, so they boot while this thread fits its own block
    const remote = blocks.slice(share ? 1 : 0).map((rows, w) => run(rows, share ? w + 1 : w));
    if (!share) return Promise.all(remote);
    let mine: RowBlock;
    try {
      mine = local(blocks[0]);
    } catch (e) {
      for (const r of remote) r.catch(() => undefined); // settled by the abort, not awaited
      stop.abort();
      throw e;
    }
    report(0, blocks[0].length);
    return [mine, ...(await Promise.all(remote))];
  }
}

/** The `gtwr-rows` task (worker side): one block of the local fits, with progress. @throws CancelledError. */
export function gtwrRowsTask(input: GtwrRowsInput, progress: (done: number, total: number) => void, isCancelled: () => boolean): RowBlock {
  const problem: GtwrProblem = { design: input.design, index: createSpaceTimeIndex(input.points), periods: input.periods };
  const total = input.rows.length;
  progress(0, total);
  let calls = 0;
  // fitRows calls the signal every 64 rows
  const b = fitBlock(problem, input.spec, input.rows, {
    signal: () => {
      if (isCancelled()) throw new CancelledError();
      if ((++calls & 15) === 0) progress(Math.min(total, calls * 64), total);
    },
  });
  progress(total, total);
  return b;
}
