/**
 * Weights benchmarks (issue 4): queen contiguity for 3,000 polygons (< 1 s), kNN k = 8 for
 * 20,000 points (< 0.5 s), banded inverse distance for 3,000 regions (sparse, O(nnz) memory).
 */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import type { Points } from '../../src/geo/centroid';
import { buildContiguity } from '../../src/weights/contiguity';
import { buildInverseDistance, buildKnn } from '../../src/weights/distance-weights';

/** A grid of pointy-top hexagons on integer coordinates (shared vertices are exactly equal). */
function hexGrid(cols: number, rows: number): { id: string; geometry: { type: 'Polygon'; coordinates: number[][][] } }[] {
  const out: { id: string; geometry: { type: 'Polygon'; coordinates: number[][][] } }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cx = 4 * c + 2 * (r % 2), cy = 3 * r;
      const ring = [[cx, cy - 2], [cx + 2, cy - 1], [cx + 2, cy + 1], [cx, cy + 2], [cx - 2, cy + 1], [cx - 2, cy - 1], [cx, cy - 2]];
      out.push({ id: `h${String(r).padStart(3, '0')}-${String(c).padStart(3, '0')}`, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return out;
}

/** Random lon/lat points over China's extent. */
function randomPoints(n: number, seed: number): Points {
  const rng = createRng(seed);
  return {
    ids: Array.from({ length: n }, (_, i) => `p${i}`),
    x: Float64Array.from({ length: n }, () => 75 + 60 * rng.uniform()),
    y: Float64Array.from({ length: n }, () => 18 + 35 * rng.uniform()),
    lonLat: true,
  };
}

export const cases: BenchCase[] = [
  {
    name: 'weights-queen-3000-hexagons',
    targetSeconds: 1,
    setup: () => {
      const f = hexGrid(60, 50);
      return () => buildContiguity(f, { type: 'queen' });
    },
  },
  {
    name: 'weights-knn8-20000-points',
    targetSeconds: 0.5,
    setup: () => {
      const p = randomPoints(20_000, 1);
      return () => buildKnn(p, 8);
    },
  },
  {
    name: 'weights-idw-banded-3000-regions',
    setup: () => {
      const p = randomPoints(3_000, 2);
      return () => buildInverseDistance(p, { power: 1, band: 300 });
    },
  },
];
