/**
 * Decoder for the compressed coordinates of the map files shipped in `echarts@4.9.0`
 * (`map/json/china.json`, `china-cities.json`). Those files carry `UTF8Encoding: true`: each
 * ring is a string in which every pair of characters encodes one point as zig-zag encoded
 * integer deltas, and `encodeOffsets` gives the starting point per ring.
 *
 * Written from the format description (not from echarts' source):
 *   for each character pair (cx, cy): u = charCode − 64; v = (u >>> 1) XOR −(u AND 1) (zig-zag);
 *   x_k = x_{k−1} + v_x, y_k = y_{k−1} + v_y with x_{−1}, y_{−1} = encodeOffsets of the ring;
 *   lon = x / scale, lat = y / scale, scale = 1024.
 * Rings are returned closed (first point repeated at the end), as GeoJSON requires.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { InputError } from '../../core/errors';
import { normalizePolygons } from '../../geo/rings';

/** The default divisor of the encoded integers. */
export const ECHARTS_ENCODE_SCALE = 1024;

/** An encoded Polygon: rings are strings, offsets one `[x, y]` per ring. */
export interface EncodedPolygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly (string | readonly Position[])[];
  readonly encodeOffsets?: readonly (readonly number[])[];
}

/** An encoded MultiPolygon: per polygon, rings as strings and one offset per ring. */
export interface EncodedMultiPolygon {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly (string | readonly Position[])[])[];
  readonly encodeOffsets?: readonly (readonly (readonly number[])[])[];
}

/** One feature as found in an echarts map file. */
export interface EncodedFeature {
  readonly type?: string;
  readonly id?: string | number;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry: EncodedPolygon | EncodedMultiPolygon;
}

/** An echarts map file: a FeatureCollection, optionally with `UTF8Encoding: true`. */
export interface EncodedFeatureCollection {
  readonly type?: string;
  readonly UTF8Encoding?: boolean;
  readonly features: readonly EncodedFeature[];
}

/** Zig-zag decode of a non-negative integer: 0→0, 1→−1, 2→1, 3→−2, … */
function zigzag(u: number): number {
  return (u >>> 1) ^ -(u & 1);
}

/** Repeat the first position at the end when the ring is not closed; returns a new array. */
export function closeRing(ring: readonly Position[]): Position[] {
  const out = ring.map((p) => [...p]);
  if (out.length === 0) return out;
  const a = out[0], b = out[out.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
  return out;
}

/**
 * Decode one encoded ring to closed lon/lat positions.
 * Formula: see the module comment (pairs of chars, code − 64, zig-zag, running sum, ÷ scale).
 * @throws InputError `sample-map-bad-character` / `sample-map-empty-feature` / `sample-map-no-features` / `sample-map-no-offsets` … when the string has an odd length, a character below
 *   code 64, or no offset was given.
 */
export function decodeRing(encoded: string, offset: readonly number[] | undefined, scale = ECHARTS_ENCODE_SCALE): Position[] {
  if (!offset || offset.length < 2 || !Number.isFinite(offset[0]) || !Number.isFinite(offset[1])) {
    throw new InputError('sample-map-no-offsets', 'Encoded ring has no valid encodeOffsets entry.');
  }
  if (encoded.length % 2 !== 0) {
    throw new InputError('sample-map-odd-length', `Encoded ring has an odd number of characters (${encoded.length}).`, { length: encoded.length });
  }
  let x = offset[0], y = offset[1];
  const ring: Position[] = [];
  for (let i = 0; i < encoded.length; i += 2) {
    const ux = encoded.charCodeAt(i) - 64, uy = encoded.charCodeAt(i + 1) - 64;
    if (ux < 0 || uy < 0) {
      throw new InputError('sample-map-bad-character', `Encoded ring has an invalid character at position ${ux < 0 ? i : i + 1}.`, { position: ux < 0 ? i : i + 1 });
    }
    x += zigzag(ux);
    y += zigzag(uy);
    ring.push([x / scale, y / scale]);
  }
  return closeRing(ring);
}

function decodeRings(
  rings: readonly (string | readonly Position[])[],
  offsets: readonly (readonly number[])[] | undefined,
  encoded: boolean,
  scale: number,
): Position[][] {
  return rings.map((r, k) => {
    if (typeof r === 'string') {
      if (!encoded) throw new InputError('sample-map-string-coordinates', 'String coordinates found in a file without UTF8Encoding.');
      return decodeRing(r, offsets?.[k], scale);
    }
    return closeRing(r);
  });
}

/**
 * Decode an echarts Polygon/MultiPolygon geometry to plain GeoJSON with closed rings.
 * @throws InputError `sample-map-bad-character` / `sample-map-empty-feature` / `sample-map-no-features` / `sample-map-no-offsets` … on malformed strings or missing offsets.
 */
export function decodeGeometry(
  g: EncodedPolygon | EncodedMultiPolygon,
  encoded = true,
  scale = ECHARTS_ENCODE_SCALE,
): Polygon | MultiPolygon {
  if (g.type === 'Polygon') {
    return { type: 'Polygon', coordinates: decodeRings(g.coordinates, g.encodeOffsets, encoded, scale) };
  }
  if (g.type === 'MultiPolygon') {
    return {
      type: 'MultiPolygon',
      coordinates: g.coordinates.map((poly, k) => decodeRings(poly, g.encodeOffsets?.[k], encoded, scale)),
    };
  }
  throw new InputError('sample-map-unsupported-geometry', `Unsupported geometry type ${(g as { type: string }).type}.`, { type: (g as { type: string }).type });
}

/**
 * Decode every feature of an echarts map file into a plain GeoJSON FeatureCollection.
 * The feature `id` is kept as a string (on the feature and as `properties.id`). Unless
 * `opts.raw`, geometries are made valid GeoJSON by `normalizePolygons` (degenerate rings
 * dropped, island rings promoted to polygons, RFC 7946 orientation).
 * @throws InputError `sample-map-bad-character` / `sample-map-empty-feature` / `sample-map-no-features` / `sample-map-no-offsets` … on malformed input or a feature left without any ring.
 */
export function decodeEchartsMap(
  fc: EncodedFeatureCollection,
  opts: { raw?: boolean } = {},
): FeatureCollection<Polygon | MultiPolygon> {
  if (!fc || !Array.isArray(fc.features)) {
    throw new InputError('sample-map-no-features', 'Not an echarts map file: no features array.');
  }
  const encoded = fc.UTF8Encoding === true;
  const features: Feature<Polygon | MultiPolygon>[] = fc.features.map((f) => {
    const id = f.id === undefined ? String(f.properties.id ?? '') : String(f.id);
    const decoded = decodeGeometry(f.geometry, encoded);
    const geometry = opts.raw ? decoded : normalizePolygons(decoded);
    if (!geometry) throw new InputError('sample-map-empty-feature', `Feature ${id} has no ring with an area.`, { id });
    return { type: 'Feature', id, properties: { ...f.properties, id }, geometry };
  });
  return { type: 'FeatureCollection', features };
}

/** Bounding box `[minLon, minLat, maxLon, maxLat]` of a Polygon or MultiPolygon. */
export function geometryBbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const ring of poly) for (const p of ring) {
    if (p[0] < x0) x0 = p[0];
    if (p[0] > x1) x1 = p[0];
    if (p[1] < y0) y0 = p[1];
    if (p[1] > y1) y1 = p[1];
  }
  return [x0, y0, x1, y1];
}
