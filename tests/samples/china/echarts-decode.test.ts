import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import {
  closeRing, decodeEchartsMap, decodeGeometry, decodeRing, geometryBbox, type EncodedFeatureCollection,
} from '../../../src/samples/china/echarts-decode';
import { InputError } from '../../../src/core/errors';

const load = (f: string): EncodedFeatureCollection =>
  JSON.parse(readFileSync(new URL(`../../../node_modules/echarts/map/json/${f}`, import.meta.url), 'utf8')) as EncodedFeatureCollection;

const rings = (g: Polygon | MultiPolygon): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

// Encode by hand (the inverse of the documented format) to test the decoder on known points.
function encode(points: [number, number][], offset: [number, number]): string {
  let px = offset[0], py = offset[1], s = '';
  for (const [x, y] of points) {
    const dx = x - px, dy = y - py; px = x; py = y;
    const zz = (v: number): number => (v >= 0 ? 2 * v : -2 * v - 1);
    s += String.fromCharCode(zz(dx) + 64) + String.fromCharCode(zz(dy) + 64);
  }
  return s;
}

describe('decodeRing', () => {
  test('hand-encoded integer deltas round-trip and the ring is closed', () => {
    const pts: [number, number][] = [[1024 * 116, 1024 * 40], [1024 * 116 + 5, 1024 * 40 - 3], [1024 * 116 + 2, 1024 * 40 + 7]];
    const s = encode(pts, [1024 * 116, 1024 * 40]);
    const r = decodeRing(s, [1024 * 116, 1024 * 40]);
    expect(r).toEqual([[116, 40], [116 + 5 / 1024, 40 - 3 / 1024], [116 + 2 / 1024, 40 + 7 / 1024], [116, 40]]);
  });
  test('bad input is refused with a clear message', () => {
    expect(() => decodeRing('@', [0, 0])).toThrow('Encoded ring has an odd number of characters (1).');
    expect(() => decodeRing('@@', undefined)).toThrow('Encoded ring has no valid encodeOffsets entry.');
    expect(() => decodeRing('@?', [0, 0])).toThrow('Encoded ring has an invalid character at position 1.');
    try { decodeRing('@', [0, 0]); } catch (e) { expect(e).toBeInstanceOf(InputError); expect((e as InputError).code).toBe('sample-map-odd-length'); }
    expect(() => decodeGeometry({ type: 'Polygon', coordinates: ['@@'] }, false))
      .toThrow('String coordinates found in a file without UTF8Encoding.');
  });
  test('closeRing leaves a closed ring alone and closes an open one', () => {
    expect(closeRing([[0, 0], [1, 0], [0, 1], [0, 0]])).toHaveLength(4);
    expect(closeRing([[0, 0], [1, 0], [0, 1]])).toEqual([[0, 0], [1, 0], [0, 1], [0, 0]]);
  });
});

describe('echarts@4.9.0 china.json', () => {
  const fc = decodeEchartsMap(load('china.json'));
  test('34 features; Beijing lies where Beijing is', () => {
    expect(fc.features).toHaveLength(34);
    const bj = fc.features.find((f) => f.id === '110000');
    expect(bj?.properties?.name).toBe('北京');
    // Beijing municipality spans about 115.42–117.50 E, 39.44–41.06 N (official extent).
    const [x0, y0, x1, y1] = geometryBbox(bj!.geometry);
    expect(x0).toBeGreaterThanOrEqual(115.4); expect(x1).toBeLessThanOrEqual(117.6);
    expect(y0).toBeGreaterThanOrEqual(39.4); expect(y1).toBeLessThanOrEqual(41.1);
    expect(x1 - x0).toBeGreaterThan(1.5); // not degenerate
  });
  test('raw decode: every ring closed; normalised: also at least 4 points and a non-zero area', () => {
    for (const f of decodeEchartsMap(load('china.json'), { raw: true }).features) for (const r of rings(f.geometry)) {
      expect(r[r.length - 1]).toEqual(r[0]);
    }
    for (const f of fc.features) for (const r of rings(f.geometry)) {
      expect(r.length).toBeGreaterThanOrEqual(4);
      expect(r[r.length - 1]).toEqual(r[0]);
    }
  });
  test("every province's bounding box lies inside China's (73.4–135.1 E, 3.8–53.6 N)", () => {
    for (const f of fc.features) {
      const [x0, y0, x1, y1] = geometryBbox(f.geometry);
      expect(x0).toBeGreaterThanOrEqual(73.4); expect(x1).toBeLessThanOrEqual(135.1);
      expect(y0).toBeGreaterThanOrEqual(3.8); expect(y1).toBeLessThanOrEqual(53.6);
    }
  });
});

describe('echarts@4.9.0 china-cities.json', () => {
  test('367 features, all rings closed, all inside China', () => {
    const fc = decodeEchartsMap(load('china-cities.json'));
    expect(fc.features).toHaveLength(367);
    for (const f of fc.features) {
      for (const r of rings(f.geometry)) expect(r[r.length - 1]).toEqual(r[0]);
      const [x0, y0, x1, y1] = geometryBbox(f.geometry);
      expect(x0).toBeGreaterThanOrEqual(73.4); expect(x1).toBeLessThanOrEqual(135.1);
      expect(y0).toBeGreaterThanOrEqual(3.8); expect(y1).toBeLessThanOrEqual(53.6);
    }
    // 合肥 (340100): the echarts centre point lies inside the decoded bounding box.
    const hf = fc.features.find((f) => f.id === '340100')!;
    const [x0, y0, x1, y1] = geometryBbox(hf.geometry);
    expect(117.28).toBeGreaterThan(x0); expect(117.28).toBeLessThan(x1);
    expect(31.86).toBeGreaterThan(y0); expect(31.86).toBeLessThan(y1);
  });
});
