/**
 * Chunked binary uploads (issue 8): the renderer sends a chosen file in chunks of at most
 * `MAX_UPLOAD_CHUNK_BYTES` (web mode: `POST /upload`, Electron: the `upload:chunk` channel with a
 * Uint8Array), each written at its offset into a temporary file of a server-owned folder
 * (`<userDir>/uploads/<handle>/<name>`), so no request carries a whole file and no thread parses
 * a 270 MB base64 string. `upload:begin` declares the name and the size (at most
 * `MAX_UPLOAD_BYTES`); chunks must come in order and end exactly at that size; the import and
 * weights channels then name the file as `{ upload: handle, name }`, and the job worker reads it
 * from disk. Handles are 128-bit random; an unknown, discarded or expired one is refused with the
 * same sentence. A file is removed when its import is committed or its weights read, on
 * `upload:discard`, after `UPLOAD_IDLE_MS` without use, and when the service closes.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../../core/errors';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_CHUNK_BYTES, type FileRef } from '../../contract';

/** An upload not touched (chunk, use) for this long is removed: 30 minutes. */
export const UPLOAD_IDLE_MS = 30 * 60 * 1000;

/**
 * At most this many uploads are kept at once (each up to `MAX_UPLOAD_BYTES`): 8. A new one then
 * replaces the least recently used finished one; only when all are still arriving is it refused.
 */
export const MAX_LIVE_UPLOADS = 8;

/** Folder of the uploads under the user directory. */
export const UPLOADS_FOLDER = 'uploads';

/** Longest file name kept for an upload (longer names are cut, keeping the extension). */
const MAX_NAME_CHARS = 255;

/** What `append` reports: bytes received so far and the declared size. */
export interface UploadProgress {
  readonly received: number;
  readonly size: number;
}

interface Entry {
  readonly dir: string;
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** Bytes accepted so far (reserved before their write finishes, so chunks cannot overlap). */
  received: number;
  /** Writes in flight; the file handle is closed when the last one ends on a complete upload. */
  writing: number;
  file: FileHandle | null;
  lastUsed: number;
}

/**
 * A file name safe to create inside the upload's own folder: the base name (either slash), no
 * control characters, never `.`/`..`/empty, at most 255 characters with its extension kept.
 */
export function safeUploadName(name: string): string {
  let base = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (base === '' || base === '.' || base === '..') base = 'upload';
  if (base.length > MAX_NAME_CHARS) {
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : '';
    base = base.slice(0, MAX_NAME_CHARS - ext.length) + ext;
  }
  return base;
}

/** The error for a chunk of `bytes` bytes, above `MAX_UPLOAD_CHUNK_BYTES` (also the web server's, before it reads the body). */
export function chunkTooLarge(bytes: number): InputError {
  const limitMb = MAX_UPLOAD_CHUNK_BYTES / 1024 / 1024;
  return new InputError('upload-chunk-too-large', `An upload chunk is at most ${limitMb} MB; this one has more than that (${bytes} bytes).`, { limitMb, bytes });
}

/** The uploads of one service, in one folder it owns. */
export class UploadStore {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param dir the folder to keep uploads in (made now; files left there by a previous run are removed).
   * @param now clock (tests pass a fake one to expire uploads).
   */
  /** Where released uploads wait for their asynchronous removal (beside `dir`, emptied with it). */
  private readonly trash: string;

  constructor(readonly dir: string, private readonly now: () => number = Date.now) {
    this.trash = `${dir}-removed`;
    rmSync(dir, { recursive: true, force: true });
    rmSync(this.trash, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  /** Number of uploads kept. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Starts an upload of `size` bytes named `name`; returns its handle.
   * @throws InputError `upload-too-large` above `MAX_UPLOAD_BYTES`; `upload-too-many` when `MAX_LIVE_UPLOADS` are
   *   kept and all are still arriving (else the least recently used finished one is removed).
   */
  async begin(name: string, size: number): Promise<string> {
    this.sweep();
    if (size > MAX_UPLOAD_BYTES) {
      throw new InputError('upload-too-large', `${name} is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB upload limit.`, { file: name, limitMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    }
    if (this.entries.size >= MAX_LIVE_UPLOADS) {
      let oldest: string | null = null;
      let oldestUse = Infinity;
      for (const [h, e] of this.entries) {
        if (e.received === e.size && e.writing === 0 && e.lastUsed < oldestUse) {
          oldest = h;
          oldestUse = e.lastUsed;
        }
      }
      if (oldest === null) {
        throw new InputError('upload-too-many', `At most ${MAX_LIVE_UPLOADS} uploads can wait at once; import or discard the earlier ones first.`, { limit: MAX_LIVE_UPLOADS });
      }
      this.release(oldest);
    }
    const handle = randomBytes(16).toString('hex');
    const dir = join(this.dir, handle);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, safeUploadName(name));
    const file = await open(path, 'w');
    const entry: Entry = { dir, path, name, size, received: 0, writing: 0, file, lastUsed: this.now() };
    this.entries.set(handle, entry);
    if (size === 0) await this.closeFile(entry);
    return handle;
  }

  /**
   * Writes one chunk at `offset`, which must be the number of bytes received so far.
   * @throws InputError `upload-unknown` (unknown, discarded or expired handle), `upload-chunk-too-large`
   *   (above `MAX_UPLOAD_CHUNK_BYTES`), `upload-offset-mismatch` (not the next offset), `upload-beyond-size`
   *   (past the declared size).
   */
  async append(handle: string, offset: number, bytes: Uint8Array): Promise<UploadProgress> {
    const entry = this.entry(handle);
    if (bytes.byteLength > MAX_UPLOAD_CHUNK_BYTES) throw chunkTooLarge(bytes.byteLength);
    if (offset !== entry.received) {
      throw new InputError('upload-offset-mismatch', `The chunk of ${entry.name} starts at byte ${offset}, but ${entry.received} bytes have arrived: send the chunks in order.`, { file: entry.name, offset, received: entry.received });
    }
    if (offset + bytes.byteLength > entry.size) {
      throw new InputError('upload-beyond-size', `The chunk of ${entry.name} ends at byte ${offset + bytes.byteLength}, past the ${entry.size} bytes declared.`, { file: entry.name, end: offset + bytes.byteLength, size: entry.size });
    }
    entry.lastUsed = this.now();
    if (bytes.byteLength === 0) return { received: entry.received, size: entry.size };
    entry.received += bytes.byteLength;
    entry.writing++;
    try {
      if (!entry.file) throw new Error('the upload file is closed');
      await entry.file.write(bytes, 0, bytes.byteLength, offset);
    } catch (e) {
      this.release(handle);
      throw e;
    } finally {
      entry.writing--;
    }
    if (entry.received === entry.size && entry.writing === 0) await this.closeFile(entry);
    return { received: entry.received, size: entry.size };
  }

  /**
   * The complete upload's file on disk (its base name is the upload's file name).
   * @throws InputError `upload-unknown`; `upload-incomplete` when bytes are missing.
   */
  path(handle: string): string {
    const entry = this.entry(handle);
    if (entry.received !== entry.size || entry.writing > 0) {
      throw new InputError('upload-incomplete', `${entry.name} has not finished uploading (${entry.received} of ${entry.size} bytes).`, { file: entry.name, received: entry.received, size: entry.size });
    }
    entry.lastUsed = this.now();
    return entry.path;
  }

  /** The declared size of an upload. @throws InputError `upload-unknown`. */
  sizeOf(handle: string): number {
    return this.entry(handle).size;
  }

  /** Removes an upload and its file; false when the handle is unknown. */
  release(handle: string): boolean {
    const entry = this.entries.get(handle);
    if (!entry) return false;
    this.entries.delete(handle);
    const file = entry.file;
    entry.file = null;
    // Closing may race an in-flight write; the folder goes either way. It is moved out at once
    // (a rename), then deleted off the event loop: unlinking 200 MB takes the OS tens of ms.
    void file?.close().catch(() => undefined);
    try {
      mkdirSync(this.trash, { recursive: true });
      const moved = join(this.trash, basename(entry.dir));
      renameSync(entry.dir, moved);
      void rm(moved, { recursive: true, force: true }).catch(() => undefined);
    } catch {
      rmSync(entry.dir, { recursive: true, force: true });
    }
    return true;
  }

  /** Removes uploads idle for longer than `UPLOAD_IDLE_MS`. */
  sweep(): void {
    const cutoff = this.now() - UPLOAD_IDLE_MS;
    for (const [handle, e] of this.entries) if (e.lastUsed < cutoff && e.writing === 0) this.release(handle);
  }

  /** Removes every upload and the folder (the service is closing). */
  close(): void {
    for (const handle of [...this.entries.keys()]) this.release(handle);
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.trash, { recursive: true, force: true });
  }

  private entry(handle: string): Entry {
    this.sweep();
    const entry = this.entries.get(handle);
    if (!entry) {
      throw new InputError('upload-unknown', 'That upload is unknown or has expired; choose the file again.', { upload: handle.slice(0, 64) });
    }
    return entry;
  }

  private async closeFile(entry: Entry): Promise<void> {
    const file = entry.file;
    entry.file = null;
    await file?.close();
  }
}

/** A file reference the worker can read: a path or base64 bytes (upload handles resolved to their file). */
export type LocalFileRef = Exclude<FileRef, { readonly upload: string }>;

/**
 * The reference with an upload handle replaced by its file's path (other forms unchanged).
 * @throws InputError `upload-unknown` / `upload-incomplete`; `upload-unknown` too when the service keeps no uploads.
 */
export function resolveUploadRef(f: FileRef, uploads: UploadStore | undefined): LocalFileRef {
  if (!('upload' in f)) return f;
  if (!uploads) throw new InputError('upload-unknown', 'That upload is unknown or has expired; choose the file again.', { upload: f.upload });
  return { path: uploads.path(f.upload) };
}

/** Bytes a reference brings: an upload's declared size, base64's decoded size, 0 for a path. */
export function uploadedBytes(f: FileRef, uploads: UploadStore | undefined): number {
  if ('upload' in f) return uploads?.sizeOf(f.upload) ?? 0;
  if ('dataBase64' in f) return Math.floor((f.dataBase64.length * 3) / 4);
  return 0;
}
