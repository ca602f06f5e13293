/** Test helper: the us48 shapefile as region features keyed by STATE_NAME, sorted by id. */
import { read } from 'shapefile';
import { resolve } from 'node:path';
import type { RegionFeature } from '../../src/geo/geometry';
import { datasetPath, producReference, readJsonFile, repoRoot } from '../helpers/paths';

export const US48_DIR = datasetPath('us48');

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

/** A JSON fixture or reference file (a relative path is taken from the repository root). */
export function readJson<T>(path: string): T {
  return readJsonFile<T>(resolve(repoRoot, path));
}

/** Neighbour lists of the shared reference (spdep::poly2nb queen = TRUE on us48). */
export function referenceQueen(): Record<string, string[]> {
  return producReference<{ neighbors: Record<string, string[]> }>().neighbors;
}
