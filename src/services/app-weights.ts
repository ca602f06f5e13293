/**
 * The Weights tab's channels over the open project: build W from the builder's spec on a
 * boundary layer, open saved matrices, add manual links as a new version whose spec records
 * the link, and import/export weights files. Islands are reported as sentences naming the
 * region in English and Chinese, e.g. "Hainan (海南) has no neighbours."
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Geometry } from 'geojson';
import { InputError } from '../core/errors';
import type { GeometrySet } from '../core/geometry';
import type { FileRef, Handlers } from '../contract';
import type { weightsChannels } from '../contract/weights';
import { DEFAULT_LAYER_KEY, type ProjectStore, type RegionRow } from '../store/project-store';
import { featureCentroids } from '../weights/centroid';
import { toDenseCsv } from '../weights/io/dense';
import { toGal } from '../weights/io/gal';
import { toGwt } from '../weights/io/gwt';
import { toJson } from '../weights/io/json';
import { fromEntries, type SpatialWeights } from '../weights/spatial-weights';
import { summarizeWeights } from '../weights/summary';
import {
  STANDARDIZATIONS, buildWeights, loadWeightsFromProject, parseLinks, readWeightsFile, saveWeightsToProject,
  type Standardization,
} from './weights-service';

type WeightsChannel = keyof typeof weightsChannels;
/** The handlers of the weights channels. */
export type WeightsHandlers = Pick<Handlers, WeightsChannel>;
type WeightsView = Awaited<ReturnType<Handlers['weights:get']>>;
type BuildSpec = Parameters<Handlers['weights:build']>[0]['spec'];

/** What the weights handlers need from the app service. */
export interface AppWeightsContext {
  /** The open project. @throws InputError `no-project` when none is open. */
  readonly store: () => ProjectStore;
  /** Whether requests may name local files by path (desktop) instead of uploading bytes. */
  readonly allowPaths: boolean;
}

/**
 * The builder's spec as the service's spec text, e.g. `{ type: 'knn', k: 4, std: 'row' }` →
 * `knn:k=4:std=row`.
 * @throws InputError `bad-spec` when the type's parameter is missing (k for knn, km for band,
 *   a variable for econ) or the variable text holds a colon.
 */
export function specTextOf(spec: BuildSpec): string {
  const parts: string[] = [spec.type];
  switch (spec.type) {
    case 'queen':
    case 'rook':
      if (spec.order !== undefined && spec.order > 1) parts.push(`order=${spec.order}`);
      break;
    case 'knn':
      if (spec.k === undefined) throw new InputError('weights-knn-needs-k', 'k-nearest-neighbour weights need k, the number of neighbours (e.g. 4).');
      parts.push(`k=${spec.k}`);
      break;
    case 'idw':
      parts.push(`power=${spec.power ?? 1}`);
      if (spec.km !== undefined) parts.push(`km=${spec.km}`);
      break;
    case 'band':
      if (spec.minKm) { parts.push('km=min'); break; }
      if (spec.km === undefined) throw new InputError('weights-band-needs-km', 'Distance-band weights need a distance in km (e.g. 500).');
      parts.push(`km=${spec.km}`);
      break;
    case 'econ':
      if (!spec.variable) throw new InputError('weights-econ-needs-variable', 'Economic-distance weights need a variable (e.g. pgdp) whose regional mean sets the distance.');
      if (spec.variable.includes(':')) throw new InputError('weights-variable-has-colon', `The variable "${spec.variable}" may not contain ":".`, { variable: spec.variable });
      parts.push(`var=${spec.variable}`);
      break;
  }
  parts.push(`std=${spec.std ?? 'row'}`);
  return parts.join(':');
}

/** Manual links recorded in a spec text (`…:links=A|B;C|D…`), or none. */
export function linksOfSpecText(specText: string): [string, string][] {
  const m = /(?:^|:)links=([^:]*)/.exec(specText);
  return m ? parseLinks(m[1]) : [];
}

/** The spec text with one more manual link recorded. */
export function withLinkInSpecText(specText: string, a: string, b: string): string {
  const links = [...linksOfSpecText(specText), [a, b] as [string, string]];
  const text = links.map(([p, q]) => `${p}|${q}`).join(';');
  return /(?:^|:)links=/.test(specText) ? specText.replace(/((?:^|:)links=)[^:]*/, `$1${text}`) : `${specText}:links=${text}`;
}

/**
 * Readable text of a stored matrix's spec: the spec text saved by `saveWeightsToProject`, or,
 * for matrices stored another way (e.g. the China sample's `knn4_capitals`), `type` then its
 * other plain fields as `key=value`, e.g. `knn:k=4:std=row:points=provincial capitals`.
 */
export function storedSpecText(spec: unknown): string {
  if (typeof spec === 'string') return spec;
  if (spec === null || typeof spec !== 'object') return '';
  const o = spec as Record<string, unknown>;
  if (typeof o.spec === 'string') return o.spec;
  const parts: string[] = typeof o.type === 'string' ? [o.type] : [];
  for (const [k, v] of Object.entries(o)) {
    if (k === 'type' || k === 'transformation') continue;
    if (typeof v === 'string' || typeof v === 'number' || v === true) parts.push(`${k}=${String(v)}`);
  }
  return parts.join(':');
}

/** "Hainan (海南)" from a region's English name and short (or full) Chinese name; the code otherwise. */
export function regionLabel(r: RegionRow | undefined, code: string): string {
  if (!r) return code;
  const short = typeof r.attributes?.shortZh === 'string' ? r.attributes.shortZh : r.nameZh ?? null;
  const en = r.nameEn ?? null;
  if (en && short) return `${en} (${short})`;
  return en ?? short ?? code;
}

/**
 * The boundary layer to use: `layer` when given, else the project's default layer (meta
 * `default_layer`), else the first one.
 * @throws InputError `no-geometry` when the project has no boundaries, `unknown-layer` naming the layers it has.
 */
export function chooseLayer(store: ProjectStore, layer?: string): string {
  const layers = store.listLayers();
  if (layers.length === 0) throw new InputError('weights-no-geometry', 'This project has no boundaries yet. Import a GeoJSON or shapefile first.');
  const preferred = store.getMeta(DEFAULT_LAYER_KEY);
  const chosen = layer ?? (preferred && layers.includes(preferred) ? preferred : layers[0]);
  if (!layers.includes(chosen)) {
    throw new InputError('weights-unknown-layer', `There is no boundary layer "${chosen}"; the project has ${layers.map((l) => `"${l}"`).join(', ')}.`, { layer: chosen, layers, layerList: layers.map((l) => `"${l}"`).join(', ') });
  }
  return chosen;
}

/**
 * The project's boundary layer as a `GeometrySet` keyed by region code.
 * @throws InputError `no-geometry`, `unknown-layer`.
 */
export function layerGeometry(store: ProjectStore, layer?: string): GeometrySet {
  const chosen = chooseLayer(store, layer);
  const fc = store.getGeometryCollection(chosen);
  return {
    source: `layer "${chosen}"`,
    key: 'code',
    lonLat: true,
    features: fc.features.map((f) => ({
      id: String(f.properties?.code ?? f.id),
      geometry: f.geometry as Geometry,
      properties: f.properties ?? {},
    })),
  };
}

/** The weights channels. */
export function createWeightsHandlers(ctx: AppWeightsContext): WeightsHandlers {
  const view = (store: ProjectStore, name: string, w: SpatialWeights, specText: string, warnings: readonly string[], layer?: string): WeightsView => {
    const s = summarizeWeights(w);
    const regions = new Map(store.listRegions().map((r) => [r.code, r]));
    const label = (code: string): string => regionLabel(regions.get(code), code);
    const centroids: Record<string, [number, number]> = {};
    if (store.listLayers().length > 0) {
      const g = layerGeometry(store, layer);
      const p = featureCentroids(g.features, g.lonLat);
      p.ids.forEach((id, i) => { centroids[id] = [p.x[i], p.y[i]]; });
    }
    return {
      name,
      specText,
      transformation: w.transformation,
      n: s.n,
      nonzeros: s.nonzeros,
      percentNonzero: s.percentNonzero,
      minNeighbors: s.minNeighbors,
      meanNeighbors: s.meanNeighbors,
      maxNeighbors: s.maxNeighbors,
      symmetric: s.symmetric,
      islands: [...s.islands],
      islandNotes: s.islands.map((id) => `${label(id)} has no neighbours.`),
      componentSizes: s.components.map((c) => c.length),
      histogram: [...s.histogram],
      links: linksOfSpecText(specText),
      ids: [...w.ids],
      neighbors: w.toNeighborLists(),
      centroids,
      warnings: warnings.filter((m) => !/have no neighbours \(islands/.test(m)),
    };
  };

  const load = (store: ProjectStore, name: string): { weights: SpatialWeights; specText: string } => {
    const { weights, specText } = loadWeightsFromProject(store, name);
    return { weights, specText: specText ?? storedSpecText(store.getWeights(name)?.spec) };
  };

  return {
    'weights:list': async () => {
      const store = ctx.store();
      return store.listWeights().map((m) => ({ name: m.name, specText: storedSpecText(m.spec), n: m.n }));
    },
    'weights:build': async ({ name, spec, layer }) => {
      const store = ctx.store();
      const text = specTextOf(spec);
      const geometry = layerGeometry(store, layer);
      const panel = spec.type === 'econ' ? store.readPanel() : undefined;
      const built = buildWeights(text, { geometry, panel });
      saveWeightsToProject(store, name, built.weights, built.specText);
      return view(store, name, built.weights, built.specText, built.warnings, layer);
    },
    'weights:get': async ({ name, layer }) => {
      const store = ctx.store();
      const { weights, specText } = load(store, name);
      return view(store, name, weights, specText, [], layer);
    },
    'weights:addLink': async ({ name, a, b, newName }) => {
      const store = ctx.store();
      const { weights, specText } = load(store, name);
      const regions = new Map(store.listRegions().map((r) => [r.code, r]));
      if (a !== b && weights.indexOf(a) >= 0 && weights.indexOf(b) >= 0 && weights.get(a, b) !== 0) {
        throw new InputError('weights-link-exists', `${regionLabel(regions.get(a), a)} and ${regionLabel(regions.get(b), b)} are already neighbours in "${name}".`, { a, b, labelA: regionLabel(regions.get(a), a), labelB: regionLabel(regions.get(b), b), name });
      }
      const linked = weights.original().withLinks([[a, b]]).transform(weights.transformation);
      const nextSpec = withLinkInSpecText(specText, a, b);
      const target = newName ?? `${name}+link`;
      saveWeightsToProject(store, target, linked, nextSpec);
      return view(store, target, linked, nextSpec, []);
    },
    'weights:import': async ({ name, file, std }) => {
      const store = ctx.store();
      const raw = await readUploaded(file, ctx.allowPaths);
      const w = matchRegions(raw, store.listRegions(), fileName(file)).transform(STANDARDIZATIONS[std as Standardization]);
      const specText = `file:${fileName(file)}:std=${std}`;
      saveWeightsToProject(store, name, w, specText);
      return view(store, name, w, specText, []);
    },
    'weights:export': async ({ name, format }) => {
      const store = ctx.store();
      const { weights, specText } = load(store, name);
      const safe = name.replace(/[^\p{L}\p{N}_.+-]+/gu, '_');
      let text: string;
      let mime = 'text/plain';
      switch (format) {
        case 'gal': text = toGal(weights.original(), { name: safe, key: 'code' }); break;
        case 'gwt': text = toGwt(weights, { name: safe, key: 'code' }); break;
        case 'json': text = JSON.stringify(toJson(weights, specText), null, 2) + '\n'; mime = 'application/json'; break;
        case 'csv': text = toDenseCsv(weights, 'code'); mime = 'text/csv'; break;
      }
      return { fileName: `${safe}.${format}`, mime, dataBase64: Buffer.from(text, 'utf8').toString('base64') };
    },
  };
}

function fileName(f: FileRef): string {
  return 'path' in f ? basename(f.path) : f.name;
}

/**
 * Read a weights file given by path (desktop) or uploaded bytes (web; written to a private
 * temporary folder under its own name so the format follows the extension).
 * @throws InputError `paths-not-allowed` in web mode; the readers' errors.
 */
async function readUploaded(f: FileRef, allowPaths: boolean): Promise<SpatialWeights> {
  if ('path' in f) {
    if (!allowPaths) throw new InputError('app-paths-not-allowed-file', 'In the browser, choose the file to upload instead of giving a path.', { path: f.path });
    return readWeightsFile(f.path);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rwb-weights-'));
  try {
    const path = join(dir, basename(f.name));
    writeFileSync(path, Buffer.from(f.dataBase64, 'base64'));
    return await readWeightsFile(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * W with its ids turned into the project's region codes: an id matches a code, an English
 * name, a Chinese name or short name (case-insensitive). Order: by code.
 * @throws InputError `unknown-id` naming the file's ids that match no region (up to 5).
 */
export function matchRegions(w: SpatialWeights, regions: readonly RegionRow[], source: string): SpatialWeights {
  const lookup = new Map<string, string>();
  const put = (key: unknown, code: string): void => {
    if (typeof key === 'string' && key !== '' && !lookup.has(key.toLowerCase())) lookup.set(key.toLowerCase(), code);
  };
  for (const r of regions) put(r.code, r.code);
  for (const r of regions) { put(r.nameEn, r.code); put(r.nameZh, r.code); put(r.attributes?.shortZh, r.code); }
  const codes = w.ids.map((id) => lookup.get(id.toLowerCase()));
  const unknown = w.ids.filter((_, i) => codes[i] === undefined);
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((s) => `"${s}"`).join(', ');
    throw new InputError('weights-import-unknown-ids', `${source}: ${unknown.length} region id(s) match no region of the project: ${shown}${unknown.length > 5 ? ', …' : ''}.`, { ids: unknown.slice(0, 20), source, count: unknown.length, shown, ellipsis: unknown.length > 5 ? ', …' : '' });
  }
  const byOld = new Map(w.ids.map((id, i) => [id, codes[i] as string]));
  const ids = [...new Set(codes as string[])];
  if (ids.length !== codes.length) throw new InputError('weights-import-duplicate-id', `${source}: two ids of the file name the same region.`, { source });
  ids.sort();
  const entries = w.original().entries().map((e) => ({ i: byOld.get(e.i) as string, j: byOld.get(e.j) as string, value: e.value }));
  return fromEntries(ids, entries);
}
