/**
 * The worker side of the job runner: waits for one `run` message, runs the named task from the
 * registry and posts `progress` (at most every `PROGRESS_INTERVAL_MS`, and always the last
 * step), then `result` or `error`.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { serializeError } from './errors';
import type { FromWorker, ToWorker } from './protocol';
import type { TaskRegistry } from './tasks';

/** Minimum time between two progress messages (the final step is always sent). */
export const PROGRESS_INTERVAL_MS = 16;

/**
 * Serve `tasks` on `port` (the worker's `parentPort`): the loop of the worker entry.
 * Cancellation is seen through the shared cancel flag (set by the main thread even while a
 * synchronous task blocks this thread) and through a `cancel` message.
 * @throws Error when called outside a worker thread (no port).
 */
export function serveTasks(tasks: TaskRegistry, port: MessagePort | null = parentPort): void {
  if (!port) throw new Error('serveTasks must run inside a worker thread (no parentPort).');
  const p = port;
  let flag: Int32Array | null = null;
  let cancelledEarly = false;
  const post = (m: FromWorker): void => p.postMessage(m);
  p.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') {
      if (flag) Atomics.store(flag, 0, 1);
      else cancelledEarly = true;
      return;
    }
    flag = new Int32Array(m.cancelFlag);
    if (cancelledEarly) Atomics.store(flag, 0, 1);
    void run(m.task, m.input, flag);
  });

  async function run(name: string, input: unknown, cancel: Int32Array): Promise<void> {
    let last = 0;
    const progress = (done: number, total: number): void => {
      const now = Date.now();
      if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      post({ type: 'progress', done, total });
    };
    try {
      const task = Object.hasOwn(tasks, name) ? tasks[name] : undefined;
      if (!task) throw new Error(`unknown task "${name}" (known: ${Object.keys(tasks).join(', ')})`);
      const value = await task(input as never, progress, () => Atomics.load(cancel, 0) !== 0);
      post({ type: 'result', value });
    } catch (e) {
      post({ type: 'error', error: serializeError(e) });
    }
  }
}
