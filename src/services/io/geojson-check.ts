/**
 * Check the shape of a GeoJSON FeatureCollection's features before they are used: each is an
 * object, its properties an object (or null), and a Polygon/MultiPolygon geometry's
 * coordinates are nested arrays of positions of finite numbers (RFC 7946 §3.1).
 */
import { InputError } from '../../core/errors';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(p: unknown): boolean {
  return Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function isRing(r: unknown): boolean {
  return Array.isArray(r) && r.every(isPosition);
}

function isPolygon(c: unknown): boolean {
  return Array.isArray(c) && c.every(isRing);
}

/**
 * @throws InputError `import-geojson-bad-feature` (a feature that is not an object, or whose
 *   properties or geometry are not objects), `import-geojson-bad-coordinates` (a Polygon or
 *   MultiPolygon whose coordinates are not arrays of number positions); both name the feature.
 */
export function checkGeoJsonFeatures(file: string, features: readonly unknown[]): void {
  features.forEach((f, k) => {
    const record = k + 1;
    if (!isObject(f) || (f.properties !== undefined && f.properties !== null && !isObject(f.properties)) || (f.geometry !== undefined && f.geometry !== null && !isObject(f.geometry))) {
      throw new InputError('import-geojson-bad-feature', `${file}: feature ${record} is not a GeoJSON Feature object`, { file, record });
    }
    const g = f.geometry;
    if (!isObject(g)) return;
    const ok = g.type === 'Polygon' ? isPolygon(g.coordinates) : g.type === 'MultiPolygon' ? Array.isArray(g.coordinates) && g.coordinates.every(isPolygon) : true;
    if (!ok) {
      throw new InputError('import-geojson-bad-coordinates', `${file}: feature ${record} has a ${String(g.type)} whose coordinates are not arrays of numbers`, {
        file,
        record,
        type: String(g.type),
      });
    }
  });
}
