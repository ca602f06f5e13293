/**
 * Prefecture-level cities of mainland China from the decoded echarts `china-cities.json`
 * (367 features: prefecture-level cities, leagues and autonomous prefectures, the four
 * municipalities as single features, and the county-level cities and counties that provinces
 * administer directly, GB/T 2260 codes xx90xx, e.g. Hainan's 469xxx or Hubei's 仙桃 429004).
 * Each feature is joined to its GB/T 2260 code (the echarts `id`) and to its province by the
 * code's first two digits.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { provinceByAdcode, provinceOfCode } from './provinces';

/** One city-level region joined to its province. */
export interface ChinaCity {
  /** GB/T 2260 code used as the region code (see `sourceId` for municipalities). */
  readonly code: string;
  /** The echarts feature id it came from. */
  readonly sourceId: string;
  /** Chinese name as in echarts (short form, e.g. 合肥). */
  readonly nameZh: string;
  /** Adcode of the province (first two digits + '0000'). */
  readonly parent: string;
  /** True for county-level divisions administered directly by the province (codes xx90xx). */
  readonly countyLevel: boolean;
  /** The echarts centre point `cp` when present, [lon, lat]. */
  readonly center: readonly [number, number] | null;
  readonly geometry: Polygon | MultiPolygon;
}

/** A feature that was not imported, with the reason. */
export interface RejectedCity {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

/** A feature whose code was changed, with the reason. */
export interface RemappedCity {
  readonly from: string;
  readonly to: string;
  readonly name: string;
  readonly reason: string;
}

/** Result of `joinCities`. */
export interface CityJoin {
  readonly cities: readonly ChinaCity[];
  readonly rejected: readonly RejectedCity[];
  readonly remapped: readonly RemappedCity[];
}

function centerOf(f: Feature): readonly [number, number] | null {
  const cp = f.properties?.cp;
  if (Array.isArray(cp) && cp.length >= 2 && typeof cp[0] === 'number' && typeof cp[1] === 'number') {
    return [cp[0], cp[1]];
  }
  return null;
}

/**
 * Join decoded city features to GB/T 2260 codes and mainland provinces.
 * Rules: the feature id must be a 6-digit code (else rejected: 'id is not a 6-digit code');
 * its first two digits must name one of the 31 mainland provinces (else rejected:
 * 'province prefix xx is not one of the 31 mainland provinces' — this drops Taiwan, Hong Kong and
 * Macao); a city feature whose id equals its province's adcode (the four municipalities) is
 * given the GB/T 2260 code of the municipality's districts, xx0100 (市辖区), so that it does not
 * collide with the province region; duplicate codes keep the first feature.
 */
export function joinCities(fc: FeatureCollection<Polygon | MultiPolygon>): CityJoin {
  const cities: ChinaCity[] = [];
  const rejected: RejectedCity[] = [];
  const remapped: RemappedCity[] = [];
  const seen = new Set<string>();
  for (const f of fc.features) {
    const id = String(f.id ?? f.properties?.id ?? '');
    const name = String(f.properties?.name ?? '');
    if (!/^\d{6}$/.test(id)) {
      rejected.push({ id, name, reason: 'id is not a 6-digit code' });
      continue;
    }
    const prov = provinceOfCode(id);
    if (!prov) {
      rejected.push({ id, name, reason: `province prefix ${id.slice(0, 2)} is not one of the 31 mainland provinces` });
      continue;
    }
    let code = id;
    if (provinceByAdcode(id)) {
      code = `${id.slice(0, 2)}0100`;
      remapped.push({ from: id, to: code, name, reason: 'municipality feature: province adcode replaced by its districts code (市辖区)' });
    }
    if (seen.has(code)) {
      rejected.push({ id, name, reason: `duplicate code ${code}` });
      continue;
    }
    seen.add(code);
    cities.push(Object.freeze({
      code,
      sourceId: id,
      nameZh: name,
      parent: prov.adcode,
      countyLevel: id.slice(2, 4) === '90',
      center: centerOf(f),
      geometry: f.geometry,
    }));
  }
  return Object.freeze({ cities: Object.freeze(cities), rejected: Object.freeze(rejected), remapped: Object.freeze(remapped) });
}
