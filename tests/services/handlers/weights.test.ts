/**
 * The Weights tab's channels through the dispatcher on the China sample project: queen W
 * reports Hainan as an island until a manual link is added, the linked version is saved with
 * the link in its spec, files round-trip, and bad requests give plain sentences.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { specTextOf } from '../../../src/services/weights/project-weights';
import { useAppService } from '../../helpers/app-service-harness';

const { call, failure } = useAppService({ prefix: 'rwb-app-weights-' });

const HAINAN = '460000';
const GUANGDONG = '440000';
const GUANGXI = '450000';

describe('weights channels on the China sample project', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'china-provinces' });
  }, 120_000);

  it('queen W reports Hainan as an island until a manual Hainan–Guangdong link is added', async () => {
    const w = await call('weights:build', { name: 'queen', spec: { type: 'queen' } });
    // 31 provinces of the echarts boundaries; Hainan has no land neighbour (spdep::poly2nb would say the same).
    expect(w.n).toBe(31);
    expect(w.specText).toBe('queen:std=row');
    expect(w.islands).toEqual([HAINAN]);
    expect(w.islandNotes).toEqual(['Hainan (海南) has no neighbours.']);
    expect(w.minNeighbors).toBe(0);
    expect(w.componentSizes).toEqual([30, 1]);
    expect(w.histogram[0]).toBe(1);
    expect(w.histogram.reduce((a, b) => a + b, 0)).toBe(31);
    expect(w.nonzeros).toBe(w.ids.reduce((s, id) => s + (w.neighbors[id]?.length ?? 0), 0));
    expect(w.percentNonzero).toBeCloseTo((100 * w.nonzeros) / (31 * 31), 12);
    expect(w.symmetric).toBe(true);
    expect(Object.keys(w.centroids)).toHaveLength(31);
    const [lon, lat] = w.centroids[HAINAN];
    expect(lon).toBeGreaterThan(108); expect(lon).toBeLessThan(111.5);
    expect(lat).toBeGreaterThan(18); expect(lat).toBeLessThan(20.5);

    const linked = await call('weights:addLink', { name: 'queen', a: HAINAN, b: GUANGDONG });
    expect(linked.name).toBe('queen+link');
    expect(linked.islands).toEqual([]);
    expect(linked.islandNotes).toEqual([]);
    expect(linked.componentSizes).toEqual([31]);
    expect(linked.specText).toBe(`queen:std=row:links=${HAINAN}|${GUANGDONG}`);
    expect(linked.links).toEqual([[HAINAN, GUANGDONG]]);
    expect(linked.neighbors[HAINAN]).toEqual([GUANGDONG]);
    expect(linked.neighbors[GUANGDONG]).toContain(HAINAN);

    const list = await call('weights:list', {});
    expect(list.map((m) => [m.name, m.specText, m.n])).toEqual(expect.arrayContaining([
      ['queen', 'queen:std=row', 31], ['queen+link', `queen:std=row:links=${HAINAN}|${GUANGDONG}`, 31],
    ]));
    // The original is unchanged; reopening the new version gives the same matrix.
    expect((await call('weights:get', { name: 'queen' })).islands).toEqual([HAINAN]);
    expect((await call('weights:get', { name: 'queen+link' })).neighbors[HAINAN]).toEqual([GUANGDONG]);

    const again = await failure('weights:addLink', { name: 'queen+link', a: HAINAN, b: GUANGDONG });
    expect(again.message).toBe('Hainan (海南) and Guangdong (广东) are already neighbours in "queen+link".');
    const self = await failure('weights:addLink', { name: 'queen', a: HAINAN, b: HAINAN });
    expect(self.message).toBe(`Cannot link region "${HAINAN}" to itself.`);
    const unknown = await failure('weights:addLink', { name: 'queen', a: HAINAN, b: '710000' });
    expect(unknown.message).toBe(`Cannot link "${HAINAN}" and "710000": no region "710000" in the weights matrix.`);
  });

  it('lists the sample\'s own matrix with a readable spec', async () => {
    const list = await call('weights:list', {});
    const sample = list.find((m) => m.name === 'knn4_capitals');
    expect(sample?.specText).toBe('knn:k=4:std=row:points=provincial capitals:distance=great-circle (haversine, R = 6371.0088 km):simulatedDgp=true');
    const w = await call('weights:get', { name: 'knn4_capitals' });
    expect(w.minNeighbors).toBe(4);
    expect(w.maxNeighbors).toBe(4);
    expect(w.specText).toBe(sample?.specText);
  });

  it('kNN, inverse distance and economic distance build over the layer', async () => {
    const knn = await call('weights:build', { name: 'knn4', spec: { type: 'knn', k: 4 } });
    expect(knn.minNeighbors).toBe(4);
    expect(knn.maxNeighbors).toBe(4);
    expect(knn.islands).toEqual([]);
    const idw = await call('weights:build', { name: 'idw2', spec: { type: 'idw', power: 2, std: 'none' } });
    expect(idw.nonzeros).toBe(31 * 30);
    expect(idw.transformation).toBe('O');
    const econ = await call('weights:build', { name: 'econ', spec: { type: 'econ', variable: 'pgdp' } });
    expect(econ.specText).toBe('econ:var=pgdp:std=row');
    expect(econ.nonzeros).toBe(31 * 30);
    // The no-island threshold (GeoDa's suggestion): every province, Hainan included, has a neighbour.
    const bandMin = await call('weights:build', { name: 'band_min', spec: { type: 'band', minKm: true } });
    expect(bandMin.specText).toBe('band:km=min:std=row');
    expect(bandMin.islands).toEqual([]);
    expect(specTextOf({ type: 'band', minKm: true, km: 100, std: 'none' })).toBe('band:km=min:std=none');
    const band = await failure('weights:build', { name: 'b', spec: { type: 'band' } });
    expect(band.message).toBe('Distance-band weights need a distance in km (e.g. 500).');
    const bad = await failure('weights:build', { name: '', spec: { type: 'queen' } });
    expect(bad.message).toBe('Invalid request for weights:build: name: the matrix name is empty.');
    const missing = await failure('weights:get', { name: 'nosuch' });
    expect(missing.message).toMatch(/^The project has no weights matrix "nosuch" \(it has /);
  });

  it('exports .gal/.gwt/.json/.csv and imports them back with the same neighbours', async () => {
    const source = await call('weights:get', { name: 'queen+link' });
    for (const format of ['gal', 'gwt', 'json', 'csv'] as const) {
      const file = await call('weights:export', { name: 'queen+link', format });
      expect(file.fileName).toBe(`queen+link.${format}`);
      expect(file.warnings).toEqual([]); // GB/T 2260 codes hold no whitespace: written as they are
      const back = await call('weights:import', { name: `imported-${format}`, file: { name: file.fileName, dataBase64: file.dataBase64 } });
      expect(back.specText).toBe(`file:queen+link.${format}:std=row`);
      expect(back.neighbors).toEqual(source.neighbors);
      expect(back.islands).toEqual([]);
    }
  });

  it('imports a dense .xlsx matrix with an id header (as Stata/MATLAB users bring), matched by Chinese names', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('W');
    sheet.addRow(['id', '海南', '广东', '广西']);
    sheet.addRow(['海南', 0, 1, 0]);
    sheet.addRow(['广东', 1, 0, 1]);
    sheet.addRow(['广西', 0, 1, 0]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const w = await call('weights:import', { name: 'dense', file: { name: 'w.xlsx', dataBase64: bytes.toString('base64') }, std: 'none' });
    expect(w.ids).toEqual([GUANGDONG, GUANGXI, HAINAN]);
    expect(w.neighbors[GUANGDONG]).toEqual([GUANGXI, HAINAN]);
    expect(w.transformation).toBe('O');
    expect(w.specText).toBe('file:w.xlsx:std=none');
  });

  it('imports a GAL written with English province names, matched to the region codes', async () => {
    const gal = '0 3 china names\nHainan 1\nGuangdong\nGuangdong 2\nHainan Guangxi\nGuangxi 1\nGuangdong\n';
    const w = await call('weights:import', { name: 'names', file: { name: 'names.gal', dataBase64: Buffer.from(gal).toString('base64') } });
    expect(w.ids).toEqual([GUANGDONG, GUANGXI, HAINAN]);
    expect(w.neighbors[HAINAN]).toEqual([GUANGDONG]);
    const bad = '0 2 x\nHainan 1\nAtlantis\nAtlantis 1\nHainan\n';
    const err = await failure('weights:import', { name: 'bad', file: { name: 'bad.gal', dataBase64: Buffer.from(bad).toString('base64') } });
    expect(err.message).toBe('bad.gal: 1 region id(s) match no region of the project: "Atlantis".');
    const path = await failure('weights:import', { name: 'p', file: { path: '/tmp/w.gal' } });
    expect(path.message).toBe('In the browser, choose the file to upload instead of giving a path.');
  });
});

describe('weights export on the US states sample (ids with spaces)', () => {
  beforeAll(async () => {
    await call('project:openSample', { name: 'us-states' });
  }, 120_000);

  it('a .gal of ids such as "New York" is written as positions, says so, and reads back to the same W', async () => {
    const source = await call('weights:build', { name: 'queen', spec: { type: 'queen' } });
    expect(source.ids.some((id) => /\s/.test(id))).toBe(true);
    for (const format of ['gal', 'gwt'] as const) {
      const file = await call('weights:export', { name: 'queen', format });
      expect(file.warnings.map((w) => w.code)).toEqual(['weights-file-positions-written']);
      expect(file.warnings[0].details.n).toBe(source.n);
      const header = Buffer.from(file.dataBase64, 'base64').toString('utf8').split('\n')[0];
      expect(header).toBe(`0 ${source.n} queen code`);
      const back = await call('weights:import', { name: `back-${format}`, file: { name: file.fileName, dataBase64: file.dataBase64 } });
      expect(back.neighbors).toEqual(source.neighbors);
    }
    const json = await call('weights:export', { name: 'queen', format: 'json' });
    expect(json.warnings).toEqual([]);
  });
});
