/**
 * Polygon rings: signed area, orientation, point-in-ring, and the normalisation that turns
 * loosely structured polygons into valid GeoJSON.
 * The normalisation was written for echarts' `china-cities.json`, which stores a city's
 * offshore islands as extra rings of one Polygon (echarts fills every ring), whereas GeoJSON
 * reads every ring after the first as a hole. It drops degenerate rings (fewer than 3 distinct
 * points or zero area), keeps a later ring as a hole only when it lies inside the outer ring,
 * promotes every other ring to a polygon of its own, and orients rings as RFC 7946 §3.1.6 asks
 * (exterior counter-clockwise, holes clockwise).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Twice the signed planar area of a closed ring (shoelace formula; > 0 = counter-clockwise). */
export function ringArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** Point-in-ring by ray casting (even–odd rule); points on the boundary count either way. */
export function pointInRing(p: readonly number[], ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function isDegenerate(ring: readonly Position[]): boolean {
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  return distinct.size < 3 || ringArea2(ring) === 0;
}

/** The ring counter-clockwise (`ccw`) or clockwise: itself when already so, else a reversed copy. */
export function orientRing(ring: Position[], ccw: boolean): Position[] {
  return (ringArea2(ring) > 0) === ccw ? ring : [...ring].reverse();
}

/** True when most vertices of `inner` lie inside `outer` (robust to shared boundary points). */
function ringInside(inner: readonly Position[], outer: readonly Position[]): boolean {
  let inCount = 0;
  const m = inner.length - 1;
  for (let i = 0; i < m; i++) if (pointInRing(inner[i], outer)) inCount++;
  return inCount * 2 > m;
}

/**
 * Normalise a Polygon/MultiPolygon whose rings are closed: see the module comment.
 * Returns a Polygon when one polygon remains, a MultiPolygon otherwise, or null when every
 * ring was degenerate.
 */
export function normalizePolygons(g: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  const input = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: Position[][][] = [];
  for (const poly of input) {
    const rings = poly.filter((r) => !isDegenerate(r));
    if (rings.length === 0) continue;
    const outer = rings[0];
    const current: Position[][] = [orientRing(outer, true)];
    const extra: Position[][][] = [];
    for (const r of rings.slice(1)) {
      if (ringInside(r, outer)) current.push(orientRing(r, false));
      else extra.push([orientRing(r, true)]);
    }
    out.push(current, ...extra);
  }
  if (out.length === 0) return null;
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
}
