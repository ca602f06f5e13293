/**
 * Regions and their boundary layers in a project file (tables `regions`, `geometries`).
 */
import type Database from 'better-sqlite3';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { InputError } from '../core/errors';
import { compareCodes, flag, fromJson, optReal, optText, requireName, toJson } from './sql';

/** One region (province, prefecture, state, ...). Absent optional fields are kept on update. */
export interface RegionRow {
  /** Stable key (adcode, state name, ...), joined with data and geometry. */
  code: string;
  nameZh?: string | null;
  nameEn?: string | null;
  /** `'province' | 'prefecture' | 'state' | ...` */
  level?: string | null;
  /** Code of the enclosing region (a prefecture's province). */
  parent?: string | null;
  /** Group for summaries, e.g. the NBS four-region `'East'`. */
  regionGroup?: string | null;
  /** Capital or representative point, WGS84 degrees. */
  lon?: number | null;
  lat?: number | null;
  attributes?: Record<string, unknown>;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

interface RegionDbRow {
  id: number; code: string; name_zh: string | null; name_en: string | null; level: string | null;
  parent_code: string | null; region_group: string | null; lon: number | null; lat: number | null;
  attributes: string | null;
}

/** Update columns only when the caller gave the field (`@set_x = 1`), else keep the stored value. */
const UPSERT_REGION = `
INSERT INTO regions(code, name_zh, name_en, level, parent_code, region_group, lon, lat, attributes)
VALUES (@code, @name_zh, @name_en, @level, @parent_code, @region_group, @lon, @lat, @attributes)
ON CONFLICT(code) DO UPDATE SET
  name_zh      = CASE WHEN @set_name_zh      THEN excluded.name_zh      ELSE name_zh      END,
  name_en      = CASE WHEN @set_name_en      THEN excluded.name_en      ELSE name_en      END,
  level        = CASE WHEN @set_level        THEN excluded.level        ELSE level        END,
  parent_code  = CASE WHEN @set_parent_code  THEN excluded.parent_code  ELSE parent_code  END,
  region_group = CASE WHEN @set_region_group THEN excluded.region_group ELSE region_group END,
  lon          = CASE WHEN @set_lon          THEN excluded.lon          ELSE lon          END,
  lat          = CASE WHEN @set_lat          THEN excluded.lat          ELSE lat          END,
  attributes   = CASE WHEN @set_attributes   THEN excluded.attributes   ELSE attributes   END`;

/** Statements over `regions` and `geometries`, prepared once per store. */
export class RegionTable {
  private readonly upsert: Database.Statement;
  private readonly all: Database.Statement<[], RegionDbRow>;
  private readonly codeIds: Database.Statement<[], { id: number; code: string }>;
  private readonly putGeometry: Database.Statement;
  private readonly layers: Database.Statement<[], { layer: string }>;
  private readonly layerFeatures: Database.Statement<[string], RegionDbRow & { geojson: string }>;
  private readonly upsertMany: (rows: RegionRow[]) => void;
  private readonly putGeometryMany: (layer: string, rows: { region: string; geometry: Geometry }[]) => void;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(UPSERT_REGION);
    this.all = db.prepare('SELECT * FROM regions');
    this.codeIds = db.prepare('SELECT id, code FROM regions');
    this.putGeometry = db.prepare(`INSERT INTO geometries(region_id, layer, geojson) VALUES (?, ?, ?)
      ON CONFLICT(region_id, layer) DO UPDATE SET geojson = excluded.geojson`);
    this.layers = db.prepare('SELECT DISTINCT layer FROM geometries ORDER BY layer');
    this.layerFeatures = db.prepare(`SELECT r.*, g.geojson FROM geometries g JOIN regions r ON r.id = g.region_id
      WHERE g.layer = ?`);
    this.upsertMany = db.transaction((rows: RegionRow[]) => {
      for (const row of rows) this.upsert.run(regionParams(row));
    });
    this.putGeometryMany = db.transaction((layer: string, rows: { region: string; geometry: Geometry }[]) => {
      const ids = this.idsByCode();
      for (const row of rows) {
        const id = ids.get(row.region);
        if (id === undefined) throw unknownRegion(row.region, `geometry layer "${layer}"`);
        this.putGeometry.run(id, layer, toJson(checkGeometry(row.geometry, row.region), `geometry of ${row.region}`));
      }
    });
  }

  /**
   * Insert or update regions by `code`, all-or-nothing. A field left `undefined` keeps its
   * stored value; `null` clears it.
   *
   * @throws InputError `invalid-name` for an empty code, `project-invalid-attributes` for a mistyped field
   */
  upsertRegions(rows: RegionRow[]): void {
    this.upsertMany(rows);
  }

  /** All regions, sorted by code; absent fields are `null`, `attributes` only when stored. */
  listRegions(): RegionRow[] {
    return this.all.all().map(toRegionRow).sort((a, b) => compareCodes(a.code, b.code));
  }

  /** Map region code → row id (one query; used to resolve codes in bulk writes). */
  idsByCode(): Map<string, number> {
    const m = new Map<string, number>();
    for (const r of this.codeIds.all()) m.set(r.code, r.id);
    return m;
  }

  /**
   * Store (or replace) each region's geometry in `layer`, all-or-nothing.
   *
   * @throws InputError `project-unknown-region` naming the first code not in `regions`
   * @throws InputError `project-invalid-geometry` when a geometry has no GeoJSON geometry `type`
   */
  putGeometries(layer: string, rows: { region: string; geometry: Geometry }[]): void {
    this.putGeometryMany(requireName(layer, 'Geometry layer name'), rows);
  }

  /** Names of the stored geometry layers, sorted. */
  listLayers(): string[] {
    return this.layers.all().map((r) => r.layer);
  }

  /**
   * The features of one layer, sorted by region code, `id` = code, properties
   * `code, nameZh, nameEn, regionGroup, level`. Which layer is the default is a domain rule
   * of the services (src/services/inputs/layers.ts), not of the store.
   *
   * @throws InputError `project-unknown-layer` when `layer` is not stored
   */
  getGeometryCollection(layer: string): FeatureCollection {
    const layers = this.listLayers();
    const chosen = layer;
    if (!layers.includes(chosen)) {
      throw new InputError('project-unknown-layer',
        `No geometry layer "${chosen}" in this project (layers: ${layers.length ? layers.join(', ') : 'none'})`,
        { layer: chosen, layers, layerList: layers.length ? layers.join(', ') : 'none' });
    }
    const features: Feature[] = this.layerFeatures.all(chosen)
      .sort((a, b) => compareCodes(a.code, b.code))
      .map((r) => ({
        type: 'Feature',
        id: r.code,
        geometry: fromJson(r.geojson) as Geometry,
        properties: { code: r.code, nameZh: r.name_zh, nameEn: r.name_en, regionGroup: r.region_group, level: r.level },
      }));
    return { type: 'FeatureCollection', features };
  }
}

/** The `unknown-region` error every table uses: names the code and where it came from. */
export function unknownRegion(code: string, where: string): InputError {
  return new InputError('project-unknown-region',
    `Unknown region "${code}" in ${where}: add it to the project's regions first`, { region: code, where });
}

function regionParams(row: RegionRow): Record<string, string | number | null> {
  const code = requireName(row.code, 'Region code');
  const owner = `region ${code}`;
  const attributes: unknown = row.attributes;
  if (attributes !== undefined && attributes !== null && (typeof attributes !== 'object' || Array.isArray(attributes))) {
    throw new InputError('project-invalid-attributes', `${owner}: attributes must be an object`, { field: 'attributes', owner });
  }
  return {
    code,
    name_zh: optText(row.nameZh, 'nameZh', owner), set_name_zh: flag(row.nameZh !== undefined),
    name_en: optText(row.nameEn, 'nameEn', owner), set_name_en: flag(row.nameEn !== undefined),
    level: optText(row.level, 'level', owner), set_level: flag(row.level !== undefined),
    parent_code: optText(row.parent, 'parent', owner), set_parent_code: flag(row.parent !== undefined),
    region_group: optText(row.regionGroup, 'regionGroup', owner), set_region_group: flag(row.regionGroup !== undefined),
    lon: optReal(row.lon, 'lon', owner), set_lon: flag(row.lon !== undefined),
    lat: optReal(row.lat, 'lat', owner), set_lat: flag(row.lat !== undefined),
    attributes: attributes === undefined || attributes === null ? null : toJson(attributes, `${owner} attributes`),
    set_attributes: flag(attributes !== undefined),
  };
}

function toRegionRow(r: RegionDbRow): RegionRow {
  const row: RegionRow = {
    code: r.code, nameZh: r.name_zh, nameEn: r.name_en, level: r.level, parent: r.parent_code,
    regionGroup: r.region_group, lon: r.lon, lat: r.lat,
  };
  if (r.attributes !== null) row.attributes = fromJson(r.attributes) as Record<string, unknown>;
  return row;
}

function checkGeometry(g: Geometry, region: string): Geometry {
  const type = (g as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !GEOMETRY_TYPES.has(type)) {
    throw new InputError('project-invalid-geometry',
      `Geometry of region "${region}" is not a GeoJSON geometry (type ${JSON.stringify(type) ?? 'missing'})`, { region, type: JSON.stringify(type) ?? 'missing' });
  }
  return g;
}
