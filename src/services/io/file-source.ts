/**
 * A file given either by path (CLI, Electron main) or by name and bytes (the app's browser
 * mode uploads files).
 */
import { open, readFile } from 'node:fs/promises';
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

/**
 * The file's first `maxBytes` bytes (all of a shorter file).
 *
 * @throws InputError `import-file-not-found` as `readSourceBytes`.
 */
export async function readSourceHead(src: FileSource, maxBytes: number): Promise<Uint8Array> {
  if (!('path' in src)) return src.data.subarray(0, maxBytes);
  let fh;
  try {
    fh = await open(src.path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new InputError('import-file-not-found', `${src.path}: file not found`, { file: src.path });
    }
    throw e;
  }
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
