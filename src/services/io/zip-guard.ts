/**
 * Open zip archives (zipped shapefiles, .xlsx workbooks) without trusting their sizes: the
 * central directory's declared sizes are checked against `MAX_UNZIPPED_BYTES` and
 * `MAX_COMPRESSION_RATIO` before anything is inflated, and inflation streams and stops as soon
 * as a member unpacks to more than it declared.
 */
import JSZip from 'jszip';
import { InputError } from '../../core/errors';
import { assertZip } from './sniff';
import { clipForMessage, MAX_COMPRESSION_RATIO, MAX_UNZIPPED_BYTES, RATIO_CHECK_MIN_BYTES } from './limits';

/** The sizes JSZip read from the central directory (internal `_data` of a member). */
interface DeclaredSizes {
  compressedSize?: number;
  uncompressedSize?: number;
}

/** JSZip's internal stream (`internalStream`, untyped in its .d.ts): chunks as they inflate. */
interface InflateStream {
  on(event: 'data', cb: (chunk: Uint8Array) => void): InflateStream;
  on(event: 'error', cb: (e: Error) => void): InflateStream;
  on(event: 'end', cb: () => void): InflateStream;
  pause(): InflateStream;
  resume(): InflateStream;
}

function declared(entry: JSZip.JSZipObject): { packed: number; unpacked: number } {
  const d = (entry as unknown as { _data?: DeclaredSizes })._data;
  // JSZip reads the 32-bit fields as signed: sizes of 2 GiB and more come out negative.
  return { packed: (d?.compressedSize ?? 0) >>> 0, unpacked: (d?.uncompressedSize ?? 0) >>> 0 };
}

/**
 * Refuse a zip whose members declare more than `MAX_UNZIPPED_BYTES` in total, or a member
 * larger than `RATIO_CHECK_MIN_BYTES` packed more than `MAX_COMPRESSION_RATIO` to 1.
 *
 * @throws InputError `import-zip-too-large`, `import-zip-ratio`.
 */
export function checkZipSizes(zip: JSZip, file: string): void {
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const { packed, unpacked } = declared(entry);
    total += unpacked;
    if (total > MAX_UNZIPPED_BYTES) {
      throw new InputError('import-zip-too-large', `${file}: the zip unpacks to more than ${MAX_UNZIPPED_BYTES} bytes, the limit`, {
        file,
        limit: MAX_UNZIPPED_BYTES,
      });
    }
    if (unpacked > RATIO_CHECK_MIN_BYTES && unpacked > MAX_COMPRESSION_RATIO * Math.max(packed, 1)) {
      const ratio = Math.round(unpacked / Math.max(packed, 1));
      throw new InputError(
        'import-zip-ratio',
        `${file}: "${entry.name}" is packed ${ratio} to 1, more than the limit of ${MAX_COMPRESSION_RATIO} to 1 for real data`,
        { file, entry: entry.name, ratio, limit: MAX_COMPRESSION_RATIO },
      );
    }
  }
}

/**
 * Load a zip's directory (nothing is inflated) and check its declared sizes.
 *
 * @throws InputError `import-not-xlsx*` / `import-not-zip*` when the bytes are not a zip
 *   (`sniff.ts`), `badCode` when its directory is damaged;
 *   `import-zip-too-large`, `import-zip-ratio` (see `checkZipSizes`).
 */
export async function openZip(file: string, bytes: Uint8Array, badCode: 'import-bad-zip' | 'import-bad-xlsx'): Promise<JSZip> {
  // Not a zip at all (a PNG or a CSV renamed): one plain sentence, not the library's text.
  assertZip(file, bytes, badCode === 'import-bad-xlsx' ? 'xlsx' : 'zip');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    // The library's message (with its web address) is not for users: the file is damaged.
    if (badCode === 'import-bad-xlsx') throw new InputError('import-bad-xlsx', `${file} is a damaged .xlsx workbook: its zip directory cannot be read`, { file });
    throw new InputError('import-bad-zip', `${file} is a damaged zip archive: its directory cannot be read`, { file });
  }
  checkZipSizes(zip, file);
  return zip;
}

/**
 * Inflate one member, streaming, and stop as soon as it unpacks to more bytes than its
 * declared size (which `checkZipSizes` has bounded).
 *
 * @throws InputError `import-zip-entry-oversized` when it does; `import-bad-zip-entry` when it
 *   cannot be inflated.
 */
export function inflateEntry(file: string, entry: JSZip.JSZipObject): Promise<Uint8Array> {
  const limit = declared(entry).unpacked;
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const stream = (entry as unknown as { internalStream(type: 'uint8array'): InflateStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        if (done) return;
        size += chunk.length;
        if (size > limit) {
          done = true;
          stream.pause();
          reject(
            new InputError('import-zip-entry-oversized', `${file}: "${entry.name}" unpacks to more than the ${limit} bytes its zip entry declares`, {
              file,
              entry: entry.name,
              declared: limit,
            }),
          );
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e: Error) => {
        if (done) return;
        done = true;
        void e; // the inflater's own message is not for users
        reject(new InputError('import-bad-zip-entry', `${file} is a damaged zip archive: "${clipForMessage(entry.name)}" cannot be unpacked`, { file, entry: clipForMessage(entry.name) }));
      })
      .on('end', () => {
        if (done) return;
        done = true;
        const out = new Uint8Array(size);
        let o = 0;
        for (const c of chunks) {
          out.set(c, o);
          o += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}
