import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LongPanel } from '../../../src/core/panel';
import { readGeometry } from '../../../src/services/io/geometry-reader';
import { loadPanelInput } from '../../../src/services/inputs/panel-input';
import { projectGeometry } from '../../../src/services/inputs/project-inputs';
import {
  buildWeights, formatWeightsSpec, loadWeightsFromProject, parseWeightsSpec, readWeightsFile, resolveAnalysisWeights, saveWeightsToProject,
  writeWeightsFile,
} from '../../../src/services/weights/weights-service';
import { ProjectStore } from '../../../src/store/project-store';
import { ensureSampleProject } from '../../../src/services/samples/ensure';
import { RTOL } from '../../tolerances';
import { readJson, referenceQueen } from '../../weights/us48';
import { datasetPath } from '../../helpers/paths';
import { fromNeighbors } from '../../../src/weights/spatial-weights';

const US48 = datasetPath('us48', 'us48.shp');
const tmp = mkdtempSync(join(tmpdir(), 'rwb-weights-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const us48 = () => readGeometry([{ path: US48 }], { key: 'STATE_NAME' });
let produc: LongPanel | undefined;
const loadProduc = async () => (produc ??= await loadPanelInput({ panel: datasetPath('produc.csv'), id: 'state_name', time: 'year' }));

describe('parseWeightsSpec', () => {
  it('parses the contract specs with row standardisation by default', () => {
    expect(parseWeightsSpec('queen')).toEqual({ type: 'queen', std: 'row', links: [] });
    expect(parseWeightsSpec('knn:k=4')).toMatchObject({ type: 'knn', k: 4, std: 'row' });
    expect(parseWeightsSpec('idw:power=2:std=none')).toMatchObject({ type: 'idw', power: 2, std: 'none' });
    expect(parseWeightsSpec('band:km=500')).toMatchObject({ type: 'band', km: 500 });
    expect(parseWeightsSpec('econ:var=log(gsp):from=1980')).toMatchObject({ type: 'econ', var: 'log(gsp)', from: 1980 });
    expect(parseWeightsSpec('queen:links=Hainan|Guangdong;A|B').links).toEqual([['Hainan', 'Guangdong'], ['A', 'B']]);
    expect(formatWeightsSpec(parseWeightsSpec('rook:order=2:std=binary'))).toBe('rook:order=2:std=binary');
  });

  it('names what is wrong', () => {
    expect(() => parseWeightsSpec('hexagon')).toThrow('Unknown weights type "hexagon" in "hexagon"; use queen, rook, knn, idw, band, kernel, econ, nested.');
    expect(() => parseWeightsSpec('knn')).toThrow('Weights spec "knn": knn needs k, e.g. knn:k=4.');
    expect(() => parseWeightsSpec('knn:k=four')).toThrow('Weights spec "knn:k=four": k must be a number, got "four".');
    expect(() => parseWeightsSpec('queen:std=column')).toThrow('Weights spec "queen:std=column": std must be one of row, none, binary, spectral, minmax, got "column".');
    expect(() => parseWeightsSpec('queen:colour=red')).toThrow('Weights spec "queen:colour=red": unknown option "colour".');
    expect(() => parseWeightsSpec('econ')).toThrow('Weights spec "econ": econ needs var, e.g. econ:var=gsp.');
    expect(() => parseWeightsSpec('queen:links=Hainan')).toThrow('A manual link must be two region ids separated by "|", e.g. "Hainan|Guangdong"; got "Hainan".');
  });
});

describe('buildWeights', () => {
  it('queen over the us48 shapefile equals spdep::poly2nb, row-standardised', async () => {
    // spdep::poly2nb(queen=TRUE): tests/fixtures/reference/produc_reference.json "neighbors"
    const ref = referenceQueen();
    const { weights: w, specText } = buildWeights('queen', { geometry: await us48() });
    expect(specText).toBe('queen:std=row');
    expect(w.transformation).toBe('R');
    expect(w.ids).toEqual(Object.keys(ref).sort());
    for (const id of w.ids) {
      expect(w.neighbors(id)).toEqual([...ref[id]].sort());
      expect(w.neighborWeights(id)).toEqual(ref[id].map(() => 1 / ref[id].length));
    }
  });

  it('uses the panel regions: geometry without data is warned about, data without geometry is an error', async () => {
    const g = await us48();
    const ids = ['Texas', 'Oklahoma', 'New Mexico'];
    const b = buildWeights('rook', { geometry: g, ids });
    expect(b.weights.ids).toEqual(ids);
    expect(b.weights.toNeighborLists()).toEqual({ Texas: ['Oklahoma', 'New Mexico'], Oklahoma: ['Texas', 'New Mexico'], 'New Mexico': ['Texas', 'Oklahoma'] });
    // Its own code: the import check's geometry-without-data is another sentence (one code per sentence).
    expect(b.warnings[0].code).toBe('weights-geometry-without-data');
    expect(b.warnings[0].details).toMatchObject({ count: 45, moreCount: 40 });
    expect(b.warnings[0].message).toBe('45 geometry region(s) have no data and are left out of W: "Alabama", "Arizona", "Arkansas", "California", "Colorado" and 40 more.');
    expect(() => buildWeights('queen', { geometry: g, ids: ['Texas', 'Tejas'] })).toThrow('1 region(s) of the data have no geometry in us48.shp: "Tejas".');
  });

  it('knn:k=4:metric=ellipsoid equals spdep::knearneigh(longlat = TRUE)', async () => {
    // tests/fixtures/us48/knn4.json (scripts/reference/knn-us48.R)
    const ref = readJson<{ neighbors: Record<string, string[]> }>('tests/fixtures/us48/knn4.json');
    const { weights } = buildWeights('knn:k=4:metric=ellipsoid', { geometry: await us48() });
    expect(weights.toNeighborLists()).toEqual(ref.neighbors);
    expect(() => buildWeights('knn:k=48', { geometry: { source: 'x', key: 'id', lonLat: true, features: [] } }))
      .toThrow('The geometry has no regions.');
  });

  it('band:km=min leaves no island; idw is banded by km', async () => {
    const g = await us48();
    expect(buildWeights('band:km=min', { geometry: g }).weights.islands).toEqual([]);
    const small = buildWeights('band:km=1', { geometry: g });
    expect(small.weights.islands.length).toBe(48);
    expect(small.warnings[0].code).toBe('weights-islands');
    expect(small.warnings[0].message).toMatch(/^48 region\(s\) have no neighbours \(islands, zero rows in W\): "Alabama"/);
    const idw = buildWeights('idw:power=1:km=500:std=none', { geometry: g }).weights;
    // a manual link in banded IDW gets its own 1/d (Maine–Florida are far beyond the band)
    const linked = buildWeights('idw:power=1:km=500:std=none:links=Maine|Florida', { geometry: g }).weights;
    const full = buildWeights('idw:power=1:std=none', { geometry: g }).weights;
    expect(linked.get('Maine', 'Florida')).toBe(full.get('Maine', 'Florida'));
    expect(linked.get('Florida', 'Maine')).toBe(full.get('Florida', 'Maine'));
    expect(idw.toNeighborLists()).toEqual(buildWeights('band:km=500', { geometry: g }).weights.toNeighborLists());
  });

  it('projected geometry in metres: distances in km; kernel and points specs', () => {
    const sq = (id: string, x: number) => ({ id, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [[[x, 0], [x + 1000, 0], [x + 1000, 1000], [x, 1000], [x, 0]]] } });
    const g = { source: 'grid.shp', key: 'id', lonLat: false, units: 'm', features: [sq('a', 0), sq('b', 1000), sq('c', 3000)] };
    // centroids at 0.5, 1.5, 3.5 km
    expect(buildWeights('band:km=1', { geometry: g }).weights.toNeighborLists()).toEqual({ a: ['b'], b: ['a'], c: [] });
    expect(buildWeights('idw:power=1:std=none', { geometry: g }).weights.toWeightLists()).toEqual({ a: [1, 1 / 3], b: [1, 1 / 2], c: [1 / 3, 1 / 2] });
    // triangular K(z) = 1 − z: a–b at 1 km → 0.6, b–c at 2 km → 0.2; a–c at 3 km > 2.5 km → none
    const k = buildWeights('kernel:kernel=triangular:km=2.5:std=none', { geometry: g }).weights;
    expect(k.toNeighborLists()).toEqual({ a: ['b'], b: ['a', 'c'], c: ['b'] });
    expect(k.get('a', 'b')).toBeCloseTo(0.6, 14);
    expect(k.get('c', 'b')).toBeCloseTo(0.2, 14);
    expect(buildWeights('kernel:k=1:std=row', { geometry: g }).weights.toNeighborLists()).toEqual({ a: ['b'], b: ['a'], c: ['b'] });
    // user points (e.g. capitals) instead of centroids
    const points = { ids: ['a', 'b', 'c'], x: Float64Array.from([0, 10, 25]), y: new Float64Array(3), lonLat: false };
    expect(buildWeights('knn:k=1', { points, ids: ['c', 'b', 'a'] }).weights.toNeighborLists()).toEqual({ c: ['b'], b: ['a'], a: ['b'] });
  });

  it('snap in coordinate units or metres (lon/lat: 1° = 111.32 km) closes small gaps', () => {
    const sq = (id: string, x: number) => ({ id, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [[[x, 30], [x + 1, 30], [x + 1, 31], [x, 31], [x, 30]]] } });
    const g = { source: 'gap.geojson', key: 'id', lonLat: true, features: [sq('a', 100), sq('b', 101.00001)] }; // gap 1e-5° ≈ 1.1 m
    expect(buildWeights('rook', { geometry: g }).weights.islands).toEqual(['a', 'b']);
    expect(buildWeights('rook:snap=2m', { geometry: g }).weights.islands).toEqual([]);
    expect(buildWeights('rook:snap=0.5m', { geometry: g }).weights.islands).toEqual(['a', 'b']);
    expect(buildWeights('rook:snap=0.0001', { geometry: g }).specText).toBe('rook:snap=0.0001:std=row');
    expect(buildWeights('rook:snap=0.0001', { geometry: g }).weights.islands).toEqual([]);
    expect(() => parseWeightsSpec('queen:snap=2ft')).toThrow('Weights spec "queen:snap=2ft": snap must be a number (coordinate units) or metres like 50m, got "2ft".');
  });

  it('econ: w_ij = 1/|mean_i − mean_j| of the panel variable over the chosen period', async () => {
    const panel = await loadProduc();
    const g = await us48();
    // R: tapply(produc$gsp, produc$state_name, mean): Alabama 38146.0588235294, Arizona 31033.2941176471
    const w = buildWeights('econ:var=gsp:std=none', { geometry: g, panel, ids: ['Alabama', 'Arizona', 'Texas'] }).weights;
    expect(Math.abs(w.get('Alabama', 'Arizona') * (38146.0588235294 - 31033.2941176471) - 1)).toBeLessThan(RTOL);
    // R: with year >= 1980: Alabama 43490.5714285714, Arizona 38419.4285714286
    const w80 = buildWeights('econ:var=gsp:from=1980:std=none', { panel, ids: ['Alabama', 'Arizona'] }).weights;
    expect(Math.abs(w80.get('Arizona', 'Alabama') * (43490.5714285714 - 38419.4285714286) - 1)).toBeLessThan(RTOL);
    expect(() => buildWeights('econ:var=gsp', { geometry: g, ids: ['Alabama'] }))
      .toThrow('"econ:var=gsp" weights need panel data (--panel) to average gsp.');
    expect(() => buildWeights('econ:var=gsp:from=2050', { panel, ids: ['Alabama', 'Arizona'] }))
      .toThrow('Region "Alabama" has no value of gsp in 2050–… to compute its economic distance.');
    const nested = buildWeights('nested:var=gsp', { geometry: g, panel }).weights;
    expect(nested.transformation).toBe('R');
    expect(nested.nnz).toBe(48 * 47);
  });

  it('China sample project: queen reports Hainan as an island until a manual link is added', async () => {
    // the sample is built from echarts@4.9.0's map data when missing (assets/generated is git-ignored)
    const store = ProjectStore.open(await ensureSampleProject('china-provinces', tmp), { readonly: true });
    const g = projectGeometry(store, { key: 'nameEn' });
    const byCode = projectGeometry(store);
    expect(() => projectGeometry(store, { key: 'nope' })).toThrow('china-provinces.rwb: region 110000 has no "nope" (use code, nameEn or nameZh).');
    store.close();
    expect(byCode.features.map((f) => f.id)).toContain('460000');
    expect(buildWeights('queen', { geometry: byCode }).weights.islands).toEqual(['460000']);
    const plain = buildWeights('queen', { geometry: g });
    expect(plain.weights.n).toBe(31);
    expect(plain.weights.islands).toEqual(['Hainan']);
    expect(plain.warnings).toContainEqual({
      code: 'weights-islands',
      message: '1 region(s) have no neighbours (islands, zero rows in W): "Hainan"; add a manual link with links=A|B if that is not intended.',
      details: { ids: ['Hainan'], count: 1, idList: '"Hainan"', moreCount: 0 },
    });
    const linked = buildWeights('queen:links=Hainan|Guangdong', { geometry: g });
    expect(linked.weights.islands).toEqual([]);
    expect(linked.weights.neighbors('Hainan')).toEqual(['Guangdong']);
    expect(linked.weights.neighbors('Guangdong')).toContain('Hainan');
    expect(linked.warnings).toEqual([]);
    expect(() => buildWeights('queen:links=Hainan|Taiwan', { geometry: g }))
      .toThrow('Cannot link "Hainan" and "Taiwan": no region "Taiwan" in the weights matrix.');
  });
});

describe('weights files and projects', () => {
  it('writes and reads every format, ids matched by name', async () => {
    const g = await us48();
    const w = buildWeights('idw:power=2:km=600', { geometry: g }).weights;
    const ids = [...w.ids].reverse();
    for (const ext of ['gwt', 'kwt', 'json', 'csv', 'xlsx']) {
      const path = join(tmp, `w.${ext}`);
      const warnings = await writeWeightsFile(path, w, { key: 'STATE_NAME' });
      // us48 ids hold spaces: GWT/KWT number the regions 1..48 in W's order, read back in that order
      const positional = ext === 'gwt' || ext === 'kwt';
      expect(warnings.map((x) => x.code)).toEqual(positional ? ['weights-file-positions-written'] : []);
      const back = await readWeightsFile(path, { ids: positional ? w.ids : ids });
      if (positional) {
        expect(back.entries()).toEqual(w.entries());
        continue;
      }
      expect(back.ids).toEqual(ids);
      // the file holds the current (row-standardised) weights at full precision
      expect(back.subset(w.ids).entries()).toEqual(w.entries());
    }
    const gal = join(tmp, 'w.gal');
    // us48 ids hold spaces: positions 1..48 are written, and mapped back through the data's ids
    expect((await writeWeightsFile(gal, w)).map((x) => x.code)).toEqual(['weights-file-positions-written']);
    expect((await readWeightsFile(gal, { ids: w.ids })).toNeighborLists()).toEqual(w.toNeighborLists());
    await expect(readWeightsFile(join(tmp, 'w.txt'))).rejects.toThrow('w.txt: unsupported weights format ".txt" (use .gal, .gwt, .kwt, .json, .csv, .xlsx).');
    await expect(readWeightsFile(join(tmp, 'none.gal'))).rejects.toThrow(/^none\.gal: file not found/);
  });

  it('saves in a project with its spec and loads the same matrix back', async () => {
    const g = await us48();
    const built = buildWeights('knn:k=4:std=row', { geometry: g });
    const store = ProjectStore.open(join(tmp, 'p.rwb'), { create: true });
    try {
      store.upsertRegions(built.weights.ids.map((code) => ({ code })));
      saveWeightsToProject(store, 'knn4', built.weights, built.specText);
      expect(store.listWeights()).toEqual([{ name: 'knn4', spec: { spec: 'knn:k=4:std=row', transformation: 'R' }, n: 48 }]);
      const { weights, specText } = loadWeightsFromProject(store, 'knn4');
      expect(specText).toBe('knn:k=4:std=row');
      expect(weights.transformation).toBe('R');
      expect(weights.entries()).toEqual(built.weights.entries());
      expect(weights.transform('O').entries()).toEqual(built.weights.transform('O').entries());
      expect(() => loadWeightsFromProject(store, 'queen')).toThrow('The project has no weights matrix "queen" (it has "knn4").');
    } finally {
      store.close();
    }
  });
});

describe('resolveAnalysisWeights', () => {
  it('takes a file (regions matched by name, extra ones dropped, row-standardised) or a spec', async () => {
    const g = await us48();
    const gal = join(tmp, 'queen.gal');
    // ids without spaces (a GAL of positions cannot be subset by name)
    const queen = buildWeights('queen:std=binary', { geometry: g }).weights;
    const underscored = (id: string): string => id.replace(/ /g, '_');
    const lists = queen.toNeighborLists();
    await writeWeightsFile(gal, fromNeighbors(queen.ids.map(underscored), Object.fromEntries(Object.entries(lists).map(([k, v]) => [underscored(k), v.map(underscored)]))));
    const ids = ['Texas', 'Oklahoma', 'Arkansas', 'Louisiana'];
    const fromFile = await resolveAnalysisWeights({ file: gal, ids });
    expect(fromFile.weights.ids).toEqual(ids);
    expect(fromFile.weights.transformation).toBe('R');
    expect(fromFile.specText).toBe('file:queen.gal:std=row');
    expect(fromFile.weights.neighbors('Texas')).toEqual(['Oklahoma', 'Arkansas', 'Louisiana']);
    expect(fromFile.weights.neighborWeights('Texas')).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const fromSpec = await resolveAnalysisWeights({ spec: 'queen', geometry: g, ids });
    expect(fromSpec.weights.entries()).toEqual(fromFile.weights.entries());
    await expect(resolveAnalysisWeights({ file: gal, ids: ['Texas', 'Tejas'] })).rejects.toThrow('queen.gal has no entry for 1 region(s) of the data: "Tejas".');
    await expect(resolveAnalysisWeights({ ids })).rejects.toThrow('Give the spatial weights either as a file (--weights) or as a spec (--weights-spec with --geometry), not both or neither.');
  });
});
