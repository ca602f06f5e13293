/** dissolveOutlines: shared edges cancel, the group boundary is left. */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dissolveOutlines } from '../../src/geo/dissolve';

const sq = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
/** Total length of polylines. */
const length = (lines: number[][][]): number => lines.reduce((a, l) => a + l.slice(1).reduce((s, p, i) => s + Math.hypot(p[0] - l[i][0], p[1] - l[i][1]), 0), 0);

describe('dissolveOutlines', () => {
  it('a 2 × 2 block of unit squares in one group has the perimeter 8 and no inner edge', () => {
    const [o] = dissolveOutlines([sq(0, 0), sq(1, 0), sq(0, 1), sq(1, 1)].map((geometry) => ({ key: 'A', geometry })));
    expect(o.key).toBe('A');
    expect(length(o.lines)).toBeCloseTo(8, 12);
    for (const l of o.lines) for (const p of l) expect(p[0] === 1 && p[1] === 1).toBe(false);
  });
  it('two groups side by side each keep their own outline (the shared border in both)', () => {
    const out = dissolveOutlines([{ key: 'A', geometry: sq(0, 0) }, { key: 'B', geometry: sq(1, 0) }, { key: 'A', geometry: sq(0, 1) }]);
    expect(out.map((o) => o.key)).toEqual(['A', 'B']);
    expect(length(out[0].lines)).toBeCloseTo(6, 12);
    expect(length(out[1].lines)).toBeCloseTo(4, 12);
  });
  it('squares touching at a corner only keep both outlines whole (8 = 4 + 4)', () => {
    const [o] = dissolveOutlines([{ key: 'A', geometry: sq(0, 0) }, { key: 'A', geometry: sq(1, 1) }]);
    expect(length(o.lines)).toBeCloseTo(8, 12);
  });
});
