/**
 * Check a .shp file's structure before the `shapefile` library reads it. That library, on a
 * record header it does not like, scans ahead four bytes at a time for the next good one
 * (mbostock/shapefile#36), which on 64 MB of zeros takes tens of seconds and gigabytes; here
 * every record header is checked against the bytes that remain, in one linear pass, and a
 * damaged record stops the read with a sentence.
 *
 * Layout (ESRI Shapefile Technical Description, 1998): a 100-byte header (file code 9994
 * big-endian at 0, file length in 16-bit words big-endian at 24, shape type little-endian at
 * 32), then records of an 8-byte header (record number, content length in 16-bit words, both
 * big-endian) and content starting with the shape type (0 = null shape).
 */
import { InputError } from '../../core/errors';

/** Shape types whose content is box, parts count, points count, parts, points (PolyLine, Polygon and their Z/M forms). */
const MULTIPART = new Set([3, 5, 13, 15, 23, 25]);

/**
 * Check the header and every record header; return the bytes the header's file length covers
 * (trailing bytes beyond it are dropped).
 *
 * @throws InputError `import-shp-bad-header` (not a .shp), `import-shp-truncated` (shorter
 *   than its header says), `import-shp-bad-record` (a record header or content that does not
 *   fit: names the record and its byte offset).
 */
export function checkShp(bytes: Uint8Array, file: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) {
    throw new InputError('import-shp-bad-header', `${file}: not a shapefile (bad header)`, { file });
  }
  const declared = view.getInt32(24, false) * 2;
  if (declared < 100) throw new InputError('import-shp-bad-header', `${file}: not a shapefile (bad header)`, { file });
  if (declared > bytes.length) {
    throw new InputError('import-shp-truncated', `${file}: the header says ${declared} bytes but the file has ${bytes.length}`, {
      file,
      declared,
      actual: bytes.length,
    });
  }
  const type = view.getInt32(32, true);
  const end = declared;
  let p = 100;
  let record = 0;
  while (p < end) {
    record++;
    const bad = (): InputError =>
      new InputError('import-shp-bad-record', `${file}: record ${record} (at byte ${p}) is damaged`, { file, record, offset: p });
    if (p + 12 > end) throw bad();
    const content = view.getInt32(p + 4, false) * 2;
    if (content < 4 || p + 8 + content > end) throw bad();
    const t = view.getInt32(p + 8, true);
    if (t !== 0 && t !== type) throw bad();
    if (MULTIPART.has(t)) {
      if (content < 44) throw bad();
      const parts = view.getInt32(p + 44, true);
      const points = view.getInt32(p + 48, true);
      if (parts < 0 || points < 0 || 44 + 4 * parts + 16 * points > content) throw bad();
    }
    p += 8 + content;
  }
  return declared === bytes.length ? bytes : bytes.subarray(0, declared);
}
