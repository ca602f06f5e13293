/**
 * Chunked uploads (issue 8): the store writes chunks in order into its own folder, refuses
 * what does not fit (size, chunk size, order, unknown handle, incomplete file), and removes the
 * files on release, on expiry and on close; the app service's import and weights channels read
 * an upload by handle and remove it once used.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_CHUNK_BYTES } from '../../../src/contract';
import { createDispatcher } from '../../../src/services/handlers';
import { AppService } from '../../../src/services/handlers/app';
import { MAX_LIVE_UPLOADS, UPLOAD_IDLE_MS, UploadStore, safeUploadName } from '../../../src/services/import/uploads';
import { ProjectStore } from '../../../src/store/project-store';
import { inputErrorAsync, inputError } from '../../helpers/input-error';

const root = mkdtempSync(join(tmpdir(), 'rwb-uploads-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `u${n++}`);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('UploadStore', () => {
  it('writes chunks in order into <dir>/<handle>/<name> and gives that path once complete', async () => {
    const store = new UploadStore(freshDir());
    const h = await store.begin('produc.csv', 10);
    expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(await store.append(h, 0, bytes('id,y\n'))).toEqual({ received: 5, size: 10 });
    const early = inputError(() => store.path(h));
    expect(early.code).toBe('upload-incomplete');
    expect(early.message).toBe('produc.csv has not finished uploading (5 of 10 bytes).');
    expect(await store.append(h, 5, bytes('a,1\n\n'))).toEqual({ received: 10, size: 10 });
    const path = store.path(h);
    expect(basename(path)).toBe('produc.csv');
    expect(readFileSync(path, 'utf8')).toBe('id,y\na,1\n\n');
    expect(path.startsWith(join(store.dir, h))).toBe(true);
    expect(store.release(h)).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(store.release(h)).toBe(false);
    store.close();
  });

  it('refuses an out-of-order offset, a chunk past the size, an oversize chunk and an unknown handle', async () => {
    const store = new UploadStore(freshDir());
    const h = await store.begin('w.gal', 8);
    const gap = await inputErrorAsync(store.append(h, 4, bytes('abcd')));
    expect(gap.code).toBe('upload-offset-mismatch');
    expect(gap.message).toBe('The chunk of w.gal starts at byte 4, but 0 bytes have arrived: send the chunks in order.');
    const past = await inputErrorAsync(store.append(h, 0, bytes('123456789')));
    expect(past.code).toBe('upload-beyond-size');
    expect(past.message).toBe('The chunk of w.gal ends at byte 9, past the 8 bytes declared.');
    const big = await inputErrorAsync(store.append(h, 0, new Uint8Array(MAX_UPLOAD_CHUNK_BYTES + 1)));
    expect(big.code).toBe('upload-chunk-too-large');
    const unknown = await inputErrorAsync(store.append('0'.repeat(32), 0, bytes('x')));
    expect(unknown.code).toBe('upload-unknown');
    expect(unknown.message).toBe('That upload is unknown or has expired; choose the file again.');
    // The refusals wrote nothing: the upload still starts at 0.
    expect(await store.append(h, 0, bytes('abcdefgh'))).toEqual({ received: 8, size: 8 });
    expect(readFileSync(store.path(h), 'utf8')).toBe('abcdefgh');
    store.close();
  });

  it('refuses a declared size above MAX_UPLOAD_BYTES (200 MB); past MAX_LIVE_UPLOADS replaces the least recently used finished one', async () => {
    let now = 0;
    const store = new UploadStore(freshDir(), () => now);
    const e = await inputErrorAsync(store.begin('big.csv', MAX_UPLOAD_BYTES + 1));
    expect(e.code).toBe('upload-too-large');
    expect(e.message).toBe('big.csv is larger than the 200 MB upload limit.');
    // All still arriving: refused.
    const arriving: string[] = [];
    for (let i = 0; i < MAX_LIVE_UPLOADS; i++) arriving.push(await store.begin(`f${i}.csv`, 1));
    const many = await inputErrorAsync(store.begin('one-more.csv', 1));
    expect(many.code).toBe('upload-too-many');
    expect(many.message).toBe(`At most ${MAX_LIVE_UPLOADS} uploads can wait at once; import or discard the earlier ones first.`);
    // Finished, f1 used last long ago and f0 later: the new upload replaces f1.
    for (const [i, h] of arriving.entries()) {
      now = i === 1 ? 1 : 10 + i;
      await store.append(h, 0, bytes('x'));
    }
    now = 100;
    const next = await store.begin('one-more.csv', 1);
    expect(store.size).toBe(MAX_LIVE_UPLOADS);
    expect(inputError(() => store.path(arriving[1])).code).toBe('upload-unknown');
    for (const h of arriving.filter((_, i) => i !== 1)) expect(store.path(h)).toContain(h);
    expect(inputError(() => store.path(next)).code).toBe('upload-incomplete');
    store.close();
  });

  it('removes uploads idle for UPLOAD_IDLE_MS, leftovers of an earlier run, and everything on close', async () => {
    const dir = freshDir();
    let now = 1_000_000;
    // What a crashed run left behind: a store over the same folder (the next start) removes it.
    mkdirSync(join(dir, 'ab'.repeat(16)), { recursive: true });
    writeFileSync(join(dir, 'ab'.repeat(16), 'left-over.csv'), 'a,b\n');
    const store = new UploadStore(dir, () => now);
    expect(readdirSync(dir)).toEqual([]);
    const h = await store.begin('a.csv', 2);
    await store.append(h, 0, bytes('a\n'));
    now += UPLOAD_IDLE_MS - 1;
    expect(store.path(h)).toContain(h);
    now += UPLOAD_IDLE_MS + 1;
    expect(inputError(() => store.path(h)).code).toBe('upload-unknown');
    expect(readdirSync(dir)).toEqual([]);
    await store.begin('b.csv', 1);
    store.close();
    expect(existsSync(dir)).toBe(false);
    // Released folders wait beside it for their removal off the event loop; close removes them too.
    expect(existsSync(`${dir}-removed`)).toBe(false);
  });

  it('keeps only a safe base name for the file', () => {
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('C:\\Users\\x\\data.csv')).toBe('data.csv');
    expect(safeUploadName('..')).toBe('upload');
    expect(safeUploadName('a\u0000b\n.gal')).toBe('ab.gal');
    const long = safeUploadName(`${'x'.repeat(400)}.csv`);
    expect(long.length).toBe(255);
    expect(long.endsWith('.csv')).toBe(true);
  });
});

describe('the app service reads uploads by handle', () => {
  it('imports an uploaded CSV by { upload, name } (Electron chunks as bytes) and removes it after the commit', async () => {
    const dir = freshDir();
    const project = join(dir, 'p.rwb');
    const service = new AppService({ mode: 'electron', userDir: join(dir, 'user'), version: 'test' });
    ProjectStore.open(project, { create: true }).close();
    service.openPath(project);
    const call = createDispatcher(service.handlers);
    try {
      const csv = bytes('id,year,x\nA,2000,1\nA,2001,2\nB,2000,3\nB,2001,4\n');
      const begun = await call('upload:begin', { name: 'small.csv', size: csv.length });
      expect(begun.ok).toBe(true);
      const { upload } = (begun as { value: { upload: string } }).value;
      // Two chunks through the Electron channel: bytes, no base64.
      expect(await call('upload:chunk', { upload, offset: 0, data: csv.subarray(0, 20) })).toEqual({ ok: true, value: { received: 20, size: csv.length } });
      const base64 = await call('upload:chunk', { upload, offset: 20, data: Buffer.from(csv.subarray(20)).toString('base64') });
      expect(base64.ok).toBe(false);
      expect(await call('upload:chunk', { upload, offset: 20, data: csv.subarray(20) })).toEqual({ ok: true, value: { received: csv.length, size: csv.length } });
      const request = { panel: { source: { upload, name: 'small.csv' }, id: 'id', time: 'year' } };
      const preview = await call('import:preview', request);
      expect(preview.ok).toBe(true);
      expect((preview as { value: { counts: { rows: number }; panel: { source: string } } }).value.counts.rows).toBe(4);
      expect((preview as { value: { panel: { source: string } } }).value.panel.source).toBe('small.csv');
      expect(readdirSync(service.uploads.dir)).toEqual([upload]);
      const commit = await call('import:commit', request);
      expect(commit.ok).toBe(true);
      expect(service.store().listVariables().map((v) => v.name)).toEqual(['x']);
      // Used: removed, and a second commit by the same handle is refused.
      expect(readdirSync(service.uploads.dir)).toEqual([]);
      const again = await call('import:commit', request);
      expect(again.ok ? null : again.error.code).toBe('upload-unknown');
    } finally {
      service.close();
    }
    expect(existsSync(join(dir, 'user', 'uploads'))).toBe(false);
  }, 60_000);

  it('reads an uploaded weights file by handle in the job worker, and discards on request', async () => {
    const dir = freshDir();
    const project = join(dir, 'p.rwb');
    const service = new AppService({ mode: 'web', userDir: join(dir, 'user'), version: 'test' });
    ProjectStore.open(project, { create: true }).close();
    service.openPath(project);
    const call = createDispatcher(service.handlers);
    try {
      writeFileSync(join(dir, 'x.csv'), 'id,year,x\nA,2000,1\nB,2000,2\nC,2000,3\n');
      const data = new Uint8Array(readFileSync(join(dir, 'x.csv')));
      const up = async (name: string, content: Uint8Array): Promise<string> => {
        const { upload } = ((await call('upload:begin', { name, size: content.length })) as { value: { upload: string } }).value;
        await service.uploads.append(upload, 0, content);
        return upload;
      };
      const panel = await up('x.csv', data);
      expect((await call('import:commit', { panel: { source: { upload: panel, name: 'x.csv' }, id: 'id', time: 'year' } })).ok).toBe(true);
      // A GAL in GeoDa's form: "0 n", then each region, its neighbour count, its neighbours.
      const gal = await up('chain.gal', bytes('0 3\nA 1\nB\nB 2\nA C\nC 1\nB\n'));
      const w = await call('weights:import', { name: 'chain', file: { upload: gal, name: 'chain.gal' }, std: 'binary' });
      expect(w.ok, JSON.stringify(w)).toBe(true);
      // A–B–C chain: 4 nonzero weights (A-B, B-A, B-C, C-B).
      expect((w as { value: { n: number; nonzeros: number } }).value).toMatchObject({ n: 3, nonzeros: 4 });
      expect(service.uploads.size).toBe(0);
      // A file that fails to match the project is removed too (the picker forgets it; a retry uploads again).
      const bad = await up('bad.gal', bytes('0 2\nX 1\nY\nY 1\nX\n'));
      const refused = await call('weights:import', { name: 'bad', file: { upload: bad, name: 'bad.gal' }, std: 'binary' });
      expect(refused.ok ? null : refused.error.code).toBe('weights-import-unknown-ids');
      expect(service.uploads.size).toBe(0);
      const spare = await up('spare.gal', bytes('0 1\nA 0\n'));
      expect(await call('upload:discard', { upload: spare })).toEqual({ ok: true, value: { discarded: true } });
      expect(await call('upload:discard', { upload: spare })).toEqual({ ok: true, value: { discarded: false } });
      const total = await call('import:preview', { panel: { source: { upload: spare, name: 'spare.gal' }, id: 'id', time: 'year' } });
      expect(total.ok ? null : total.error.code).toBe('upload-unknown');
    } finally {
      service.close();
    }
  }, 60_000);
});
