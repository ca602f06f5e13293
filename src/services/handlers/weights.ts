/**
 * Handlers of the weights channels (src/contract/weights.ts) over the open project: build W
 * from the builder's spec on a boundary layer (services/inputs), open saved matrices, add manual links as a new version whose spec records
 * the link, and import/export weights files. Islands are reported as sentences naming the
 * region in English and Chinese, e.g. "Hainan (海南) has no neighbours."
 */
import type { WeightsIoWarning } from '../../weights/io/common';
import { resolveUploadRef, type UploadStore } from '../import/uploads';
import { insideFileRoots, type FileRoots } from '../projects/file-roots';
import { InputError } from '../../core/errors';
import type { Handlers } from '../../contract';
import type { weightsChannels } from '../../contract/weights';
import type { ProjectStore } from '../../store/project-store';
import { featureCentroids } from '../../geo/centroid';
import { toDenseCsv } from '../../weights/io/dense';
import { toGal } from '../../weights/io/gal';
import { toGwt } from '../../weights/io/gwt';
import { toJson } from '../../weights/io/json';
import { SpatialWeights } from '../../weights/spatial-weights';
import { runInWorker } from '../jobs/run-in-worker';
import type { WeightsTriplets } from '../jobs/tasks';
import { summarizeWeights } from '../../weights/summary';
import {
  STANDARDIZATIONS, loadWeightsFromProject, saveWeightsToProject,
} from '../weights/weights-service';
import { buildProjectWeights, projectGeometry, type InputWarning } from '../inputs/project-inputs';
import {
  fileName, linksOfSpecText, matchRegions, regionLabel, storedSpecText, weightsSpecOf, withLinkInSpecText,
} from '../weights/project-weights';

type WeightsChannel = keyof typeof weightsChannels;
/** The handlers of the weights channels. */
export type WeightsHandlers = Pick<Handlers, WeightsChannel>;
type WeightsView = Awaited<ReturnType<Handlers['weights:get']>>;

/** What the weights handlers need from the app service. */
export interface AppWeightsContext {
  /** The open project. @throws InputError `no-project` when none is open. */
  readonly store: () => ProjectStore;
  /** Whether requests may name local files by path (desktop) instead of uploading bytes. */
  readonly allowPaths: FileRoots;
  /** The service's chunked uploads (`{ upload, name }` references). */
  readonly uploads?: UploadStore;
}

/** The weights channels. */
export function createWeightsHandlers(ctx: AppWeightsContext): WeightsHandlers {
  const view = (store: ProjectStore, name: string, w: SpatialWeights, specText: string, warnings: readonly InputWarning[], layer?: string): WeightsView => {
    const s = summarizeWeights(w);
    // Islands are shown as islandNotes, one sentence per region.
    const shown = warnings.filter((x) => x.code !== 'weights-islands');
    const regions = new Map(store.listRegions().map((r) => [r.code, r]));
    const label = (code: string): string => regionLabel(regions.get(code), code);
    const centroids: Record<string, [number, number]> = {};
    if (store.listLayers().length > 0) {
      const g = projectGeometry(store, { layer });
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
      warnings: shown.map((w) => w.message),
      warningItems: shown.map((w) => ({ code: w.code, message: w.message, details: { ...w.details } })),
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
      // The same project-inputs path as `rwb weights --geometry project.rwb`.
      const built = buildProjectWeights(store, { spec: weightsSpecOf(spec), layer });
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
      if ('path' in file && !insideFileRoots(file.path, ctx.allowPaths)) throw new InputError('app-paths-not-allowed-file', 'In the browser, choose the file to upload instead of giving a path.', { path: file.path });
      // The file is decoded and parsed in the job worker; only its triplets come back.
      let t: WeightsTriplets;
      try {
        t = await runInWorker('weights-read', { file: resolveUploadRef(file, ctx.uploads) });
      } finally {
        // Read once: the file input forgets the choice, so a retry uploads again.
        if ('upload' in file) ctx.uploads?.release(file.upload);
      }
      // A GAL/GWT that numbers its regions 1…n (GeoDa, spdep, and ours when codes hold spaces)
      // is read as positions in the project's region order, the order the app writes them in.
      const regions = store.listRegions();
      const warnings: WeightsIoWarning[] = [];
      const ids = positionsAsCodes(t.ids, regions.map((r) => r.code), fileName(file), warnings);
      const raw = SpatialWeights.fromTriplets(ids, t.rows, t.cols, t.values);
      const w = matchRegions(raw, store.listRegions(), fileName(file)).transform(STANDARDIZATIONS[std]);
      const specText = `file:${fileName(file)}:std=${std}`;
      saveWeightsToProject(store, name, w, specText);
      return view(store, name, w, specText, warnings);
    },
    'weights:export': async ({ name, format }) => {
      const store = ctx.store();
      const { weights, specText } = load(store, name);
      const safe = name.replace(/[^\p{L}\p{N}_.+-]+/gu, '_');
      let text: string;
      let mime = 'text/plain';
      const warnings: WeightsIoWarning[] = [];
      const onWarning = (w: WeightsIoWarning) => { warnings.push(w); };
      switch (format) {
        case 'gal': text = toGal(weights.original(), { name: safe, key: 'code', onWarning }); break;
        case 'gwt': text = toGwt(weights, { name: safe, key: 'code', onWarning }); break;
        case 'json': text = JSON.stringify(toJson(weights, specText), null, 2) + '\n'; mime = 'application/json'; break;
        case 'csv': text = toDenseCsv(weights, 'code'); mime = 'text/csv'; break;
      }
      return { fileName: `${safe}.${format}`, mime, dataBase64: Buffer.from(text, 'utf8').toString('base64'), warnings };
    },
  };
}

/**
 * The file's ids as region codes when the file numbers its regions 1…n over a project of n
 * regions and none of its ids is a region code (then `warnings` gets `weights-file-positions`);
 * otherwise the ids as they are (matched by code or name later).
 */
function positionsAsCodes(fileIds: readonly string[], codes: readonly string[], source: string, warnings: WeightsIoWarning[]): readonly string[] {
  const n = codes.length;
  if (fileIds.length !== n || n === 0) return fileIds;
  const known = new Set(codes);
  if (fileIds.some((id) => known.has(id) || !/^[1-9][0-9]*$/.test(id) || Number(id) > n)) return fileIds;
  warnings.push({
    code: 'weights-file-positions',
    message: `${source} numbers its regions 1–${n}: they are taken as positions in the data's region order ("1" = "${codes[0]}").`,
    details: { source, n, named: '', first: codes[0] },
  });
  return fileIds.map((id) => codes[Number(id) - 1]);
}
