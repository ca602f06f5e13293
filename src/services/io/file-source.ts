/**
 * A file given either by path (CLI, Electron main) or by name and bytes (the app's browser
 * mode uploads files).
 */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../../core/errors';

/** A file on disk, or an uploaded file's name and bytes. */
export type FileSource = { path: string } | { name: string; data: Uint8Array };

/** The file's base name, for messages ("produc.csv"). */
export function sourceName(src: FileSource): string {
  return 'path' in src ? basename(src.path) : basename(src.name);
}

/** Lower-case extension without the dot ("csv", "shp"), or "" when none. */
export function sourceExtension(src: FileSource): string {
  const name = sourceName(src);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The file's bytes.
 *
 * @throws InputError `import-file-not-found` when the path does not exist or is a directory.
 */
export async function readSourceBytes(src: FileSource): Promise<Uint8Array> {
  if (!('path' in src)) return src.data;
  try {
    return new Uint8Array(await readFile(src.path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new InputError('import-file-not-found', `${src.path}: file not found`, { file: src.path });
    }
    throw e;
  }
}

/** Opens `path` to read. @throws InputError `import-file-not-found` when it is missing or a folder. */
async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new InputError('import-file-not-found', `${path}: file not found`, { file: path });
    }
    throw e;
  }
}

/**
 * The file's first `maxBytes` bytes (all of a shorter file).
 *
 * @throws InputError `import-file-not-found` as `readSourceBytes`.
 */
export async function readSourceHead(src: FileSource, maxBytes: number): Promise<Uint8Array> {
  if (!('path' in src)) return src.data.subarray(0, maxBytes);
  const fh = await openForReading(src.path);
  try {
    const buf = new Uint8Array(maxBytes);
    const { bytesRead } = await fh.read(buf, 0, maxBytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** An exact-size ArrayBuffer copy of the bytes (for libraries that want ArrayBuffer). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

/** A file read piece by piece: `next()` gives the following bytes, `null` at the end. */
export interface SourceChunks {
  /** The file's size in bytes. */
  readonly size: number;
  next(): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/**
 * The file's bytes in pieces of `chunkBytes` (the first piece at least `firstBytes`, so a
 * format check sees the file's head whole), without reading the file at once.
 *
 * @throws InputError `import-file-not-found` as `readSourceBytes`.
 */
export async function openSourceChunks(src: FileSource, chunkBytes: number, firstBytes = 8192): Promise<SourceChunks> {
  if (!('path' in src)) {
    const data = src.data;
    let at = 0;
    return {
      size: data.length,
      next: () => {
        if (at >= data.length) return Promise.resolve(null);
        const n = at === 0 ? Math.max(chunkBytes, firstBytes) : chunkBytes;
        const piece = data.subarray(at, Math.min(data.length, at + n));
        at += piece.length;
        return Promise.resolve(piece);
      },
      close: () => Promise.resolve(),
    };
  }
  const file = await openForReading(src.path);
  const { size } = await file.stat();
  let at = 0;
  let done = false;
  return {
    size,
    next: async () => {
      if (done) return null;
      const n = at === 0 ? Math.max(chunkBytes, firstBytes) : chunkBytes;
      const buf = new Uint8Array(n);
      let filled = 0;
      // A read may return fewer bytes than asked before the end.
      while (filled < n) {
        const { bytesRead } = await file.read(buf, filled, n - filled, at + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      at += filled;
      if (filled < n) done = true;
      return filled === 0 ? null : buf.subarray(0, filled);
    },
    close: () => file.close(),
  };
}

/**
 * The file's size in bytes, or undefined when it cannot be read (the reader then names the
 * problem).
 */
export async function sourceSize(src: FileSource): Promise<number | undefined> {
  if (!('path' in src)) return src.data.length;
  try {
    const s = await stat(src.path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}
