/**
 * Weights service: build W from a spec over boundaries (and a panel for economic distance),
 * read and write weights files, save and load matrices in a project with the spec that
 * built them. The CLI (`rwb weights`, `--weights`, `--weights-spec`), the app and the web
 * server all come through here.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { extname, basename } from 'node:path';
import { InputError } from '../../core/errors';
import type { GeometrySet } from '../../geo/geometry';
import type { LongPanel } from '../../core/panel';
import { evaluateExpression } from '../../core/expressions';
import type { ProjectStore } from '../../store/project-store';
import { featureCentroids, type Points } from '../../geo/centroid';
import { buildContiguity } from '../../weights/contiguity';
import { buildDistanceBand, buildInverseDistance, buildKernel, buildKnn, minThresholdNoIsland, type KernelName } from '../../weights/distance-weights';
import { buildEconomicDistance, nestedEconomicGeographic } from '../../weights/economic';
import { distanceFn } from '../../geo/distance';
import { fromGal, toGal } from '../../weights/io/gal';
import { fromGwt, fromKwt, toGwt } from '../../weights/io/gwt';
import { toJson, type WeightsJson } from '../../weights/io/json';
import { fromDenseTable, toDenseCsv, toDenseTable } from '../../weights/io/dense';
import type { WeightsReadOptions } from '../../weights/io/common';
import { fromEntries, isTransformation, type SpatialWeights, type Transformation } from '../../weights/spatial-weights';
import { quoteList } from '../../core/ids';
import { readTable } from '../io/table-reader';
import type { InputWarning } from '../inputs/warnings';
import {
  DISTANCE_METRICS, KERNEL_NAMES, WEIGHTS_FILE_EXTENSIONS, WEIGHTS_STANDARDIZATIONS, WEIGHTS_TYPES, type Standardization, type WeightsType,
} from '../../contract/constants';

export { WEIGHTS_TYPES, type Standardization, type WeightsType } from '../../contract/constants';

/** Standardisations by name (`:std=`, `WEIGHTS_STANDARDIZATIONS`), mapped to transformation codes. */
export const STANDARDIZATIONS: Readonly<Record<Standardization, Transformation>> = Object.freeze({
  row: 'R', none: 'O', binary: 'B', spectral: 'S', minmax: 'M',
});

/** The engine's kernel names are the contract's (checked here, where both are in view). */
const KERNELS: readonly KernelName[] = KERNEL_NAMES;
const _kernelsAgree: KernelName extends (typeof KERNEL_NAMES)[number] ? true : never = true;
void _kernelsAgree;

/** A parsed weights spec. Distances are km on lon/lat (and on projected data in metres). */
export interface WeightsSpec {
  readonly type: WeightsType;
  /** knn: number of neighbours; kernel: adaptive k. */
  readonly k?: number;
  /** idw / nested: distance decay exponent (default 1). */
  readonly power?: number;
  /** band: threshold (km); idw / kernel: band or fixed bandwidth (km). `min` = no-island threshold. */
  readonly km?: number | 'min';
  /** queen / rook: contiguity order (default 1) and whether lower orders are included. */
  readonly order?: number;
  readonly cumulative?: boolean;
  /** queen / rook: snap tolerance in coordinate units (default 0), or in metres when `snapMetres`. */
  readonly snap?: number;
  /** `snap=50m`: the tolerance is in metres (converted to degrees on lon/lat, 1° = 111.32 km). */
  readonly snapMetres?: boolean;
  /** kernel: function (default triangular). */
  readonly kernel?: KernelName;
  /** econ / nested: variable (column or expression) and the period range of its mean. */
  readonly var?: string;
  readonly from?: number;
  readonly to?: number;
  /** knn on lon/lat: neighbour ranking (default great-circle). */
  readonly metric?: 'great-circle' | 'ellipsoid';
  /** Standardisation (default row). */
  readonly std: Standardization;
  /** Manual links, added symmetrically before standardisation (weight 1; 1/d^α for idw). */
  readonly links: readonly (readonly [string, string])[];
}

const NUMBER_KEYS = new Set(['k', 'power', 'order', 'from', 'to']);

/**
 * Parse a spec such as `queen`, `rook:order=2`, `knn:k=4`, `idw:power=2`, `idw:power=1:km=800`,
 * `band:km=500`, `band:km=min`, `kernel:kernel=gaussian:k=6`, `econ:var=gsp`,
 * `econ:var=log(gdp/pop):from=2008:to=2012`, `nested:var=gsp:power=1`, each optionally with
 * `:std=row|none|binary|spectral|minmax` and `:links=Hainan|Guangdong;A|B`.
 * @throws InputError `weights-bad-manual-link` / `weights-spec-bad-kernel` / `weights-spec-bad-metric` / `weights-spec-bad-snap` … naming the unknown type, key or value.
 */
export function parseWeightsSpec(text: string): WeightsSpec {
  const parts = text.trim().split(':').map((s) => s.trim());
  const type = parts[0].toLowerCase();
  if (!(WEIGHTS_TYPES as readonly string[]).includes(type)) {
    throw new InputError('weights-spec-unknown-type', `Unknown weights type "${parts[0]}" in "${text}"; use ${WEIGHTS_TYPES.join(', ')}.`, { spec: text, type: parts[0], types: WEIGHTS_TYPES.join(', ') });
  }
  const out: Record<string, unknown> = { type, std: 'row', links: [] };
  for (const p of parts.slice(1)) {
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) throw new InputError('weights-spec-expected-key-value', `Weights spec "${text}": expected key=value, got "${p}".`, { spec: text, part: p });
    const key = p.slice(0, eq).trim().toLowerCase(), value = p.slice(eq + 1).trim();
    if (NUMBER_KEYS.has(key)) {
      const v = Number(value);
      if (value === '' || !Number.isFinite(v)) throw new InputError('weights-spec-not-number', `Weights spec "${text}": ${key} must be a number, got "${value}".`, { spec: text, key, value });
      out[key] = v;
    } else if (key === 'km' || key === 'bandwidth' || key === 'band') {
      const v = Number(value);
      if (value !== 'min' && (value === '' || !Number.isFinite(v))) throw new InputError('weights-spec-not-number-or-min', `Weights spec "${text}": ${key} must be a number or "min", got "${value}".`, { spec: text, key, value });
      out.km = value === 'min' ? 'min' : v;
    } else if (key === 'snap') {
      const m = /^([0-9]*\.?[0-9]+(?:e-?[0-9]+)?)\s*(m?)$/i.exec(value);
      if (!m) throw new InputError('weights-spec-bad-snap', `Weights spec "${text}": snap must be a number (coordinate units) or metres like 50m, got "${value}".`, { spec: text, value });
      out.snap = Number(m[1]);
      if (m[2] !== '') out.snapMetres = true;
    } else if (key === 'std') {
      if (!(WEIGHTS_STANDARDIZATIONS as readonly string[]).includes(value)) throw new InputError('weights-spec-bad-std', `Weights spec "${text}": std must be one of ${WEIGHTS_STANDARDIZATIONS.join(', ')}, got "${value}".`, { spec: text, choices: WEIGHTS_STANDARDIZATIONS.join(', '), value });
      out.std = value;
    } else if (key === 'links' || key === 'link') {
      out.links = parseLinks(value);
    } else if (key === 'var') {
      out.var = value;
    } else if (key === 'kernel') {
      if (!(KERNELS as readonly string[]).includes(value)) throw new InputError('weights-spec-bad-kernel', `Weights spec "${text}": kernel must be triangular, epanechnikov, quartic or gaussian, got "${value}".`, { spec: text, value });
      out.kernel = value;
    } else if (key === 'cumulative') {
      out.cumulative = value === 'true' || value === '1' || value === 'yes';
    } else if (key === 'metric') {
      if (!(DISTANCE_METRICS as readonly string[]).includes(value)) throw new InputError('weights-spec-bad-metric', `Weights spec "${text}": metric must be great-circle or ellipsoid, got "${value}".`, { spec: text, value });
      out.metric = value;
    } else {
      throw new InputError('weights-spec-unknown-option', `Weights spec "${text}": unknown option "${key}".`, { spec: text, key });
    }
  }
  const spec = out as unknown as WeightsSpec;
  if (spec.type === 'knn' && spec.k === undefined) throw new InputError('weights-spec-knn-needs-k', `Weights spec "${text}": knn needs k, e.g. knn:k=4.`, { spec: text });
  if (spec.type === 'band' && spec.km === undefined) throw new InputError('weights-spec-band-needs-km', `Weights spec "${text}": band needs km, e.g. band:km=500 or band:km=min.`, { spec: text });
  if ((spec.type === 'econ' || spec.type === 'nested') && !spec.var) throw new InputError('weights-spec-needs-var', `Weights spec "${text}": ${spec.type} needs var, e.g. ${spec.type}:var=gsp.`, { spec: text, type: spec.type });
  if (spec.type === 'kernel' && (spec.k === undefined) === (spec.km === undefined)) {
    throw new InputError('weights-spec-kernel-needs-bandwidth', `Weights spec "${text}": kernel needs either k (adaptive) or km (fixed bandwidth).`, { spec: text });
  }
  return spec;
}

/**
 * Manual links `A|B;C|D` (also `A-B` is not accepted: ids may hold dashes).
 * @throws InputError `weights-bad-manual-link` / `weights-spec-bad-kernel` / `weights-spec-bad-metric` / `weights-spec-bad-snap` … for a link that is not two ids separated by `|`.
 */
export function parseLinks(text: string): [string, string][] {
  return text.split(';').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    const ab = s.split('|').map((x) => x.trim());
    if (ab.length !== 2 || ab[0] === '' || ab[1] === '') throw new InputError('weights-bad-manual-link', `A manual link must be two region ids separated by "|", e.g. "Hainan|Guangdong"; got "${s}".`, { link: s });
    return [ab[0], ab[1]];
  });
}

/** The canonical text of a spec (what is stored with a matrix). */
export function formatWeightsSpec(spec: WeightsSpec): string {
  const parts: string[] = [spec.type];
  const add = (k: string, v: unknown): void => { if (v !== undefined) parts.push(`${k}=${String(v)}`); };
  add('k', spec.k); add('power', spec.power); add('km', spec.km); add('order', spec.order);
  if (spec.cumulative) add('cumulative', 'true');
  add('snap', spec.snap === undefined ? undefined : `${spec.snap}${spec.snapMetres ? 'm' : ''}`); add('kernel', spec.kernel); add('var', spec.var); add('from', spec.from); add('to', spec.to);
  add('metric', spec.metric);
  add('std', spec.std);
  if (spec.links.length > 0) add('links', spec.links.map((l) => `${l[0]}|${l[1]}`).join(';'));
  return parts.join(':');
}

/** Inputs for `buildWeights`. */
export interface BuildWeightsInput {
  /** Boundaries (contiguity; centroids for distances unless `points` is given). */
  readonly geometry?: GeometrySet;
  /** Regions to build W over (e.g. the panel's), in this order; default: all geometry ids sorted. */
  readonly ids?: readonly string[];
  /** User locations (e.g. provincial capitals); lon/lat when `lonLat`. */
  readonly points?: Points;
  /** Panel for `econ` / `nested`. */
  readonly panel?: LongPanel;
}

/** What `buildWeights` returns. */
export interface BuiltWeights {
  readonly weights: SpatialWeights;
  readonly spec: WeightsSpec;
  /** Canonical spec text. */
  readonly specText: string;
  /** For stderr / the UI: `geometry-without-data`, `weights-islands`. */
  readonly warnings: readonly InputWarning[];
}

/**
 * Build W from a spec. Regions are `input.ids` (which must all have geometry or points) or all
 * geometry regions sorted by id; manual links are added before standardisation.
 * @throws InputError `weights-bad-manual-link` / `weights-spec-bad-kernel` / `weights-spec-bad-metric` / `weights-spec-bad-snap` …, `weights-contiguity-needs-geometry` / `weights-needs-locations` / `weights-regions-without-geometry` naming ids without boundaries,
 *   `weights-econ-needs-panel`, `weights-econ-missing-value` (econ), and those of the builders (`bad-k`, `empty-geometry`, …).
 */
export function buildWeights(specOrText: WeightsSpec | string, input: BuildWeightsInput): BuiltWeights {
  const spec = typeof specOrText === 'string' ? parseWeightsSpec(specOrText) : specOrText;
  const warnings: InputWarning[] = [];
  const ids = selectIds(spec, input, warnings);
  let w: SpatialWeights;
  switch (spec.type) {
    case 'queen':
    case 'rook':
      w = buildContiguity(featuresFor(input, ids), { type: spec.type, snap: snapInCoordinateUnits(spec, input.geometry), order: spec.order, cumulative: spec.cumulative });
      break;
    case 'knn':
      w = buildKnn(pointsFor(input, ids), spec.k as number, { metric: spec.metric });
      break;
    case 'band': {
      const p = pointsFor(input, ids);
      w = buildDistanceBand(p, spec.km === 'min' ? minThresholdNoIsland(p) : (spec.km as number));
      break;
    }
    case 'idw': {
      const p = pointsFor(input, ids);
      const band = spec.km === undefined ? undefined : spec.km === 'min' ? minThresholdNoIsland(p) : spec.km;
      w = buildInverseDistance(p, { power: spec.power ?? 1, band });
      break;
    }
    case 'kernel': {
      const p = pointsFor(input, ids);
      w = buildKernel(p, spec.k !== undefined
        ? { kernel: spec.kernel ?? 'triangular', adaptiveK: spec.k }
        : { kernel: spec.kernel ?? 'triangular', bandwidth: spec.km === 'min' ? minThresholdNoIsland(p) : (spec.km as number) });
      break;
    }
    case 'econ':
      w = buildEconomicDistance(ids, regionMeans(spec, input.panel, ids));
      break;
    case 'nested': {
      const geo = buildInverseDistance(pointsFor(input, ids), { power: spec.power ?? 1 });
      w = nestedEconomicGeographic(geo, buildEconomicDistance(ids, regionMeans(spec, input.panel, ids)));
      break;
    }
  }
  if (spec.links.length > 0) {
    if (spec.type === 'idw') {
      // A manual link in inverse-distance W gets its own 1/d^α, not 1 (which would swamp 1/km).
      const p = pointsFor(input, ids);
      const pos = new Map(p.ids.map((id, i) => [id, i]));
      for (const link of spec.links) {
        const i = pos.get(link[0]), j = pos.get(link[1]);
        const d = i === undefined || j === undefined ? 1 : distanceFn(p.x, p.y, p.lonLat)(i, j);
        w = w.withLinks([link], { weight: d > 0 ? d ** -(spec.power ?? 1) : 1 });
      }
    } else {
      w = w.withLinks(spec.links);
    }
  }
  w = w.transform(STANDARDIZATIONS[spec.std]);
  if (w.islands.length > 0) {
    warnings.push({ code: 'weights-islands', message: `${w.islands.length} region(s) have no neighbours (islands, zero rows in W): ${quoteList(w.islands)}; add a manual link with links=A|B if that is not intended.`, details: listDetails(w.islands) });
  }
  return { weights: w, spec, specText: formatWeightsSpec(spec), warnings };
}

/** The snap tolerance in the geometry's coordinate units (metres converted when `snapMetres`). */
function snapInCoordinateUnits(spec: WeightsSpec, g: GeometrySet | undefined): number | undefined {
  if (spec.snap === undefined || !spec.snapMetres || !g) return spec.snap;
  if (g.lonLat) return spec.snap / 111_320;
  return g.units === 'km' ? spec.snap / 1000 : g.units === 'ft' ? spec.snap / 0.3048 : spec.snap;
}

/** Details of a warning naming regions: all ids, their count and the quoted list its sentence shows. */
function listDetails(ids: readonly string[]): Record<string, unknown> {
  // quoteList shows at most 5 ids, then " and N more".
  return { ids: [...ids], count: ids.length, idList: quoteList(ids.slice(0, 5)), moreCount: Math.max(0, ids.length - 5) };
}

function selectIds(spec: WeightsSpec, input: BuildWeightsInput, warnings: InputWarning[]): string[] {
  const available = input.points?.ids ?? input.geometry?.features.map((f) => f.id);
  if (available === undefined) {
    if (spec.type === 'econ' && input.ids) return [...input.ids];
    if (spec.type === 'econ' && input.panel) return [...new Set(input.panel.ids)].sort();
    throw new InputError('weights-needs-locations', `"${spec.type}" weights need boundaries (--geometry) or point coordinates.`, { type: spec.type });
  }
  if (!input.ids) return [...available].sort();
  const have = new Set(available);
  const missing = input.ids.filter((id) => !have.has(id));
  if (missing.length > 0) {
    const src = input.geometry?.source ?? 'the point coordinates';
    throw new InputError('weights-regions-without-geometry', `${missing.length} region(s) of the data have no geometry in ${src}: ${quoteList(missing)}.`, { ids: missing, count: missing.length, source: src, idList: quoteList(missing) });
  }
  const wanted = new Set(input.ids);
  const extra = available.filter((id) => !wanted.has(id)).sort();
  if (extra.length > 0) warnings.push({ code: 'weights-geometry-without-data', message: `${extra.length} geometry region(s) have no data and are left out of W: ${quoteList(extra)}.`, details: listDetails(extra) });
  return [...input.ids];
}

function featuresFor(input: BuildWeightsInput, ids: readonly string[]): GeometrySet['features'] {
  if (!input.geometry) throw new InputError('weights-contiguity-needs-geometry', 'Contiguity weights need boundaries (--geometry).');
  const byId = new Map(input.geometry.features.map((f) => [f.id, f]));
  return ids.map((id) => byId.get(id) as GeometrySet['features'][number]);
}

/** Locations of `ids`: user points, or area-weighted centroids; projected coordinates in km. */
function pointsFor(input: BuildWeightsInput, ids: readonly string[]): Points {
  if (input.points) {
    const pos = new Map(input.points.ids.map((id, i) => [id, i]));
    const idx = ids.map((id) => pos.get(id) as number);
    return { ids, x: Float64Array.from(idx, (i) => input.points?.x[i] ?? NaN), y: Float64Array.from(idx, (i) => input.points?.y[i] ?? NaN), lonLat: input.points.lonLat };
  }
  const g = input.geometry as GeometrySet;
  const p = featureCentroids(featuresFor(input, ids), g.lonLat);
  const scale = g.lonLat ? 1 : g.units === 'm' ? 1 / 1000 : g.units === 'ft' ? 0.0003048 : 1;
  if (scale === 1) return p;
  return { ids: p.ids, x: p.x.map((v) => v * scale), y: p.y.map((v) => v * scale), lonLat: false };
}

/**
 * Mean of `spec.var` per region over periods `from..to` (all periods by default), ignoring missing values.
 * @throws InputError `weights-econ-needs-panel`, `weights-econ-missing-value` naming a region without any value.
 */
function regionMeans(spec: WeightsSpec, panel: LongPanel | undefined, ids: readonly string[]): Float64Array {
  if (!panel) throw new InputError('weights-econ-needs-panel', `"${spec.type}:var=${spec.var}" weights need panel data (--panel) to average ${spec.var}.`, { type: spec.type, variable: spec.var });
  const values = evaluateExpression(panel, spec.var as string);
  const sum = new Map<string, number>(), count = new Map<string, number>();
  for (let r = 0; r < panel.ids.length; r++) {
    const t = panel.times[r], v = values[r];
    if ((spec.from !== undefined && t < spec.from) || (spec.to !== undefined && t > spec.to) || !Number.isFinite(v)) continue;
    sum.set(panel.ids[r], (sum.get(panel.ids[r]) ?? 0) + v);
    count.set(panel.ids[r], (count.get(panel.ids[r]) ?? 0) + 1);
  }
  const period = spec.from !== undefined || spec.to !== undefined ? ` in ${spec.from ?? '…'}–${spec.to ?? '…'}` : '';
  return Float64Array.from(ids, (id) => {
    const c = count.get(id);
    if (!c) throw new InputError('weights-econ-missing-value', `Region "${id}" has no value of ${spec.var}${period} to compute its economic distance.`, { id, variable: spec.var, period });
    return (sum.get(id) as number) / c;
  });
}

/** The `rwb weights --json` document (contract keys plus summary and the spec text). */
export function weightsToJson(w: SpatialWeights, specText?: string): WeightsJson {
  return toJson(w, specText);
}

export { WEIGHTS_FILE_EXTENSIONS } from '../../contract/constants';

function formatOf(path: string): string {
  const ext = extname(path).toLowerCase();
  if (!(WEIGHTS_FILE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new InputError('weights-unsupported-format', `${basename(path)}: unsupported weights format "${ext || '(none)'}" (use ${WEIGHTS_FILE_EXTENSIONS.join(', ')}).`, { file: path, name: basename(path), extension: ext || '(none)', extensions: WEIGHTS_FILE_EXTENSIONS.join(', ') });
  }
  return ext;
}

/**
 * Read a weights file (.gal, .gwt, .kwt, .json, .csv or .xlsx dense matrix). With `opts.ids`,
 * regions are matched by name and the result is ordered by them.
 * @throws InputError `weights-file-not-found`, `weights-unsupported-format`, and the format readers' errors.
 */
export async function readWeightsFile(path: string, opts: Omit<WeightsReadOptions, 'source'> = {}): Promise<SpatialWeights> {
  const ext = formatOf(path);
  const source = basename(path);
  const ro = { ...opts, source };
  if (ext === '.csv' || ext === '.xlsx') {
    const t = await readTable({ path });
    const table = [t.header.map(String), ...t.rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
    return fromDenseTable(table, ro);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError('weights-file-not-found', `${source}: file not found (${path}).`, { file: path, source });
  }
  switch (ext) {
    case '.gal': return fromGal(text, ro);
    case '.gwt': return fromGwt(text, ro);
    case '.kwt': return fromKwt(text, ro);
    default: {
      // The schema library behind fromJson loads only when a JSON weights file is read.
      const { fromJson } = await import('../../weights/io/json-read');
      return fromJson(text, ro);
    }
  }
}

/**
 * Write W to a file; the format follows the extension. GAL keeps neighbours only; the others
 * keep the current weights at full precision. Returns warnings, e.g.
 * `weights-file-positions-written` when GAL/GWT ids hold spaces and positions 1…n are written.
 * @throws InputError `weights-unsupported-format`.
 */
export async function writeWeightsFile(path: string, w: SpatialWeights, opts: { name?: string; key?: string; specText?: string } = {}): Promise<InputWarning[]> {
  const ext = formatOf(path);
  const name = opts.name ?? basename(path, ext);
  const warnings: InputWarning[] = [];
  const onWarning = (x: InputWarning): void => { warnings.push(x); };
  switch (ext) {
    case '.gal': await writeFile(path, toGal(w, { name, key: opts.key, onWarning })); return warnings;
    case '.gwt':
    case '.kwt': await writeFile(path, toGwt(w, { name, key: opts.key, format: ext === '.kwt' ? 'KWT' : 'GWT', onWarning })); return warnings;
    case '.json': await writeFile(path, JSON.stringify(toJson(w, opts.specText), null, 2) + '\n'); return warnings;
    case '.csv': await writeFile(path, toDenseCsv(w, opts.key ?? 'id')); return warnings;
    default: {
      const { default: ExcelJS } = await import('exceljs'); // loaded only for .xlsx (it is big)
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('W');
      for (const row of toDenseTable(w, opts.key ?? 'id')) sheet.addRow(row);
      await wb.xlsx.writeFile(path);
      return warnings;
    }
  }
}

/** The spec stored with a matrix in a project. */
export interface StoredWeightsSpec {
  /** Canonical spec text (or `file:<name>` for imported files). */
  readonly spec: string;
  /** Transformation applied on load to the stored original weights. */
  readonly transformation: Transformation;
}

/**
 * Save W in a project under `name` with the spec that built it: the original weights are
 * stored and the transformation is re-applied on load, so the matrix is reproducible.
 * @throws InputError from the store (`unknown-region`, …).
 */
export function saveWeightsToProject(store: ProjectStore, name: string, w: SpatialWeights, specText: string): void {
  const spec: StoredWeightsSpec = { spec: specText, transformation: w.transformation };
  store.saveWeights({ name, spec, ids: [...w.ids], entries: w.original().entries().map((e) => ({ i: e.i, j: e.j, value: e.value })) });
}

/**
 * Load a matrix saved with `saveWeightsToProject` (or any stored matrix: without a stored
 * transformation the weights are taken as they are).
 * @throws InputError `weights-unknown-matrix` / `weights-unknown-matrix-list` listing the stored names.
 */
export function loadWeightsFromProject(store: ProjectStore, name: string): { weights: SpatialWeights; specText: string | undefined } {
  const s = store.getWeights(name);
  if (!s) {
    const names = store.listWeights().map((x) => x.name);
    throw new InputError(names.length ? 'weights-unknown-matrix-list' : 'weights-unknown-matrix', `The project has no weights matrix "${name}"${names.length ? ` (it has ${quoteList(names)})` : ''}.`, { name, names, nameList: quoteList(names) });
  }
  const w = fromEntries(s.ids, s.entries);
  const spec = s.spec as (Partial<StoredWeightsSpec> & { std?: unknown }) | null;
  // A matrix stored with a spec object naming its standardisation (the China sample's
  // `{ type: 'knn', k: 4, std: 'row' }`) is that standardisation: the summary then agrees with
  // the spec (issue 13, defect 10). Re-applying it to weights already so standardised changes nothing.
  const named = spec && typeof spec.std === 'string' && Object.hasOwn(STANDARDIZATIONS, spec.std) ? STANDARDIZATIONS[spec.std as Standardization] : undefined;
  const t = spec && isTransformation(spec.transformation) ? spec.transformation : named ?? 'O';
  return { weights: w.transform(t), specText: spec && typeof spec.spec === 'string' ? spec.spec : undefined };
}

/** Where an analysis takes W from: a file (`--weights`) or a spec (`--weights-spec`). */
export interface AnalysisWeightsRequest {
  /** Weights file (.gal, .gwt, .kwt, .json, .csv, .xlsx). */
  readonly file?: string;
  /** Spec built on the fly over `geometry` (and `panel` for econ), e.g. `queen`, `knn:k=4`. */
  readonly spec?: string;
  /** The analysis regions (the panel's), in matrix order. */
  readonly ids: readonly string[];
  readonly geometry?: GeometrySet;
  readonly panel?: LongPanel;
  readonly points?: Points;
  /** Standardisation of a file's weights (default row; a spec carries its own `:std=`). */
  readonly std?: Standardization;
}

/** W for an analysis, with where it came from. */
export interface AnalysisWeights {
  readonly weights: SpatialWeights;
  /** The parsed spec when W was built from one. */
  readonly spec?: WeightsSpec;
  /** Canonical spec text, or `file:<name>:std=<std>` — store it with the run. */
  readonly specText: string;
  readonly warnings: readonly InputWarning[];
  /** The file name or spec text, for messages. */
  readonly source: string;
}

/**
 * W for an analysis over `ids`, from a file (regions matched by name; extra file regions are
 * dropped) or from a spec. Row standardisation is the default for both. Warnings (geometry
 * regions without data, islands) are returned for stderr / the UI.
 * @throws InputError `weights-source-both-or-neither` when neither or both of file and spec are given; those of
 *   `readWeightsFile` and `buildWeights` (`missing-id` names data regions absent from the file).
 */
export async function resolveAnalysisWeights(req: AnalysisWeightsRequest): Promise<AnalysisWeights> {
  if ((req.file === undefined) === (req.spec === undefined)) {
    throw new InputError('weights-source-both-or-neither', 'Give the spatial weights either as a file (--weights) or as a spec (--weights-spec with --geometry), not both or neither.');
  }
  if (req.spec !== undefined) {
    const built = buildWeights(req.spec, { geometry: req.geometry, panel: req.panel, points: req.points, ids: req.ids });
    return { weights: built.weights, spec: built.spec, specText: built.specText, warnings: built.warnings, source: built.specText };
  }
  const file = req.file as string;
  const warnings: InputWarning[] = [];
  const raw = await readWeightsFile(file, { ids: req.ids, allowExtra: true, onWarning: (x) => warnings.push(x) });
  const std = req.std ?? 'row';
  const weights = raw.transform(STANDARDIZATIONS[std]);
  if (weights.islands.length > 0) {
    warnings.push({ code: 'weights-file-islands', message: `${weights.islands.length} region(s) have no neighbours (islands, zero rows in W): ${quoteList(weights.islands)}.`, details: listDetails(weights.islands) });
  }
  return { weights, specText: `file:${basename(file)}:std=${std}`, warnings, source: basename(file) };
}
