/** Label points inside the largest polygon, path data. */
import { describe, expect, it } from 'vitest';
import { labelPoint, pathData } from '../../../src/figures/map/shapes';
import { pointInRing } from '../../../src/geo/rings';

describe('labelPoint', () => {
  it('lands inside a U shape whose centroid is outside it', () => {
    // U: 0..30 wide, 0..30 tall, notch 10..20 × 0..25 open at the top (y down).
    const u = [0, 0, 10, 0, 10, 25, 20, 25, 20, 0, 30, 0, 30, 30, 0, 30];
    const p = labelPoint({ rings: [u], poly: [0] });
    if (!p) throw new Error('no point');
    const ring = [];
    for (let k = 0; k < u.length; k += 2) ring.push([u[k], u[k + 1]]);
    ring.push([u[0], u[1]]);
    expect(pointInRing([p.x, p.y], ring)).toBe(true);
    expect(pointInRing([15, 15], ring)).toBe(false);
  });
  it('chooses the largest polygon of a multipolygon', () => {
    const p = labelPoint({ rings: [[0, 0, 1, 0, 1, 1, 0, 1], [10, 10, 50, 10, 50, 50, 10, 50]], poly: [0, 1] });
    expect(p && p.x > 10 && p.y > 10).toBe(true);
  });
  it('writes absolute M/L/Z path data at an offset, rounded to 0.01', () => {
    expect(pathData({ rings: [[0, 0, 1.234, 0, 1, 1]], poly: [0] }, 10, 20.005)).toBe('M10 20.01L11.23 20.01L11 21.01Z');
  });
});
