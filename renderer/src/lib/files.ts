/**
 * Browser-side helpers of the Import dialog: read a chosen file as base64 for the contract,
 * and peek at column names (CSV header line, GeoJSON properties, DBF field descriptors) so the
 * user can pick the id/time/key columns from a list.
 */
import type { FileRef } from '../../../src/contract';
import { uiError } from '../i18n/problem';

/** The file as `{ name, dataBase64 }` (FileReader data URL without its prefix). */
export function toUpload(file: File): Promise<FileRef> {
  return new Promise((ok, fail) => {
    const r = new FileReader();
    r.onerror = () => fail(uiError('file-unreadable', { file: file.name }));
    r.onload = () => {
      const url = String(r.result);
      ok({ name: file.name, dataBase64: url.slice(url.indexOf(',') + 1) });
    };
    r.readAsDataURL(file);
  });
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
