/** Albers and Lambert conic projections on GRS80 against proj4js (PROJ's formulas), to 1e-6 m. */
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  CHINA_CONIC, US_CONIC, albers, autoParams, chooseProjection, formatDegrees, lambert, type ConicParams,
} from '../../src/figures/projection';

/** Agreement with proj4js in metres (both evaluate Snyder's closed forms in double precision). */
const M_TOL = 1e-6;

const def = (proj: 'aea' | 'lcc', p: ConicParams): string =>
  `+proj=${proj} +lat_1=${p.lat1} +lat_2=${p.lat2} +lat_0=${p.lat0} +lon_0=${p.lon0} +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`;

/** Points over China (Mohe, Sanya, Kashgar, Fuyuan, Beijing, Lhasa, Taipei) and the US. */
const CHINA_POINTS = [[122.53, 52.97], [109.51, 18.25], [75.99, 39.47], [134.29, 48.37], [116.4, 39.9], [91.1, 29.65], [121.56, 25.04]];
const US_POINTS = [[-124.2, 41.8], [-67.0, 44.8], [-80.2, 25.8], [-96.8, 32.8], [-104.99, 39.74], [-122.3, 47.6]];

describe('projections against proj4', () => {
  const cases: [string, ConicParams, number[][]][] = [
    ['China (25°N, 47°N, 105°E)', CHINA_CONIC, CHINA_POINTS],
    ['contiguous US (29.5°N, 45.5°N, 96°W)', US_CONIC, US_POINTS],
    ['southern hemisphere (−40°, −20°, 135°E)', { lat1: -40, lat2: -20, lat0: -30, lon0: 135 }, [[115.86, -31.95], [151.21, -33.87], [130.84, -12.46]]],
    ['equal parallels (30°N, 30°N)', { lat1: 30, lat2: 30, lat0: 30, lon0: 10 }, [[0, 20], [20, 45]]],
  ];
  for (const [name, p, pts] of cases) {
    it(`Albers equal-area, ${name}`, () => {
      const ours = albers(p);
      const ref = proj4('WGS84', def('aea', p));
      for (const [lon, lat] of pts) {
        const [x, y] = ours.forward(lon, lat);
        const [rx, ry] = ref.forward([lon, lat]);
        expect(Math.abs(x - rx)).toBeLessThan(M_TOL);
        expect(Math.abs(y - ry)).toBeLessThan(M_TOL);
        const [ilon, ilat] = ours.inverse(x, y);
        expect(Math.abs(ilon - lon)).toBeLessThan(1e-9);
        expect(Math.abs(ilat - lat)).toBeLessThan(1e-9);
      }
    });
    it(`Lambert conformal conic, ${name}`, () => {
      const ours = lambert(p);
      const ref = proj4('WGS84', def('lcc', p));
      for (const [lon, lat] of pts) {
        const [x, y] = ours.forward(lon, lat);
        const [rx, ry] = ref.forward([lon, lat]);
        expect(Math.abs(x - rx)).toBeLessThan(M_TOL);
        expect(Math.abs(y - ry)).toBeLessThan(M_TOL);
        const [ilon, ilat] = ours.inverse(x, y);
        expect(Math.abs(ilon - lon)).toBeLessThan(1e-9);
        expect(Math.abs(ilat - lat)).toBeLessThan(1e-9);
      }
    });
  }

  it('the scale along a parallel is 1 on the standard parallels and matches a short projected segment', () => {
    for (const proj of [albers(CHINA_CONIC), lambert(CHINA_CONIC)]) {
      expect(Math.abs(proj.scaleAlongParallel(25) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(proj.scaleAlongParallel(47) - 1)).toBeLessThan(1e-12);
      // 0.001° east along 36°N: true length = a·m(φ)·Δλ (GRS80 parallel radius).
      const [x1, y1] = proj.forward(105, 36), [x2, y2] = proj.forward(105.001, 36);
      const phi = 36 * Math.PI / 180, e2 = 2 / 298.257222101 - 1 / 298.257222101 ** 2;
      const trueLen = 6378137 * Math.cos(phi) / Math.sqrt(1 - e2 * Math.sin(phi) ** 2) * 0.001 * Math.PI / 180;
      expect(Math.abs(Math.hypot(x2 - x1, y2 - y1) / trueLen - proj.scaleAlongParallel(36))).toBeLessThan(1e-6);
    }
  });
});

describe('auto projection', () => {
  it('China → Albers 25°N/47°N, 105°E; contiguous US → Albers 29.5°N/45.5°N, 96°W; else 1/6 and 5/6 of the latitudes', () => {
    expect(autoParams([73.5, 18.1, 135.1, 53.6])).toEqual({ params: CHINA_CONIC, basis: 'china' });
    expect(autoParams([-124.7, 24.5, -66.9, 49.4])).toEqual({ params: US_CONIC, basis: 'us' });
    const eu = autoParams([-10, 36, 30, 72]);
    expect(eu.basis).toBe('extent');
    expect(eu.params).toEqual({ lat1: 42, lat2: 66, lat0: 54, lon0: 10 });
    const p = chooseProjection('auto', [73.5, 18.1, 135.1, 53.6]);
    expect(p.kind).toBe('albers');
    expect(chooseProjection('lambert', [-124.7, 24.5, -66.9, 49.4]).params).toEqual(US_CONIC);
    expect(chooseProjection('lonlat', [0, 0, 10, 10]).kind).toBe('lonlat');
  });
  it('formats degrees for the projection note', () => {
    expect([formatDegrees(25, 'lat'), formatDegrees(105, 'lon'), formatDegrees(-96, 'lon'), formatDegrees(29.5, 'lat'), formatDegrees(-40, 'lat')])
      .toEqual(['25°N', '105°E', '96°W', '29.5°N', '40°S']);
  });
});
