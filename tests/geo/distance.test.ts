import { describe, expect, test } from 'vitest';
import { haversineKm } from '../../src/geo/distance';
import { RTOL } from '../tolerances';

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
