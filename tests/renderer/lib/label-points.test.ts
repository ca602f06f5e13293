/** Label anchors of the interactive map and their greedy placement. */
import { describe, expect, it } from 'vitest';
import type { AreaCollection } from '../../../src/contract';
import { labelPoints, placeLabels, ringCentroid } from '../../../renderer/src/lib/label-points';

describe('ringCentroid', () => {
  it('is the centre of a square and its area (closed or open ring)', () => {
    expect(ringCentroid([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]])).toEqual({ x: 1, y: 1, area: 4 });
    expect(ringCentroid([[0, 0], [0, 2], [2, 2], [2, 0]])).toEqual({ x: 1, y: 1, area: 4 });
  });

  it('is the centroid of an L-shape (hand computed: two rectangles 2×1 at (1, 0.5) and 1×1 at (0.5, 1.5) → (5/6, 5/6))', () => {
    const c = ringCentroid([[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]]);
    expect(c.area).toBeCloseTo(3, 12);
    expect(c.x).toBeCloseTo(5 / 6, 12);
    expect(c.y).toBeCloseTo(5 / 6, 12);
  });
});

describe('labelPoints', () => {
  it('anchors a multipolygon on its largest part and sorts larger regions first', () => {
    const g: AreaCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'small' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } },
        {
          type: 'Feature',
          properties: { code: 'islands' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [[[10, 10], [10.5, 10], [10.5, 10.5], [10, 10], [10, 10]]],
              [[[20, 20], [24, 20], [24, 24], [20, 24], [20, 20]]],
            ],
          },
        },
      ],
    };
    const p = labelPoints(g);
    expect(p.map((x) => x.code)).toEqual(['islands', 'small']);
    expect([p[0].lon, p[0].lat]).toEqual([22, 22]);
  });
});

describe('placeLabels', () => {
  it('keeps boxes in order that overlap nothing kept and lie inside the view', () => {
    const boxes = [
      { x: 10, y: 10, width: 40, height: 12 },
      { x: 30, y: 15, width: 40, height: 12 }, // overlaps the first
      { x: 60, y: 10, width: 40, height: 12 },
      { x: 190, y: 10, width: 40, height: 12 }, // outside a 200-wide view
    ];
    expect(placeLabels(boxes, 200, 100)).toEqual([0, 2]);
  });
});
