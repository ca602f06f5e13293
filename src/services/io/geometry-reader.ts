/**
 * Read region boundaries from GeoJSON, a loose shapefile (.shp + .dbf [+ .prj, .cpg]) or a
 * zipped shapefile, reprojecting projected coordinates to lon/lat with proj4.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Feature, Geometry, Position } from 'geojson';
import type proj4 from 'proj4';
import { InputError } from '../../core/errors';
import type { GeometrySet, RegionFeature } from '../../geo/geometry';
import { decodeUtf8 } from './utf8-text';
import type { FileSource } from './file-source';
import { readSourceBytes, sourceExtension, sourceName, toArrayBuffer } from './file-source';
import { checkGeoJsonFeatures } from './geojson-check';
import { clipForMessage, listForMessage } from './limits';
import { checkShp } from './shp-check';
import { sniffBinary } from './sniff';

/** Options of `readGeometry`. */
export interface GeometryReadOptions {
  /** The property (attribute field) that holds the region ids. */
  key: string;
  /** In a zip with several shapefiles, the one to read (base name, case-insensitive); ignored when there is one. */
  layerName?: string;
}

/** A shapefile's member files as bytes. */
interface ShapefileParts {
  name: string;
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

/** What a `.prj` says. */
export interface PrjInfo {
  /** `geographic` (lon/lat), `projected`, or `unknown`. */
  readonly kind: 'geographic' | 'projected' | 'unknown';
  /** Linear unit of a projected CRS: 'm', 'km', 'ft', or 'unknown'. */
  readonly units?: string;
}

/** Classify a WKT `.prj` as geographic or projected and find its linear unit. */
export function describePrj(wkt: string): PrjInfo {
  const s = wkt.trim().toUpperCase();
  if (/^(GEOGCS|GEOGCRS|GEODCRS)\b/.test(s)) return { kind: 'geographic' };
  if (/^(PROJCS|PROJCRS)\b/.test(s)) {
    // The last UNIT of a PROJCS is its linear unit.
    const units = [...s.matchAll(/(?:LENGTH)?UNIT\s*\[\s*"([^"]+)"\s*,\s*([0-9.eE+-]+)/g)];
    const last = units[units.length - 1];
    let u = 'unknown';
    if (last) {
      const name = last[1];
      const factor = Number(last[2]);
      if (/^(METER|METRE|M)$/.test(name) || (factor === 1 && /MET/.test(name))) u = 'm';
      else if (/KILOMET/.test(name) || factor === 1000) u = 'km';
      else if (/FOOT|FEET/.test(name)) u = 'ft';
    }
    return { kind: 'projected', units: u };
  }
  return { kind: 'unknown' };
}

function mapPositions(g: Geometry, fn: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(fn)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(fn))) };
    default:
      return g;
  }
}

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  if (g.type === 'Polygon') g.coordinates.forEach((r) => r.forEach(fn));
  else if (g.type === 'MultiPolygon') g.coordinates.forEach((p) => p.forEach((r) => r.forEach(fn)));
}

function isEmptyGeometry(g: Geometry): boolean {
  if (g.type === 'Polygon') return g.coordinates.length === 0 || g.coordinates[0].length === 0;
  if (g.type === 'MultiPolygon') return g.coordinates.length === 0 || g.coordinates.every((p) => p.length === 0 || p[0].length === 0);
  return false;
}

function withinLonLat(geoms: readonly Geometry[]): boolean {
  let ok = true;
  for (const g of geoms) {
    eachPosition(g, (p) => {
      if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) ok = false;
    });
    if (!ok) break;
  }
  return ok;
}

interface RawFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/**
 * Check ids, geometries and types, and build the features.
 *
 * @throws InputError `import-unknown-key-field`, `import-missing-key`, `import-empty-geometry`, `not-polygon`, `import-duplicate-key`.
 */
function buildFeatures(file: string, raw: readonly RawFeature[], fields: readonly string[], key: string, what: string): RegionFeature[] {
  if (!fields.includes(key)) {
    throw new InputError('import-unknown-key-field', `${file}: no field "${key}" (fields: ${listForMessage(fields)})`, { file, key, available: [...fields], fieldList: listForMessage(fields) });
  }
  const firstRecord = new Map<string, number>();
  const out: RegionFeature[] = [];
  raw.forEach((f, k) => {
    const rec = k + 1;
    const v = f.properties[key];
    const id = v === null || v === undefined ? '' : String(v).trim();
    if (id === '') {
      throw new InputError('import-missing-key', `${file}: ${what} ${rec} has no value in field "${key}"`, { file, key, record: rec, what });
    }
    if (!f.geometry || isEmptyGeometry(f.geometry)) {
      throw new InputError('import-empty-geometry', `${file}: region "${id}" (${what} ${rec}) has an empty or null geometry`, {
        file,
        id,
        record: rec,
        what,
      });
    }
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
      throw new InputError(
        'import-not-polygon',
        `${file}: region "${id}" (${what} ${rec}) is a ${f.geometry.type}; only Polygon and MultiPolygon boundaries can be used`,
        { file, id, record: rec, type: f.geometry.type, what },
      );
    }
    const prev = firstRecord.get(id);
    if (prev !== undefined) {
      throw new InputError('import-duplicate-key', `${file}: key "${id}" in field "${key}" appears twice (${what}s ${prev} and ${rec})`, {
        file,
        key,
        id,
        records: [prev, rec],
        what,
        prev,
        record: rec,
      });
    }
    firstRecord.set(id, rec);
    out.push({ id, geometry: f.geometry, properties: Object.freeze({ ...f.properties }) });
  });
  return out;
}

/*
 * proj4, shapefile (with its text-encoding tables), iconv-lite (decode-text, dbf-reader) and
 * jszip (zip-guard) are loaded on first use: reading a GeoJSON in lon/lat — most `rwb` runs on
 * a boundary file — needs none of them, and they are ~2 MB of code to compile at start-up.
 */
async function loadProj4(): Promise<typeof proj4> {
  return (await import('proj4')).default;
}

/** The shapefile package (esbuild's bundle gives a CommonJS module as `{ default }` only). */
async function loadShapefile(): Promise<typeof import('shapefile')> {
  const mod = await import('shapefile');
  return 'openShp' in mod ? mod : (mod as unknown as { default: typeof mod }).default;
}

/** Text of a small member file (.prj, .cpg): UTF-8, else decodeText's choice. */
async function smallText(bytes: Uint8Array): Promise<string> {
  return (decodeUtf8(bytes) ?? (await import('./decode-text')).decodeText(bytes)).text;
}

/** Reproject or classify coordinates according to the .prj (or their range when there is none). */
async function placeCoordinates(file: string, features: RegionFeature[], prj: string | undefined): Promise<Pick<GeometrySet, 'lonLat' | 'units' | 'features'>> {
  const info = prj ? describePrj(prj) : { kind: 'unknown' as const };
  if (info.kind === 'projected') {
    const toLonLat = await loadProj4();
    let converter: proj4.Converter | undefined;
    try {
      converter = toLonLat(prj as string, 'WGS84');
    } catch {
      converter = undefined;
    }
    if (converter) {
      const conv = converter;
      const fn = (p: Position): Position => {
        const q = conv.forward([p[0], p[1]]);
        return [q[0], q[1]];
      };
      const projected = features.map((f) => ({ ...f, geometry: mapPositions(f.geometry, fn) }));
      if (!withinLonLat(projected.map((f) => f.geometry))) {
        throw new InputError('import-bad-projection', `${file}: reprojecting with the .prj gave coordinates outside lon/lat range`, { file });
      }
      return { lonLat: true, features: projected };
    }
    return { lonLat: false, units: info.units ?? 'unknown', features };
  }
  if (info.kind === 'geographic') return { lonLat: true, features };
  const inRange = withinLonLat(features.map((f) => f.geometry));
  return inRange ? { lonLat: true, features } : { lonLat: false, units: 'unknown', features };
}

async function readShapefileParts(parts: ShapefileParts, opts: GeometryReadOptions): Promise<GeometrySet> {
  const shpName = `${parts.name}.shp`;
  if (!parts.dbf) {
    throw new InputError('import-missing-dbf', `${shpName} has no ${parts.name}.dbf beside it`, { file: shpName, layer: parts.name });
  }
  const [{ cpgToEncoding }, { readDbf }, shapefile] = await Promise.all([import('./decode-text'), import('./dbf-reader'), loadShapefile()]);
  const dbf = readDbf(parts.dbf, `${parts.name}.dbf`, parts.cpg ? cpgToEncoding(parts.cpg) : undefined);
  const shp = checkShp(parts.shp, shpName);
  const geoms: (Geometry | null)[] = [];
  let source: Awaited<ReturnType<typeof shapefile.openShp>>;
  try {
    source = await shapefile.openShp(toArrayBuffer(shp));
    for (;;) {
      const r = await source.read();
      if (r.done) break;
      geoms.push((r.value as Geometry | null) ?? null);
    }
  } catch (e) {
    throw new InputError('import-bad-shapefile', `${shpName}: not a readable shapefile (${clipForMessage((e as Error).message)})`, { file: shpName, reason: clipForMessage((e as Error).message) });
  }
  if (geoms.length !== dbf.records.length) {
    throw new InputError(
      'import-shapefile-dbf-mismatch',
      `${shpName} has ${geoms.length} shapes but ${parts.name}.dbf has ${dbf.records.length} records`,
      { file: shpName, shapes: geoms.length, layer: parts.name, records: dbf.records.length },
    );
  }
  const raw = geoms.map((g, k) => ({ geometry: g, properties: dbf.records[k] as Record<string, unknown> }));
  const features = buildFeatures(shpName, raw, dbf.fields.map((f) => f.name), opts.key, 'record');
  const placed = await placeCoordinates(shpName, features, parts.prj);
  return { source: shpName, key: opts.key, ...placed };
}

async function readGeoJson(file: string, bytes: Uint8Array, opts: GeometryReadOptions): Promise<GeometrySet> {
  const text = await smallText(bytes);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError('import-bad-json', `${file}: not valid JSON (${clipForMessage((e as Error).message)})`, { file, reason: clipForMessage((e as Error).message) });
  }
  const fc = doc as { type?: string; features?: Feature[]; crs?: { properties?: { name?: string } } };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new InputError('import-not-feature-collection', `${file}: not a GeoJSON FeatureCollection`, { file });
  }
  checkGeoJsonFeatures(file, fc.features);
  const raw = fc.features.map((f) => ({ geometry: f.geometry ?? null, properties: (f.properties ?? {}) as Record<string, unknown> }));
  const fields = [...new Set(raw.flatMap((f) => Object.keys(f.properties)))];
  const features = buildFeatures(file, raw, fields, opts.key, 'feature');
  // Old-style "crs" member naming an EPSG code proj4 knows (e.g. EPSG:3857).
  const crsName = fc.crs?.properties?.name;
  const epsg = crsName ? /EPSG:{1,2}(\d+)/i.exec(crsName) : null;
  const toLonLat = epsg && epsg[1] !== '4326' ? await loadProj4() : undefined;
  if (epsg && toLonLat && toLonLat.defs(`EPSG:${epsg[1]}`)) {
    const conv = toLonLat(`EPSG:${epsg[1]}`, 'WGS84');
    const fn = (p: Position): Position => {
      const q = conv.forward([p[0], p[1]]);
      return [q[0], q[1]];
    };
    return { source: file, key: opts.key, lonLat: true, features: features.map((f) => ({ ...f, geometry: mapPositions(f.geometry, fn) })) };
  }
  const lonLat = withinLonLat(features.map((f) => f.geometry));
  return { source: file, key: opts.key, lonLat, ...(lonLat ? {} : { units: 'unknown' }), features };
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

async function fromZip(file: string, bytes: Uint8Array, opts: GeometryReadOptions): Promise<GeometrySet> {
  const { inflateEntry, openZip } = await import('./zip-guard');
  const zip = await openZip(file, bytes, 'import-bad-zip');
  const entries = Object.values(zip.files).filter((f) => !f.dir && !/(^|\/)__MACOSX\//.test(f.name));
  let shps = entries.filter((f) => f.name.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) {
    const geo = entries.find((f) => /\.(geo)?json$/i.test(f.name));
    if (geo) return readGeoJson(basename(geo.name), await inflateEntry(file, geo), opts);
    throw new InputError('import-zip-no-shapefile', `${file}: no .shp file inside the zip`, { file });
  }
  if (shps.length > 1 && opts.layerName) {
    const want = opts.layerName.toLowerCase();
    const named = shps.filter((f) => stem(basename(f.name)).toLowerCase() === want);
    if (named.length === 0) {
      throw new InputError('import-zip-no-layer', `${file}: no ${opts.layerName}.shp inside the zip (shapefiles: ${shps.map((s) => basename(s.name)).join(', ')})`, {
        file,
        layers: shps.map((s) => stem(basename(s.name))),
        layer: opts.layerName,
        shapefiles: shps.map((s) => basename(s.name)).join(', '),
      });
    }
    shps = named;
  }
  if (shps.length > 1) {
    throw new InputError(
      'import-zip-ambiguous-layer',
      `${file}: the zip holds several shapefiles (${shps.map((s) => basename(s.name)).join(', ')}); choose one as the layer`,
      { file, layers: shps.map((s) => stem(basename(s.name))), shapefiles: shps.map((s) => basename(s.name)).join(', ') },
    );
  }
  const shp = shps[0];
  const base = stem(shp.name).toLowerCase();
  const sibling = (ext: string) => entries.find((f) => f.name.toLowerCase() === `${base}.${ext}`);
  const dbf = sibling('dbf');
  const prj = sibling('prj');
  const cpg = sibling('cpg');
  return readShapefileParts(
    {
      name: stem(basename(shp.name)),
      shp: await inflateEntry(file, shp),
      dbf: dbf ? await inflateEntry(file, dbf) : undefined,
      prj: prj ? await smallText(await inflateEntry(file, prj)) : undefined,
      cpg: cpg ? await smallText(await inflateEntry(file, cpg)) : undefined,
    },
    opts,
  );
}

async function looseShapefile(sources: readonly FileSource[], main: FileSource, opts: GeometryReadOptions): Promise<GeometrySet> {
  const name = stem(sourceName(main));
  const shp = await readSourceBytes(main);
  const find = async (ext: string): Promise<Uint8Array | undefined> => {
    const want = `${name}.${ext}`.toLowerCase();
    const given = sources.find((s) => sourceName(s).toLowerCase() === want);
    if (given) return readSourceBytes(given);
    if ('path' in main) {
      const dir = dirname(main.path);
      const found = (await readdir(dir)).find((f) => f.toLowerCase() === want);
      if (found) return readSourceBytes({ path: join(dir, found) });
    }
    return undefined;
  };
  const prj = await find('prj');
  const cpg = await find('cpg');
  return readShapefileParts(
    {
      name,
      shp,
      dbf: await find('dbf'),
      prj: prj ? await smallText(prj) : undefined,
      cpg: cpg ? await smallText(cpg) : undefined,
    },
    opts,
  );
}

/**
 * Read region boundaries.
 *
 * Accepts GeoJSON (`.geojson`/`.json` FeatureCollection of Polygon/MultiPolygon), a `.shp`
 * whose `.dbf` (and optional `.prj`, `.cpg`) sit beside it (found case-insensitively; with
 * uploaded bytes, pass all parts in `sources`), or a `.zip` holding one shapefile. DBF text
 * is decoded with the `.cpg` encoding, else UTF-8, else GBK/GB18030. A projected `.prj` is
 * reprojected to lon/lat (WGS84) with proj4, giving `lonLat: true`; without a usable `.prj`,
 * coordinates outside the lon/lat range give `lonLat: false` with `units` from the `.prj`
 * ('m', 'km', 'ft') or 'unknown'.
 *
 * @throws InputError `import-no-geometry-file`, `import-missing-dbf` ("us48.shp has no us48.dbf beside it"),
 *   `import-unknown-key-field` (lists the fields), `import-missing-key`, `import-empty-geometry` (names the id and record),
 *   `import-duplicate-key`, `not-polygon`, `import-unsupported-geometry-format`, `import-not-geojson` (a binary file named .geojson), `import-bad-json` / `import-bad-shapefile` / `import-bad-zip` / `import-not-feature-collection`, `import-zip-no-layer` / `import-zip-no-shapefile`,
 *   `ambiguous-layer`.
 */
export async function readGeometry(sources: FileSource | FileSource[], opts: GeometryReadOptions): Promise<GeometrySet> {
  const list = Array.isArray(sources) ? sources : [sources];
  if (list.length === 0) throw new InputError('import-no-geometry-file', 'no geometry file given', {});
  const main =
    list.find((s) => sourceExtension(s) === 'shp') ??
    list.find((s) => ['zip', 'geojson', 'json'].includes(sourceExtension(s))) ??
    list[0];
  const ext = sourceExtension(main);
  const name = sourceName(main);
  if (ext === 'shp') return looseShapefile(list, main, opts);
  if (ext === 'zip') return fromZip(name, await readSourceBytes(main), opts);
  if (ext === 'geojson' || ext === 'json') {
    const bytes = await readSourceBytes(main);
    const kind = sniffBinary(bytes);
    if (kind) {
      throw new InputError('import-not-geojson', `${name} is not a GeoJSON file: it looks like ${kind.phrase}`, { file: name, format: kind.format, kind: kind.phrase });
    }
    return readGeoJson(name, bytes, opts);
  }
  throw new InputError('import-unsupported-geometry-format', `${name}: unsupported geometry format ".${ext}" (use .geojson, .json, .shp or .zip)`, {
    file: name,
    extension: ext,
  });
}

/** A key no attribute can have: `readGeometryFields` asks for it to learn the fields. */
const NO_FIELD = '\u0000';

/**
 * The attribute fields of boundary files and the file that holds them (for the Import
 * dialog's lists): a shapefile's DBF fields (loose, or inside a zip), a GeoJSON's properties.
 * The layer a commit would name after the file is `stem(source)`.
 *
 * @throws as `readGeometry` (a missing .dbf, a damaged or binary file, several shapefiles in a zip).
 */
export async function readGeometryFields(sources: FileSource[], layerName?: string): Promise<{ source: string; fields: string[] }> {
  try {
    await readGeometry(sources, { key: NO_FIELD, ...(layerName ? { layerName } : {}) });
  } catch (e) {
    if (e instanceof InputError && e.code === 'import-unknown-key-field' && e.details.key === NO_FIELD) {
      return { source: String(e.details.file), fields: [...(e.details.available as string[])] };
    }
    throw e;
  }
  // Unreachable: no feature has the field NO_FIELD.
  return { source: sourceName(sources[0]), fields: [] };
}
