import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { denseLu, denseMatVec, knnRowStandardised } from '../../../src/models/simulate/dense';
import { haversineKm } from '../../../src/geo/distance';
import { PROVINCES } from '../../../src/samples/china/provinces';
import { SingularDesignError } from '../../../src/core/errors';

// spdep::knn2nb(spdep::knearneigh(cbind(lon, lat), k = 4, longlat = TRUE)) on the capitals of PROVINCES
const SPDEP_KNN4: Record<string, string[]> = {
  '110000': ['120000', '130000', '140000', '370000'], '120000': ['110000', '130000', '140000', '370000'],
  '130000': ['110000', '120000', '140000', '370000'], '140000': ['110000', '130000', '150000', '410000'],
  '150000': ['110000', '120000', '130000', '140000'], '210000': ['110000', '120000', '220000', '230000'],
  '220000': ['110000', '120000', '210000', '230000'], '230000': ['110000', '120000', '210000', '220000'],
  '310000': ['320000', '330000', '340000', '350000'], '320000': ['310000', '330000', '340000', '420000'],
  '330000': ['310000', '320000', '340000', '360000'], '340000': ['320000', '330000', '360000', '420000'],
  '350000': ['310000', '320000', '330000', '360000'], '360000': ['340000', '350000', '420000', '430000'],
  '370000': ['110000', '120000', '130000', '410000'], '410000': ['130000', '140000', '370000', '610000'],
  '420000': ['320000', '340000', '360000', '430000'], '430000': ['340000', '360000', '420000', '440000'],
  '440000': ['360000', '430000', '450000', '460000'], '450000': ['440000', '460000', '520000', '530000'],
  '460000': ['440000', '450000', '520000', '530000'], '500000': ['510000', '520000', '530000', '610000'],
  '510000': ['500000', '520000', '610000', '620000'], '520000': ['450000', '500000', '510000', '530000'],
  '530000': ['450000', '500000', '510000', '520000'], '540000': ['510000', '530000', '620000', '630000'],
  '610000': ['140000', '410000', '620000', '640000'], '620000': ['510000', '610000', '630000', '640000'],
  '630000': ['510000', '610000', '620000', '640000'], '640000': ['150000', '610000', '620000', '630000'],
  '650000': ['540000', '620000', '630000', '640000'],
};

describe('knnRowStandardised', () => {
  const w = knnRowStandardised(PROVINCES.map((p) => p.capitalLon), PROVINCES.map((p) => p.capitalLat), 4);
  test('same neighbour sets as spdep knearneigh(k = 4, longlat = TRUE) but for one near-tie; Hainan is not an island', () => {
    // spdep measures on the WGS84 ellipsoid, we on the sphere. Shanghai's 4th neighbour is a
    // near-tie: haversine Shanghai–Nanchang 610.21 km < Shanghai–Fuzhou 610.50 km, so we pick
    // Nanchang (360000) where spdep picks Fuzhou (350000).
    const ref: Record<string, string[]> = { ...SPDEP_KNN4, '310000': ['320000', '330000', '340000', '360000'] };
    expect(haversineKm(121.47, 31.23, 115.86, 28.68)).toBeLessThan(haversineKm(121.47, 31.23, 119.3, 26.08));
    for (let i = 0; i < w.n; i++) {
      const got = w.neighbors[i].map((j) => PROVINCES[j].adcode).sort();
      expect(got, PROVINCES[i].nameEn).toEqual(ref[PROVINCES[i].adcode]);
    }
    expect(w.neighbors[PROVINCES.findIndex((p) => p.nameEn === 'Hainan')]).toHaveLength(4);
  });
  test('each row has exactly k entries of 1/k, summing to 1, zero diagonal', () => {
    for (let i = 0; i < w.n; i++) {
      const row = Array.from(w.data.subarray(i * w.n, (i + 1) * w.n));
      expect(row.filter((v) => v > 0)).toEqual([0.25, 0.25, 0.25, 0.25]);
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
      expect(row[i]).toBe(0);
    }
  });
  test('bad k is refused', () => {
    expect(() => knnRowStandardised([0, 1, 2], [0, 1, 2], 3)).toThrow('k must be an integer between 1 and 2, got 3.');
    expect(() => knnRowStandardised([0, 1], [0], 1)).toThrow('lon has 2 values but lat has 1.');
  });
});

describe('denseLu', () => {
  test('solves A x = b to 1e-10 for random well-conditioned A (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 144 + 12, maxLength: 144 + 12 }),
      (n, vals) => {
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = vals[i * 12 + j] + (i === j ? n + 1 : 0);
        const b = Float64Array.from({ length: n }, (_, i) => vals[144 + i]);
        const x = denseLu(a, n).solve(b);
        const r = denseMatVec(a, n, x);
        for (let i = 0; i < n; i++) expect(Math.abs(r[i] - b[i])).toBeLessThan(1e-10);
      }));
  });
  test('pivoting handles a zero leading entry', () => {
    const x = denseLu(Float64Array.from([0, 1, 1, 0]), 2).solve(Float64Array.from([2, 3]));
    expect(Array.from(x)).toEqual([3, 2]);
  });
  test('a singular matrix throws SingularDesignError naming the column', () => {
    const a = Float64Array.from([1, 2, 2, 4]);
    expect(() => denseLu(a, 2)).toThrow(SingularDesignError);
    expect(() => denseLu(a, 2)).toThrow('The matrix is singular (zero pivot in column 2).');
    expect(() => denseLu(Float64Array.from([1, 0, 0, 1]), 2).solve(Float64Array.from([1])))
      .toThrow('Right-hand side has 1 values, expected 2.');
  });
});
