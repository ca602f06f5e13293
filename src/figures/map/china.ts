/**
 * China national maps as Chinese publications draw them: when a layer is China national, Taiwan
 * (710000), Hong Kong (810000) and Macao (820000) are drawn (as "no data" when the project has
 * no values for them) and the South China Sea Islands inset is drawn at the lower right.
 * This module decides when a layer is China national (from its region ids) and describes the
 * reference data the services pass in (assets/generated/china-reference.geojson, decoded by
 * src/samples/china/reference.ts from echarts 4.9, Apache-2.0).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** GB/T 2260 two-digit prefixes of the 31 mainland provincial-level divisions. */
export const MAINLAND_PROVINCE_PREFIXES: readonly string[] = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
];

/** Adcodes of Taiwan, Hong Kong and Macao. */
export const CHINA_FRAME_AREAS = ['710000', '810000', '820000'] as const;

/** Fewest mainland provinces a layer must cover (by province or city adcodes) to count as national. */
export const CHINA_NATIONAL_MIN_PROVINCES = 24;

/**
 * True when the region ids are a China national layer: 6-digit adcodes (provinces like
 * 110000 or cities/counties like 110100) under at least 24 of the 31 mainland provinces.
 */
export function isChinaNational(ids: Iterable<string>): boolean {
  const prefixes = new Set(MAINLAND_PROVINCE_PREFIXES);
  const seen = new Set<string>();
  for (const id of ids) {
    const s = String(id).trim();
    if (/^\d{6}$/.test(s) && prefixes.has(s.slice(0, 2))) seen.add(s.slice(0, 2));
  }
  return seen.size >= CHINA_NATIONAL_MIN_PROVINCES;
}

/** An area drawn beside the project's regions (Taiwan, Hong Kong, Macao). */
export interface ReferenceArea {
  readonly id: string;
  readonly name: string;
  readonly nameZh?: string;
  readonly geometry: Polygon | MultiPolygon;
}

/**
 * The South China Sea Islands inset content, in its own schematic box coordinates (x right,
 * y down, isotropic units; echarts' `nanhai.js` drawing): `land` is the coast along its top,
 * `islands` the island / boundary-line marks, `frame` the box [x0, y0, x1, y1].
 */
export interface SouthChinaSeaInset {
  readonly land: readonly (readonly Position[])[];
  readonly islands: readonly (readonly Position[])[];
  readonly frame: readonly [number, number, number, number];
  /** Where the drawing comes from (printed in the docs, kept with the data). */
  readonly source: string;
}

/** What the China frame draws. */
export interface ChinaReference {
  readonly areas: readonly ReferenceArea[];
  readonly southChinaSea: SouthChinaSeaInset;
}

/** A feature of china-reference.geojson as read back (GeoJSON with a `role` property). */
export interface ReferenceFeatureLike {
  readonly properties: Readonly<Record<string, unknown>> | null;
  readonly geometry: Polygon | MultiPolygon | { readonly type: string } | null;
}

/**
 * The China frame from the features of assets/generated/china-reference.geojson (written by
 * scripts/build-samples.ts from echarts 4.9): role 'area' features become the areas; the
 * 'south-china-sea-*' rings, placed by echarts at lon = 126 + x/10.5, lat = 25 − 0.75·y/10.5,
 * are turned back into isotropic inset units (X = lon, Y = −lat / 0.75, y down).
 * @returns null when the features have no area or no inset frame
 */
export function chinaReferenceFrom(features: readonly ReferenceFeatureLike[], source = 'Apache ECharts 4.9.0 (Apache-2.0)'): ChinaReference | null {
  const areas: ReferenceArea[] = [];
  const land: Position[][] = [], islands: Position[][] = [];
  let frame: [number, number, number, number] | null = null;
  const toInset = (ring: readonly Position[]): Position[] => ring.map((p) => [p[0], -p[1] / 0.75]);
  for (const f of features) {
    const role = f.properties?.role;
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const geom = g as Polygon | MultiPolygon;
    if (role === 'area') {
      areas.push({ id: String(f.properties?.id ?? ''), name: String(f.properties?.name ?? ''), nameZh: typeof f.properties?.nameZh === 'string' ? f.properties.nameZh : undefined, geometry: geom });
      continue;
    }
    const rings = geom.type === 'Polygon' ? [geom.coordinates[0]] : geom.coordinates.map((p) => p[0]);
    if (role === 'south-china-sea-coast') land.push(...rings.map(toInset));
    else if (role === 'south-china-sea-line') islands.push(...rings.map(toInset));
    else if (role === 'south-china-sea-frame') {
      const pts = rings.flatMap(toInset);
      const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
      frame = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    }
  }
  if (areas.length === 0 || !frame) return null;
  return { areas, southChinaSea: { land, islands, frame, source } };
}
