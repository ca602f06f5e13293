/** Test helper: us48 queen W (row-standardised), Produc columns of one year in W order, Mexico's W. */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { read } from 'shapefile';
import { readDbf } from '../../src/services/io/dbf-reader';
import { buildContiguity } from '../../src/weights/contiguity';
import type { SpatialWeights } from '../../src/weights/spatial-weights';
import { datasetPath, fixturePath, readJsonFile } from '../helpers/paths';
import { loadUs48 } from '../weights/us48';

/** us48 queen contiguity, row-standardised, regions ordered by STATE_NAME (the R scripts' order). */
export async function us48Queen(): Promise<SpatialWeights> {
  return buildContiguity(await loadUs48(), { type: 'queen' }).transform('R');
}

/** Produc rows of `year` in the order of `ids`. */
export function producYear(year: number, ids: readonly string[]): Record<string, Float64Array> {
  const rows = Papa.parse<Record<string, string>>(readFileSync(datasetPath('produc.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data
    .filter((r) => Number(r.year) === year);
  const by = new Map(rows.map((r) => [r.state_name, r]));
  const col = (name: string) => Float64Array.from(ids, (id) => Number((by.get(id) as Record<string, string>)[name]));
  return { gsp: col('gsp'), pcap: col('pcap'), unemp: col('unemp'), emp: col('emp') };
}

/** Mexico's 32 states (mexicojoin.shp), queen W row-standardised, and PCGDP1940 in W's order. */
export async function mexico(): Promise<{ w: SpatialWeights; pcgdp1940: Float64Array; names: string[] }> {
  const fc = await read(datasetPath('mexico', 'mexicojoin.shp'), datasetPath('mexico', 'mexicojoin.dbf'));
  const features = fc.features.map((f) => ({ id: String((f.properties as Record<string, unknown>).NAME), geometry: f.geometry, properties: f.properties ?? {} }));
  const w = buildContiguity(features as never, { type: 'queen' }).transform('R');
  // Our DBF reader (the shapefile package reads this file's NUL-padded numbers as null).
  const table = readDbf(readFileSync(datasetPath('mexico', 'mexicojoin.dbf')), 'mexicojoin.dbf');
  const byName = new Map(table.records.map((r) => [String(r.NAME), Number(r.PCGDP1940)]));
  const pcgdp1940 = Float64Array.from(w.ids, (id) => byName.get(id) as number);
  return { w, pcgdp1940, names: features.map((f) => f.id) };
}

/** tests/fixtures/reference/esda_reference.json (scripts/reference/esda-reference.R). */
export function esdaReference<T>(): T {
  return readJsonFile<T>(fixturePath('reference', 'esda_reference.json'));
}
