import { describe, expect, it } from 'vitest';
import { featureCentroids, type Points } from '../../src/geo/centroid';
import { haversineKm } from '../../src/geo/distance';
import { buildDistanceBand, buildInverseDistance, buildKernel, buildKnn, kernelValue, minThresholdNoIsland } from '../../src/weights/distance-weights';
import { RTOL } from '../tolerances';
import { loadUs48, readJson } from './us48';

type KnnFixture = { source: string; ids: string[]; centroids: Record<string, [number, number]>; neighbors: Record<string, string[]> };
const knnRef = () => readJson<KnnFixture>('tests/fixtures/us48/knn4.json');

const line = (xs: number[]): Points => ({
  ids: xs.map((_, i) => `p${i}`), x: Float64Array.from(xs), y: new Float64Array(xs.length), lonLat: false,
});

describe('buildKnn', () => {
  it('k = 4 equals spdep::knearneigh(longlat = TRUE) on us48 centroids (ellipsoid ranking)', async () => {
    // spdep::knn2nb(knearneigh(st_coordinates(st_centroid(us48)), k = 4, longlat = TRUE)),
    // tests/fixtures/us48/knn4.json (scripts/reference/knn-us48.R)
    const ref = knnRef();
    const p = featureCentroids(await loadUs48(), true);
    const w = buildKnn(p, 4, { metric: 'ellipsoid' });
    expect(w.toNeighborLists()).toEqual(ref.neighbors);
    expect(w.cardinalities().every((c) => c === 4)).toBe(true);
  });

  it('great-circle ranking differs from spdep only at the New York near-tie', async () => {
    const ref = knnRef();
    const w = buildKnn(featureCentroids(await loadUs48(), true), 4);
    const lists = w.toNeighborLists();
    const differing = w.ids.filter((id) => JSON.stringify(lists[id]) !== JSON.stringify(ref.neighbors[id]));
    expect(differing).toEqual(['New York']);
    expect(lists['New York']).toEqual(['Connecticut', 'Massachusetts', 'Pennsylvania', 'Vermont']);
  });

  it('agrees with brute force on random planar and lon/lat points', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const lonLat of [false, true]) {
      const n = 300;
      const p: Points = {
        ids: Array.from({ length: n }, (_, i) => `r${i}`),
        x: Float64Array.from({ length: n }, () => (lonLat ? -180 + 360 * rnd() : 1000 * rnd())),
        y: Float64Array.from({ length: n }, () => (lonLat ? -80 + 160 * rnd() : 1000 * rnd())),
        lonLat,
      };
      const w = buildKnn(p, 6);
      const d = (i: number, j: number) => (lonLat ? haversineKm(p.x[i], p.y[i], p.x[j], p.y[j]) : Math.hypot(p.x[i] - p.x[j], p.y[i] - p.y[j]));
      for (let i = 0; i < n; i += 7) {
        const brute = [...Array(n).keys()].filter((j) => j !== i).sort((a, b) => d(i, a) - d(i, b)).slice(0, 6).sort((a, b) => a - b);
        expect(w.neighbors(`r${i}`)).toEqual(brute.map((j) => `r${j}`));
      }
    }
  });

  it('rejects k ≥ n and non-integer k', () => {
    const p = line([0, 1, 2]);
    expect(() => buildKnn(p, 3)).toThrow('k = 3 must be less than the number of regions (3).');
    expect(() => buildKnn(p, 1.5)).toThrow('k must be a whole number ≥ 1, got 1.5.');
    expect(() => buildKnn(p, 0)).toThrow('k must be a whole number ≥ 1, got 0.');
  });
});

describe('distance band and minimum threshold', () => {
  it('minThresholdNoIsland is the largest nearest-neighbour distance and leaves no island', async () => {
    const p = line([0, 1, 3, 7]);
    expect(minThresholdNoIsland(p)).toBe(4);
    expect(buildDistanceBand(p, 4).islands).toEqual([]);
    expect(buildDistanceBand(p, 3.999).islands).toEqual(['p3']);
    const us = featureCentroids(await loadUs48(), true);
    const t = minThresholdNoIsland(us);
    expect(buildDistanceBand(us, t).islands).toEqual([]);
    expect(buildDistanceBand(us, t * 0.999).islands.length).toBeGreaterThan(0);
  });

  it('includes pairs at exactly the threshold and builds symmetric binary W', () => {
    const w = buildDistanceBand(line([0, 1, 3, 7]), 2);
    expect(w.toNeighborLists()).toEqual({ p0: ['p1'], p1: ['p0', 'p2'], p2: ['p1'], p3: [] });
    expect(w.symmetric).toBe(true);
    expect(() => buildDistanceBand(line([0, 1]), 0)).toThrow('The distance band must be a positive number, got 0.');
  });

  it('agrees with brute force on random planar and lon/lat points', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const lonLat of [false, true]) {
      const n = 400;
      const p: Points = {
        ids: Array.from({ length: n }, (_, i) => `r${i}`),
        x: Float64Array.from({ length: n }, () => (lonLat ? 70 + 70 * rnd() : 1000 * rnd())),
        y: Float64Array.from({ length: n }, () => (lonLat ? 15 + 40 * rnd() : 1000 * rnd())),
        lonLat,
      };
      const t = lonLat ? 350 : 60;
      const w = buildDistanceBand(p, t);
      const d = (i: number, j: number) => (lonLat ? haversineKm(p.x[i], p.y[i], p.x[j], p.y[j]) : Math.hypot(p.x[i] - p.x[j], p.y[i] - p.y[j]));
      for (let i = 0; i < n; i++) {
        expect(w.neighbors(`r${i}`)).toEqual(p.ids.filter((_, j) => j !== i && d(i, j) <= t));
      }
    }
  });

  it('band on lon/lat uses great-circle km', async () => {
    const us = featureCentroids(await loadUs48(), true);
    const w = buildDistanceBand(us, 500);
    const i = us.ids.indexOf('Ohio');
    const expected = us.ids.filter((id, j) => j !== i && haversineKm(us.x[i], us.y[i], us.x[j], us.y[j]) <= 500);
    expect(w.neighbors('Ohio')).toEqual(expected);
  });
});

describe('inverse distance', () => {
  it('full: w_ij = 1/d_ij^α for every pair', () => {
    const p = line([0, 1, 3]);
    const w1 = buildInverseDistance(p, { power: 1 });
    expect(w1.toWeightLists()).toEqual({ p0: [1, 1 / 3], p1: [1, 1 / 2], p2: [1 / 3, 1 / 2] });
    const w2 = buildInverseDistance(p, { power: 2 });
    expect(w2.toWeightLists()).toEqual({ p0: [1, 1 / 9], p1: [1, 1 / 4], p2: [1 / 9, 1 / 4] });
  });

  it('banded on lon/lat keeps only pairs within the band, weights 1/km', async () => {
    const us = featureCentroids(await loadUs48(), true);
    const w = buildInverseDistance(us, { power: 1, band: 600 });
    const band = buildDistanceBand(us, 600);
    expect(w.toNeighborLists()).toEqual(band.toNeighborLists());
    const i = us.ids.indexOf('Ohio'), j = us.ids.indexOf('Indiana');
    expect(Math.abs(w.get('Ohio', 'Indiana') * haversineKm(us.x[i], us.y[i], us.x[j], us.y[j]) - 1)).toBeLessThan(RTOL);
  });

  it('rejects coincident points and bad options', () => {
    expect(() => buildInverseDistance(line([0, 0, 1]), { power: 1 })).toThrow('Regions "p0" and "p1" are at the same location; inverse distance is undefined.');
    expect(() => buildInverseDistance(line([0, 1]), { power: 0 })).toThrow('The inverse-distance power must be positive, got 0.');
  });
});

describe('kernel weights', () => {
  it('kernel functions', () => {
    expect(kernelValue('triangular', 0.25)).toBe(0.75);
    expect(kernelValue('epanechnikov', 0.5)).toBe(0.75 * 0.75);
    expect(kernelValue('quartic', 0.5)).toBe((15 / 16) * 0.75 ** 2);
    expect(kernelValue('gaussian', 0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
  });

  it('fixed bandwidth: w_ij = K(d_ij / h) for d_ij < h', () => {
    const w = buildKernel(line([0, 1, 3]), { kernel: 'triangular', bandwidth: 2 });
    expect(w.toWeightLists()).toEqual({ p0: [0.5], p1: [0.5], p2: [] });
    const d = buildKernel(line([0, 1, 3]), { kernel: 'triangular', bandwidth: 2, diagonal: true });
    expect(d.toNeighborLists()).toEqual({ p0: ['p0', 'p1'], p1: ['p0', 'p1'], p2: ['p2'] });
  });

  it('adaptive bandwidth: the k-th neighbour distance of each region', () => {
    const w = buildKernel(line([0, 1, 3, 7]), { kernel: 'epanechnikov', adaptiveK: 1 });
    // h = 1, 1, 2, 4 (·(1 + 1e-7)); each region keeps its nearest neighbour
    expect(w.toNeighborLists()).toEqual({ p0: ['p1'], p1: ['p0'], p2: ['p1'], p3: ['p2'] });
    expect(w.get('p3', 'p2')).toBeCloseTo(0.75 * (1 - (4 / (4 * (1 + 1e-7))) ** 2), 12);
    expect(() => buildKernel(line([0, 1]), { kernel: 'quartic' })).toThrow('Give either a fixed bandwidth or an adaptive k for kernel weights, not both or neither.');
    expect(() => buildKernel(line([0, 1]), { kernel: 'quartic', adaptiveK: 2 })).toThrow('k = 2 must be less than the number of regions (2).');
  });
});
