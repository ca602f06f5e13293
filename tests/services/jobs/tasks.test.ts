/**
 * The task registry and the worker loop, in this thread: the permutation task equals the direct
 * call and stops when isCancelled() turns true; serveTasks (over a MessageChannel) throttles
 * progress, always sends the last step, and sees a cancel message or the shared flag.
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors';
import { medianSplit, permutationGapTest } from '../../../src/models/heterogeneity';
import type { FitOptions } from '../../../src/models/panel/types';
import { PROGRESS_INTERVAL_MS, serveTasks } from '../../../src/services/jobs/serve';
import { permutationGapTask, TASKS } from '../../../src/services/jobs/tasks';
import type { FromWorker } from '../../../src/services/jobs/protocol';
import { producDesign } from '../../models/heterogeneity/produc-design';

const { unemp, ...design } = producDesign();
const labels = medianSplit(unemp, design.ids).labels;
const options: FitOptions = { model: 'fe', effects: 'twoways', se: 'classical' };

describe('permutationGapTask', () => {
  it('is permutationGapTest with progress after each permutation', () => {
    // Reference: permutationGapTest called directly with the same seed.
    const direct = permutationGapTest(design, labels, 'High', 'Low', options, { permutations: 15, seed: 4 });
    const calls: number[] = [];
    const r = permutationGapTask({ design, labels, groupA: 'High', groupB: 'Low', options, permutations: 15, seed: 4 }, (d) => calls.push(d), () => false);
    expect(r).toEqual(direct);
    expect(calls).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(TASKS['permutation-gap']).toBe(permutationGapTask);
  });

  it('stops with CancelledError at the first permutation after isCancelled() turns true', () => {
    const calls: number[] = [];
    const run = (): unknown => permutationGapTask(
      { design, labels, groupA: 'High', groupB: 'Low', options, permutations: 1000, seed: 4 }, (d) => calls.push(d), () => calls.length >= 3,
    );
    expect(run).toThrow(CancelledError);
    expect(calls).toEqual([1, 2, 3]);
    const before: number[] = [];
    expect(() => permutationGapTask({ design, labels, groupA: 'High', groupB: 'Low', options, permutations: 10 }, (d) => before.push(d), () => true)).toThrow('Cancelled by the user.');
    expect(before).toEqual([]);
  });
});

describe('serveTasks', () => {
  /** Serve `tasks` on one end of a channel; collect what comes back on the other. */
  function serve(tasks: Parameters<typeof serveTasks>[0]): { send: (m: unknown) => void; messages: FromWorker[]; settled: Promise<void>; flag: Int32Array; close: () => void } {
    const { port1, port2 } = new MessageChannel();
    serveTasks(tasks, port1);
    const messages: FromWorker[] = [];
    const cancelFlag = new SharedArrayBuffer(4);
    let done: () => void = () => undefined;
    const settled = new Promise<void>((r) => { done = r; });
    port2.on('message', (m: FromWorker) => { messages.push(m); if (m.type !== 'progress') done(); });
    return {
      send: (m) => port2.postMessage(m === 'run' ? { type: 'run', task: 't', input: null, cancelFlag } : m),
      messages, settled, flag: new Int32Array(cancelFlag), close: () => { port1.close(); port2.close(); },
    };
  }

  it('throttles progress to one message per interval but always sends the last step', async () => {
    const s = serve({
      t: (_input: null, progress) => {
        const end = Date.now() + 5 * PROGRESS_INTERVAL_MS;
        let i = 0;
        while (Date.now() < end) progress(++i, 1e9);
        progress(1e9, 1e9);
        return i;
      },
    });
    s.send('run');
    await s.settled;
    s.close();
    const progress = s.messages.filter((m) => m.type === 'progress');
    const result = s.messages.find((m) => m.type === 'result');
    expect(result && result.type === 'result' ? (result.value as number) : 0).toBeGreaterThan(100);
    // Five intervals of calls: at most ~6 messages plus the last, never one per call.
    expect(progress.length).toBeLessThanOrEqual(8);
    expect(progress.at(-1)).toEqual({ type: 'progress', done: 1e9, total: 1e9 });
  });

  it('a cancel message reaches an async task through isCancelled, which ends in a cancelled error', async () => {
    const s = serve({
      t: async (_input: null, _progress, isCancelled) => {
        while (!isCancelled()) await new Promise((r) => setTimeout(r, 5));
        throw new CancelledError();
      },
    });
    s.send('run');
    await new Promise((r) => setTimeout(r, 30));
    expect(s.messages).toEqual([]);
    s.send({ type: 'cancel' });
    await s.settled;
    s.close();
    expect(s.messages).toEqual([{ type: 'error', error: { kind: 'cancelled', message: 'Cancelled by the user.' } }]);
    expect(Atomics.load(s.flag, 0)).toBe(1);
  });
});
