/**
 * Issue 8: weights files exchanged with R's spdep. us48's ids (STATE_NAME) hold spaces ("New
 * York"), so our GAL/GWT number the regions 1..48 with the id variable in the header, as GeoDa
 * and spdep do.
 * - R writes, we read (always runs): tests/fixtures/weights/us48-*-spdep.* and their reference
 *   us48-spdep-reference.json, written by scripts/reference/weights-files-us48.R (spdep 1.2.7).
 * - We write, R reads (runs when Rscript with spdep is installed; otherwise skipped with a
 *   message): scripts/reference/read-weights-files.R reads our files with spdep::read.gal and
 *   spdep::read.gwt2nb.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { read } from 'shapefile';
import { afterAll, describe, expect, it } from 'vitest';
import { featureCentroids } from '../../src/geo/centroid';
import { buildContiguity } from '../../src/weights/contiguity';
import { buildInverseDistance } from '../../src/weights/distance-weights';
import { fromGal, toGal } from '../../src/weights/io/gal';
import { fromGwt, toGwt } from '../../src/weights/io/gwt';
import { fixturePath, readJsonFile, repoPath } from '../helpers/paths';
import { loadUs48, readJson, referenceQueen, US48_DIR } from './us48';

interface SpdepReference {
  ids: string[];
  queen: Record<string, string[]>;
  knn4: Record<string, string[]>;
  knn4_km: Record<string, number[]>;
}
const ref = (): SpdepReference => readJsonFile<SpdepReference>(fixturePath('weights', 'us48-spdep-reference.json'));
const sorted = (lists: Record<string, string[]>): Record<string, string[]> => Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, [...v].sort()]));

/** STATE_NAME in the record order of us48.shp (GeoDa numbers records 1..n in this order). */
async function recordOrder(): Promise<string[]> {
  const fc = await read(`${US48_DIR}/us48.shp`, `${US48_DIR}/us48.dbf`);
  return fc.features.map((f) => String((f.properties as Record<string, unknown>).STATE_NAME));
}

describe('files written by spdep read back exactly', () => {
  it('write.nb.gal (header "0 48 us48 STATE_NAME", shapefile record numbers): the queen neighbour sets', async () => {
    const text = readFileSync(fixturePath('weights', 'us48-queen-spdep.gal'), 'utf8');
    expect(text.split('\n')[0]).toBe('0 48 us48 STATE_NAME');
    const notes: string[] = [];
    const w = fromGal(text, { ids: await recordOrder(), source: 'us48-queen-spdep.gal', onWarning: (x) => notes.push(x.message) });
    expect(notes).toEqual(['us48-queen-spdep.gal numbers its regions 1–48 (id variable STATE_NAME): they are taken as positions in the data\'s region order ("1" = "Washington").']);
    expect(sorted(w.toNeighborLists())).toEqual(sorted(ref().queen));
    // and the shared reference (produc_reference.json, spdep::poly2nb)
    expect(sorted(w.toNeighborLists())).toEqual(sorted(referenceQueen()));
    expect(w.symmetric).toBe(true);
  });

  it('write.nb.gal(oldstyle = TRUE) (header "48", positions in STATE_NAME order)', () => {
    const r = ref();
    const w = fromGal(readFileSync(fixturePath('weights', 'us48-queen-spdep-old.gal'), 'utf8'), { ids: r.ids });
    expect(w.ids).toEqual(r.ids);
    expect(sorted(w.toNeighborLists())).toEqual(sorted(r.queen));
  });

  it('write.sn2gwt (knn k = 4, nbdists km): the same neighbours and weights', () => {
    const r = ref();
    const w = fromGwt(readFileSync(fixturePath('weights', 'us48-knn4-spdep.gwt'), 'utf8'), { ids: r.ids });
    // tests/fixtures/us48/knn4.json (scripts/reference/knn-us48.R): the same kNN sets
    const knn4 = readJson<{ neighbors: Record<string, string[]> }>('tests/fixtures/us48/knn4.json').neighbors;
    expect(sorted(w.toNeighborLists())).toEqual(sorted(knn4));
    for (const id of r.ids) {
      const got = new Map(w.neighbors(id).map((j, t) => [j, w.neighborWeights(id)[t]]));
      r.knn4[id].forEach((j, t) => {
        // write.table and the reference JSON both print 15 significant digits
        expect(Math.abs((got.get(j) as number) - r.knn4_km[id][t])).toBeLessThanOrEqual(1e-12 * r.knn4_km[id][t]);
      });
    }
  });

  it('without the data ids, positions stay ids (as spdep reads them)', () => {
    const w = fromGal(readFileSync(fixturePath('weights', 'us48-queen-spdep-old.gal'), 'utf8'));
    expect(w.ids.slice(0, 3)).toEqual(['1', '2', '3']);
  });
});

function hasRspdep(): boolean {
  try {
    execFileSync('Rscript', ['-e', 'suppressMessages(library(spdep)); library(jsonlite)'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
const R_OK = hasRspdep();
if (!R_OK) process.stderr.write('tests/weights/io-spdep.test.ts: Rscript with spdep and jsonlite not found — skipping "our files read by spdep" (apt-get install r-cran-spdep r-cran-jsonlite to run it).\n');

describe.skipIf(!R_OK)('files we write read by spdep::read.gal / read.gwt2nb (Rscript)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rwb-spdep-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('us48 queen .gal and inverse-distance .gwt: the same neighbour sets and weights', async () => {
    const us = await loadUs48();
    const queen = buildContiguity(us, { type: 'queen' });
    const idw = buildInverseDistance(featureCentroids(us, true), { power: 1, band: 800 });
    expect(idw.ids).toEqual(queen.ids);
    const gal = join(tmp, 'queen.gal'), gwt = join(tmp, 'idw.gwt'), idsFile = join(tmp, 'ids.txt');
    writeFileSync(gal, toGal(queen, { name: 'us48', key: 'STATE_NAME' }));
    writeFileSync(gwt, toGwt(idw, { name: 'us48', key: 'STATE_NAME' }));
    writeFileSync(idsFile, queen.ids.join('\n') + '\n');
    const out = execFileSync('Rscript', [repoPath('scripts', 'reference', 'read-weights-files.R'), gal, gwt, idsFile], { encoding: 'utf8', timeout: 120_000 });
    const r = JSON.parse(out) as { gal: Record<string, string[]>; gwt: Record<string, string[]>; gwt_weights: Record<string, string[]>; gal_header: { shpfile: string; ind: string }; warnings: string[] };
    expect(r.gal_header).toEqual({ shpfile: 'us48', ind: 'STATE_NAME' });
    expect(sorted(r.gal)).toEqual(sorted(queen.toNeighborLists()));
    expect(sorted(r.gal)).toEqual(sorted(referenceQueen()));
    // read.gwt2nb's only note: its region.id argument (none given) is not named like the header's id variable
    const islands = idw.islands;
    expect(r.warnings.filter((m) => !/^region\.id not named/.test(m) && !/are not (origins|destinations)$/.test(m))).toEqual([]);
    if (islands.length === 0) expect(r.warnings.filter((m) => /are not/.test(m))).toEqual([]);
    expect(r.gwt).toEqual(Object.fromEntries(idw.ids.map((id) => [id, idw.neighbors(id)])));
    expect(Object.fromEntries(Object.entries(r.gwt_weights).map(([k, v]) => [k, v.map(Number)]))).toEqual(Object.fromEntries(idw.ids.map((id) => [id, idw.neighborWeights(id)])));
  }, 180_000);
});
