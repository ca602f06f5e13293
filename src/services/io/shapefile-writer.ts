/**
 * A minimal ESRI shapefile writer for polygon layers: `.shp`, `.shx`, `.dbf` (UTF-8, with a
 * `.cpg` saying so) and an optional `.prj`. Used for exports and to build test fixtures.
 */
import type { Geometry, Position } from 'geojson';
import iconv from 'iconv-lite';
import { orientRing } from '../../geo/rings';

/** The member files of a written shapefile. */
export interface ShapefileBytes {
  readonly shp: Uint8Array;
  readonly shx: Uint8Array;
  readonly dbf: Uint8Array;
  readonly cpg: Uint8Array;
  readonly prj?: Uint8Array;
}

/** One feature to write: a Polygon or MultiPolygon (or null for a null shape) and its attributes. */
export interface WritableFeature {
  readonly geometry: Geometry | null;
  readonly properties: Readonly<Record<string, string | number | null | undefined>>;
}

/** Options of `writeShapefile`. */
export interface ShapefileWriteOptions {
  /** WKT for the `.prj`. */
  readonly prj?: string;
  /** Text encoding of the `.dbf` (default 'utf-8'); written to the `.cpg`. */
  readonly encoding?: string;
}

/** Rings of a geometry in shapefile orientation: outer rings clockwise, holes counter-clockwise, closed. */
function shapeRings(g: Geometry): Position[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const rings: Position[][] = [];
  for (const poly of polys) {
    poly.forEach((ring, k) => {
      if (ring.length === 0) return;
      const r = ring.map((p) => [p[0], p[1]]);
      const first = r[0];
      const last = r[r.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) r.push([first[0], first[1]]);
      rings.push(orientRing(r, k > 0));
    });
  }
  return rings;
}

/**
 * Write polygon features as a shapefile (shape type 5, Polygon).
 *
 * Format: ESRI Shapefile Technical Description (1998): 100-byte headers in `.shp`/`.shx`
 * (big-endian file code and length in 16-bit words, little-endian shape data), dBASE III
 * `.dbf` with one field per property key — numeric (N, 24.10 text) when every value is a
 * number or null, else character (C, width of the longest encoded value, at most 254 bytes).
 * Field names are cut to 10 bytes.
 *
 * @throws Error when a geometry is neither Polygon, MultiPolygon nor null.
 */
export function writeShapefile(features: readonly WritableFeature[], opts: ShapefileWriteOptions = {}): ShapefileBytes {
  const encoding = opts.encoding ?? 'utf-8';
  const records = features.map((f) => {
    if (f.geometry && f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
      throw new Error(`writeShapefile: only Polygon and MultiPolygon can be written, not ${f.geometry.type}`);
    }
    return f.geometry ? shapeRings(f.geometry) : null;
  });
  let bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const contents: Uint8Array[] = records.map((rings) => {
    if (!rings || rings.length === 0) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, 0, true);
      return b;
    }
    const pts = rings.flat();
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of pts) {
      box[0] = Math.min(box[0], p[0]);
      box[1] = Math.min(box[1], p[1]);
      box[2] = Math.max(box[2], p[0]);
      box[3] = Math.max(box[3], p[1]);
    }
    bbox = [Math.min(bbox[0], box[0]), Math.min(bbox[1], box[1]), Math.max(bbox[2], box[2]), Math.max(bbox[3], box[3])];
    const size = 44 + 4 * rings.length + 16 * pts.length;
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    v.setInt32(0, 5, true);
    box.forEach((x, k) => v.setFloat64(4 + 8 * k, x, true));
    v.setInt32(36, rings.length, true);
    v.setInt32(40, pts.length, true);
    let start = 0;
    rings.forEach((r, k) => {
      v.setInt32(44 + 4 * k, start, true);
      start += r.length;
    });
    let o = 44 + 4 * rings.length;
    for (const p of pts) {
      v.setFloat64(o, p[0], true);
      v.setFloat64(o + 8, p[1], true);
      o += 16;
    }
    return b;
  });
  if (!Number.isFinite(bbox[0])) bbox = [0, 0, 0, 0];
  const shpLength = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const header = (b: Uint8Array, bytes: number) => {
    const v = new DataView(b.buffer);
    v.setInt32(0, 9994, false);
    v.setInt32(24, bytes / 2, false);
    v.setInt32(28, 1000, true);
    v.setInt32(32, 5, true);
    bbox.forEach((x, k) => v.setFloat64(36 + 8 * k, x, true));
  };
  header(shp, shp.length);
  header(shx, shx.length);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let off = 100;
  contents.forEach((c, k) => {
    sv.setInt32(off, k + 1, false);
    sv.setInt32(off + 4, c.length / 2, false);
    shp.set(c, off + 8);
    xv.setInt32(100 + 8 * k, off / 2, false);
    xv.setInt32(104 + 8 * k, c.length / 2, false);
    off += 8 + c.length;
  });
  const dbf = writeDbf(features.map((f) => f.properties), encoding);
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf-8'));
  return {
    shp,
    shx,
    dbf,
    cpg: enc(encoding.toUpperCase()),
    ...(opts.prj ? { prj: enc(opts.prj) } : {}),
  };
}

function formatNumber(x: number, width: number): string {
  let s = Number.isInteger(x) ? String(x) : x.toFixed(10).replace(/0+$/, '');
  if (s.length > width) s = x.toExponential(width - 8);
  return s.padStart(width, ' ');
}

function writeDbf(rows: readonly Readonly<Record<string, string | number | null | undefined>>[], encoding: string): Uint8Array {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const fields = names.map((name) => {
    const vals = rows.map((r) => r[name]);
    const numeric = vals.every((v) => v === null || v === undefined || typeof v === 'number');
    if (numeric) return { name, type: 'N', length: 24, decimals: 10 };
    const len = Math.max(1, ...vals.map((v) => (v === null || v === undefined ? 0 : iconv.encode(String(v), encoding).length)));
    return { name, type: 'C', length: Math.min(254, len), decimals: 0 };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const v = new DataView(out.buffer);
  const now = new Date();
  out[0] = 0x03;
  out[1] = now.getUTCFullYear() - 1900;
  out[2] = now.getUTCMonth() + 1;
  out[3] = now.getUTCDate();
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach((f, k) => {
    const p = 32 + 32 * k;
    const nameBytes = iconv.encode(f.name, encoding).subarray(0, 10);
    out.set(nameBytes, p);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((r, i) => {
    let p = headerLength + i * recordLength;
    out[p++] = 0x20;
    for (const f of fields) {
      const val = r[f.name];
      const cell = new Uint8Array(f.length).fill(0x20);
      if (val !== null && val !== undefined) {
        const bytes =
          f.type === 'N' ? Buffer.from(formatNumber(val as number, f.length), 'latin1') : iconv.encode(String(val), encoding);
        cell.set(bytes.subarray(0, f.length), 0);
      }
      out.set(cell, p);
      p += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}
