/**
 * Fuzz suite over the file readers (issue 8): CSV, XLSX, SHP/SHX/DBF (loose and zipped) and
 * GeoJSON, fed arbitrary bytes and mutated valid files. Each case must return, or throw an
 * `InputError` with a sentence, within `CASE_BUDGET_MS` — never another exception, never a hang.
 * Seeds are fixed so a failure reproduces; fast-check prints the shrunk counterexample.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { readDbf } from '../../src/services/io/dbf-reader';
import { readGeometry } from '../../src/services/io/geometry-reader';
import { readPanel } from '../../src/services/io/panel-reader';
import { readTable } from '../../src/services/io/table-reader';
import { dbf, shpSquares, zipOf } from '../helpers/hostile-files';

/** Time one case may take (ms): generous for a loaded 2-core machine; a hang takes seconds to minutes. */
const CASE_BUDGET_MS = 2_000;
const SEED = 20261201;

/** Run a reader on one input: it returns, or throws an InputError with a sentence, in budget. */
async function check(read: () => unknown): Promise<void> {
  const t0 = performance.now();
  try {
    await read();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not an InputError: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
    expect(typeof e.code).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
  }
  const ms = performance.now() - t0;
  if (ms > CASE_BUDGET_MS) throw new Error(`took ${Math.round(ms)} ms, over the ${CASE_BUDGET_MS} ms budget`);
}

interface Mutation {
  at: number;
  byte: number;
  op: 'set' | 'insert' | 'delete' | 'zero-run';
}

const mutations = fc.array(
  fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom<Mutation['op']>('set', 'insert', 'delete', 'zero-run') }),
  { minLength: 1, maxLength: 6 },
);

/** Apply byte mutations (positions taken modulo the length). */
function mutate(src: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = Array.from(src);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.op === 'set') b[at] = m.byte;
    else if (m.op === 'insert') b.splice(at, 0, m.byte);
    else if (m.op === 'delete') b.splice(at, 1);
    else b = [...b.slice(0, at), ...new Array<number>(m.byte).fill(0), ...b.slice(at + m.byte)];
  }
  return new Uint8Array(b);
}

const bytes = fc.uint8Array({ maxLength: 600 });
const params = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });

const CSV = new TextEncoder().encode('id,year,x,名称\n"a",2000,1.5,北京\n"a",2001,-2e3,北京\nb,2000,"1,234,567",上海\nb,2001,NA,上海\n');
const panelOpts = { id: 'id', time: 'year' };
let xlsx: Uint8Array;
const shp = shpSquares(3);
const dbfBytes = dbf([{ name: 'id', type: 'C', length: 4 }, { name: 'v', type: 'N', length: 8 }], [['r1', '1.5'], ['r2', '-2'], ['r3', '']]);
let shpZip: Uint8Array;
const GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [0, 0]]] } },
    { type: 'Feature', properties: { id: 'b' }, geometry: { type: 'MultiPolygon', coordinates: [[[[2, 0], [2, 1], [3, 1], [2, 0]]]] } },
  ],
});

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['id', 'year', 'x']);
  ws.addRow(['a', 2000, 1.5]);
  ws.addRow(['a', 2001, { formula: 'C2*2', result: 3 }]);
  xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  shpZip = await zipOf({ 'a.shp': shp, 'a.dbf': dbfBytes, 'a.prj': 'GEOGCS["WGS 84"]' });
});

describe('CSV', () => {
  it('arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(bytes, (b) => check(() => readPanel({ name: 'f.csv', data: b }, panelOpts))), params(1000));
  });
  it('mutated valid file, with each encoding', async () => {
    await fc.assert(
      fc.asyncProperty(mutations, fc.constantFrom(undefined, 'utf-8', 'gbk'), (ms, encoding) =>
        check(() => readPanel({ name: 'f.csv', data: mutate(CSV, ms) }, { ...panelOpts, encoding })),
      ),
      params(1000),
    );
  });
  it('arbitrary text', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', '.', 'e', '-', ' ', '\t', '年', '9') , maxLength: 200 });
    await fc.assert(fc.asyncProperty(text, (s) => check(() => readTable({ name: 'f.csv', data: new TextEncoder().encode(s) }))), params(1000));
  });
});

describe('XLSX', () => {
  it('arbitrary bytes', async () => {
    await fc.assert(fc.asyncProperty(bytes, (b) => check(() => readTable({ name: 'f.xlsx', data: b }))), params(300));
  });
  it('mutated valid workbook', async () => {
    await fc.assert(fc.asyncProperty(mutations, (ms) => check(() => readPanel({ name: 'f.xlsx', data: mutate(xlsx, ms) }, panelOpts))), params(400));
  });
});

describe('SHP / SHX / DBF', () => {
  const loose = (s: Uint8Array, d: Uint8Array) => [{ name: 'a.shp', data: s }, { name: 'a.dbf', data: d }, { name: 'a.shx', data: new Uint8Array(100) }];
  it('arbitrary bytes as .shp and as .dbf', async () => {
    await fc.assert(fc.asyncProperty(bytes, bytes, (s, d) => check(() => readGeometry(loose(s, d), { key: 'id' }))), params(600));
    await fc.assert(fc.asyncProperty(bytes, (d) => check(() => readDbf(d, 'a.dbf'))), params(1000));
  });
  it('mutated valid .shp', async () => {
    await fc.assert(fc.asyncProperty(mutations, (ms) => check(() => readGeometry(loose(mutate(shp, ms), dbfBytes), { key: 'id' }))), params(1000));
  });
  it('mutated valid .dbf', async () => {
    await fc.assert(fc.asyncProperty(mutations, (ms) => check(() => readGeometry(loose(shp, mutate(dbfBytes, ms)), { key: 'id' }))), params(1000));
  });
  it('mutated zipped shapefile', async () => {
    await fc.assert(fc.asyncProperty(mutations, (ms) => check(() => readGeometry({ name: 'a.zip', data: mutate(shpZip, ms) }, { key: 'id' }))), params(600));
  });
});

describe('GeoJSON', () => {
  it('arbitrary JSON, bare and as features', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), (v, wrap) => {
        const doc = wrap ? { type: 'FeatureCollection', features: Array.isArray(v) ? v : [v] } : v;
        return check(() => readGeometry({ name: 'f.geojson', data: new TextEncoder().encode(JSON.stringify(doc)) }, { key: 'id' }));
      }),
      params(1000),
    );
  });
  it('features with arbitrary geometry members', async () => {
    const geometry = fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString'), coordinates: fc.jsonValue({ maxDepth: 5 }) });
    const feature = fc.record({ type: fc.constant('Feature'), properties: fc.oneof(fc.record({ id: fc.jsonValue({ maxDepth: 1 }) }), fc.constant(null)), geometry: fc.oneof(geometry, fc.constant(null)) });
    await fc.assert(
      fc.asyncProperty(fc.array(feature, { maxLength: 4 }), (features) =>
        check(() => readGeometry({ name: 'f.geojson', data: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })) }, { key: 'id' })),
      ),
      params(1000),
    );
  });
  it('mutated valid file', async () => {
    await fc.assert(fc.asyncProperty(mutations, (ms) => check(() => readGeometry({ name: 'f.geojson', data: mutate(new TextEncoder().encode(GEOJSON), ms) }, { key: 'id' }))), params(1000));
  });
});
