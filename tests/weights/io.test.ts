import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContiguity } from '../../src/weights/contiguity';
import { featureCentroids } from '../../src/geo/centroid';
import { buildInverseDistance, buildKernel, buildKnn } from '../../src/weights/distance-weights';
import { fromGal, toGal } from '../../src/weights/io/gal';
import { fromGwt, fromKwt, toGwt } from '../../src/weights/io/gwt';
import { toJson } from '../../src/weights/io/json';
import { fromJson } from '../../src/weights/io/json-read';
import { fromDenseCsv, fromDenseTable, toDenseCsv } from '../../src/weights/io/dense';
import { fromNeighbors } from '../../src/weights/spatial-weights';
import { loadUs48, referenceQueen } from './us48';

const tiny = () => fromNeighbors(['a', 'b', 'c', 'd'], { a: ['b'], b: ['a', 'c'], c: ['b'] }, { a: [2], b: [2, 1], c: [1] });

describe('GAL', () => {
  it('write → read gives the identical matrix (us48 queen, ids with spaces written as positions)', async () => {
    const w = buildContiguity(await loadUs48(), { type: 'queen' });
    const warnings: { code: string; message: string }[] = [];
    const text = toGal(w, { name: 'us48', key: 'STATE_NAME', onWarning: (x) => warnings.push(x) });
    const lines = text.split('\n');
    expect(lines[0]).toBe('0 48 us48 STATE_NAME');
    // every token is free of whitespace: positions 1..48 in W's order (as GeoDa / spdep write)
    const ny = w.ids.indexOf('New York');
    const nyLine = lines.indexOf(`${ny + 1} 5`);
    expect(nyLine).toBeGreaterThan(0);
    expect(lines[nyLine + 1].split(' ').map((p) => w.ids[Number(p) - 1])).toEqual(['Connecticut', 'Massachusetts', 'New Jersey', 'Pennsylvania', 'Vermont']);
    expect(warnings.map((x) => x.code)).toEqual(['weights-file-positions-written']);
    expect(warnings[0].message).toBe('Region ids such as "New Hampshire" contain spaces or quotes, which GAL files cannot hold: regions are written as their positions 1–48 in the order of the data (id variable STATE_NAME in the header line), as GeoDa and spdep do; read the file with the regions in that same order.');
    const notes: string[] = [];
    const back = fromGal(text, { ids: w.ids, onWarning: (x) => notes.push(x.code) });
    expect(notes).toEqual(['weights-file-positions']);
    expect(back.ids).toEqual(w.ids);
    expect(Array.from(back.rowPtr)).toEqual(Array.from(w.rowPtr));
    expect(Array.from(back.colIdx)).toEqual(Array.from(w.colIdx));
    expect(Array.from(back.values)).toEqual(Array.from(w.values));
    // without the data's ids the positions stay ids, as spdep::read.gal does
    expect(fromGal(text).ids).toEqual(w.ids.map((_, i) => String(i + 1)));
  });

  it('ids without spaces are written as themselves; integer ids that are region codes match by name', () => {
    const w = fromNeighbors(['3', '1', '2'], { 3: ['1'], 1: ['3', '2'], 2: ['1'] });
    const warnings: string[] = [];
    const text = toGal(w, { onWarning: (x) => warnings.push(x.code) });
    expect(text).toBe('0 3 weights id\n3 1\n1\n1 2\n3 2\n2 1\n1\n');
    expect(warnings).toEqual([]);
    const notes: string[] = [];
    expect(fromGal(text, { ids: ['1', '2', '3'], onWarning: (x) => notes.push(x.code) }).toNeighborLists()).toEqual({ 1: ['2', '3'], 2: ['1'], 3: ['1'] });
    expect(notes).toEqual([]);
  });

  it('writes islands as a zero count and an empty line, and reads them back', () => {
    const text = toGal(tiny());
    expect(text).toBe('0 4 weights id\na 1\nb\nb 2\na c\nc 1\nb\nd 0\n\n');
    expect(fromGal(text).islands).toEqual(['d']);
    // old one-number header, ids matched by name to the expected order
    const w = fromGal('3\nz 1\ny\ny 2\nz x\nx 1\ny\n', { ids: ['x', 'y', 'z'] });
    expect(w.ids).toEqual(['x', 'y', 'z']);
    expect(w.toNeighborLists()).toEqual({ x: ['y'], y: ['x', 'z'], z: ['y'] });
  });

  it('reads unquoted ids with spaces (as GeoDa writes them)', () => {
    const w = fromGal('0 3 s NAME\nNew York 2\nVermont New Jersey\nVermont 1\n"New York"\nNew Jersey 1\nNew York\n');
    expect(w.toNeighborLists()).toEqual({ 'New York': ['Vermont', 'New Jersey'], Vermont: ['New York'], 'New Jersey': ['New York'] });
    expect(() => fromGal('0 2 s NAME\nNew York 1\nNew Hampshire\nNew Hampshire 1\nNew York Vermont\n', { source: 'w.gal' }))
      .toThrow('w.gal, line 5: region "New Hampshire" should have 1 neighbours but 3 are listed.');
  });

  it('errors: unknown ids, header count, neighbour count, asymmetry, duplicates', () => {
    expect(() => fromGal('0 2 s id\na 2\nb Narnia\nb 1\na\n', { source: 'w.gal' }))
      .toThrow('w.gal lists neighbour(s) without a record of their own: "Narnia".');
    expect(() => fromGal('0 2 s id\na 1\nb\nb 1\na\n', { source: 'w.gal', ids: ['a', 'c'] }))
      .toThrow('w.gal names 1 region(s) not in the data: "b".');
    expect(() => fromGal('0 2 s id\na 1\nb\nb 1\na\n', { source: 'w.gal', ids: ['a', 'b', 'c'] }))
      .toThrow('w.gal has no entry for 1 region(s) of the data: "c".');
    expect(() => fromGal('0 3 s id\na 1\nb\nb 1\na\n', { source: 'w.gal' }))
      .toThrow('w.gal: the header says 3 regions but the file has 2 records.');
    expect(() => fromGal('0 2 s id\na 2\nb\nb 1\na\n', { source: 'w.gal' }))
      .toThrow('w.gal, line 3: region "a" should have 2 neighbours but 1 are listed.');
    expect(() => fromGal('0 2 s id\na 1\nb\nb 0\n', { source: 'w.gal', requireSymmetric: true }))
      .toThrow('w.gal is not symmetric: "a" lists "b" as a neighbour but not the reverse.');
    expect(fromGal('0 2 s id\na 1\nb\nb 0\n').symmetric).toBe(false);
    expect(() => fromGal('0 2 s id\na 1\nb\na 1\nb\n', { source: 'w.gal' })).toThrow('w.gal, line 4: region "a" has a second record.');
    expect(() => fromGal('hello\n', { source: 'w.gal' }))
      .toThrow('w.gal: the first line should give the number of regions (e.g. "0 48 us48 STATE_NAME"), got "hello".');
    expect(() => fromGal('0 1 s id\na x\n', { source: 'w.gal' })).toThrow('w.gal, line 2: expected "id count", got "a x".');
  });
});

describe('GWT / KWT', () => {
  it('reads a GeoDa .gwt fixture (unquoted ids with spaces) matched to the us48 ids', async () => {
    // tests/fixtures/weights/us48-queen-distance.gwt: poly2nb queen neighbours, spdep::nbdists km
    const text = readFileSync('tests/fixtures/weights/us48-queen-distance.gwt', 'utf8');
    const ids = (await loadUs48()).map((f) => f.id);
    const w = fromGwt(text, { ids, source: 'us48-queen-distance.gwt', requireSymmetric: true });
    const ref = referenceQueen();
    expect(w.toNeighborLists()).toEqual(Object.fromEntries(ids.map((id) => [id, [...ref[id]].sort()])));
    expect(w.get('Alabama', 'Florida')).toBe(618.178);
    expect(w.get('New York', 'New Jersey')).toBe(313.101);
    expect(w.transform('R').rowSums().every((s) => Math.abs(s - 1) < 1e-12)).toBe(true);
  });

  it('write → read keeps full-precision weights; islands need the expected ids', async () => {
    const us = featureCentroids(await loadUs48(), true);
    const w = buildInverseDistance(us, { power: 2, band: 400 });
    expect(w.islands.length).toBeGreaterThan(0);
    const warnings: string[] = [];
    const text = toGwt(w, { name: 'us48', key: 'STATE_NAME', onWarning: (x) => warnings.push(x.code) });
    expect(warnings).toEqual(['weights-file-positions-written']);
    expect(text.split('\n').slice(1).every((l) => l === '' || /^\d+ \d+ \S+$/.test(l))).toBe(true);
    const back = fromGwt(text, { ids: us.ids });
    expect(back.entries()).toEqual(w.entries());
    expect(() => fromGwt(text, { source: 'idw.gwt' }))
      .toThrow(`idw.gwt: the header says 48 regions but ${48 - w.islands.length} ids were found (regions without neighbours cannot be named by the file; pass the geometry or panel ids).`);
  });

  it('kwt keeps the kernel diagonal; gwt refuses self links', () => {
    const p = { ids: ['a', 'b', 'c'], x: Float64Array.from([0, 1, 3]), y: new Float64Array(3), lonLat: false };
    const k = buildKernel(p, { kernel: 'gaussian', bandwidth: 2.5, diagonal: true });
    expect(fromKwt(toGwt(k)).entries()).toEqual(k.entries());
    expect(() => fromGwt(toGwt(k), { source: 'k.gwt' })).toThrow('k.gwt, line 2: region "a" is linked to itself.');
    expect(() => fromGwt('0 2 s id\na b x\n', { source: 'w.gwt' })).toThrow('w.gwt, line 2: expected "id1 id2 weight", got "a b x".');
    expect(() => fromGwt('0 2 s id\na b 1\na b 2\n', { source: 'w.gwt' })).toThrow('w.gwt, line 3: the link "a" → "b" appears twice.');
    expect(() => fromGwt('0 2 s id\na b 1\n', { source: 'w.gwt', requireSymmetric: true }))
      .toThrow('w.gwt is not symmetric: "a" lists "b" as a neighbour but not the reverse.');
  });
});

describe('JSON', () => {
  it('round trip and contract keys', async () => {
    const w = buildKnn(featureCentroids(await loadUs48(), true), 4).transform('R');
    const doc = toJson(w, { type: 'knn', k: 4 });
    expect(Object.keys(doc).slice(0, 9)).toEqual(['n', 'ids', 'neighbors', 'weights', 'islands', 'mean_neighbors', 'min_neighbors', 'max_neighbors', 'symmetric']);
    expect(doc.weights.Alabama).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(doc.symmetric).toBe(false);
    const back = fromJson(JSON.stringify(doc));
    expect(back.entries()).toEqual(w.entries());
    expect(() => fromJson('{"ids": ["a"]}', { source: 'w.json' })).toThrow('w.json: neighbors — Invalid input: expected record, received undefined.');
    expect(() => fromJson('{', { source: 'w.json' })).toThrow(/^w\.json is not valid JSON: /);
    expect(() => fromJson({ n: 3, ids: ['a'], neighbors: {} }, { source: 'w.json' })).toThrow('w.json: n = 3 but 1 ids are listed.');
  });
});

describe('dense CSV', () => {
  it('round trip, columns matched to rows by id', () => {
    const w = tiny();
    const csv = toDenseCsv(w);
    expect(csv).toBe('id,a,b,c,d\na,0,2,0,0\nb,2,0,1,0\nc,0,1,0,0\nd,0,0,0,0\n');
    expect(fromDenseCsv(csv).entries()).toEqual(w.entries());
    // columns in another order than rows: matched by name
    const shuffled = 'id,c,a,d,b\na,0,0,0,2\nb,1,2,0,0\nc,0,0,0,1\nd,0,0,0,0\n';
    expect(fromDenseCsv(shuffled).entries()).toEqual(w.entries());
    expect(fromDenseTable([['', 'x', 'y'], ['y', '1', '0'], ['x', '0', '0.5']], { allowDiagonal: true }).toWeightLists()).toEqual({ y: [1], x: [0.5] });
  });

  it('errors name the row, column or ids at fault', () => {
    expect(() => fromDenseCsv('id,a,b\na,0,1\nc,1,0\n', { source: 'w.csv' }))
      .toThrow('w.csv: row and column ids differ (rows without a column: "c"; columns without a row: "b").');
    expect(() => fromDenseCsv('id,a,b\na,0,x\nb,1,0\n', { source: 'w.csv' }))
      .toThrow('w.csv: the cell in row "a", column "b" is not a number ("x").');
    expect(() => fromDenseCsv('id,a,b\na,1,1\nb,1,0\n', { source: 'w.csv' }))
      .toThrow('w.csv: region "a" has a nonzero weight on itself (1).');
    expect(() => fromDenseCsv('id,a,a\na,0,1\na,1,0\n', { source: 'w.csv' })).toThrow('Region id "a" appears more than once.');
  });
});
