/**
 * Polygon rings of region features, validated once for the weights builders.
 */
import type { Geometry, Position } from 'geojson';
import { InputError } from '../core/errors';
import { indexIds } from '../core/ids';

/** A region's polygons: each polygon is [shell, ...holes], each ring a list of positions. */
export type PolygonRings = readonly (readonly (readonly Position[])[])[];

/** The minimal feature shape the builders need (a `RegionFeature` fits). */
export interface PolygonFeature {
  readonly id: string;
  readonly geometry: Geometry | null;
}

/**
 * The polygons of a Polygon or MultiPolygon geometry.
 * @throws InputError `weights-empty-geometry` / `weights-geometry-no-regions` naming the region when it has no coordinates;
 *   `weights-not-polygon` when the geometry is of another type.
 */
export function polygonsOf(f: PolygonFeature): PolygonRings {
  const g = f.geometry;
  if (g === null || g === undefined) {
    throw new InputError('weights-empty-geometry', `Region "${f.id}" has an empty geometry.`, { id: f.id });
  }
  let polys: Position[][][];
  if (g.type === 'Polygon') polys = [g.coordinates];
  else if (g.type === 'MultiPolygon') polys = g.coordinates;
  else throw new InputError('weights-not-polygon', `Region "${f.id}" has a ${g.type} geometry; contiguity needs polygons.`, { id: f.id, type: g.type });
  const kept = polys.map((p) => p.filter((r) => r.length > 0)).filter((p) => p.length > 0);
  if (kept.length === 0) {
    throw new InputError('weights-empty-geometry', `Region "${f.id}" has an empty geometry.`, { id: f.id });
  }
  for (const p of kept) {
    for (const r of p) {
      for (const c of r) {
        if (!Number.isFinite(c[0]) || !Number.isFinite(c[1])) {
          throw new InputError('weights-non-finite-coordinate', `Region "${f.id}" has a non-finite coordinate (${c[0]}, ${c[1]}).`, { id: f.id, x: c[0], y: c[1] });
        }
      }
    }
  }
  return kept;
}

/**
 * Ids of the features, checked unique and non-empty.
 * @throws InputError `duplicate-id`, `bad-id`, `weights-empty-geometry` / `weights-geometry-no-regions` (no features at all).
 */
export function featureIds(features: readonly PolygonFeature[]): string[] {
  if (features.length === 0) throw new InputError('weights-geometry-no-regions', 'The geometry has no regions.');
  const ids = features.map((f) => f.id);
  indexIds(ids);
  return ids;
}
