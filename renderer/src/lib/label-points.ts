/**
 * Where a region's name goes on the interactive map: the area centroid of its largest ring
 * (in lon/lat degrees — enough to place a label), so a multipolygon's label sits on its main
 * part rather than in the sea between islands.
 */
import type { AreaCollection } from '../../../src/contract';

/** A label anchor in lon/lat. */
export interface LabelPoint {
  readonly code: string;
  readonly lon: number;
  readonly lat: number;
  /** |area| of the ring in square degrees (larger regions are labelled first). */
  readonly area: number;
}

type Ring = readonly (readonly number[])[];

/**
 * Signed area and centroid of a ring by the shoelace formula:
 * A = ½ Σ (xᵢ yᵢ₊₁ − xᵢ₊₁ yᵢ), cx = Σ (xᵢ + xᵢ₊₁)(xᵢ yᵢ₊₁ − xᵢ₊₁ yᵢ) / 6A (likewise cy).
 * A ring of zero area gives the mean of its vertices.
 */
export function ringCentroid(ring: Ring): { x: number; y: number; area: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % n];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  a /= 2;
  if (Math.abs(a) < 1e-12) {
    let sx = 0;
    let sy = 0;
    for (const p of ring) {
      sx += p[0];
      sy += p[1];
    }
    return { x: sx / Math.max(1, n), y: sy / Math.max(1, n), area: 0 };
  }
  return { x: cx / (6 * a), y: cy / (6 * a), area: Math.abs(a) };
}

/** One anchor per feature with a code, largest first. */
export function labelPoints(geometry: AreaCollection): LabelPoint[] {
  const out: LabelPoint[] = [];
  for (const f of geometry.features) {
    const code = f.properties?.code;
    if (code === undefined || code === null) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    let best: { x: number; y: number; area: number } | null = null;
    for (const poly of polys) {
      if (!poly[0] || poly[0].length < 3) continue;
      const c = ringCentroid(poly[0]);
      if (!best || c.area > best.area) best = c;
    }
    if (best) out.push({ code: String(code), lon: best.x, lat: best.y, area: best.area });
  }
  return out.sort((p, q) => q.area - p.area);
}

/** A label box on screen. */
export interface PlacedBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Greedy placement: keeps each box (in the given order) that overlaps none kept before it and
 * lies inside the `width` × `height` view; returns the indices kept.
 */
export function placeLabels(boxes: readonly PlacedBox[], width: number, height: number): number[] {
  const kept: PlacedBox[] = [];
  const out: number[] = [];
  boxes.forEach((b, i) => {
    if (b.x < 0 || b.y < 0 || b.x + b.width > width || b.y + b.height > height) return;
    for (const k of kept) if (b.x < k.x + k.width && k.x < b.x + b.width && b.y < k.y + k.height && k.y < b.y + b.height) return;
    kept.push(b);
    out.push(i);
  });
  return out;
}
