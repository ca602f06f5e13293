/**
 * The Weights tab's use cases around stored matrices: the builder's spec as the service's
 * spec, manual links recorded in a matrix's spec text, readable spec texts and region labels,
 * and weights files read from a path or an upload with their ids matched to the project's
 * regions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InputError } from '../../core/errors';
import type { FileRef, RequestOf } from '../../contract';
import type { LocalFileRef } from '../import/uploads';
import type { RegionRow } from '../../store/project-store';
import { fromEntries, type SpatialWeights } from '../../weights/spatial-weights';
import { formatWeightsSpec, parseLinks, readWeightsFile, type WeightsSpec } from './weights-service';

type BuildSpec = RequestOf<'weights:build'>['spec'];

/**
 * The builder's spec (contract `weights:build`) as the weights service's parsed spec, so the
 * builder, the CLI's `--spec`/`--type` and the stored text share one form and one canonical
 * text (`formatWeightsSpec`), e.g. `{ type: 'knn', k: 4, std: 'row' }` → `knn:k=4:std=row`.
 * @throws InputError `weights-band-needs-km` / `weights-econ-needs-variable` / `weights-knn-needs-k` / `weights-variable-has-colon` when the type's parameter is missing (k for knn, km for band,
 *   a variable for econ) or the variable text holds a colon.
 */
export function weightsSpecOf(spec: BuildSpec): WeightsSpec {
  const std = spec.std ?? 'row';
  switch (spec.type) {
    case 'queen':
    case 'rook':
      return { type: spec.type, ...(spec.order !== undefined && spec.order > 1 ? { order: spec.order } : {}), std, links: [] };
    case 'knn':
      if (spec.k === undefined) throw new InputError('weights-knn-needs-k', 'k-nearest-neighbour weights need k, the number of neighbours (e.g. 4).');
      return { type: 'knn', k: spec.k, std, links: [] };
    case 'idw':
      return { type: 'idw', power: spec.power ?? 1, ...(spec.km !== undefined ? { km: spec.km } : {}), std, links: [] };
    case 'band':
      if (spec.minKm) return { type: 'band', km: 'min', std, links: [] };
      if (spec.km === undefined) throw new InputError('weights-band-needs-km', 'Distance-band weights need a distance in km (e.g. 500).');
      return { type: 'band', km: spec.km, std, links: [] };
    case 'econ':
      if (!spec.variable) throw new InputError('weights-econ-needs-variable', 'Economic-distance weights need a variable (e.g. pgdp) whose regional mean sets the distance.');
      if (spec.variable.includes(':')) throw new InputError('weights-variable-has-colon', `The variable "${spec.variable}" may not contain ":".`, { variable: spec.variable });
      return { type: 'econ', var: spec.variable, std, links: [] };
  }
}

/** The builder's spec as canonical spec text (`formatWeightsSpec(weightsSpecOf(spec))`). @throws as `weightsSpecOf`. */
export function specTextOf(spec: BuildSpec): string {
  return formatWeightsSpec(weightsSpecOf(spec));
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

/** The file name of a path or an upload. */
export function fileName(f: FileRef): string {
  return 'path' in f ? basename(f.path) : f.name;
}

/**
 * Read a weights file given by path (desktop) or uploaded bytes (web; written to a private
 * temporary folder under its own name so the format follows the extension).
 * @throws InputError `app-paths-not-allowed-file` in web mode; the readers' errors.
 */
export async function readUploaded(f: LocalFileRef, allowPaths: boolean): Promise<SpatialWeights> {
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
 * @throws InputError `weights-import-unknown-ids` naming the file's ids that match no region (up to 5).
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
