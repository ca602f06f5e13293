/**
 * The bandwidth and τ searches split over threads: a pool of persistent worker threads for the
 * duration of one search (src/models/gwr/select.ts with an injected RowScorer). Each thread
 * owns a fixed set of the 256-row blocks of src/models/gwr/row-blocks.ts (block b belongs to
 * thread b mod T; thread 0 is the calling thread) with its own space–time index, sweeper state
 * and sweep cache for its rows, and returns per-block partial sums; the calling thread adds the
 * blocks in block order, so 1, 2 or 3 threads give bit-identical profiles.
 *
 * The search calls the scorer synchronously, so the pool talks to its workers without the event
 * loop: a request is posted on each worker's MessagePort and a shared sequence number is bumped
 * (Atomics.notify); a worker blocked in Atomics.wait wakes, takes the request with
 * receiveMessageOnPort, computes its blocks, posts the reply and bumps a shared done counter.
 * Meanwhile the calling thread computes its own blocks, then waits on the done counter (in
 * slices of WAIT_MS, calling `signal` between them) and takes the replies the same way.
 * Cancel: `signal` throwing (in this thread's blocks or while waiting) sets a shared cancel
 * flag the workers check every 32 rows; `close()` (always called when the search ends, fails or
 * is cancelled) terminates the workers. The worker side is `serveSearchRows`, started by the
 * light `gtwr-rows` worker entry (./rows-worker.ts) when its workerData carries `gtwrSearch`.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CancelledError } from '../../core/errors';
import type { GtwrProblem, GtwrSpec } from '../../models/gwr/fit';
import type { GwrKernel } from '../../models/gwr/kernels';
import type { GwrDesign } from '../../models/gwr/local-fit';
import { blockCount, blocksOf, combineBlocks, SUMS } from '../../models/gwr/row-blocks';
import { fitBlockSums, fitSumsOf, type RowScorer } from '../../models/gwr/row-scorer';
import { createSpaceTimeIndex, type SpaceTimeMetric, type SpaceTimePoints } from '../../models/gwr/space-time';
import { buildSweepCache, createBlockSweeper, type BlockSweeper, type SweepCache } from '../../models/gwr/sweep';
import { deserializeError, serializeError } from '../jobs/errors';
import type { SerializedError } from '../jobs/protocol';
import { sourceWorkerEntry, type WorkerEntry } from '../jobs/run-in-worker';

/**
 * Observations below which a search stays in one thread. Measured on the 2-core benchmark
 * machine at load ≈ 1 (bundled `rwb gtwr`, bisquare adaptive): a bandwidth + τ search of 3,990
 * rows took 4.0–4.3 s in one thread and 4.2–4.4 s over two (CPU 4.6 s → 7.1 s: two threads slow
 * each other on memory, and each worker builds its own index and caches); a bandwidth search of
 * 20,000 rows took 5.35 s in one thread and 4.19 s over two. The split pays only on larger
 * problems, hence 10,000.
 */
export const SEARCH_PARALLEL_MIN_ROWS = 10_000;

/** Longest single wait of the calling thread before it calls `signal` again (ms). */
const WAIT_MS = 20;

/** Slots of the shared control array. */
const SEQ = 0, DONE = 1, CANCEL = 2, READY = 3;

/** What a search worker gets at start (workerData.gtwrSearch). */
export interface SearchWorkerInit {
  readonly ctrl: SharedArrayBuffer;
  readonly port: MessagePort;
  readonly thread: number;
  readonly threads: number;
  readonly design: GwrDesign;
  readonly points: SpaceTimePoints;
  readonly periods: number;
}

type Request =
  | { readonly op: 'score'; readonly id: number; readonly kernel: GwrKernel; readonly metric: SpaceTimeMetric; readonly ks: number[]; readonly cacheKMax?: number }
  | { readonly op: 'fit'; readonly spec: GtwrSpec };

type Reply = { readonly parts: Float64Array } | { readonly error: SerializedError };

/** A scorer that holds threads: close it when the search is over. */
export interface SearchPool extends RowScorer {
  /** Terminate the workers (idempotent); resolves once they have exited. */
  close(): Promise<void>;
}

/** Options of a pool. */
export interface SearchPoolOptions {
  /** Threads in all, this one included (the pool starts threads − 1 workers). */
  readonly threads: number;
  /**
   * Worker entry serving `gtwrSearch` (./rows-worker.ts: the CLI's cliWorkerEntry, or
   * searchWorkerEntry), or a function resolving it only when a pool is opened.
   */
  readonly entry: WorkerEntry | (() => WorkerEntry);
  /** Called now and then (also while waiting for the workers); throw to cancel. */
  readonly signal?: () => void;
  /** Rows below which no pool is opened (default SEARCH_PARALLEL_MIN_ROWS). */
  readonly minRows?: number;
}

/** Search workers started by this module that have not exited yet. */
const live = new Set<Worker>();

let started = 0;

/** Number of search workers still alive (0 once every pool is closed). */
export function activeSearchWorkerCount(): number {
  return live.size;
}

/** Number of search workers started by this process so far. */
export function searchWorkersStarted(): number {
  return started;
}

/**
 * The entry of the search workers for the app's job worker: from source (`.ts`), ./rows-worker.ts
 * through the tsx bootstrap; bundled (the Electron build), `gtwr-rows-worker.js` beside this
 * module's bundle (the `gtwr-rows-worker` entry of vite.main.config.ts).
 * @throws Error naming the missing file.
 */
export function searchWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  const file = fileURLToPath(new URL(moduleUrl));
  if (extname(file) === '.ts') return sourceWorkerEntry(join(dirname(file), 'rows-worker.ts'));
  const script = join(dirname(file), 'gtwr-rows-worker.js');
  if (!existsSync(script)) throw new Error(`The GTWR search worker file is missing: ${script}. Build it with \`npm run build\` (vite.main.config.ts writes gtwr-rows-worker.js next to main.js).`);
  return { script };
}

/**
 * Open a pool for the searches of `problem` (its design and space–time points), or null when
 * `threads` < 2 or the problem is below `minRows` (the search then runs in this thread).
 * Resolves once every worker has built its index.
 * @throws (rejects) CancelledError when `signal` throws meanwhile; an Error when the entry is
 *   missing or a worker fails to start.
 */
export async function openSearchPool(problem: GtwrProblem, points: SpaceTimePoints, opts: SearchPoolOptions): Promise<SearchPool | null> {
  const n = problem.design.n;
  const T = Math.min(opts.threads, blockCount(n));
  if (T < 2 || n < (opts.minRows ?? SEARCH_PARALLEL_MIN_ROWS)) return null;
  const entry = typeof opts.entry === 'function' ? opts.entry() : opts.entry;
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * 4));
  const { p, X, y, names } = problem.design;
  const design: GwrDesign = { n, p, X, y, names: [...names] };
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    Atomics.store(ctrl, CANCEL, 1);
    for (const port of ports) port.close();
    await Promise.all(workers.map((w) => w.terminate()));
  };
  const failed: unknown[] = [];
  for (let t = 1; t < T; t++) {
    const { port1, port2 } = new MessageChannel();
    const init: SearchWorkerInit = { ctrl: ctrl.buffer as SharedArrayBuffer, port: port2, thread: t, threads: T, design, points, periods: problem.periods };
    const base = (entry.workerData ?? {}) as Record<string, unknown>;
    const w = new Worker(entry.script, { workerData: { ...base, gtwrSearch: init }, transferList: [port2] });
    live.add(w);
    started++;
    w.on('exit', () => live.delete(w));
    w.on('error', (e) => failed.push(e));
    workers.push(w);
    ports.push(port1);
  }
  try {
    // the workers boot while the event loop is free; the search itself never yields to it
    for (;;) {
      opts.signal?.();
      if (failed.length > 0) {
        const e = failed[0];
        throw new Error(`A GTWR search worker failed to start: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      if (Atomics.load(ctrl, READY) >= T - 1) break;
      await new Promise((r) => setTimeout(r, 2));
    }
  } catch (e) {
    await close();
    throw e;
  }
  return poolScorer(problem, T, ctrl, ports, opts.signal, close);
}

/** The calling thread's side of an open pool. */
function poolScorer(problem: GtwrProblem, T: number, ctrl: Int32Array, ports: MessagePort[], signal: (() => void) | undefined, close: () => Promise<void>): SearchPool {
  const n = problem.design.n;
  const nB = blockCount(n);
  const owned = Array.from({ length: T }, (_, t) => blocksOf(n, t, T));
  let expected = 0;
  let broken = false;
  /** `signal`, and on cancel the workers told to stop too. */
  const guarded = (): void => {
    try {
      signal?.();
    } catch (e) {
      broken = true;
      Atomics.store(ctrl, CANCEL, 1);
      throw e;
    }
  };
  const post = (req: Request): void => {
    if (broken) throw new CancelledError();
    for (const port of ports) port.postMessage(req);
    expected += ports.length;
    Atomics.add(ctrl, SEQ, 1);
    Atomics.notify(ctrl, SEQ);
  };
  /** Wait for every worker's reply to the last request. */
  const collect = (): Float64Array[] => {
    for (;;) {
      const v = Atomics.load(ctrl, DONE);
      if (v >= expected) break;
      Atomics.wait(ctrl, DONE, v, WAIT_MS);
      guarded();
    }
    const out: Float64Array[] = [];
    let error: Error | undefined;
    for (const port of ports) {
      const m = receiveMessageOnPort(port);
      if (!m) throw new Error('A GTWR search worker finished without a reply.');
      const r = m.message as Reply;
      if ('error' in r) error ??= deserializeError(r.error);
      else out.push(r.parts);
    }
    if (error) throw error;
    return out;
  };
  /**
   * Post `req`, compute this thread's blocks with `mine`, collect the workers' and lay every
   * block's `width` numbers out in block order.
   */
  const run = (req: Request, width: number, mine: () => Float64Array): Float64Array => {
    post(req);
    let parts: Float64Array[];
    try {
      const own = mine();
      parts = [own, ...collect()];
    } catch (e) {
      // the threads' sweep states may differ now: the pool serves no further request
      broken = true;
      Atomics.store(ctrl, CANCEL, 1);
      throw e;
    }
    const all = new Float64Array(nB * width);
    for (let t = 0; t < T; t++) {
      const blocks = owned[t], part = parts[t];
      for (let ob = 0; ob < blocks.length; ob++) all.set(part.subarray(ob * width, (ob + 1) * width), blocks[ob] * width);
    }
    return all;
  };
  let sweeperId = 0;
  return {
    threads: T,
    sweeper(kernel, metric) {
      const id = ++sweeperId;
      const bs = createBlockSweeper(problem, kernel, metric, owned[0], guarded);
      let cache: SweepCache | undefined;
      return {
        score(ks, cacheKMax) {
          if (id !== sweeperId) throw new Error('This GTWR sweeper was replaced by a newer one (one search at a time per pool).');
          const K = ks.length;
          const all = run({ op: 'score', id, kernel, metric: { tau: metric.tau, pastOnly: metric.pastOnly ?? false }, ks: [...ks], cacheKMax }, K * SUMS, () => {
            if (cacheKMax !== undefined && cache?.kMax !== cacheKMax) cache = buildSweepCache(problem, cacheKMax, metric, guarded, bs.rows);
            return bs.score(ks, cache);
          });
          return { ks, ...combineBlocks(all, nB, K) };
        },
      };
    },
    fit(spec) {
      const all = run({ op: 'fit', spec }, SUMS, () => fitBlockSums(problem, spec, owned[0], guarded));
      return fitSumsOf(all, nB);
    },
    close,
  };
}

/**
 * The worker side (thread `init.thread` of a pool): build the index, then answer requests until
 * terminated. Never returns to the event loop while serving.
 */
export function serveSearchRows(init: SearchWorkerInit): void {
  const ctrl = new Int32Array(init.ctrl);
  const problem: GtwrProblem = { design: init.design, index: createSpaceTimeIndex(init.points), periods: init.periods };
  const blocks = blocksOf(problem.design.n, init.thread, init.threads);
  const signal = (): void => { if (Atomics.load(ctrl, CANCEL) !== 0) throw new CancelledError(); };
  let sw: { id: number; bs: BlockSweeper; cache?: SweepCache } | undefined;
  const handle = (req: Request): Float64Array => {
    if (req.op === 'fit') return fitBlockSums(problem, req.spec, blocks, signal);
    if (!sw || sw.id !== req.id) sw = { id: req.id, bs: createBlockSweeper(problem, req.kernel, req.metric, blocks, signal) };
    if (req.cacheKMax !== undefined && sw.cache?.kMax !== req.cacheKMax) sw.cache = buildSweepCache(problem, req.cacheKMax, req.metric, signal, sw.bs.rows);
    return sw.bs.score(req.ks, sw.cache);
  };
  Atomics.add(ctrl, READY, 1);
  Atomics.notify(ctrl, READY);
  for (;;) {
    const seq = Atomics.load(ctrl, SEQ);
    const m = receiveMessageOnPort(init.port);
    if (!m) {
      Atomics.wait(ctrl, SEQ, seq);
      continue;
    }
    let reply: Reply;
    try {
      const parts = handle(m.message as Request);
      reply = { parts };
    } catch (e) {
      sw = undefined; // a pass stopped half-way leaves no state to resume from
      reply = { error: serializeError(e) };
    }
    init.port.postMessage(reply, 'parts' in reply ? [reply.parts.buffer as ArrayBuffer] : []);
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}
