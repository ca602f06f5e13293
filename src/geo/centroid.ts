/**
 * Area-weighted planar centroids of polygons, the point used for distance-based weights.
 */
import type { Position } from 'geojson';
import { featureIds, polygonsOf, type PolygonFeature, type PolygonRings } from './polygons';

/** Region locations: x = longitude (or easting), y = latitude (or northing). */
export interface Points {
  readonly ids: readonly string[];
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** true: lon/lat degrees (great-circle km); false: planar map units. */
  readonly lonLat: boolean;
}

/**
 * Area-weighted centroid of a (multi)polygon computed in the plane of its coordinates.
 * Formula: C = Σ_t A_t c_t / Σ_t A_t over the triangles (p0, a, b) fanned from the first
 * vertex p0 for every ring edge (a, b), with shells counted positive and holes negative
 * whatever their orientation. Polygons of zero area fall back to the length-weighted
 * centroid of their boundary, then to the mean of their vertices.
 * Reference: GEOS `Centroid` (what `sf::st_centroid` returns on unprojected coordinates).
 */
export function planarCentroid(polygons: PolygonRings): [number, number] {
  const p0 = polygons[0][0][0];
  const x0 = p0[0], y0 = p0[1];
  let a2 = 0, cx = 0, cy = 0;
  for (const poly of polygons) {
    poly.forEach((ring, r) => {
      let ra = 0, rx = 0, ry = 0;
      for (let k = 0; k + 1 < ring.length; k++) {
        const ax = ring[k][0] - x0, ay = ring[k][1] - y0;
        const bx = ring[k + 1][0] - x0, by = ring[k + 1][1] - y0;
        const t = ax * by - bx * ay;
        ra += t; rx += t * (ax + bx); ry += t * (ay + by);
      }
      // Shell positive, holes negative, independent of the ring's winding.
      const sign = (ra >= 0 ? 1 : -1) * (r === 0 ? 1 : -1);
      a2 += sign * ra; cx += sign * rx; cy += sign * ry;
    });
  }
  if (a2 !== 0) return [x0 + cx / (3 * a2), y0 + cy / (3 * a2)];
  return lineCentroid(polygons.flat());
}

function lineCentroid(rings: readonly (readonly Position[])[]): [number, number] {
  let len = 0, sx = 0, sy = 0, n = 0, mx = 0, my = 0;
  for (const ring of rings) {
    for (let k = 0; k < ring.length; k++) {
      mx += ring[k][0]; my += ring[k][1]; n++;
      if (k + 1 < ring.length) {
        const l = Math.hypot(ring[k + 1][0] - ring[k][0], ring[k + 1][1] - ring[k][1]);
        len += l; sx += l * (ring[k][0] + ring[k + 1][0]) / 2; sy += l * (ring[k][1] + ring[k + 1][1]) / 2;
      }
    }
  }
  return len > 0 ? [sx / len, sy / len] : [mx / n, my / n];
}

/**
 * Centroids of polygon features, in feature order.
 * @throws InputError `empty-geometry`, `not-polygon`, `duplicate-id` (see `polygonsOf`).
 */
export function featureCentroids(features: readonly PolygonFeature[], lonLat: boolean): Points {
  const ids = featureIds(features);
  const x = new Float64Array(ids.length), y = new Float64Array(ids.length);
  features.forEach((f, i) => {
    const [cx, cy] = planarCentroid(polygonsOf(f));
    x[i] = cx; y[i] = cy;
  });
  return { ids, x, y, lonLat };
}
