/**
 * Weights benchmarks (issue 4): queen contiguity for 3,000 polygons (< 1 s), kNN k = 8 for
 * 20,000 points (< 0.5 s), banded inverse distance for 3,000 regions (sparse, O(nnz) memory).
 * Issue 8: reading a 2,000-id .gal (< 20 ms) — a queen grid, the review's crafted file (one
 * record claiming 2,000 neighbours: 19 s before the linear reader) and unquoted two-word ids.
 */
import type { BenchCase } from '../run';
import { createRng } from '../../src/core/random';
import type { Points } from '../../src/geo/centroid';
import { buildContiguity } from '../../src/weights/contiguity';
import { buildInverseDistance, buildKnn } from '../../src/weights/distance-weights';
import { fromGal, toGal } from '../../src/weights/io/gal';

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

/** The crafted file of the issue 8 review: 2,000 islands and one record claiming 2,000 neighbours while listing 1,999. */
function craftedGal(n: number): string {
  const out = [`0 ${n} crafted id`, `1 ${n}`, Array.from({ length: n - 1 }, (_, i) => String(i + 2)).join(' ')];
  for (let i = 2; i <= n; i++) out.push(`${i} 0`, '');
  return out.join('\n') + '\n';
}

/** Queen W of a 50 × 40 hexagon grid with ids `Region r c` written unquoted (as GeoDa writes ids with spaces). */
function unquotedGal(): string {
  const w = buildContiguity(hexGrid(50, 40), { type: 'queen' });
  const name = (id: string): string => `Region ${id.slice(1).replace('-', ' ')}`;
  const out = [`0 ${w.n} hex NAME`];
  for (let i = 0; i < w.n; i++) {
    const nb = w.neighbors(w.ids[i]);
    out.push(`${name(w.ids[i])} ${nb.length}`, nb.map(name).join(' '));
  }
  return out.join('\n') + '\n';
}

export const cases: BenchCase[] = [
  {
    name: 'weights-gal-read-2000-ids',
    targetSeconds: 0.02,
    repeat: 30,
    setup: () => {
      const text = toGal(buildContiguity(hexGrid(50, 40), { type: 'queen' }));
      return () => fromGal(text);
    },
  },
  {
    name: 'weights-gal-read-2000-ids-crafted',
    targetSeconds: 0.02,
    repeat: 30,
    setup: () => {
      const text = craftedGal(2000);
      return () => { try { fromGal(text); } catch { /* refused: the neighbour count does not match */ } };
    },
  },
  {
    name: 'weights-gal-read-2000-ids-unquoted',
    targetSeconds: 0.02,
    repeat: 30,
    setup: () => {
      const text = unquotedGal();
      return () => fromGal(text);
    },
  },
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
