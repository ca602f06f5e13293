import type { FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import JSZip from 'jszip';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeometrySet } from '../../../src/geo/geometry';
import { describePrj, readGeometry } from '../../../src/services/io/geometry-reader';
import { writeShapefile } from '../../../src/services/io/shapefile-writer';
import { inputErrorAsync as inputError } from '../../helpers/input-error';
import { datasetPath } from '../../helpers/paths';

const US48 = datasetPath('us48');
const MEXICO = datasetPath('mexico');
/** ESRI:102003 USA Contiguous Albers Equal Area Conic, as ArcGIS writes it into a .prj. */
const ALBERS_WKT =
  'PROJCS["USA_Contiguous_Albers_Equal_Area_Conic",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",' +
  'SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
  'PROJECTION["Albers"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-96.0],' +
  'PARAMETER["Standard_Parallel_1",29.5],PARAMETER["Standard_Parallel_2",45.5],PARAMETER["Latitude_Of_Origin",37.5],UNIT["Meter",1.0]]';
const WGS84_WKT =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

let tmp: string;
let us48: GeometrySet;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'rwb-geom-'));
  us48 = await readGeometry({ path: join(US48, 'us48.shp') }, { key: 'STATE_NAME' });
});

function positions(g: Geometry): Position[] {
  if (g.type === 'Polygon') return g.coordinates.flat();
  if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
  return [];
}

function mapGeometry(g: Geometry, fn: (p: Position) => Position): Polygon | MultiPolygon {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(fn)) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(fn))) };
  throw new Error(g.type);
}

function dir(name: string): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  return d;
}

describe('shapefiles on disk', () => {
  it('reads us48: 48 states in lon/lat keyed by STATE_NAME', () => {
    expect(us48.source).toBe('us48.shp');
    expect(us48.key).toBe('STATE_NAME');
    expect(us48.lonLat).toBe(true);
    expect(us48.features).toHaveLength(48);
    const al = us48.features.find((f) => f.id === 'Alabama');
    expect(al?.properties.STATE_ABBR).toBe('AL');
    expect(al?.properties.STATE_FIPS).toBe('01');
    // us48.shp bounding box (shapefile header): x −124.73…−66.97, y 24.96…49.37
    const xs = us48.features.flatMap((f) => positions(f.geometry).map((p) => p[0]));
    expect(Math.min(...xs)).toBeCloseTo(-124.7314224243164, 9);
    expect(Math.max(...xs)).toBeCloseTo(-66.9698486328125, 9);
  });

  it('reads mexicojoin: 32 states with numeric attributes, NUL-padded numbers included (as sf reads them)', async () => {
    const mx = await readGeometry({ path: join(MEXICO, 'mexicojoin.shp') }, { key: 'NAME' });
    expect(mx.features).toHaveLength(32);
    expect(mx.lonLat).toBe(true);
    const bc = mx.features.find((f) => f.id === 'Baja California Norte');
    // mexico.csv: Baja California pcgdp1940 = 22361
    expect(bc?.properties.PCGDP1940).toBe(22361);
    // The file pads numbers with NUL bytes (" 1\0"): sf::st_read gives POLY_ID 1 and Baja California Sur 9573.
    expect(bc?.properties.POLY_ID).toBe(1);
    expect(bc?.properties.CODE).toBe('MX02');
    // mexico.csv: Baja California Sur pcgdp1940 = 9573
    expect(mx.features.find((f) => f.id === 'Baja California Sur')?.properties.PCGDP1940).toBe(9573);
  });

  it('finds the .dbf beside the .shp case-insensitively, and says when it is missing', async () => {
    const d = dir('case');
    copyFileSync(join(US48, 'us48.shp'), join(d, 'us48.shp'));
    copyFileSync(join(US48, 'us48.dbf'), join(d, 'US48.DBF'));
    const g = await readGeometry({ path: join(d, 'us48.shp') }, { key: 'STATE_NAME' });
    expect(g.features.map((f) => f.id)).toEqual(us48.features.map((f) => f.id));

    const d2 = dir('nodbf');
    copyFileSync(join(US48, 'us48.shp'), join(d2, 'us48.shp'));
    const e = await inputError(readGeometry({ path: join(d2, 'us48.shp') }, { key: 'STATE_NAME' }));
    expect(e.code).toBe('import-missing-dbf');
    expect(e.message).toBe('us48.shp has no us48.dbf beside it');
  });

  it('lists the fields when the key is unknown, and refuses a missing file', async () => {
    const e = await inputError(readGeometry({ path: join(US48, 'us48.shp') }, { key: 'NAME' }));
    expect(e.code).toBe('import-unknown-key-field');
    expect(e.message).toBe('us48.shp: no field "NAME" (fields: AREA, PERIMETER, STATE_, STATE_ID, STATE_NAME, STATE_FIPS, SUB_REGION, STATE_ABBR)');
    const m = await inputError(readGeometry({ path: join(tmp, 'none.shp') }, { key: 'x' }));
    expect(m.code).toBe('import-file-not-found');
  });

  it('refuses duplicate key values', async () => {
    const e = await inputError(readGeometry({ path: join(US48, 'us48.shp') }, { key: 'SUB_REGION' }));
    expect(e.code).toBe('import-duplicate-key');
    expect(e.message).toMatch(/^us48\.shp: key "[A-Za-z ]+" in field "SUB_REGION" appears twice \(records \d+ and \d+\)$/);
  });
});

describe('uploaded bytes and zips', () => {
  it('reads uploaded .shp + .dbf parts', async () => {
    const g = await readGeometry(
      [
        { name: 'us48.shp', data: new Uint8Array(readFileSync(join(US48, 'us48.shp'))) },
        { name: 'US48.dbf', data: new Uint8Array(readFileSync(join(US48, 'us48.dbf'))) },
      ],
      { key: 'STATE_NAME' },
    );
    expect(g.features).toHaveLength(48);
  });

  it('reads a zipped us48 (inside a folder) as the loose one', async () => {
    const zip = new JSZip();
    for (const ext of ['shp', 'shx', 'dbf']) zip.file(`us48/us48.${ext}`, readFileSync(join(US48, `us48.${ext}`)));
    zip.file('us48/us48.prj', WGS84_WKT);
    const file = join(tmp, 'us48.zip');
    writeFileSync(file, await zip.generateAsync({ type: 'uint8array' }));
    const g = await readGeometry({ path: file }, { key: 'STATE_NAME' });
    expect(g.source).toBe('us48.shp');
    expect(g.lonLat).toBe(true);
    expect(g.features.map((f) => f.id)).toEqual(us48.features.map((f) => f.id));
    expect(g.features[5].geometry).toEqual(us48.features[5].geometry);
  });

  it('refuses a zip without a shapefile, and one with two', async () => {
    const empty = new JSZip();
    empty.file('readme.txt', 'nothing');
    const e = await inputError(readGeometry({ name: 'x.zip', data: await empty.generateAsync({ type: 'uint8array' }) }, { key: 'k' }));
    expect(e.code).toBe('import-zip-no-shapefile');
    expect(e.message).toBe('x.zip: no .shp file inside the zip');

    const two = new JSZip();
    for (const n of ['a', 'b']) {
      two.file(`${n}.shp`, readFileSync(join(US48, 'us48.shp')));
      two.file(`${n}.dbf`, readFileSync(join(US48, 'us48.dbf')));
    }
    const bytes = await two.generateAsync({ type: 'uint8array' });
    const t = await inputError(readGeometry({ name: 'two.zip', data: bytes }, { key: 'STATE_NAME' }));
    expect(t.code).toBe('import-zip-ambiguous-layer');
    expect(t.message).toBe('two.zip: the zip holds several shapefiles (a.shp, b.shp); choose one as the layer');
    const b = await readGeometry({ name: 'two.zip', data: bytes }, { key: 'STATE_NAME', layerName: 'B' });
    expect(b.source).toBe('b.shp');
    const c = await inputError(readGeometry({ name: 'two.zip', data: bytes }, { key: 'STATE_NAME', layerName: 'c' }));
    expect(c.code).toBe('import-zip-no-layer');
    expect(c.message).toBe('two.zip: no c.shp inside the zip (shapefiles: a.shp, b.shp)');
  });
});

describe('projections', () => {
  it('classifies .prj text', () => {
    expect(describePrj(WGS84_WKT)).toEqual({ kind: 'geographic' });
    expect(describePrj(ALBERS_WKT)).toEqual({ kind: 'projected', units: 'm' });
    expect(describePrj('LOCAL_CS["x"]')).toEqual({ kind: 'unknown' });
  });

  it('reprojects a projected shapefile back to lon/lat with its .prj', async () => {
    const toAlbers = proj4('WGS84', ALBERS_WKT);
    const some = us48.features.slice(0, 6);
    const bytes = writeShapefile(
      some.map((f) => ({ geometry: mapGeometry(f.geometry, (p) => toAlbers.forward([p[0], p[1]])), properties: { NAME: f.id } })),
      { prj: ALBERS_WKT },
    );
    const d = dir('albers');
    for (const [ext, b] of Object.entries(bytes)) writeFileSync(join(d, `states.${ext}`), b as Uint8Array);
    // the projected coordinates are metres, far outside lon/lat range
    expect(Math.abs(toAlbers.forward([-124.7, 48.4])[0])).toBeGreaterThan(1e6);
    const g = await readGeometry({ path: join(d, 'states.shp') }, { key: 'NAME' });
    expect(g.lonLat).toBe(true);
    expect(g.features.map((f) => f.id)).toEqual(some.map((f) => f.id));
    g.features.forEach((f, k) => {
      const a = positions(f.geometry);
      const b = positions(some[k].geometry);
      expect(a.length).toBe(b.length);
      let worst = 0;
      a.forEach((p, i) => (worst = Math.max(worst, Math.abs(p[0] - b[i][0]), Math.abs(p[1] - b[i][1]))));
      expect(worst).toBeLessThan(1e-7); // degrees; proj4 forward + inverse round trip
    });
  });

  it('reprojects a Chinese Gauss–Krüger (CGCS2000, 3° zone 117E) shapefile', async () => {
    // ArcGIS's .prj for EPSG:4548
    const GK =
      'PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
      'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
      'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
      'PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const hefei: Polygon = { type: 'Polygon', coordinates: [[[116.9, 31.6], [117.6, 31.6], [117.6, 32.1], [116.9, 32.1], [116.9, 31.6]]] };
    const to = proj4('WGS84', GK);
    const bytes = writeShapefile([{ geometry: mapGeometry(hefei, (p) => to.forward([p[0], p[1]])), properties: { adcode: '340100', name: '合肥市' } }], {
      prj: GK,
    });
    // 117°E is the zone's central meridian: x = 500 km false easting
    expect(to.forward([117, 31.8])[0]).toBeCloseTo(500000, 3);
    const g = await readGeometry(
      Object.entries(bytes).map(([ext, data]) => ({ name: `hefei.${ext}`, data: data as Uint8Array })),
      { key: 'adcode' },
    );
    expect(g.lonLat).toBe(true);
    expect(g.features[0].properties.name).toBe('合肥市');
    const got = positions(g.features[0].geometry);
    const want = hefei.coordinates[0].slice().reverse(); // written clockwise, as shapefiles want outer rings
    got.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(want[i][0], 8);
      expect(p[1]).toBeCloseTo(want[i][1], 8);
    });
  });

  it('keeps map units when there is no usable .prj', async () => {
    const toAlbers = proj4('WGS84', ALBERS_WKT);
    const bytes = writeShapefile(
      us48.features.slice(0, 2).map((f) => ({ geometry: mapGeometry(f.geometry, (p) => toAlbers.forward([p[0], p[1]])), properties: { NAME: f.id } })),
    );
    const d = dir('noprj');
    writeFileSync(join(d, 's.shp'), bytes.shp);
    writeFileSync(join(d, 's.dbf'), bytes.dbf);
    const g = await readGeometry({ path: join(d, 's.shp') }, { key: 'NAME' });
    expect(g.lonLat).toBe(false);
    expect(g.units).toBe('unknown');
    // a .prj proj4 cannot parse still gives its unit
    writeFileSync(join(d, 's.prj'), 'PROJCS["Mystery",GEOGCS["x"],PROJECTION["No_Such_Projection"],UNIT["Meter",1.0]]');
    const h = await readGeometry({ path: join(d, 's.shp') }, { key: 'NAME' });
    expect(h.lonLat).toBe(false);
    expect(h.units).toBe('m');
  });
});

describe('DBF text encodings', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [[[100, 30], [101, 30], [101, 31], [100, 31], [100, 30]]] };
  const names = ['内蒙古自治区', '广西壮族自治区'];
  const feats = names.map((n, k) => ({ geometry: { ...square, coordinates: [square.coordinates[0].map((p) => [p[0] + 2 * k, p[1]])] }, properties: { NAME: n, CODE: 150000 + k } }));

  it('decodes GBK with a .cpg, and without one', async () => {
    const bytes = writeShapefile(feats, { encoding: 'gbk' });
    expect(new TextDecoder().decode(bytes.cpg)).toBe('GBK');
    const withCpg = await readGeometry(
      [
        { name: 'p.shp', data: bytes.shp },
        { name: 'p.dbf', data: bytes.dbf },
        { name: 'p.cpg', data: bytes.cpg },
      ],
      { key: 'NAME' },
    );
    expect(withCpg.features.map((f) => f.id)).toEqual(names);
    const guessed = await readGeometry(
      [
        { name: 'p.shp', data: bytes.shp },
        { name: 'p.dbf', data: bytes.dbf },
      ],
      { key: 'NAME' },
    );
    expect(guessed.features.map((f) => f.id)).toEqual(names);
    expect(guessed.features[1].properties.CODE).toBe(150001);
  });

  it('decodes UTF-8', async () => {
    const bytes = writeShapefile(feats);
    const g = await readGeometry([{ name: 'u.shp', data: bytes.shp }, { name: 'u.dbf', data: bytes.dbf }], { key: 'NAME' });
    expect(g.features.map((f) => f.id)).toEqual(names);
  });
});

describe('GeoJSON', () => {
  function fc(features: FeatureCollection['features']): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
  }
  const poly: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };

  it('reads a FeatureCollection written from us48', async () => {
    const doc = { type: 'FeatureCollection', features: us48.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })) };
    const file = join(tmp, 'us48.geojson');
    writeFileSync(file, JSON.stringify(doc));
    const g = await readGeometry({ path: file }, { key: 'STATE_ABBR' });
    expect(g.lonLat).toBe(true);
    expect(g.features.map((f) => f.id)).toEqual(us48.features.map((f) => f.properties.STATE_ABBR));
  });

  it('reprojects a legacy "crs" member naming EPSG:3857', async () => {
    const to = proj4('WGS84', 'EPSG:3857');
    const some = us48.features.slice(0, 3);
    const doc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
      features: some.map((f) => ({ type: 'Feature', geometry: mapGeometry(f.geometry, (p) => to.forward([p[0], p[1]])), properties: { n: f.id } })),
    };
    const g = await readGeometry({ name: 'm.geojson', data: new TextEncoder().encode(JSON.stringify(doc)) }, { key: 'n' });
    expect(g.lonLat).toBe(true);
    const a = positions(g.features[2].geometry);
    const b = positions(some[2].geometry);
    a.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(b[i][0], 7);
      expect(p[1]).toBeCloseTo(b[i][1], 7);
    });
  });

  it('marks GeoJSON outside the lon/lat range as map units', async () => {
    const big: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]]] };
    const g = await readGeometry({ name: 'local.geojson', data: fc([{ type: 'Feature', geometry: big, properties: { id: 'a' } }]) }, { key: 'id' });
    expect(g.lonLat).toBe(false);
    expect(g.units).toBe('unknown');
  });

  it('names the feature with a null geometry, a point, a missing key, a duplicate', async () => {
    const nul = await inputError(
      readGeometry({ name: 'a.geojson', data: fc([{ type: 'Feature', geometry: poly, properties: { id: 'A' } }, { type: 'Feature', geometry: null as unknown as Polygon, properties: { id: 'B' } }]) }, { key: 'id' }),
    );
    expect(nul.code).toBe('import-empty-geometry');
    expect(nul.message).toBe('a.geojson: region "B" (feature 2) has an empty or null geometry');

    const empty = await inputError(readGeometry({ name: 'a.geojson', data: fc([{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [] }, properties: { id: 'C' } }]) }, { key: 'id' }));
    expect(empty.message).toBe('a.geojson: region "C" (feature 1) has an empty or null geometry');

    const pt = await inputError(readGeometry({ name: 'a.geojson', data: fc([{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { id: 'P' } }]) }, { key: 'id' }));
    expect(pt.code).toBe('import-not-polygon');
    expect(pt.message).toBe('a.geojson: region "P" (feature 1) is a Point; only Polygon and MultiPolygon boundaries can be used');

    const nokey = await inputError(
      readGeometry({ name: 'a.geojson', data: fc([{ type: 'Feature', geometry: poly, properties: { id: 'A' } }, { type: 'Feature', geometry: poly, properties: { id: '' } }]) }, { key: 'id' }),
    );
    expect(nokey.code).toBe('import-missing-key');
    expect(nokey.message).toBe('a.geojson: feature 2 has no value in field "id"');

    const dup = await inputError(
      readGeometry({ name: 'a.geojson', data: fc([{ type: 'Feature', geometry: poly, properties: { id: 7 } }, { type: 'Feature', geometry: poly, properties: { id: '7' } }]) }, { key: 'id' }),
    );
    expect(dup.code).toBe('import-duplicate-key');
    expect(dup.message).toBe('a.geojson: key "7" in field "id" appears twice (features 1 and 2)');

    const bad = await inputError(readGeometry({ name: 'b.json', data: new TextEncoder().encode('{"type":"Feature"}') }, { key: 'id' }));
    expect(bad.code).toBe('import-not-feature-collection');
    expect(bad.message).toBe('b.json: not a GeoJSON FeatureCollection');

    const fmt = await inputError(readGeometry({ name: 'b.kml', data: new Uint8Array(1) }, { key: 'id' }));
    expect(fmt.code).toBe('import-unsupported-geometry-format');
  });
});

describe('shapefile writer', () => {
  it('round-trips us48 through write and read exactly', async () => {
    const bytes = writeShapefile(us48.features.map((f) => ({ geometry: f.geometry, properties: { STATE_NAME: f.id, AREA: f.properties.AREA as number } })));
    const g = await readGeometry([{ name: 'rt.shp', data: bytes.shp }, { name: 'rt.dbf', data: bytes.dbf }], { key: 'STATE_NAME' });
    expect(g.features.map((f) => f.id)).toEqual(us48.features.map((f) => f.id));
    g.features.forEach((f, k) => {
      expect(f.geometry).toEqual(us48.features[k].geometry);
      expect(f.properties.AREA).toBeCloseTo(us48.features[k].properties.AREA as number, 9);
    });
    // .shx: one 8-byte index entry per record after the 100-byte header
    expect(bytes.shx.length).toBe(100 + 8 * 48);
  });

  it('writes null shapes, which the reader refuses by record', async () => {
    const sq: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]] };
    const bytes = writeShapefile([
      { geometry: sq, properties: { id: 'a' } },
      { geometry: null, properties: { id: 'b' } },
    ]);
    const e = await inputError(readGeometry([{ name: 'n.shp', data: bytes.shp }, { name: 'n.dbf', data: bytes.dbf }], { key: 'id' }));
    expect(e.code).toBe('import-empty-geometry');
    expect(e.message).toBe('n.shp: region "b" (record 2) has an empty or null geometry');
  });

  it('orients rings: GeoJSON counter-clockwise outer rings with holes come back as one polygon with its hole', async () => {
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], // counter-clockwise (RFC 7946)
        [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]], // clockwise hole
      ],
    };
    const bytes = writeShapefile([{ geometry: withHole, properties: { id: 'h' } }]);
    const g = await readGeometry([{ name: 'h.shp', data: bytes.shp }, { name: 'h.dbf', data: bytes.dbf }], { key: 'id' });
    const geom = g.features[0].geometry;
    expect(geom.type).toBe('Polygon');
    expect((geom as Polygon).coordinates).toHaveLength(2);
    expect(() => writeShapefile([{ geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} }])).toThrow(
      'writeShapefile: only Polygon and MultiPolygon can be written, not Point',
    );
  });
});

describe('boundary files of the wrong type (issue 13, defect 5)', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  it('a PNG named .geojson or .zip is called a PNG image, without the parser\'s or zip library\'s text', async () => {
    const gj = await inputError(readGeometry({ name: 'x.geojson', data: PNG }, { key: 'id' }));
    expect(gj.code).toBe('import-not-geojson');
    expect(gj.message).toBe('x.geojson is not a GeoJSON file: it looks like a PNG image');
    const zip = await inputError(readGeometry({ name: 'x.zip', data: PNG }, { key: 'id' }));
    expect(zip.code).toBe('import-not-zip');
    expect(zip.message).toBe('x.zip is not a zip archive: it looks like a PNG image');
    const damaged = await inputError(readGeometry({ name: 'd.zip', data: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9]) }, { key: 'id' }));
    expect(damaged.message).toBe('d.zip is a damaged zip archive: its directory cannot be read');
  });
});
