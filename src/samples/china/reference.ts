/**
 * The China frame's reference data (issue 9), decoded from echarts 4.9.0 (Apache-2.0):
 *  - Taiwan (710000), Hong Kong (810000) and Macao (820000) from `map/json/china.json`
 *    (decoded by ./echarts-decode.ts), role 'area';
 *  - the South China Sea Islands inset drawing from `lib/coord/geo/fix/nanhai.js` (the
 *    `points` array: a coast ring, ten island / boundary-line marks, the frame ring), placed as
 *    echarts places it (lon = 126 + x / 10.5, lat = 25 − y · 0.75 / 10.5), roles
 *    'south-china-sea-coast', 'south-china-sea-line', 'south-china-sea-frame'. That drawing is
 *    schematic (not surveyed geometry); figures draw it in its own inset box.
 * scripts/build-samples.ts writes the result to assets/generated/china-reference.geojson.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { InputError } from '../../core/errors';
import { decodeEchartsMap, type EncodedFeatureCollection } from './echarts-decode';

/** Names of the three areas. */
const AREAS: readonly { id: string; name: string; nameZh: string }[] = [
  { id: '710000', name: 'Taiwan', nameZh: '台湾' },
  { id: '810000', name: 'Hong Kong', nameZh: '香港' },
  { id: '820000', name: 'Macao', nameZh: '澳门' },
];

/** echarts' placement of the inset drawing: origin (lon, lat) and the divisor of x (y: divisor / 0.75). */
export const NANHAI_PLACEMENT = { lon: 126, lat: 25, divisor: 10.5, aspect: 0.75 } as const;

/** Where the data comes from, kept in the file. */
export const CHINA_REFERENCE_SOURCE = 'Apache ECharts 4.9.0 (Apache License 2.0): map/json/china.json (710000, 810000, 820000) and lib/coord/geo/fix/nanhai.js (South China Sea Islands inset)';

/**
 * The `points` array of nanhai.js, read from the file's text (the literal after `var points =`).
 * @throws InputError `china-reference-no-points` when the text has no such array of rings.
 */
export function parseNanhaiPoints(source: string): number[][][] {
  const m = /var\s+points\s*=\s*(\[[\s\S]*?\]\]\]);/.exec(source);
  let rings: unknown = null;
  try { rings = m ? JSON.parse(m[1]) : null; } catch { rings = null; }
  const ok = Array.isArray(rings) && rings.length >= 2 && rings.every((r) => Array.isArray(r) && r.length >= 3
    && r.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v))));
  if (!ok) throw new InputError('china-reference-no-points', 'The South China Sea Islands file has no "points" array of rings (expected echarts 4.9 lib/coord/geo/fix/nanhai.js).');
  return rings as number[][][];
}

/**
 * The reference FeatureCollection: the three areas from china.json, then the inset rings of
 * nanhai.js (first = coast, last = frame, the others = lines), placed as echarts places them.
 * @throws InputError `china-reference-missing-area` naming an area china.json lacks; the errors of
 *   `decodeEchartsMap` and `parseNanhaiPoints`.
 */
export function decodeChinaReference(chinaJson: EncodedFeatureCollection, nanhaiSource: string): FeatureCollection<Polygon | MultiPolygon> {
  const decoded = decodeEchartsMap(chinaJson);
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (const a of AREAS) {
    const f = decoded.features.find((x) => String(x.id) === a.id);
    if (!f) throw new InputError('china-reference-missing-area', `The China map file has no boundary for ${a.name} (${a.id}).`, { name: a.name, id: a.id });
    features.push({ type: 'Feature', id: a.id, properties: { id: a.id, name: a.name, nameZh: a.nameZh, role: 'area' }, geometry: f.geometry });
  }
  const rings = parseNanhaiPoints(nanhaiSource);
  const P = NANHAI_PLACEMENT;
  const place = (r: number[][]): Position[] => r.map(([x, y]) => [P.lon + x / P.divisor, P.lat - (y * P.aspect) / P.divisor]);
  rings.forEach((r, i) => {
    const role = i === 0 ? 'south-china-sea-coast' : i === rings.length - 1 ? 'south-china-sea-frame' : 'south-china-sea-line';
    features.push({
      type: 'Feature', id: `nanhai-${i}`, properties: { id: `nanhai-${i}`, role, name: 'South China Sea Islands', nameZh: '南海诸岛' },
      geometry: { type: 'Polygon', coordinates: [place(r)] },
    });
  });
  return { type: 'FeatureCollection', features, ...{ source: CHINA_REFERENCE_SOURCE } };
}
