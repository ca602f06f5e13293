/**
 * Join the decoded echarts `china.json` features (34: 31 mainland divisions + 台湾, 香港, 澳门)
 * to the static province table by adcode, keeping the 31 mainland provinces.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { InputError } from '../../core/errors';
import { PROVINCES, provinceByAdcode, type Province } from './provinces';

/** A mainland province with its boundary. */
export interface ProvinceFeature {
  readonly province: Province;
  readonly geometry: Polygon | MultiPolygon;
}

/**
 * Keep the features whose id is a mainland adcode, ordered as `PROVINCES`.
 * Also returns the ids that were skipped (e.g. 710000, 810000, 820000).
 * @throws InputError `sample-map-missing-province` when any of the 31 provinces has no feature, naming it.
 */
export function joinProvinces(fc: FeatureCollection<Polygon | MultiPolygon>): {
  features: readonly ProvinceFeature[]; skipped: readonly string[];
} {
  const byCode = new Map<string, Polygon | MultiPolygon>();
  const skipped: string[] = [];
  for (const f of fc.features) {
    const id = String(f.id ?? f.properties?.id ?? '');
    if (provinceByAdcode(id)) byCode.set(id, f.geometry);
    else skipped.push(id);
  }
  const missing = PROVINCES.filter((p) => !byCode.has(p.adcode));
  if (missing.length > 0) {
    throw new InputError('sample-map-missing-province',
      `The map file has no boundary for ${missing.map((p) => `${p.nameEn} (${p.adcode})`).join(', ')}.`,
      { missing: missing.map((p) => p.adcode), provinces: missing.map((p) => `${p.nameEn} (${p.adcode})`).join(', ') });
  }
  return {
    features: PROVINCES.map((p) => ({ province: p, geometry: byCode.get(p.adcode) as Polygon | MultiPolygon })),
    skipped,
  };
}
