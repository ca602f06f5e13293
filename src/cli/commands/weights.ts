/**
 * `rwb weights`: build a spatial weights matrix from boundaries (and a panel for economic
 * distance), print it as the contract JSON or a summary, write it to a file and/or save it in
 * a project.
 */
import { existsSync } from 'node:fs';
import type { GeometrySet } from '../../geo/geometry';
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import { panelRegions } from '../../core/panel';
import { openProject, type ProjectStore } from '../../services/io/project-file';
import type { Points } from '../../geo/centroid';
import { summarizeWeights } from '../../weights/summary';
import {
  buildWeights, parseLinks, parseWeightsSpec, resolveAnalysisWeights, saveWeightsToProject, STANDARDIZATIONS, WEIGHTS_TYPES, weightsToJson,
  writeWeightsFile, type AnalysisWeights, type WeightsSpec,
} from '../../services/weights/weights-service';
import { optChoice, optFlag, optNumber, optString, optStrings, resolvePath, UsageError } from '../args';
import type { CliArgs, CliCommand, CliIo, CliOptions } from '../command';
import { buildProjectWeights, projectGeometry } from '../../services/inputs/project-inputs';
import { GEOMETRY_OPTIONS, GEOMETRY_USAGE, geometryFromArgs, PANEL_OPTIONS, PANEL_USAGE, panelFromArgs } from '../inputs';
import { formatNumber, formatTable, printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

/** The spec from `--spec` or from `--type` and its option flags. */
function specFromArgs(args: CliArgs): WeightsSpec {
  const text = optString(args, 'spec');
  const links = optStrings(args, 'link').flatMap((l) => parseLinks(l));
  const std = optChoice(args, 'std', Object.keys(STANDARDIZATIONS) as WeightsSpec['std'][]);
  if (text !== undefined) {
    if (optString(args, 'type') !== undefined) throw new UsageError('give either --spec or --type, not both');
    const s = parseWeightsSpec(text);
    return { ...s, std: std ?? s.std, links: [...s.links, ...links] };
  }
  const type = optChoice(args, 'type', WEIGHTS_TYPES);
  if (type === undefined) throw new UsageError(`missing required option --type (${WEIGHTS_TYPES.join('|')}) or --spec`);
  const parts: string[] = [type];
  const num = (name: string, key = name, integer = false): void => {
    const v = optNumber(args, name, { integer });
    if (v !== undefined) parts.push(`${key}=${v}`);
  };
  num('k', 'k', true); num('power'); num('order', 'order', true); num('from', 'from', true); num('to', 'to', true);
  const snap = optString(args, 'snap');
  if (snap !== undefined) parts.push(`snap=${snap}`);
  const km = optString(args, 'km') ?? optString(args, 'bandwidth');
  if (km !== undefined) parts.push(`km=${km}`);
  const kernel = optString(args, 'kernel');
  if (kernel !== undefined) parts.push(`kernel=${kernel}`);
  const v = optString(args, 'var');
  if (v !== undefined) parts.push(`var=${v}`);
  const metric = optString(args, 'metric');
  if (metric !== undefined) parts.push(`metric=${metric}`);
  if (optFlag(args, 'cumulative')) parts.push('cumulative=true');
  if (type === 'knn' && optString(args, 'k') === undefined) parts.push('k=4');
  const s = parseWeightsSpec(parts.join(':'));
  return { ...s, std: std ?? 'row', links };
}

/**
 * Boundaries from `--geometry`: a file, or a project `.rwb` (ids from `--key`, default `code`).
 * @throws UsageError / InputError as `geometryFromArgs`.
 */
async function geometryInput(args: CliArgs, io: CliIo): Promise<GeometrySet> {
  const project = geometryProject(args, io);
  if (project === undefined) return geometryFromArgs(args, io);
  return withGeometryProject(project, (store) => projectGeometry(store, { key: optString(args, 'key'), layer: optString(args, 'layer') }));
}

/** The project file named by `--geometry p.rwb`, or undefined for a boundary file. @throws InputError `file-not-found`. */
function geometryProject(args: CliArgs, io: CliIo): string | undefined {
  const file = optString(args, 'geometry');
  if (file === undefined || !file.toLowerCase().endsWith('.rwb')) return undefined;
  const path = resolvePath(io, file);
  if (!existsSync(path)) throw new InputError('cli-file-not-found', `${file}: file not found.`, { file });
  return path;
}

/** `use` on the project at `path`, opened read-only and closed afterwards. */
function withGeometryProject<T>(path: string, use: (store: ProjectStore) => T): T {
  const store = openProject(path, { readonly: true });
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** Points from `--coords LON,LAT`: geometry attributes first, then panel columns. */
function pointsFromArgs(args: CliArgs, geometry: GeometrySet | undefined, panel: LongPanel | undefined): Points | undefined {
  const coords = optString(args, 'coords');
  if (coords === undefined) return undefined;
  const [lonCol, latCol] = coords.split(',').map((s) => s.trim());
  if (!lonCol || !latCol) throw new UsageError(`option --coords must be LONCOL,LATCOL, got "${coords}"`);
  if (geometry && geometry.features.length > 0 && lonCol in geometry.features[0].properties && latCol in geometry.features[0].properties) {
    const f = geometry.features;
    return { ids: f.map((x) => x.id), x: Float64Array.from(f, (x) => Number(x.properties[lonCol])), y: Float64Array.from(f, (x) => Number(x.properties[latCol])), lonLat: true };
  }
  if (panel && panel.values[lonCol] && panel.values[latCol]) {
    const ids = panelRegions(panel);
    const pos = new Map(ids.map((id, i) => [id, i]));
    const x = new Float64Array(ids.length).fill(NaN), y = new Float64Array(ids.length).fill(NaN);
    panel.ids.forEach((id, r) => {
      const i = pos.get(id) as number;
      if (Number.isNaN(x[i]) && Number.isFinite(panel.values[lonCol][r]) && Number.isFinite(panel.values[latCol][r])) {
        x[i] = panel.values[lonCol][r]; y[i] = panel.values[latCol][r];
      }
    });
    return { ids, x, y, lonLat: true };
  }
  throw new InputError(panel ? 'cli-unknown-coords-columns-or-panel' : 'cli-unknown-coords-columns', `--coords: no columns "${lonCol}" and "${latCol}" in the geometry attributes${panel ? ' or the panel' : ''}.`, { columns: [lonCol, latCol], lonCol, latCol });
}

/**
 * Options every analysis command (moran, sdm, …) spreads to take W: `--weights FILE` or
 * `--weights-spec SPEC` (built over `--geometry --key`), plus `--coords LON,LAT`.
 * Geometry options come from `GEOMETRY_OPTIONS`.
 */
export const WEIGHTS_OPTIONS: CliOptions = Object.freeze({
  weights: { type: 'string' },
  'weights-spec': { type: 'string' },
  coords: { type: 'string' },
});

/** Help lines for `WEIGHTS_OPTIONS`. */
export const WEIGHTS_USAGE = [
  '  --weights FILE      spatial weights file: .gal, .gwt, .kwt, .json (rwb weights), .csv/.xlsx matrix',
  '  --weights-spec SPEC W built from --geometry: queen, rook, knn:k=4, idw:power=1, idw:power=2,',
  '                      band:km=500, econ:var=gsp; add :std=row (default) or :std=none,',
  '                      :links=Hainan|Guangdong for manual links',
  '  --coords LON,LAT    point columns (e.g. capitals) instead of polygon centroids',
].join('\n');

/**
 * W for an analysis over the panel's regions from `--weights` or `--weights-spec` (with
 * `--geometry --key`); warnings (geometry without data, islands) go to stderr.
 * @throws UsageError when neither or both are given, or a spec lacks `--geometry`;
 *   InputError from reading or building W.
 */
export async function weightsFromArgs(args: CliArgs, io: CliIo, panel: LongPanel): Promise<AnalysisWeights> {
  const file = optString(args, 'weights');
  const spec = optString(args, 'weights-spec');
  if ((file === undefined) === (spec === undefined)) {
    throw new UsageError('give the spatial weights with --weights FILE or --weights-spec SPEC (with --geometry and --key)');
  }
  let geometry: GeometrySet | undefined;
  if (spec !== undefined) {
    const needsGeometry = !spec.trim().toLowerCase().startsWith('econ') && optString(args, 'coords') === undefined;
    if (optString(args, 'geometry') !== undefined) geometry = await geometryInput(args, io);
    else if (needsGeometry) throw new UsageError('--weights-spec needs --geometry FILE and --key FIELD (the boundaries to build W from)');
  }
  const points = pointsFromArgs(args, geometry, panel);
  const w = await resolveAnalysisWeights({
    ...(file !== undefined ? { file: resolvePath(io, file) } : { spec }),
    ids: panelRegions(panel), geometry, panel, points,
  });
  for (const m of w.warnings) warn(io, m.message);
  return w;
}

export const command: CliCommand = {
  name: 'weights',
  summary: SUMMARIES.weights,
  usage: [
    'Usage: rwb weights --geometry FILE --key FIELD --type queen|rook|knn|idw|band|kernel|econ|nested',
    '         [--k 4] [--power 1] [--km 500|min] [--std row|none|binary|spectral|minmax]',
    '         [--link "Hainan|Guangdong" ...] [--out w.gal|w.gwt|w.kwt|w.json|w.csv|w.xlsx] [--json]',
    '       rwb weights --geometry FILE --key FIELD --spec "knn:k=4:std=none" ...',
    '',
    'Builds W over the geometry regions (sorted by id), or over the panel regions when --panel is',
    'given. Distances are great-circle km between area-weighted centroids (or --coords points).',
    'Row standardisation is the default. Islands (regions without neighbours) are reported.',
    '',
    'Options:',
    GEOMETRY_USAGE,
    '  --type TYPE         queen, rook (contiguity), knn, band (distance band), idw (inverse',
    '                      distance), kernel, econ (1/|mean_i - mean_j|), nested (idw x econ)',
    '  --spec SPEC         the whole spec in one string, as --weights-spec elsewhere',
    '  --k N               knn: neighbours (default 4); kernel: adaptive bandwidth k',
    '  --power A           idw/nested: 1/d^A (default 1)',
    '  --km D|min          band/idw: distance band in km (min = smallest band without islands);',
    '                      kernel: fixed bandwidth',
    '  --kernel NAME       triangular (default), epanechnikov, quartic, gaussian',
    '  --order N           contiguity order (2 = neighbours of neighbours); --cumulative adds lower orders',
    '  --snap EPS          contiguity: vertices closer than EPS count as shared (coordinate units,',
    '                      or metres with an m suffix, e.g. --snap 50m)',
    '  --metric M          knn on lon/lat: great-circle (default) or ellipsoid (as spdep::knearneigh)',
    '  --std S             row (default), none, binary, spectral, minmax',
    '  --link "A|B"        manual link between regions A and B (repeatable; "A|B;C|D" also works)',
    '  --coords LON,LAT    point columns (geometry attributes or panel) instead of centroids',
    PANEL_USAGE,
    '  --var EXPR          econ/nested: the variable whose mean defines economic distance',
    '  --from YEAR --to YEAR  econ/nested: period of the mean (default: all)',
    '  --out FILE          write W: .gal, .gwt, .kwt, .json, .csv or .xlsx (dense matrix)',
    '                      (--geometry may also be a project .rwb: its boundaries, ids = --key, default code)',
    '  --project P.rwb     save W in a project file under --name (default: the spec text)',
    '  --name NAME         name of the saved matrix',
    '  --json              print { n, ids, neighbors, weights, islands, mean_neighbors, ... }',
    '',
    'Example: rwb weights --geometry us48.shp --key STATE_NAME --type queen --json',
  ].join('\n'),
  options: {
    ...GEOMETRY_OPTIONS,
    ...PANEL_OPTIONS,
    type: { type: 'string' },
    spec: { type: 'string' },
    k: { type: 'string' },
    power: { type: 'string' },
    km: { type: 'string' },
    bandwidth: { type: 'string' },
    kernel: { type: 'string' },
    order: { type: 'string' },
    cumulative: { type: 'boolean' },
    snap: { type: 'string' },
    metric: { type: 'string' },
    std: { type: 'string' },
    link: { type: 'string', multiple: true },
    coords: { type: 'string' },
    var: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    project: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args: CliArgs, io: CliIo) {
    const spec = specFromArgs(args);
    const geometry = optString(args, 'geometry') !== undefined ? await geometryInput(args, io) : undefined;
    const panel = optString(args, 'panel') !== undefined ? await panelFromArgs(args, io) : undefined;
    if (!geometry && spec.type !== 'econ' && optString(args, 'coords') === undefined) {
      throw new UsageError('missing required option --geometry (the boundaries to build W from)');
    }
    const points = pointsFromArgs(args, geometry, panel);
    const ids = panel ? panelRegions(panel) : undefined;
    // A project's boundaries go through the project-inputs module, as the app's Weights tab does.
    const geometryFile = geometryProject(args, io);
    const built = geometryFile !== undefined
      ? withGeometryProject(geometryFile, (store) => buildProjectWeights(store, { spec, key: optString(args, 'key'), layer: optString(args, 'layer'), ids, panel, points }))
      : buildWeights(spec, { geometry, points, panel, ids });
    for (const m of built.warnings) warn(io, m.message);
    const w = built.weights;
    const out = optString(args, 'out');
    if (out !== undefined) {
      const written = await writeWeightsFile(resolvePath(io, out), w, { key: geometry?.key ?? optString(args, 'key'), specText: built.specText });
      for (const m of written) warn(io, m.message);
    }
    const project = optString(args, 'project');
    if (project !== undefined) {
      const path = resolvePath(io, project);
      const store = openProject(path, { create: !existsSync(path) });
      try {
        saveWeightsToProject(store, optString(args, 'name') ?? built.specText, w, built.specText);
      } finally {
        store.close();
      }
    }
    if (optFlag(args, 'json')) {
      printJson(io, weightsToJson(w, built.specText));
      return 0;
    }
    const s = summarizeWeights(w);
    io.stdout(`W: ${built.specText} over ${s.n} regions (transformation ${w.transformation})\n\n`);
    io.stdout(formatTable(['statistic', 'value'], [
      ['regions', s.n],
      ['nonzero weights', s.nonzeros],
      ['% nonzero', formatNumber(s.percentNonzero, 4)],
      ['neighbours min / mean / max', `${s.minNeighbors} / ${formatNumber(s.meanNeighbors, 4)} / ${s.maxNeighbors}`],
      ['islands', s.islands.length ? s.islands.join(', ') : 'none'],
      ['symmetric', s.symmetric ? 'yes' : 'no'],
      ['connected components', s.components.length],
    ]));
    io.stdout('\nneighbours  regions\n');
    s.histogram.forEach((count, c) => { if (count > 0) io.stdout(`${String(c).padStart(10)}  ${count}\n`); });
    if (out !== undefined) io.stdout(`\nwritten to ${out}\n`);
    return 0;
  },
};
