/**
 * Browser-side helpers of the Import dialog: send a chosen file to the main side as a chunked
 * upload for the contract (its columns and fields are then listed by `import:inspect`, which
 * reads CSV, XLSX, shapefiles, zips and GeoJSON alike).
 */
import type { FileRef } from '../../../src/contract';
import { MAX_UPLOAD_CHUNK_BYTES } from '../../../src/contract/constants';
import { api, sendUploadChunk } from '../api';
import { uiError } from '../i18n/problem';

/** Uploads already sent this session, by chosen file (a preview and its commit share one). */
const sent = new WeakMap<File, Promise<FileRef>>();

async function upload(file: File): Promise<FileRef> {
  const { upload: handle } = await api['upload:begin']({ name: file.name, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += MAX_UPLOAD_CHUNK_BYTES) {
      await sendUploadChunk(handle, offset, file.slice(offset, offset + MAX_UPLOAD_CHUNK_BYTES));
    }
  } catch (e) {
    await api['upload:discard']({ upload: handle }).catch(() => undefined);
    throw e instanceof Error ? e : uiError('file-unreadable', { file: file.name });
  }
  return { upload: handle, name: file.name };
}

/**
 * The file as `{ upload, name }`: sent once in chunks of at most `MAX_UPLOAD_CHUNK_BYTES`
 * (`upload:begin`, then `sendUploadChunk`), never as one request. The same `File` again gives
 * the same upload (the main side removes it when its import is committed or its weights read).
 */
export function toUpload(file: File): Promise<FileRef> {
  let p = sent.get(file);
  if (!p) {
    p = upload(file);
    sent.set(file, p);
    p.catch(() => sent.delete(file));
  }
  return p;
}

/** Forget the upload of `file` (after the main side has used and removed it). */
export function forgetUpload(file: File): void {
  sent.delete(file);
}
