/** Bounding box the maps fit their view to. */
import { describe, expect, it } from 'vitest';
import type { AreaCollection } from '../../../src/contract';
import { geometryBounds } from '../../../renderer/src/lib/geometry-bounds';

const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];

describe('geometryBounds', () => {
  it('spans Polygons and MultiPolygons at any depth', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'A' }, geometry: { type: 'Polygon', coordinates: square(100, 20, 2) } },
        { type: 'Feature', properties: { code: 'B' }, geometry: { type: 'MultiPolygon', coordinates: [square(110, 18, 1), square(95, 40, 3)] } },
      ],
    } as unknown as AreaCollection;
    // by hand: x from 95 (B's second part) to 111 (B's first part + 1); y from 18 to 43
    expect(geometryBounds(fc)).toEqual([95, 18, 111, 43]);
  });

  it('is null for a collection without coordinates', () => {
    expect(geometryBounds({ type: 'FeatureCollection', features: [] } as unknown as AreaCollection)).toBeNull();
  });
});
