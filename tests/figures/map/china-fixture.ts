/** The China layer and China frame for map tests: echarts 4.9 china.json + nanhai.js from node_modules, decoded by our code. */
import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { chinaReferenceFrom, type ChinaReference } from '../../../src/figures/map/china';
import type { MapRegion } from '../../../src/figures/map/types';
import { decodeEchartsMap, type EncodedFeatureCollection } from '../../../src/samples/china/echarts-decode';
import { PROVINCES } from '../../../src/samples/china/provinces';
import { decodeChinaReference } from '../../../src/samples/china/reference';
import { repoPath } from '../../helpers/paths';

export const chinaJson = (): EncodedFeatureCollection =>
  JSON.parse(readFileSync(repoPath('node_modules', 'echarts', 'map', 'json', 'china.json'), 'utf8')) as EncodedFeatureCollection;
export const nanhaiSource = (): string => readFileSync(repoPath('node_modules', 'echarts', 'lib', 'coord', 'geo', 'fix', 'nanhai.js'), 'utf8');

/** The 31 mainland provinces with English/Chinese names and NBS groups. */
export function chinaProvinces(): MapRegion[] {
  const fc = decodeEchartsMap(chinaJson());
  return PROVINCES.map((p) => {
    const f = fc.features.find((x) => String(x.id) === p.adcode);
    if (!f) throw new Error(`no feature ${p.adcode}`);
    return { id: p.adcode, name: p.nameEn, nameZh: p.shortZh, group: p.group, geometry: f.geometry as Polygon | MultiPolygon };
  });
}

/** Taiwan, Hong Kong, Macao and the South China Sea inset as the services pass them. */
export function chinaReference(): ChinaReference {
  const ref = chinaReferenceFrom(decodeChinaReference(chinaJson(), nanhaiSource()).features);
  if (!ref) throw new Error('no China reference');
  return ref;
}
