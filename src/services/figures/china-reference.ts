/**
 * The China frame's reference data (Taiwan, Hong Kong, Macao and the South China Sea Islands
 * inset; Apache ECharts 4.9.0, Apache-2.0) for national China maps: read from
 * assets/generated/china-reference.geojson (written by scripts/build-samples.ts), else decoded
 * from echarts' own files in node_modules by the same decoder; read once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chinaReferenceFrom, type ChinaReference, type ReferenceFeatureLike } from '../../figures/map/china';
import type { EncodedFeatureCollection } from '../../samples/china/echarts-decode';
import { CHINA_REFERENCE_SOURCE, decodeChinaReference } from '../../samples/china/reference';
import { echartsMapDir, findRepoRoot, generatedDir } from '../samples/paths';

let cached: ChinaReference | null | undefined;

/**
 * The China frame, or null when neither the generated file nor echarts' files can be found
 * (the engine then draws the map without it and says so in a warning).
 */
export function chinaReference(): ChinaReference | null {
  if (cached !== undefined) return cached;
  let root: string;
  try {
    root = findRepoRoot();
  } catch {
    cached = null;
    return cached;
  }
  const file = join(generatedDir(root), 'china-reference.geojson');
  let features: readonly ReferenceFeatureLike[] | null = null;
  if (existsSync(file)) {
    features = (JSON.parse(readFileSync(file, 'utf8')) as { features: ReferenceFeatureLike[] }).features;
  } else {
    const dir = echartsMapDir(root);
    const china = join(dir, 'china.json');
    const nanhai = join(dir, '..', '..', 'lib', 'coord', 'geo', 'fix', 'nanhai.js');
    if (existsSync(china) && existsSync(nanhai)) {
      features = decodeChinaReference(JSON.parse(readFileSync(china, 'utf8')) as EncodedFeatureCollection, readFileSync(nanhai, 'utf8')).features;
    }
  }
  cached = features ? chinaReferenceFrom(features, CHINA_REFERENCE_SOURCE) : null;
  return cached;
}
