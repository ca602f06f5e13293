import { describe, expect, test } from 'vitest';
import type { Position } from 'geojson';
import { normalizePolygons, pointInRing, ringArea2 } from '../../src/geo/rings';

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

describe('normalizePolygons', () => {
  test('an island ring outside the outer ring becomes its own polygon; a ring inside stays a hole', () => {
    const outer = square(0, 0, 10), hole = square(2, 2, 2), island = square(20, 0, 1);
    const g = normalizePolygons({ type: 'Polygon', coordinates: [outer, hole, island] });
    expect(g?.type).toBe('MultiPolygon');
    if (g?.type !== 'MultiPolygon') return;
    expect(g.coordinates).toHaveLength(2);
    expect(g.coordinates[0]).toHaveLength(2); // outer + hole
    expect(g.coordinates[1]).toHaveLength(1); // island
    // RFC 7946: exterior counter-clockwise (positive shoelace area), holes clockwise.
    expect(ringArea2(g.coordinates[0][0])).toBeGreaterThan(0);
    expect(ringArea2(g.coordinates[0][1])).toBeLessThan(0);
    expect(ringArea2(g.coordinates[1][0])).toBeGreaterThan(0);
    // shoelace of a 10×10 square = 2·100
    expect(Math.abs(ringArea2(g.coordinates[0][0]))).toBe(200);
  });
  test('degenerate rings are dropped; all-degenerate gives null', () => {
    const flat: Position[] = [[0, 0], [1, 1], [0, 0]];
    expect(normalizePolygons({ type: 'Polygon', coordinates: [square(0, 0, 1), flat] }))
      .toEqual({ type: 'Polygon', coordinates: [square(0, 0, 1)] });
    expect(normalizePolygons({ type: 'MultiPolygon', coordinates: [[flat]] })).toBeNull();
  });
  test('clockwise exterior is reversed', () => {
    const cw = [...square(0, 0, 1)].reverse();
    const g = normalizePolygons({ type: 'Polygon', coordinates: [cw] });
    expect(g?.type === 'Polygon' && ringArea2(g.coordinates[0]) > 0).toBe(true);
  });
  test('pointInRing', () => {
    expect(pointInRing([0.5, 0.5], square(0, 0, 1))).toBe(true);
    expect(pointInRing([1.5, 0.5], square(0, 0, 1))).toBe(false);
  });
});
