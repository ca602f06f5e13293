/** Test helper: the us48 shapefile as region features keyed by STATE_NAME, sorted by id. */
import { read } from 'shapefile';
import { readFileSync } from 'node:fs';
import type { RegionFeature } from '../../src/geo/geometry';

export const US48_DIR = '/work/shared/data/us48';

let cache: RegionFeature[] | undefined;

/** us48 polygons ordered by STATE_NAME (the order of the R references). */
export async function loadUs48(): Promise<RegionFeature[]> {
  if (cache) return cache;
  const fc = await read(`${US48_DIR}/us48.shp`, `${US48_DIR}/us48.dbf`);
  cache = fc.features
    .map((f) => ({ id: String((f.properties as Record<string, unknown>).STATE_NAME), geometry: f.geometry, properties: f.properties ?? {} }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return cache;
}

/** A JSON fixture or reference file. */
export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Neighbour lists of the shared reference (spdep::poly2nb queen = TRUE on us48). */
export function referenceQueen(): Record<string, string[]> {
  return readJson<{ neighbors: Record<string, string[]> }>('/work/shared/reference/produc_reference.json').neighbors;
}
