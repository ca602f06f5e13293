/**
 * Browser-side helpers of the Import dialog: send a chosen file to the main side as a chunked
 * upload for the contract, and peek at column names (CSV header line, GeoJSON properties, DBF
 * field descriptors) so the user can pick the id/time/key columns from a list.
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

function splitCsvLine(line: string): string[] {
  const sep = [',', ';', '\t'].reduce((best, s) => (line.split(s).length > line.split(best).length ? s : best), ',');
  return line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1').replace(/^\uFEFF/, '')).filter((c) => c.length > 0);
}

/** Column names of a CSV (first line) or a wide/long XLSX (not inspected: returns []). */
export async function panelColumns(file: File): Promise<string[]> {
  if (!/\.(csv|txt)$/i.test(file.name)) return [];
  const head = await file.slice(0, 64 * 1024).text();
  const line = head.split(/\r?\n/)[0] ?? '';
  return splitCsvLine(line);
}

/** Attribute names of a boundary file: a DBF's fields or the first GeoJSON feature's properties. */
export async function geometryFields(files: readonly File[]): Promise<string[]> {
  const dbf = files.find((f) => /\.dbf$/i.test(f.name));
  if (dbf) {
    const buf = new Uint8Array(await dbf.slice(0, 32 * 256).arrayBuffer());
    const out: string[] = [];
    for (let off = 32; off + 32 <= buf.length && buf[off] !== 0x0d; off += 32) {
      let end = off;
      while (end < off + 11 && buf[end] !== 0) end++;
      out.push(new TextDecoder('latin1').decode(buf.slice(off, end)));
    }
    return out;
  }
  const gj = files.find((f) => /\.(geo)?json$/i.test(f.name));
  if (gj && gj.size < 100 * 1024 * 1024) {
    try {
      const doc = JSON.parse(await gj.text()) as { features?: { properties?: Record<string, unknown> }[] };
      return Object.keys(doc.features?.[0]?.properties ?? {});
    } catch {
      return [];
    }
  }
  return [];
}
