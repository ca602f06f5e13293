/**
 * Import off the main thread (issue 8): the main thread's longest stall while a 200 MB CSV
 * (50 numeric columns, ≈ 440,000 rows, ≈ 22 million cells) goes through `import:commit` of
 * the app service's dispatcher — parsed, checked and written by the job worker. Measured with
 * `perf_hooks.monitorEventLoopDelay` (1 ms resolution) and a 1 ms `setInterval` lag monitor;
 * target under 100 ms. `seconds` is the longest stall; an idle baseline of the same monitor
 * (30 s before the import) is recorded beside it. The file (≥ 200 MB) and the project live in a
 * temporary folder removed at the end. Takes about 5 minutes (the worker writes ≈ 22 million
 * observations in one transaction).
 *
 * `import-200mb-upload-…` measures the app's own path in web mode: the real loopback server, a
 * 199 MiB CSV (just under MAX_UPLOAD_BYTES) sent by chunked upload (`upload:begin`, then 4 MB
 * `POST /upload` chunks, as the renderer does) and committed by handle. Client and server share
 * this event loop, so the stall includes the client's side of the upload.
 *
 * `import-2m-long-streamed` (issue 13): a 2,000,000-row long CSV (40,000 regions × 50 years,
 * `id, year, v1…v10`, ≈ 212 MB) committed through `import:commit` of the app service — the
 * job worker streams the file into typed columns and writes ≈ 20 million observations in
 * primary-key order in one transaction. It runs in a child process of its own, so its peak
 * RSS (`process.resourceUsage().maxRSS`, worker included) is the import's alone. Targets from
 * the issue: under 60 s, under 1 GB. Where Rscript is installed, R's `read.csv` of the same
 * file is timed beside it (reading only; R writes nothing) and the ratio recorded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { BenchCase } from '../run';
import { createDispatcher } from '../../src/services/handlers';
import { AppService } from '../../src/services/handlers/app';
import { open } from 'node:fs/promises';
import { MAX_UPLOAD_CHUNK_BYTES, TOKEN_HEADER } from '../../src/contract';
import { ProjectStore } from '../../src/store/project-store';
import { startWebServer } from '../../src/transport/web-server';
import { shapeForMegabytes, writeBigCsv } from '../../tests/services/import/fixtures/big-csv';
import { rscript } from '../process';

/** The streamed-import case's file: 40,000 regions × 50 years = 2,000,000 rows, 10 numeric columns. */
const LONG_SHAPE = { regions: 40_000, years: 50, columns: 10 } as const;

/** Set in the child process that runs the streamed import (this module, run by `node --import tsx`). */
const CHILD_ENV = 'RWB_BENCH_IMPORT_CHILD';

/**
 * The child's work: open the project, commit the CSV through the app service's `import:commit`
 * (the job worker), and print seconds, rows and peak RSS as one JSON line.
 */
async function importChild(dir: string, csv: string, project: string): Promise<void> {
  const service = new AppService({ mode: 'web', userDir: join(dir, 'user'), version: 'bench', importRoots: [dir] });
  service.openPath(project);
  const dispatch = createDispatcher(service.handlers);
  const t0 = performance.now();
  const env = await dispatch('import:commit', { panel: { source: { path: csv }, id: 'id', time: 'year' } });
  const seconds = (performance.now() - t0) / 1000;
  service.close();
  if (!env.ok) throw new Error(`the bench import failed: ${env.error.message}`);
  const counts = (env.value as { counts: { rows: number; observations: number } }).counts;
  process.stdout.write(`${JSON.stringify({ seconds, rows: counts.rows, observations: counts.observations, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

if (process.env[CHILD_ENV]) {
  const [dir, csv, project] = JSON.parse(process.env[CHILD_ENV] as string) as [string, string, string];
  await importChild(dir, csv, project);
}

/** R's `read.csv` of the file (seconds), or null without R. */
function timeR(csv: string): number | null {
  const r = rscript();
  if (!r) return null;
  const out = spawnSync(r, ['-e', `t <- system.time(x <- read.csv(${JSON.stringify(csv)})); cat(t[["elapsed"]], nrow(x), "\\n")`], { encoding: 'utf8' });
  if (out.status !== 0) return null;
  const [secs, rows] = out.stdout.trim().split(/\s+/).map(Number);
  return rows === LONG_SHAPE.regions * LONG_SHAPE.years ? secs : null;
}

/** The streamed import of a 2-million-row long CSV, in a child process. */
async function measureLongStreamed(): Promise<{ seconds: number } & Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-bench-long-'));
  try {
    const csv = join(dir, 'long.csv');
    const bytes = await writeBigCsv(csv, LONG_SHAPE);
    const project = join(dir, 'p.rwb');
    ProjectStore.open(project, { create: true }).close();
    const loadBefore = loadavg()[0];
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_ENV]: JSON.stringify([dir, csv, project]) },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const loadAfter = loadavg()[0];
    if (child.status !== 0) throw new Error(`the streamed import child failed: ${child.stderr}`);
    const line = child.stdout.trim().split('\n').at(-1) as string;
    const r = JSON.parse(line) as { seconds: number; rows: number; observations: number; maxRssMb: number };
    const rSeconds = timeR(csv);
    return {
      seconds: r.seconds,
      fileMegabytes: Math.round(bytes / 1024 / 1024),
      rows: r.rows,
      observations: r.observations,
      rowsPerSecond: Math.round(r.rows / r.seconds),
      peakRssMegabytes: Math.round(r.maxRssMb),
      targetPeakRssMegabytes: 1024,
      rReadCsvSeconds: rSeconds,
      ratioToRReadCsv: rSeconds === null ? null : r.seconds / rSeconds,
      loadAverage1mBefore: loadBefore,
      loadAverage1mAfter: loadAfter,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Size of the imported file in MB (the 200 MB). */
const IMPORT_MB = 200;

/** How long the idle baseline watches the event loop (ms). */
const BASELINE_MS = 30_000;

/**
 * Watch this thread's event loop: a 1 ms interval's worst gap and `monitorEventLoopDelay`, and
 * (from `performance.eventLoopUtilization`) the longest time the loop was busy running code
 * between two ticks. A gap is a stall of ours only when the loop was busy through it; on a
 * loaded machine a gap can also be the OS not scheduling this thread while it waits idle (the
 * idle baseline shows how large that gets). `stop()` returns all three in ms.
 */
function watchLoop(): { stop: () => { worstMs: number; histogramMaxMs: number; p99Ms: number; longestBusyMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let lastElu = performance.eventLoopUtilization();
  let worst = 0;
  let longestBusy = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    const elu = performance.eventLoopUtilization();
    worst = Math.max(worst, now - last);
    longestBusy = Math.max(longestBusy, elu.active - lastElu.active);
    last = now;
    lastElu = elu;
  }, 1);
  histogram.enable();
  return {
    stop: () => {
      histogram.disable();
      clearInterval(tick);
      return { worstMs: Math.max(worst, histogram.max / 1e6), histogramMaxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, longestBusyMs: longestBusy };
    },
  };
}

/** The upload bench's CSV: 8,887 regions × 50 years × 50 columns = 208,831,613 bytes (199.2 MiB). */
const UPLOAD_SHAPE_MB = 175;

/** The chunked-upload path of web mode: upload + import:commit by handle through the real server. */
async function measureUpload(): Promise<{ seconds: number } & Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-bench-upload-'));
  try {
    const csv = join(dir, 'big.csv');
    const bytes = await writeBigCsv(csv, shapeForMegabytes(UPLOAD_SHAPE_MB));
    const project = join(dir, 'p.rwb');
    ProjectStore.open(project, { create: true }).close();
    const service = new AppService({ mode: 'web', userDir: join(dir, 'user'), version: 'bench' });
    service.openPath(project);
    const server = await startWebServer({ dispatch: createDispatcher(service.handlers), port: 0, uploads: service.uploads });
    const base = `http://127.0.0.1:${server.port}`;
    const post = async (channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> =>
      (await fetch(`${base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token }, body: JSON.stringify(payload) })).json() as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
    try {
      const idle = watchLoop();
      await new Promise((r) => setTimeout(r, BASELINE_MS));
      const baseline = idle.stop();

      const busy = watchLoop();
      const t0 = performance.now();
      const begun = await post('upload:begin', { name: 'big.csv', size: bytes });
      if (!begun.ok) throw new Error(`upload:begin failed: ${begun.error?.message}`);
      const { upload } = begun.value as { upload: string };
      const file = await open(csv, 'r');
      try {
        const buf = Buffer.alloc(MAX_UPLOAD_CHUNK_BYTES);
        for (let offset = 0; offset < bytes; offset += MAX_UPLOAD_CHUNK_BYTES) {
          const { bytesRead } = await file.read(buf, 0, MAX_UPLOAD_CHUNK_BYTES, offset);
          const res = await fetch(`${base}/upload?upload=${upload}&offset=${offset}`, {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: server.token },
            body: buf.subarray(0, bytesRead),
          });
          if (res.status !== 200) throw new Error(`chunk at ${offset}: ${res.status} ${await res.text()}`);
        }
      } finally {
        await file.close();
      }
      const uploadSeconds = (performance.now() - t0) / 1000;
      const env = await post('import:commit', { panel: { source: { upload, name: 'big.csv' }, id: 'id', time: 'year' } });
      const totalSeconds = (performance.now() - t0) / 1000;
      const during = busy.stop();
      if (!env.ok) throw new Error(`the bench import failed: ${env.error?.message}`);
      return {
        seconds: during.worstMs / 1000,
        fileMegabytes: Math.round(bytes / 1024 / 1024),
        uploadSeconds,
        uploadAndImportSeconds: totalSeconds,
        loopDelayMaxMs: during.histogramMaxMs,
        loopDelayP99Ms: during.p99Ms,
        longestBusyMs: during.longestBusyMs,
        idleBaselineSeconds: BASELINE_MS / 1000,
        idleBaselineWorstMs: baseline.worstMs,
        idleBaselineP99Ms: baseline.p99Ms,
        idleBaselineLongestBusyMs: baseline.longestBusyMs,
      };
    } finally {
      await server.close();
      service.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const cases: BenchCase[] = [
  {
    name: 'import-2m-long-streamed',
    targetSeconds: 60,
    measure: measureLongStreamed,
  },
  {
    name: 'import-200mb-upload-main-thread-longest-stall',
    targetSeconds: 0.1,
    measure: measureUpload,
  },
  {
    name: 'import-200mb-main-thread-longest-stall',
    targetSeconds: 0.1,
    measure: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rwb-bench-import-'));
      try {
        const csv = join(dir, 'big.csv');
        const bytes = await writeBigCsv(csv, shapeForMegabytes(IMPORT_MB));
        const project = join(dir, 'p.rwb');
        ProjectStore.open(project, { create: true }).close();
        const service = new AppService({ mode: 'web', userDir: join(dir, 'user'), version: 'bench', importRoots: [dir] });
        service.openPath(project);
        const dispatch = createDispatcher(service.handlers);

        // Baseline: the same monitor on an idle loop, so a busy machine's scheduling noise
        // (another process taking the core) is not read as a stall of ours.
        const idle = watchLoop();
        await new Promise((r) => setTimeout(r, BASELINE_MS));
        const baseline = idle.stop();

        const busy = watchLoop();
        const t0 = performance.now();
        const env = await dispatch('import:commit', { panel: { source: { path: csv }, id: 'id', time: 'year' } });
        const importSeconds = (performance.now() - t0) / 1000;
        const during = busy.stop();
        service.close();
        if (!env.ok) throw new Error(`the bench import failed: ${env.error.message}`);
        return {
          seconds: during.worstMs / 1000,
          fileMegabytes: Math.round(bytes / 1024 / 1024),
          importSeconds,
          loopDelayMaxMs: during.histogramMaxMs,
          loopDelayP99Ms: during.p99Ms,
          longestBusyMs: during.longestBusyMs,
          idleBaselineSeconds: BASELINE_MS / 1000,
          idleBaselineWorstMs: baseline.worstMs,
          idleBaselineP99Ms: baseline.p99Ms,
          idleBaselineLongestBusyMs: baseline.longestBusyMs,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
