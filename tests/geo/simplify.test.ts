/** Douglas–Peucker simplification of lines and rings. */
import { describe, expect, it } from 'vitest';
import { simplifyLine, simplifyRing } from '../../src/geo/simplify';

describe('simplify', () => {
  it('drops points within the tolerance of the chord and keeps the others', () => {
    // A line along y = 0 with a 0.05 wiggle and a 2-unit peak at x = 5.
    const xy = [0, 0, 1, 0.05, 2, 0, 3, -0.05, 4, 0, 5, 2, 6, 0, 10, 0];
    expect(simplifyLine(xy, 0.2)).toEqual([0, 0, 4, 0, 5, 2, 6, 0, 10, 0]);
    expect(simplifyLine(xy, 3)).toEqual([0, 0, 10, 0]);
  });
  it('keeps a square ring and removes collinear points; a ring under the tolerance vanishes', () => {
    const ring = [0, 0, 5, 0, 10, 0, 10, 10, 0, 10, 0, 0];
    const s = simplifyRing(ring, 0.2);
    expect(s.length / 2).toBe(4);
    expect(simplifyRing([0, 0, 0.01, 0, 0.01, 0.01, 0, 0], 0.2)).toEqual([]);
  });
});
