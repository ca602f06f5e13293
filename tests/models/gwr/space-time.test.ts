import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { haversineKm } from '../../../src/geo/distance';
import { indexCoordinates } from '../../../src/geo/distance';
import { KdTree } from '../../../src/geo/kd-tree';
import { createSpaceTimeIndex, nearestByScan, sortFloat64 } from '../../../src/models/gwr/space-time';

/** Every space–time distance from observation i (great-circle km, τ in km²/year²), sorted: the reference. */
function bruteDistances(
  p: { x: Float64Array; y: Float64Array; location: Int32Array; time: Float64Array },
  metric: { tau: number; pastOnly?: boolean },
  i: number,
): number[] {
  const { x, y, location, time } = p;
  const d: number[] = [];
  for (let j = 0; j < location.length; j++) {
    if (metric.pastOnly && time[j] > time[i]) continue;
    const ds = haversineKm(x[location[i]], y[location[i]], x[location[j]], y[location[j]]);
    d.push(j === i ? 0 : Math.sqrt(ds * ds + metric.tau * (time[i] - time[j]) ** 2));
  }
  return d.sort((a, b) => a - b);
}

describe('space-time neighbour queries equal brute force', () => {
  it('nearest (k-th distance with ties), within and all, in any order of queries, symmetric and past-only', () => {
    const rng = createRng(11);
    const L = 60, T = 6;
    const x = Float64Array.from({ length: L }, () => 100 + 20 * rng.uniform());
    const y = Float64Array.from({ length: L }, () => 25 + 15 * rng.uniform());
    const n = L * T;
    const location = Int32Array.from({ length: n }, (_, i) => i % L);
    const time = Float64Array.from({ length: n }, (_, i) => 2000 + Math.floor(i / L));
    const index = createSpaceTimeIndex({ location, time, x, y, lonLat: true });
    for (const metric of [{ tau: 0 }, { tau: 150 ** 2 }, { tau: 150 ** 2, pastOnly: true }]) {
      const brute = (i: number): number[] => bruteDistances({ x, y, location, time }, metric, i);
      for (const k of [n, 5, 40, 13, 200, 1]) {
        for (let i = 0; i < n; i += 37) {
          const b = brute(i);
          const kk = Math.min(k, b.length);
          const h = b[kk - 1];
          const lst = index.nearest(i, k, metric);
          const got = Array.from(lst.dist).sort((a, c) => a - c);
          expect(got).toEqual(b.filter((v) => v <= h));
          expect(index.kth(lst, k)).toBe(h);
          const w = index.within(i, 300, metric);
          expect(w.idx.length).toBe(b.filter((v) => v <= 300).length);
          expect(index.all(i, metric).idx.length).toBe(b.length);
        }
      }
    }
  });

  it('the space–time merge: unbalanced panels (years missing per region) and repeated region-years equal brute force, nearest first', () => {
    const rng = createRng(13);
    const L = 40, T = 7;
    const x = Float64Array.from({ length: L }, () => 100 + 20 * rng.uniform());
    const y = Float64Array.from({ length: L }, () => 25 + 15 * rng.uniform());
    const full: [number, number][] = [];
    for (let t = 0; t < T; t++) for (let l = 0; l < L; l++) if (rng.uniform() > 0.25) full.push([l, 2000 + t]);
    // second case: one region-year twice (the index falls back to gathering candidates)
    for (const obs of [full, [...full, full[3]]]) {
      const n = obs.length;
      const location = Int32Array.from(obs, (o) => o[0]), time = Float64Array.from(obs, (o) => o[1]);
      const index = createSpaceTimeIndex({ location, time, x, y, lonLat: true });
      for (const metric of [{ tau: 0 }, { tau: 120 ** 2 }, { tau: 120 ** 2, pastOnly: true }]) {
        const brute = (i: number): number[] => bruteDistances({ x, y, location, time }, metric, i);
        for (const k of [1, 9, 60, n]) {
          for (let i = 0; i < n; i += 11) {
            const b = brute(i);
            const h = b[Math.min(k, b.length) - 1];
            const got = Array.from(index.nearest(i, k, metric).dist);
            expect(got).toEqual(b.filter((v) => v <= h)); // already nearest first
            expect(Array.from(index.within(i, 250, metric).dist)).toEqual(b.filter((v) => v <= 250));
          }
        }
      }
    }
  });

  it('sortFloat64 sorts a prefix like Array.prototype.sort (ties, runs, random)', () => {
    const rng = createRng(5);
    for (const n of [0, 1, 2, 17, 100, 1000]) {
      for (const gen of [() => rng.uniform(), () => Math.floor(rng.uniform() * 5), () => 1]) {
        const a = Float64Array.from({ length: n + 3 }, gen);
        const want = Array.from(a.subarray(0, n)).sort((x, y) => x - y);
        const tail = Array.from(a.subarray(n));
        sortFloat64(a, n);
        expect(Array.from(a.subarray(0, n))).toEqual(want);
        expect(Array.from(a.subarray(n))).toEqual(tail);
      }
    }
  });

  it('with more than 1,000 locations (rings of all locations not kept) queries still equal brute force', () => {
    const rng = createRng(12);
    const L = 1100;
    const x = Float64Array.from({ length: L }, () => 100 + 20 * rng.uniform());
    const y = Float64Array.from({ length: L }, () => 25 + 15 * rng.uniform());
    const index = createSpaceTimeIndex({ location: Int32Array.from({ length: L }, (_, i) => i), time: new Float64Array(L), x, y, lonLat: true });
    for (const i of [0, 500, 1099]) {
      const b = Array.from({ length: L }, (_, j) => (j === i ? 0 : haversineKm(x[i], y[i], x[j], y[j]))).sort((a, c) => a - c);
      expect(index.all(i, { tau: 0 }).idx.length).toBe(L);
      expect(Array.from(index.nearest(i, L - 5, { tau: 0 }).dist).sort((a, c) => a - c)).toEqual(b.slice(0, L - 5));
      expect(Array.from(index.nearest(i, 7, { tau: 0 }).dist).sort((a, c) => a - c)).toEqual(b.slice(0, 7));
    }
  });
  it('a ring found by scanning every location (nearestByScan) is the k-d tree\'s set (ties by index)', () => {
    const rng = createRng(21);
    // a grid (many equal distances) plus random points
    const lon: number[] = [], lat: number[] = [];
    for (let a = 0; a < 12; a++) for (let b = 0; b < 10; b++) { lon.push(100 + a * 0.5); lat.push(30 + b * 0.5); }
    for (let r = 0; r < 80; r++) { lon.push(100 + 6 * rng.uniform()); lat.push(30 + 5 * rng.uniform()); }
    const L = lon.length;
    const keys = new Float64Array(L), scratch = new Float64Array(L);
    for (const lonLat of [true, false]) {
      const { dim, coords } = indexCoordinates(Float64Array.from(lon), Float64Array.from(lat), lonLat);
      const tree = new KdTree(coords, dim);
      for (const li of [0, 7, 55, 119, 150, L - 1]) {
        for (const m of [1, 5, 24, 100, L - 2, L - 1]) {
          const got = Array.from(nearestByScan(coords, dim, li, m, keys, scratch)).sort((a, c) => a - c);
          expect(got).toEqual(Array.from(tree.nearest(li, m).idx).sort((a, c) => a - c));
        }
      }
    }
  });

  it('on a grid (many tied distances) rings are in (distance, index) order: neighbours equal brute force and do not depend on the order of queries', () => {
    const lon: number[] = [], lat: number[] = [];
    for (let a = 0; a < 15; a++) for (let b = 0; b < 12; b++) { lon.push(100 + a * 0.5); lat.push(30 + b * 0.5); }
    const L = lon.length, T = 3, n = L * T;
    const x = Float64Array.from(lon), y = Float64Array.from(lat);
    const location = Int32Array.from({ length: n }, (_, i) => i % L), time = Float64Array.from({ length: n }, (_, i) => 2000 + Math.floor(i / L));
    const pts = { location, time, x, y, lonLat: true };
    const up = createSpaceTimeIndex(pts), down = createSpaceTimeIndex(pts);
    const metric = { tau: 60 ** 2 };
    const sorted = (a: ArrayLike<number>) => Array.from(a).sort((u, v) => u - v);
    for (const k of [4, 37, 150]) {
      // the lists are views into reused buffers: copied at once
      const a = Array.from({ length: n }, (_, i) => { const l = up.nearest(i, k, metric); return [Array.from(l.idx), Array.from(l.dist)]; });
      const b = Array.from({ length: n }, (_, q) => n - 1 - q).map((i) => { const l = down.nearest(i, k, metric); return [Array.from(l.idx), Array.from(l.dist)]; }).reverse();
      for (let i = 0; i < n; i += 7) {
        const bd = bruteDistances({ x, y, location, time }, metric, i);
        const h = bd[Math.min(k, bd.length) - 1];
        expect(sorted(a[i][1])).toEqual(bd.filter((v) => v <= h));
        expect(sorted(a[i][0])).toEqual(sorted(b[i][0]));
      }
    }
  });

  it('duplicate locations: the first region with a twin and its lowest-numbered twin are named', () => {
    // locations 1 = 6 = 4 and 3 = 5 (and 0, 2 distinct): location 1 is the first with a twin, 4 its lowest twin
    const x = Float64Array.from([100, 101, 102, 103, 101, 103, 101]);
    const y = Float64Array.from([30, 31, 32, 33, 31, 33, 31]);
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const lonLat of [true, false]) {
      expect(() => createSpaceTimeIndex({ location: Int32Array.from([0, 1, 2, 3, 4, 5, 6]), time: new Float64Array(7), x, y, lonLat, names }))
        .toThrow(expect.objectContaining({ code: 'gwr-duplicate-locations', details: { first: 'b', second: 'e' } }));
    }
    expect(() => createSpaceTimeIndex({ location: Int32Array.from([0, 1]), time: new Float64Array(2), x: x.subarray(0, 2), y: y.subarray(0, 2), lonLat: true })).not.toThrow();
  });
});
