/**
 * Region geometry for the map layout: projected once (metres), then for a given scale turned
 * into simplified rings in panel-local points (Douglas–Peucker at 0.2 pt) that each panel emits
 * as SVG path data (absolute M/L/Z only, rounded to 0.01 pt) at its own offset. Also finds a
 * label point inside each region's largest polygon.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { simplifyRing } from '../../geo/simplify';
import type { Projection } from '../projection';

/** Simplification tolerance in points (invisible at print sizes). */
export const SIMPLIFY_PT = 0.2;

/** A region's rings in projected metres: interleaved x, y; `poly[i]` = polygon index of ring i. */
export interface ProjectedShape {
  readonly rings: readonly Float64Array[];
  readonly poly: readonly number[];
}

/** Metres box [minX, minY, maxX, maxY]. */
export type Box = [number, number, number, number];

/** An empty box to grow. */
export function emptyBox(): Box {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

/** Project a Polygon/MultiPolygon, growing `box`. */
export function projectGeometry(g: Polygon | MultiPolygon, proj: Projection, box: Box): ProjectedShape {
  const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const rings: Float64Array[] = [];
  const poly: number[] = [];
  polys.forEach((p, pi) => {
    for (const ring of p) {
      if (ring.length < 3) continue;
      const a = new Float64Array(ring.length * 2);
      for (let i = 0; i < ring.length; i++) {
        const [x, y] = proj.forward(ring[i][0], ring[i][1]);
        a[2 * i] = x;
        a[2 * i + 1] = y;
        if (x < box[0]) box[0] = x;
        if (y < box[1]) box[1] = y;
        if (x > box[2]) box[2] = x;
        if (y > box[3]) box[3] = y;
      }
      rings.push(a);
      poly.push(pi);
    }
  });
  return { rings, poly };
}

/** Metres → panel-local points: X = (x − x0)·s, Y = (y1 − y)·s (y down). */
export interface LocalTransform {
  readonly s: number;
  readonly x0: number;
  readonly y1: number;
}

/** A shape in panel-local points, simplified. */
export interface LocalShape {
  readonly rings: readonly number[][];
  readonly poly: readonly number[];
}

/**
 * Simplify a projected shape at a scale. Rings smaller than the tolerance vanish; when all
 * would, the largest ring is kept as its bounding triangle so the region stays visible.
 */
export function localShape(shape: ProjectedShape, t: LocalTransform, tol = SIMPLIFY_PT): LocalShape {
  const rings: number[][] = [];
  const poly: number[] = [];
  let largest: number[] | null = null, largestPoly = 0, largestSpan = -1;
  shape.rings.forEach((r, i) => {
    const loc = new Float64Array(r.length);
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let k = 0; k < r.length; k += 2) {
      const X = (r[k] - t.x0) * t.s, Y = (t.y1 - r[k + 1]) * t.s;
      loc[k] = X;
      loc[k + 1] = Y;
      if (X < minX) minX = X;
      if (X > maxX) maxX = X;
      if (Y < minY) minY = Y;
      if (Y > maxY) maxY = Y;
    }
    const s = simplifyRing(loc, tol);
    if (s.length >= 6) {
      rings.push(s);
      poly.push(shape.poly[i]);
    }
    const span = maxX - minX + maxY - minY;
    if (span > largestSpan) {
      largestSpan = span;
      largest = [minX, maxY, maxX, maxY, (minX + maxX) / 2, minY];
      largestPoly = shape.poly[i];
    }
  });
  if (rings.length === 0 && largest) {
    rings.push(largest);
    poly.push(largestPoly);
  }
  return { rings, poly };
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** SVG path data of a local shape at offset (ox, oy): absolute M/L/Z, 0.01 pt. */
export function pathData(shape: LocalShape, ox: number, oy: number): string {
  const parts: string[] = [];
  for (const ring of shape.rings) {
    let s = `M${r2(ring[0] + ox)} ${r2(ring[1] + oy)}`;
    for (let k = 2; k < ring.length; k += 2) s += `L${r2(ring[k] + ox)} ${r2(ring[k + 1] + oy)}`;
    parts.push(`${s}Z`);
  }
  return parts.join('');
}

/** SVG path data of open polylines (interleaved local points) at an offset. */
export function linePathData(lines: readonly number[][], ox: number, oy: number): string {
  const parts: string[] = [];
  for (const l of lines) {
    if (l.length < 4) continue;
    let s = `M${r2(l[0] + ox)} ${r2(l[1] + oy)}`;
    for (let k = 2; k < l.length; k += 2) s += `L${r2(l[k] + ox)} ${r2(l[k + 1] + oy)}`;
    parts.push(s);
  }
  return parts.join('');
}

/** Twice the signed area of an interleaved ring. */
function area2(r: readonly number[]): number {
  let s = 0;
  const n = r.length;
  for (let k = 0; k < n; k += 2) {
    const j = (k + 2) % n;
    s += r[k] * r[j + 1] - r[j] * r[k + 1];
  }
  return s;
}

/**
 * A point inside the region's largest polygon (by area): on 15 horizontal lines across its
 * bounding box, the rings' crossings (holes included, even–odd) give inside segments; the
 * middle of the longest segment is returned, with that segment's width (for fitting a label).
 */
export function labelPoint(shape: LocalShape): { x: number; y: number; width: number } | null {
  if (shape.rings.length === 0) return null;
  const areaOf = new Map<number, number>();
  shape.rings.forEach((r, i) => areaOf.set(shape.poly[i], (areaOf.get(shape.poly[i]) ?? 0) + Math.abs(area2(r))));
  let best = shape.poly[0], bestA = -1;
  for (const [p, a] of areaOf) if (a > bestA) { bestA = a; best = p; }
  const rings = shape.rings.filter((_, i) => shape.poly[i] === best);
  let minY = Infinity, maxY = -Infinity;
  for (const r of rings) for (let k = 1; k < r.length; k += 2) { if (r[k] < minY) minY = r[k]; if (r[k] > maxY) maxY = r[k]; }
  let out: { x: number; y: number; width: number } | null = null;
  let bestScore = -1;
  const LINES = 15;
  for (let li = 1; li <= LINES; li++) {
    const y = minY + ((maxY - minY) * li) / (LINES + 1);
    const xs: number[] = [];
    for (const r of rings) {
      const n = r.length;
      for (let k = 0; k < n; k += 2) {
        const j = (k + 2) % n;
        const y1 = r[k + 1], y2 = r[j + 1];
        if ((y1 > y) !== (y2 > y)) xs.push(r[k] + ((y - y1) * (r[j] - r[k])) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    // Prefer segments near the vertical middle: the width is weighted down by up to 30 % at the edges.
    const central = 1 - (0.3 * Math.abs(li - (LINES + 1) / 2)) / ((LINES + 1) / 2);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = xs[k + 1] - xs[k];
      if (w * central > bestScore) {
        bestScore = w * central;
        out = { x: (xs[k] + xs[k + 1]) / 2, y, width: w };
      }
    }
  }
  return out;
}
