import type { Geometry } from 'geojson';

/** One region's boundary with its attributes, as read from GeoJSON or a shapefile. */
export interface RegionFeature {
  /** Value of the key field (compared as a string). */
  readonly id: string;
  /** Polygon or MultiPolygon in lon/lat (WGS84) after any reprojection, or in map units when `projected`. */
  readonly geometry: Geometry;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A set of region boundaries read from one file. */
export interface GeometrySet {
  /** The file name, for messages. */
  readonly source: string;
  /** The property that holds the ids. */
  readonly key: string;
  /** true when coordinates are lon/lat degrees (great-circle distances apply). */
  readonly lonLat: boolean;
  /** Units of projected coordinates when `lonLat` is false ('m', 'km', 'unknown'). */
  readonly units?: string;
  readonly features: readonly RegionFeature[];
}
