/**
 * Region locations for GTWR: area-weighted centroids of the boundaries (src/geo/centroid, the
 * GEOS planar centroid that `sf::st_centroid` gives on unprojected coordinates), projected
 * coordinates in km, or point columns (`--coords LON,LAT`) from the geometry's attributes or the panel.
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import { featureCentroids, type Points } from '../../geo/centroid';
import type { GeometrySet } from '../../geo/geometry';

/** Centroids of the boundaries (projected metres and feet converted to km). */
export function centroidPoints(g: GeometrySet): Points {
  const p = featureCentroids(g.features, g.lonLat);
  const scale = g.lonLat ? 1 : g.units === 'm' ? 1 / 1000 : g.units === 'ft' ? 0.0003048 : 1;
  return scale === 1 ? p : { ids: p.ids, x: p.x.map((v) => v * scale), y: p.y.map((v) => v * scale), lonLat: false };
}

/**
 * Lon/lat point columns: geometry attributes first, then panel columns (the first row of each
 * region with both values).
 * @throws InputError `gwr-unknown-coords-columns` when neither holds both columns.
 */
export function coordinatePoints(lonCol: string, latCol: string, geometry: GeometrySet | undefined, panel: LongPanel): Points {
  if (geometry && geometry.features.length > 0 && lonCol in geometry.features[0].properties && latCol in geometry.features[0].properties) {
    const f = geometry.features;
    // an empty attribute (a region without a stored point) is missing, not 0°: the index then names the region
    const num = (v: unknown): number => (v === null || v === undefined || v === '' ? NaN : Number(v));
    return { ids: f.map((x) => x.id), x: Float64Array.from(f, (x) => num(x.properties[lonCol])), y: Float64Array.from(f, (x) => num(x.properties[latCol])), lonLat: true };
  }
  const lon = panel.values[lonCol], lat = panel.values[latCol];
  if (lon && lat) {
    const ids = [...new Set(panel.ids)].sort();
    const pos = new Map(ids.map((id, i) => [id, i]));
    const x = new Float64Array(ids.length).fill(NaN), y = new Float64Array(ids.length).fill(NaN);
    panel.ids.forEach((id, r) => {
      const i = pos.get(id) as number;
      if (Number.isNaN(x[i]) && Number.isFinite(lon[r]) && Number.isFinite(lat[r])) { x[i] = lon[r]; y[i] = lat[r]; }
    });
    return { ids, x, y, lonLat: true };
  }
  throw new InputError('gwr-unknown-coords-columns', `--coords: no columns "${lonCol}" and "${latCol}" in the geometry attributes or the panel.`, { lonCol, latCol });
}
