/**
 * The main-thread side of the job runner: start a worker thread for one task, forward its
 * progress, turn its error back into the same typed error, and cancel it through an
 * `AbortSignal` (the worker is asked to stop, and terminated if it does not within
 * `CANCEL_GRACE_MS`). Modelled on MapLibre moving GeoJSON work to its worker.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../../core/errors';
import { deserializeError } from './errors';
import type { FromWorker, ToWorker } from './protocol';
import type { TaskInput, TaskName, TaskResult } from './tasks';

/** How long a cancelled task may take to stop by itself before its worker is terminated. */
export const CANCEL_GRACE_MS = 200;

/** Callbacks and cancellation of one run. */
export interface RunOptions {
  /** Called with (done, total) as the task reports progress (throttled in the worker). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting rejects the run with `CancelledError` and stops the worker. */
  readonly signal?: AbortSignal;
  /** A worker started earlier with {@link prestartWorker} for this entry (used once, then terminated as usual). */
  readonly prestarted?: PrestartedWorker;
}

/** A worker thread started ahead of its task, so its start-up overlaps the caller's own work. */
export interface PrestartedWorker {
  readonly entry: WorkerEntry;
  /** Terminate it if no run took it (idempotent). */
  release(): void;
  /** The thread, taken by the first run (null once taken, released or exited). */
  take(): Worker | null;
}

/**
 * Start a worker of `entry` now, before its task is known (e.g. while the command line reads
 * its input): the thread boots and loads its code meanwhile. Pass it to a run as
 * `RunOptions.prestarted`, or `release()` it.
 */
export function prestartWorker(entry: WorkerEntry): PrestartedWorker {
  let worker: Worker | null = new Worker(entry.script, { workerData: entry.workerData });
  const w = worker;
  let exited = false;
  live.add(w);
  w.once('exit', () => { exited = true; live.delete(w); });
  // an idle prestarted worker must not keep the process alive, nor crash it
  w.unref();
  w.on('error', () => undefined);
  return {
    entry,
    release() { if (worker) { void worker.terminate(); worker = null; } },
    // a thread that died before its task (it could not load) is not handed out: the run starts a new one
    take() { const t = exited ? null : worker; worker = null; return t; },
  };
}

/** The file a worker starts from and the data it gets (`workerData`). */
export interface WorkerEntry {
  readonly script: string;
  readonly workerData?: unknown;
}

/**
 * A worker that runs a TypeScript entry from source: `worker-bootstrap.mjs` (next to this
 * module) registers tsx in the worker, then imports `tsFile`.
 * @throws Error naming the missing file when the bootstrap or `tsFile` does not exist.
 */
export function sourceWorkerEntry(tsFile: string, bootstrapDir = dirname(fileURLToPath(import.meta.url))): WorkerEntry {
  const script = join(bootstrapDir, 'worker-bootstrap.mjs');
  for (const f of [script, tsFile]) {
    if (!existsSync(f)) throw new Error(`The background worker file is missing: ${f}.`);
  }
  return { script, workerData: { entry: pathToFileURL(tsFile).href } };
}

/**
 * Where the job worker is, for the module at `moduleUrl` (default: this module):
 * - from source (`.ts`: Vitest, the CLI through bin/rwb.mjs, `npm run web`): `worker.ts` in
 *   this directory, loaded through `worker-bootstrap.mjs`;
 * - bundled (the Electron main at `.vite/build/main.js`): `worker.js` next to the bundle,
 *   built by the `worker` entry of vite.main.config.ts.
 * @throws Error naming the missing file (e.g. a bundle built without the worker entry).
 */
export function resolveWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  const file = fileURLToPath(new URL(moduleUrl));
  const dir = dirname(file);
  if (extname(file) === '.ts') return sourceWorkerEntry(join(dir, 'worker.ts'), dir);
  const script = join(dir, 'worker.js');
  if (!existsSync(script)) {
    throw new Error(`The background worker file is missing: ${script}. Build it with \`npm run build\` (vite.main.config.ts writes worker.js next to main.js).`);
  }
  return { script };
}

/** Workers started by this module that have not exited yet. */
const live = new Set<Worker>();

/** Number of job workers still alive (0 once every run has settled). */
export function activeWorkerCount(): number {
  return live.size;
}

/**
 * Run task `task` of the app's job worker on `input` in a new worker thread.
 * The promise settles after the worker has exited.
 * @throws (rejects) the task's `InputError` (same class, code, message and details),
 *   `CancelledError` when `signal` aborts, an `Error` when the worker file is missing or the
 *   worker dies.
 */
export function runInWorker<T extends TaskName>(task: T, input: TaskInput<T>, options: RunOptions = {}): Promise<TaskResult<T>> {
  let entry: WorkerEntry;
  try {
    entry = resolveWorkerEntry();
  } catch (e) {
    return Promise.reject(e);
  }
  return runInWorkerEntry(entry, task, input, options) as Promise<TaskResult<T>>;
}

/**
 * `runInWorker` for any worker entry serving a task registry (`serveTasks`), e.g. a test
 * worker. One worker per run; it is terminated once the run settles.
 * @throws (rejects) as `runInWorker`.
 */
export function runInWorkerEntry(entry: WorkerEntry, task: string, input: unknown, options: RunOptions = {}): Promise<unknown> {
  const { onProgress, signal } = options;
  if (signal?.aborted) { options.prestarted?.release(); return Promise.reject(new CancelledError()); }
  return new Promise((resolve, reject) => {
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    const taken = options.prestarted?.entry === entry ? options.prestarted.take() : null;
    const worker = taken ?? new Worker(entry.script, { workerData: entry.workerData });
    if (taken) taken.ref();
    live.add(worker);
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown } | undefined;
    let cancelled = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;

    const settle = (o: NonNullable<typeof outcome>): void => {
      if (outcome) return;
      outcome = cancelled ? { ok: false, error: new CancelledError() } : o;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
    };
    const onAbort = (): void => {
      cancelled = true;
      Atomics.store(flag, 0, 1);
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      killTimer = setTimeout(() => settle({ ok: false, error: new CancelledError() }), CANCEL_GRACE_MS);
    };

    worker.on('message', (m: FromWorker) => {
      if (outcome) return;
      if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'result') settle({ ok: true, value: m.value });
      else settle({ ok: false, error: deserializeError(m.error) });
    });
    worker.on('error', (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      settle({ ok: false, error: new Error(`The background worker failed: ${message}`, { cause: e }) });
    });
    worker.on('exit', (code) => {
      live.delete(worker);
      clearTimeout(killTimer);
      settle({ ok: false, error: new Error(`The background worker stopped unexpectedly (exit code ${code}).`) });
      const o = outcome as NonNullable<typeof outcome>;
      if (o.ok) resolve(o.value);
      else reject(o.error);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      worker.postMessage({ type: 'run', task, input, cancelFlag } satisfies ToWorker);
    } catch (e) {
      settle({ ok: false, error: e });
    }
  });
}
