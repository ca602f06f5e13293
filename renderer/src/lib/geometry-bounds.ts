/** Bounding box of the regions the maps draw, for fitting the view. */
import type { AreaCollection } from '../../../src/contract';

/**
 * The bounding box `[west, south, east, north]` of every coordinate of every feature.
 *
 * Formula: componentwise min and max over all positions `[x, y]` at any nesting depth
 * (Polygon and MultiPolygon alike), as `sf::st_bbox` reports it.
 * @returns null when the collection holds no coordinates.
 */
export function geometryBounds(fc: AreaCollection): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    } else if (Array.isArray(c)) for (const d of c) visit(d);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}
