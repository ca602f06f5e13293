/**
 * WOFF 1.0 → sfnt (TrueType / OpenType) decoder, our own (W3C "WOFF File Format 1.0", 2012):
 * a 44-byte header, a table directory of 20-byte entries, each table zlib-compressed unless its
 * compressed length equals its original length. The sfnt is rebuilt with the offset table
 * (searchRange / entrySelector / rangeShift as OpenType's "Organization of an OpenType font"),
 * 16-byte table records sorted by tag and each table padded to 4 bytes; every table's checksum
 * is verified against the one the WOFF directory stores. resvg and pdfkit (fontkit) read sfnt,
 * not WOFF, which is why the shipped @fontsource files are decoded first.
 */
import { inflateSync } from 'node:zlib';
import { InputError } from '../../core/errors';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const HEADER_BYTES = 44;
const WOFF_ENTRY_BYTES = 20;
const SFNT_ENTRY_BYTES = 16;

/** One table of a WOFF file's directory. */
interface WoffTable {
  readonly tag: string;
  readonly offset: number;
  readonly compLength: number;
  readonly origLength: number;
  readonly origChecksum: number;
}

/**
 * OpenType table checksum: the sum of the table's big-endian uint32 words (zero-padded to 4
 * bytes), modulo 2³². For 'head' the checkSumAdjustment word (bytes 8–11) counts as zero.
 */
export function tableChecksum(data: Uint8Array, tag = ''): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sum = 0;
  const whole = data.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) {
    if (tag === 'head' && i === 8) continue;
    sum = (sum + view.getUint32(i)) >>> 0;
  }
  if (whole < data.byteLength) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.byteLength ? data[i] : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

function bad(file: string, reason: string): InputError {
  return new InputError('figure-font-bad-woff', `The font file ${file} is not a valid WOFF 1.0 file: ${reason}.`, { file, reason });
}

/**
 * Decode a WOFF 1.0 file to the sfnt bytes it wraps.
 * @param file name used in error messages.
 * @param replace tables to write instead of the file's own (e.g. a new 'name' table); their
 *   checksums and the head table's checkSumAdjustment are recomputed.
 * @throws InputError `figure-font-bad-woff` (wrong signature, truncated header or table, a table
 *   that does not inflate to its stated length, or a checksum mismatch).
 */
export function woffToSfnt(woff: Uint8Array, file = 'font', replace: Readonly<Record<string, Uint8Array>> = {}): Uint8Array {
  if (woff.byteLength < HEADER_BYTES) throw bad(file, 'the header is truncated');
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== WOFF_SIGNATURE) throw bad(file, 'the signature is not wOFF');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  if (HEADER_BYTES + numTables * WOFF_ENTRY_BYTES > woff.byteLength) throw bad(file, 'the table directory is truncated');

  const tables: WoffTable[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = HEADER_BYTES + i * WOFF_ENTRY_BYTES;
    const tag = String.fromCharCode(woff[at], woff[at + 1], woff[at + 2], woff[at + 3]);
    const t = { tag, offset: view.getUint32(at + 4), compLength: view.getUint32(at + 8), origLength: view.getUint32(at + 12), origChecksum: view.getUint32(at + 16) };
    if (t.offset + t.compLength > woff.byteLength) throw bad(file, `table ${tag} runs past the end of the file`);
    tables.push(t);
  }
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));

  const datas = tables.map((t) => {
    const raw = woff.subarray(t.offset, t.offset + t.compLength);
    let data: Uint8Array;
    if (t.compLength === t.origLength) data = raw;
    else {
      try {
        data = inflateSync(raw);
      } catch {
        throw bad(file, `table ${t.tag} does not inflate`);
      }
    }
    if (data.byteLength !== t.origLength) throw bad(file, `table ${t.tag} inflates to ${data.byteLength} bytes, not ${t.origLength}`);
    const sum = tableChecksum(data, t.tag);
    // 'head': the stored checksum is computed with checkSumAdjustment zeroed; accept the plain sum too.
    if (sum !== t.origChecksum && !(t.tag === 'head' && tableChecksum(data) === t.origChecksum)) {
      throw bad(file, `table ${t.tag} has checksum ${sum}, not ${t.origChecksum}`);
    }
    return data;
  });
  const replaced = Object.keys(replace).length > 0;
  tables.forEach((t, i) => {
    const r = replace[t.tag];
    if (!r) return;
    datas[i] = r;
    tables[i] = { ...t, origLength: r.byteLength, origChecksum: tableChecksum(r, t.tag) };
  });
  const headIndex = tables.findIndex((t) => t.tag === 'head');
  if (replaced && headIndex >= 0) {
    const head = new Uint8Array(datas[headIndex]);
    new DataView(head.buffer).setUint32(8, 0);
    datas[headIndex] = head;
  }

  const headerBytes = 12 + numTables * SFNT_ENTRY_BYTES;
  let total = headerBytes;
  for (const d of datas) total += (d.byteLength + 3) & ~3;
  const out = new Uint8Array(total);
  const ov = new DataView(out.buffer);
  let pow2 = 1;
  let log2 = 0;
  while (pow2 * 2 <= numTables) {
    pow2 *= 2;
    log2++;
  }
  ov.setUint32(0, flavor);
  ov.setUint16(4, numTables);
  ov.setUint16(6, pow2 * 16);
  ov.setUint16(8, log2);
  ov.setUint16(10, numTables * 16 - pow2 * 16);
  let offset = headerBytes;
  tables.forEach((t, i) => {
    const rec = 12 + i * SFNT_ENTRY_BYTES;
    for (let k = 0; k < 4; k++) out[rec + k] = t.tag.charCodeAt(k);
    ov.setUint32(rec + 4, t.origChecksum);
    ov.setUint32(rec + 8, offset);
    ov.setUint32(rec + 12, t.origLength);
    out.set(datas[i], offset);
    offset += (datas[i].byteLength + 3) & ~3;
  });
  if (replaced && headIndex >= 0) {
    // OpenType: checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font (with it zeroed).
    const headOffset = ov.getUint32(12 + headIndex * SFNT_ENTRY_BYTES + 8);
    ov.setUint32(headOffset + 8, (0xb1b0afba - tableChecksum(out)) >>> 0);
  }
  return out;
}

/**
 * A 'name' table (format 0, Windows Unicode BMP, en-US) naming a font family: IDs 1 family,
 * 2 subfamily, 4 full name, 6 PostScript name (spaces removed), UTF-16BE strings.
 */
export function nameTable(family: string, subfamily = 'Regular'): Uint8Array {
  const strings: [number, string][] = [[1, family], [2, subfamily], [4, `${family} ${subfamily}`], [6, `${family}-${subfamily}`.replace(/[^A-Za-z0-9-]/g, '')]];
  const encoded = strings.map(([, str]) => {
    const b = new Uint8Array(str.length * 2);
    for (let i = 0; i < str.length; i++) {
      b[2 * i] = str.charCodeAt(i) >> 8;
      b[2 * i + 1] = str.charCodeAt(i) & 0xff;
    }
    return b;
  });
  const headerBytes = 6 + 12 * strings.length;
  const total = headerBytes + encoded.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0);
  v.setUint16(2, strings.length);
  v.setUint16(4, headerBytes);
  let at = 0;
  strings.forEach(([id], i) => {
    const rec = 6 + 12 * i;
    v.setUint16(rec, 3); // platform: Windows
    v.setUint16(rec + 2, 1); // encoding: Unicode BMP
    v.setUint16(rec + 4, 0x409); // language: en-US
    v.setUint16(rec + 6, id);
    v.setUint16(rec + 8, encoded[i].length);
    v.setUint16(rec + 10, at);
    out.set(encoded[i], headerBytes + at);
    at += encoded[i].length;
  });
  return out;
}
