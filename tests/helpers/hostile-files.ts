/**
 * Builders of crafted (hostile or broken) input files for the reader tests and the fuzz suite:
 * .shp headers and records, .dbf tables, and zips whose declared sizes are patched.
 * Layouts: ESRI Shapefile Technical Description (1998); dBASE III file structure.
 */
import JSZip from 'jszip';

/** A 100-byte .shp header (polygon type unless given) declaring `fileBytes` bytes. */
export function shpHeader(fileBytes: number, type = 5): Uint8Array {
  const b = new Uint8Array(100);
  const v = new DataView(b.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, Math.floor(fileBytes / 2), false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, type, true);
  return b;
}

/** A .shp of polygon records, each one ring of a unit square shifted by its index. */
export function shpSquares(n: number): Uint8Array {
  const content = 44 + 4 + 16 * 5;
  const size = 100 + n * (8 + content);
  const out = new Uint8Array(size);
  out.set(shpHeader(size), 0);
  const v = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const p = 100 + i * (8 + content);
    v.setInt32(p, i + 1, false);
    v.setInt32(p + 4, content / 2, false);
    v.setInt32(p + 8, 5, true);
    v.setInt32(p + 44, 1, true);
    v.setInt32(p + 48, 5, true);
    v.setInt32(p + 52, 0, true);
    const ring = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]];
    ring.forEach(([x, y], k) => {
      v.setFloat64(p + 56 + 16 * k, x + i * 2, true);
      v.setFloat64(p + 64 + 16 * k, y, true);
    });
  }
  return out;
}

/** One field of `dbf`. */
export interface DbfFieldSpec {
  name: string;
  type: 'C' | 'N';
  length: number;
}

/**
 * A dBASE III table: header, field descriptors, 0x0D, records (deletion flag + fields), 0x1A.
 * `count` and `recordLength` override the header values (to craft lies).
 */
export function dbf(fields: readonly DbfFieldSpec[], rows: readonly string[][], over: { count?: number; recordLength?: number } = {}): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const size = headerLength + rows.length * recordLength + 1;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  v.setUint32(4, over.count ?? rows.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, over.recordLength ?? recordLength, true);
  fields.forEach((f, k) => {
    const p = 32 + 32 * k;
    for (let i = 0; i < f.name.length && i < 11; i++) out[p + i] = f.name.charCodeAt(i);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((r, i) => {
    let p = headerLength + i * recordLength;
    out[p++] = 0x20;
    fields.forEach((f, k) => {
      const s = (r[k] ?? '').padEnd(f.length, ' ').slice(0, f.length);
      for (let j = 0; j < f.length; j++) out[p + j] = s.charCodeAt(j) & 0xff;
      p += f.length;
    });
  });
  out[size - 1] = 0x1a;
  return out;
}

/** Deflated zip of the given members. */
export async function zipOf(members: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(members)) z.file(name, data);
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * Overwrite the declared uncompressed size of member `name` in both its local header and its
 * central-directory record (a zip that lies about what it unpacks to).
 */
export function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const v = new DataView(out.buffer);
  const nameBytes = new TextEncoder().encode(name);
  const matches = (at: number): boolean => nameBytes.every((c, i) => out[at + i] === c);
  for (let p = 0; p + 46 <= out.length; p++) {
    const sig = v.getUint32(p, true);
    if (sig === 0x04034b50 && v.getUint16(p + 26, true) === nameBytes.length && matches(p + 30)) v.setUint32(p + 22, size, true);
    if (sig === 0x02014b50 && v.getUint16(p + 28, true) === nameBytes.length && matches(p + 46)) v.setUint32(p + 24, size, true);
  }
  return out;
}
