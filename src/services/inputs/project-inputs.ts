/**
 * Project inputs: what an analysis of a project reads, by one set of rules that the CLI
 * (`rwb weights --geometry p.rwb`, `--weights-spec` with a project, `rwb fe --panel p.rwb`) and
 * the app (Weights and Regression tabs) both go through, so they cannot build different
 * matrices:
 * - the panel with its region groups (`region_group`, ./region-groups);
 * - the chosen boundary layer (the one default-layer rule, ./layers);
 * - the layer's geometry keyed by region code (or another property) with each region's point;
 * - W built over those ids, with warnings as `{ code, message }`.
 */
import { basename } from 'node:path';
import { InputError } from '../../core/errors';
import type { GeometrySet } from '../../geo/geometry';
import type { LongPanel } from '../../core/panel';
import type { ProjectStore } from '../../store/project-store';
import type { Points } from '../../geo/centroid';
import { buildWeights, parseWeightsSpec, type BuiltWeights, type WeightsSpec } from '../weights/weights-service';
import { chooseLayer } from './layers';
import { withProjectRegionGroups } from './region-groups';
import type { InputWarning } from './warnings';

export { prepareDesign, type DesignInput, type PreparedDesign } from './design';
export { chooseLayer, defaultLayerOf, projectDefaultLayer } from './layers';
export { REGION_GROUP_COLUMN, findRegionGroups, storeRegionGroups, withProjectRegionGroups } from './region-groups';
export type { InputWarning } from './warnings';

/**
 * The project's panel (all variables, or `variables`) with the regions' groups as the text
 * column `region_group` when the project has any.
 */
export function projectPanel(store: ProjectStore, opts: { variables?: readonly string[] } = {}): LongPanel {
  return withProjectRegionGroups(store.readPanel(opts.variables ? { variables: [...opts.variables] } : undefined), store);
}

/** Options of {@link projectGeometry}. */
export interface ProjectGeometryOptions {
  /** Boundary layer (default: the project's default layer). */
  readonly layer?: string;
  /** Property giving the ids: `code` (default), `nameEn` or `nameZh`. */
  readonly key?: string;
}

/**
 * A layer of the project's boundaries as a `GeometrySet` (lon/lat), ids from the property
 * `key` (default `code`, so the ids are the project's region codes); each region's point (e.g.
 * its capital) is added as properties `lon`, `lat` (for `--coords lon,lat`).
 * @throws InputError `no-geometry` when the project has no boundaries, `unknown-layer`,
 *   `weights-no-boundaries` when the layer holds none, `weights-region-missing-key` when a region lacks the key.
 */
export function projectGeometry(store: ProjectStore, opts: ProjectGeometryOptions = {}): GeometrySet {
  const key = opts.key ?? 'code';
  const layer = chooseLayer(store, opts.layer);
  const fc = store.getGeometryCollection(layer);
  const source = `${basename(store.path)}${opts.layer ? ` (layer ${opts.layer})` : ''}`;
  if (fc.features.length === 0) throw new InputError('weights-no-boundaries', `${source} holds no region boundaries.`, { source });
  const points = new Map(store.listRegions().map((r) => [r.code, r]));
  const features = fc.features.map((f, i) => {
    const region = points.get(String((f.properties ?? {}).code ?? f.id));
    // Region points (e.g. provincial capitals) become `lon`/`lat` properties for --coords lon,lat.
    const props: Record<string, unknown> = { ...((f.properties ?? {}) as Record<string, unknown>), lon: region?.lon ?? null, lat: region?.lat ?? null };
    const id = props[key];
    if (id === undefined || id === null || id === '') {
      throw new InputError('weights-region-missing-key', `${source}: region ${String(props.code ?? i + 1)} has no "${key}" (use code, nameEn or nameZh).`, { source, key, region: String(props.code ?? i + 1) });
    }
    return { id: String(id), geometry: f.geometry, properties: props };
  });
  return { source, key, lonLat: true, features };
}

/** What W to build over a project. */
export interface ProjectWeightsRequest extends ProjectGeometryOptions {
  /** Spec text (`queen`, `knn:k=4:std=row`, …) or a parsed spec. */
  readonly spec: string | WeightsSpec;
  /** Regions of W in this order (e.g. a panel's); default: every region of the layer, sorted. */
  readonly ids?: readonly string[];
  /** Panel for `econ` / `nested` (default: the project's). */
  readonly panel?: LongPanel;
  /** Points instead of polygon centroids. */
  readonly points?: Points;
}

/** W over a project, with the layer it was built on. */
export interface ProjectWeights extends BuiltWeights {
  /** The boundary layer used (null for economic distance on a project without boundaries). */
  readonly layer: string | null;
  readonly geometry: GeometrySet | undefined;
  readonly warnings: readonly InputWarning[];
}

/**
 * Build W over a project's regions: the geometry of the chosen layer keyed by `key`
 * (default region code), the project panel for economic distance, then `buildWeights`.
 * @throws InputError as `projectGeometry` (except that `econ` needs no boundaries) and
 *   `buildWeights` (`bad-spec`, `missing-geometry`, `missing-value`, …).
 */
export function buildProjectWeights(store: ProjectStore, req: ProjectWeightsRequest): ProjectWeights {
  const spec = typeof req.spec === 'string' ? parseWeightsSpec(req.spec) : req.spec;
  // Economic distance and user points need no boundaries; everything else does (no-geometry).
  const geometry = store.listLayers().length > 0 || (spec.type !== 'econ' && !req.points) ? projectGeometry(store, req) : undefined;
  const layer = geometry ? chooseLayer(store, req.layer) : null;
  const panel = req.panel ?? (spec.type === 'econ' || spec.type === 'nested' ? projectPanel(store) : undefined);
  const built = buildWeights(spec, { geometry, panel, points: req.points, ids: req.ids });
  return { ...built, layer, geometry };
}
