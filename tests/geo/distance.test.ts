import { describe, expect, it, test } from 'vitest';
import { ellipsoidKm, haversineKm } from '../../src/geo/distance';
import { RTOL } from '../tolerances';
import { readJson } from '../weights/us48';

type KnnFixture = { source: string; ids: string[]; centroids: Record<string, [number, number]>; neighbors: Record<string, string[]> };
const knnRef = () => readJson<KnnFixture>('tests/fixtures/us48/knn4.json');

describe('haversineKm', () => {
  test('matches sf::st_distance (s2, R = 6371.0088 km) between provincial capitals', () => {
    // sf::st_distance(st_sfc(points, crs = 4326)) with sf_use_s2(TRUE), in km
    // s2 computes through chord angles, so agreement is to RTOL, not to the last digit.
    const rel = (a: number, b: number): number => Math.abs(a - b) / b;
    expect(rel(haversineKm(116.41, 39.9, 121.47, 31.23), 1066.69278036)).toBeLessThan(RTOL); // Beijing–Shanghai
    expect(rel(haversineKm(116.41, 39.9, 110.2, 20.04), 2286.32551477)).toBeLessThan(RTOL); // Beijing–Haikou
    expect(rel(haversineKm(110.2, 20.04, 87.62, 43.83), 3373.20657689)).toBeLessThan(RTOL); // Haikou–Urumqi
    expect(haversineKm(1, 2, 1, 2)).toBe(0);
  });
});

describe('distances', () => {
  it('haversine uses R = 6371.0088 km', () => {
    // one degree of longitude on the equator = 6371.0088 · π / 180 km
    expect(haversineKm(0, 0, 1, 0)).toBeCloseTo((6371.0088 * Math.PI) / 180, 10);
    expect(haversineKm(116.4, 39.9, 116.4, 39.9)).toBe(0);
  });

  it('ellipsoidal distance matches sp::spDists(longlat = TRUE)', () => {
    // sp::spDists(rbind(NY, NJ, MA centroids), longlat = TRUE)[1, ] = 313.1009, 313.8927
    const c = knnRef().centroids;
    const ny = c['New York'], nj = c['New Jersey'], ma = c.Massachusetts;
    expect(ellipsoidKm(ny[0], ny[1], nj[0], nj[1])).toBeCloseTo(313.1009, 3);
    expect(ellipsoidKm(ny[0], ny[1], ma[0], ma[1])).toBeCloseTo(313.8927, 3);
    // great circle (R = 6371.0088) puts Massachusetts nearer: 313.1291 vs 313.4066 (R, same formula)
    expect(haversineKm(ny[0], ny[1], ma[0], ma[1])).toBeCloseTo(313.1291, 3);
    expect(haversineKm(ny[0], ny[1], nj[0], nj[1])).toBeCloseTo(313.4066, 3);
  });
});
