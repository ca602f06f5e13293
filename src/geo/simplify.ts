/**
 * Line and ring simplification in planar coordinates: a radial-distance pre-pass followed by
 * Douglas–Peucker (Douglas & Peucker 1973; iterative, with an explicit stack), as simplify-js
 * and Turf's `simplify` do. Coordinates are interleaved [x0, y0, x1, y1, …].
 */

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let dx = bx - ax, dy = by - ay;
  let x = ax, y = ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = bx; y = by; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/**
 * Simplify an open polyline: points closer than `tolerance` to the previous kept point are
 * dropped, then Douglas–Peucker keeps every point farther than `tolerance` from the chord.
 * The first and last points are always kept.
 * @param xy - interleaved coordinates
 * @returns interleaved coordinates of the kept points
 */
export function simplifyLine(xy: ArrayLike<number>, tolerance: number): number[] {
  const n = xy.length >> 1;
  if (n <= 2) return Array.from(xy);
  const t2 = tolerance * tolerance;
  // Radial pass.
  const r: number[] = [xy[0], xy[1]];
  let lx = xy[0], ly = xy[1];
  for (let i = 1; i < n - 1; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if ((x - lx) ** 2 + (y - ly) ** 2 > t2) { r.push(x, y); lx = x; ly = y; }
  }
  r.push(xy[2 * n - 2], xy[2 * n - 1]);
  const m = r.length >> 1;
  if (m <= 2) return r;
  const keep = new Uint8Array(m);
  keep[0] = 1;
  keep[m - 1] = 1;
  const stack: number[] = [0, m - 1];
  while (stack.length > 0) {
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    let maxD = t2, index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segDist2(r[2 * i], r[2 * i + 1], r[2 * first], r[2 * first + 1], r[2 * last], r[2 * last + 1]);
      if (d > maxD) { maxD = d; index = i; }
    }
    if (index > 0) {
      keep[index] = 1;
      stack.push(first, index, index, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < m; i++) if (keep[i]) out.push(r[2 * i], r[2 * i + 1]);
  return out;
}

/**
 * Simplify a closed ring (first point = last point, or not repeated): split at the point farthest
 * from the first, simplify both halves as lines. Returns the ring without the repeated closing
 * point, or an empty array when fewer than 3 points remain (the ring is smaller than the tolerance).
 */
export function simplifyRing(xy: ArrayLike<number>, tolerance: number): number[] {
  let n = xy.length >> 1;
  if (n >= 2 && xy[0] === xy[2 * n - 2] && xy[1] === xy[2 * n - 1]) n--;
  if (n < 3) return [];
  let far = 0, farD = -1;
  for (let i = 1; i < n; i++) {
    const d = (xy[2 * i] - xy[0]) ** 2 + (xy[2 * i + 1] - xy[1]) ** 2;
    if (d > farD) { farD = d; far = i; }
  }
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i <= far; i++) a.push(xy[2 * i], xy[2 * i + 1]);
  for (let i = far; i < n; i++) b.push(xy[2 * i], xy[2 * i + 1]);
  b.push(xy[0], xy[1]);
  const sa = simplifyLine(a, tolerance), sb = simplifyLine(b, tolerance);
  const out = sa.concat(sb.slice(2, -2));
  return out.length >= 6 ? out : [];
}
