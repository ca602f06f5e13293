/**
 * Chunked uploads through the real web server (issue 8). Bad chunks get clear refusals (wrong
 * token, another content type, oversize, unknown handle, out-of-order or malformed offset, past
 * the declared size). Then a 200 MB CSV is uploaded in 4 MB chunks and previewed by handle while
 * `app:info` is probed: each probe is answered within 100 ms, and the longest stall of this
 * process's event loop (the server's, which shares it with the client here) is measured. Before
 * the chunked path the renderer sent the file as one 270 MB base64 JSON body, which the server
 * had to JSON.parse and regex-check on its event loop (≈ 0.6 s and more per request).
 */
import { open } from 'node:fs/promises';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_CHUNK_BYTES, TOKEN_HEADER } from '../../src/contract';
import { createDispatcher } from '../../src/services/handlers';
import { AppService } from '../../src/services/handlers/app';
import { ProjectStore } from '../../src/store/project-store';
import { startWebServer, type WebServer } from '../../src/transport/web-server';
import { shapeForMegabytes, writeBigCsv } from '../services/import/fixtures/big-csv';

/** Longest an `app:info` answer may take while the upload and import run (the bound). */
const RESPONSIVE_MS = 100;
/** Size of the big upload (the 200 MB). */
const UPLOAD_MB = 200;
/**
 * The big CSV's shape: 8,887 regions × 50 years × 50 columns, 208,831,613 bytes = 199.2 MiB, just
 * under MAX_UPLOAD_BYTES (the fixture's estimate of 8 bytes a cell is low: 175 gives 199 MiB).
 */
const SHAPE = shapeForMegabytes(175);

const dir = mkdtempSync(join(tmpdir(), 'rwb-upload-'));
const csv = join(dir, 'big.csv');
let service: AppService;
let server: WebServer;

interface Env { ok: boolean; value?: unknown; error?: { code: string; message: string } }

async function post(channel: string, payload: unknown): Promise<Env> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
    body: JSON.stringify(payload),
  });
  return (await res.json()) as Env;
}

async function chunk(upload: string, offset: number | string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Promise<{ status: number; env: Env }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/upload?upload=${upload}&offset=${offset}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: server.token, ...headers },
    body,
  });
  return { status: res.status, env: (await res.json()) as Env };
}

async function begin(name: string, size: number): Promise<string> {
  const env = await post('upload:begin', { name, size });
  expect(env.ok, JSON.stringify(env)).toBe(true);
  return (env.value as { upload: string }).upload;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const size = await writeBigCsv(csv, SHAPE);
  expect(size).toBeGreaterThan(199 * 1024 * 1024);
  expect(size).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
  const project = join(dir, 'p.rwb');
  ProjectStore.open(project, { create: true }).close();
  // Web mode as `npm run web` runs it: no import roots, so a path is refused and bytes must be uploaded.
  service = new AppService({ mode: 'web', userDir: join(dir, 'user'), version: 'test' });
  service.openPath(project);
  server = await startWebServer({ dispatch: createDispatcher(service.handlers), port: 0, uploads: service.uploads });
}, 180_000);

afterAll(async () => {
  await server?.close();
  service?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /upload', () => {
  it('refuses bad chunks with clear errors', async () => {
    const h = await begin('small.csv', 8);
    const abc = new TextEncoder().encode('abcd');
    const wrongToken = await chunk(h, 0, abc, { [TOKEN_HEADER]: 'f'.repeat(64) });
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.env.error?.code).toBe('unauthorized');
    const foreign = await chunk(h, 0, abc, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const json = await chunk(h, 0, abc, { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    expect(json.env.error?.message).toBe('Upload chunks must be sent as application/octet-stream.');
    const oversize = await chunk(h, 0, new Uint8Array(MAX_UPLOAD_CHUNK_BYTES + 1));
    expect(oversize.status).toBe(413);
    expect(oversize.env.error?.code).toBe('upload-chunk-too-large');
    const unknown = await chunk('0'.repeat(32), 0, abc);
    expect(unknown.status).toBe(404);
    expect(unknown.env.error?.message).toBe('That upload is unknown or has expired; choose the file again.');
    const junkHandle = await chunk('..%2F..%2Fetc', 0, abc);
    expect(junkHandle.status).toBe(404);
    const badOffset = await chunk(h, '-1', abc);
    expect(badOffset.status).toBe(400);
    expect(badOffset.env.error?.code).toBe('upload-bad-offset');
    const ahead = await chunk(h, 4, abc);
    expect(ahead.status).toBe(409);
    expect(ahead.env.error?.message).toBe('The chunk of small.csv starts at byte 4, but 0 bytes have arrived: send the chunks in order.');
    expect(await chunk(h, 0, abc)).toEqual({ status: 200, env: { ok: true, value: { received: 4, size: 8 } } });
    const replay = await chunk(h, 0, abc);
    expect(replay.status).toBe(409);
    const past = await chunk(h, 4, new TextEncoder().encode('efghi'));
    expect(past.status).toBe(413);
    expect(past.env.error?.code).toBe('upload-beyond-size');
    // Not complete yet: an import by this handle says so.
    const early = await post('import:preview', { panel: { source: { upload: h, name: 'small.csv' }, id: 'id', time: 'year' } });
    expect(early.error?.code).toBe('upload-incomplete');
    // A declared size above the limit is refused before any byte is sent.
    const huge = await post('upload:begin', { name: 'huge.csv', size: 201 * 1024 * 1024 });
    expect(huge.error?.code).toBe('invalid-request');
    // And web mode still refuses a path (the uploads folder is not a way around the policy).
    const path = await post('import:preview', { panel: { source: { path: join(service.uploads.dir, h, 'small.csv') }, id: 'id', time: 'year' } });
    expect(path.error?.code).toBe('app-paths-not-allowed-files');
    expect((await post('upload:discard', { upload: h })).value).toEqual({ discarded: true });
  });

  it(`uploads ${UPLOAD_MB} MB in chunks and previews it by handle; app:info answers within ${RESPONSIVE_MS} ms throughout`, async () => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    let last = performance.now();
    let worstGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 1);
    histogram.enable();
    let finished = false;
    const latencies: number[] = [];
    const probing = (async () => {
      await sleep(20);
      while (!finished) {
        const t0 = performance.now();
        const info = await post('app:info', {});
        const ms = performance.now() - t0;
        if (finished) break;
        expect(info.ok).toBe(true);
        latencies.push(ms);
        await sleep(20);
      }
    })();

    const t0 = performance.now();
    const file = await open(csv, 'r');
    let uploadSeconds = 0;
    let env: Env;
    let h = '';
    try {
      const { size } = await file.stat();
      h = await begin('big.csv', size);
      const buf = Buffer.alloc(MAX_UPLOAD_CHUNK_BYTES);
      for (let offset = 0; offset < size; offset += MAX_UPLOAD_CHUNK_BYTES) {
        const { bytesRead } = await file.read(buf, 0, MAX_UPLOAD_CHUNK_BYTES, offset);
        const r = await chunk(h, offset, buf.subarray(0, bytesRead));
        expect(r.status, JSON.stringify(r.env)).toBe(200);
      }
      uploadSeconds = (performance.now() - t0) / 1000;
      expect(readdirSync(service.uploads.dir)).toEqual([h]);
      env = await post('import:preview', { panel: { source: { upload: h, name: 'big.csv' }, id: 'id', time: 'year' } });
    } finally {
      finished = true;
      await file.close();
      await probing;
      histogram.disable();
      clearInterval(tick);
    }
    const totalSeconds = (performance.now() - t0) / 1000;
    expect(env.ok, JSON.stringify(env.error)).toBe(true);
    const report = env.value as { errors: unknown[]; counts: { rows: number; variables: number } };
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({ rows: SHAPE.regions * SHAPE.years, variables: SHAPE.columns });

    const stallMs = Math.max(worstGap, histogram.max / 1e6);
    const sorted = [...latencies].sort((a, b) => a - b);
    const summary = `upload ${uploadSeconds.toFixed(1)} s, upload + preview ${totalSeconds.toFixed(1)} s; longest event-loop stall ${stallMs.toFixed(0)} ms `
      + `(p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms); ${latencies.length} app:info probes, `
      + `p95 ${sorted[Math.floor(0.95 * (sorted.length - 1))]?.toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms`;
    console.log(summary);
    const shown = `${summary}; latencies (ms): ${latencies.map((x) => x.toFixed(0)).join(' ')}`;
    expect(latencies.length).toBeGreaterThan(20);
    // As tests/services/handlers/import-worker.test.ts: on a shared 2-core machine a probe can lose
    // the CPU to other processes, so 1 in 20 may exceed the bound, none by 5×; the same for the stall.
    expect(sorted[Math.floor(0.95 * (sorted.length - 1))], shown).toBeLessThan(RESPONSIVE_MS);
    expect(sorted[sorted.length - 1], shown).toBeLessThan(5 * RESPONSIVE_MS);
    expect(stallMs, shown).toBeLessThan(5 * RESPONSIVE_MS);
    // The preview keeps the upload for the commit; discarding removes the file.
    expect((await post('upload:discard', { upload: h })).value).toEqual({ discarded: true });
    expect(readdirSync(service.uploads.dir)).toEqual([]);
  }, 600_000);
});
