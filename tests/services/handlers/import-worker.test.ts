/**
 * Imports run in the job worker (issue 8): while a 50 MB CSV import runs, the real web server
 * answers `app:info` within 100 ms (before the fix the parse and the write ran on the server's
 * event loop and `app:info` waited seconds); a cancelled import leaves the project file as it
 * was. The unit test previews 50 MB (50 MB of temporary disk; tens of seconds on a loaded
 * 2-core machine); the bench (bench/cases/import.ts) measures the main thread's longest stall
 * during a 200 MB import:commit.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../../src/contract';
import { createDispatcher } from '../../../src/services/handlers';
import { AppService } from '../../../src/services/handlers/app';
import { IMPORT_READ_STEPS } from '../../../src/services/import/import-service';
import { activeWorkerCount } from '../../../src/services/jobs/run-in-worker';
import { ProjectStore } from '../../../src/store/project-store';
import { startWebServer, type WebServer } from '../../../src/transport/web-server';
import { shapeForMegabytes, writeBigCsv } from '../import/fixtures/big-csv';

/** Longest an `app:info` answer may take while the import runs (the bound; see the test for scheduler noise). */
const RESPONSIVE_MS = 100;

const dir = mkdtempSync(join(tmpdir(), 'rwb-import-worker-'));
const csv = join(dir, 'big.csv');
const project = join(dir, 'p.rwb');
let service: AppService;
let server: WebServer;

/** POST a channel to the web server; the envelope. */
async function post(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
    body: JSON.stringify(payload),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const size = await writeBigCsv(csv, shapeForMegabytes(50));
  expect(size).toBeGreaterThan(50 * 1024 * 1024);
  ProjectStore.open(project, { create: true }).close();
  // Desktop-like service (paths allowed) behind the real dispatcher and web server: the request
  // body is small, so what is measured is the import, not the upload's transport.
  service = new AppService({ mode: 'web', userDir: join(dir, 'user'), version: 'test', importRoots: [dir] });
  service.openPath(project);
  server = await startWebServer({ dispatch: createDispatcher(service.handlers), port: 0 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  service?.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = { panel: { source: { path: csv }, id: 'id', time: 'year' } };

describe('imports in the job worker', () => {
  it('a cancelled import (mid-parse) leaves the project file untouched', async () => {
    const before = sha(project);
    const start = await post('job:start', { task: 'import-commit', input: request });
    expect(start.ok).toBe(true);
    const { jobId } = start.value as { jobId: string };
    // Wait until the worker is reading the panel (step 1 of the reads), then cancel.
    for (let i = 0; i < 200; i++) {
      const s = (await post('job:status', { jobId })).value as { state: string; progress: { done: number } };
      if (s.progress.done >= 1) break;
      await sleep(25);
    }
    // Cancel at once: the panel read of 50 MB takes seconds, a fixed wait here raced it.
    const mid = (await post('job:status', { jobId })).value as { state: string; progress: { done: number } };
    expect(mid.state).toBe('running');
    expect(mid.progress.done).toBeLessThan(IMPORT_READ_STEPS);
    expect((await post('job:cancel', { jobId })).value).toEqual({ cancelled: true });
    let state = 'running';
    for (let i = 0; i < 100 && state === 'running'; i++) {
      await sleep(20);
      state = ((await post('job:status', { jobId })).value as { state: string }).state;
    }
    expect(state).toBe('cancelled');
    for (let i = 0; i < 100 && activeWorkerCount() > 0; i++) await sleep(20);
    expect(activeWorkerCount()).toBe(0);
    expect(sha(project)).toBe(before);
    expect(service.store().listVariables()).toEqual([]);
    expect(service.store().listRegions()).toEqual([]);
  }, 60_000);

  it(`answers app:info within ${RESPONSIVE_MS} ms while a 50 MB import:preview runs`, async () => {
    let finished = false;
    const commit = post('import:preview', request).finally(() => { finished = true; });
    const latencies: number[] = [];
    await sleep(50);
    while (!finished) {
      const t0 = performance.now();
      const info = await post('app:info', {});
      const ms = performance.now() - t0;
      if (finished) break; // answered after the import settled: not a probe of the busy server
      expect(info.ok).toBe(true);
      latencies.push(ms);
      await sleep(20);
    }
    const env = await commit;
    expect(env.ok).toBe(true);
    const result = env.value as { errors: unknown[]; counts: { rows: number; variables: number } };
    expect(result.errors).toEqual([]);
    expect(result.counts.variables).toBe(50);
    expect(result.counts.rows).toBe(shapeForMegabytes(50).regions * shapeForMegabytes(50).years);
    // The import took long enough to be probed many times, and no probe waited.
    expect(latencies.length).toBeGreaterThan(20);
    // On a shared 2-core CI machine a probe can lose the CPU to other processes, so 1 in 20
    // may exceed the bound, none by 5× (before the fix the server did not answer for 13 s).
    const shown = `app:info latencies (ms): ${latencies.map((x) => x.toFixed(0)).join(' ')}`;
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(0.95 * (sorted.length - 1))], shown).toBeLessThan(RESPONSIVE_MS);
    expect(sorted[sorted.length - 1], shown).toBeLessThan(5 * RESPONSIVE_MS);
  }, 240_000);
});
