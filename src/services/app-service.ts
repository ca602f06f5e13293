/**
 * The application service behind every transport: holds the open project file and implements
 * each contract channel by calling the store, the sample builder, the import service,
 * descriptive statistics and the derived-variable service. Requests reaching it are already
 * validated by the dispatcher (./handlers); it converts between the contract's JSON shapes
 * (base64 uploads, null for missing) and the services' shapes (bytes, NaN).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../core/errors';
import { suggestMatches } from '../core/text-match';
import { contract, type FileRef, type Handlers, type ProjectSummary, type RegionInfo, type RequestOf, type VariableInfo } from '../contract';
import { describeVariables } from '../stats/describe';
import { DEFAULT_LAYER_KEY, ProjectStore, type RegionRow, type VariableRow } from '../store/project-store';
import { deriveVariable } from './derived-service';
import { createRegressionHandlers } from './app-regression';
import { chooseLayer, createWeightsHandlers } from './app-weights';
import { commitImport, previewImport } from './import-service';
import type { FileSource } from './io/file-source';
import { ensureSampleProject, listSamples, type SampleName } from './samples/ensure';

/** File in the user directory remembering the last opened project. */
export const SESSION_FILE = 'session.json';

/** How the service is hosted. */
export interface AppServiceOptions {
  /** `electron` (desktop) or `web` (loopback server). */
  readonly mode: 'electron' | 'web';
  /** Where sample projects are copied: Electron `app.getPath('userData')`, web `~/.resilience-workbench` or `RWB_USER_DIR`. */
  readonly userDir: string;
  /** The app version recorded in `app:info`. */
  readonly version: string;
  /** Desktop only: shows the system file dialog and returns the chosen project path (null when cancelled). */
  readonly chooseProjectFile?: () => Promise<string | null>;
  /** Whether requests may name local files by path for imports (desktop: yes; web: uploads only). */
  readonly allowImportPaths?: boolean;
}

/** The open project plus the channel implementations. */
export class AppService {
  private store: ProjectStore | null = null;
  private readonly opts: AppServiceOptions;
  /** One implementation per contract channel. */
  readonly handlers: Handlers;

  constructor(opts: AppServiceOptions) {
    this.opts = opts;
    this.handlers = {
      'app:info': async () => ({
        version: opts.version,
        mode: opts.mode,
        projectPath: this.store?.path ?? null,
        sample: this.store?.getMeta('sample') ?? null,
        notice: this.store?.getMeta('notice') ?? null,
        samples: listSamples().map((s) => ({ name: s.name, title: s.title, description: s.description, simulated: s.simulated })),
      }),
      'project:openSample': async ({ name }) => this.openPath(await ensureSampleProject(name, opts.userDir)),
      'project:open': async ({ path }) => this.openPath(path),
      'project:chooseFile': async () => {
        if (!opts.chooseProjectFile) {
          throw new InputError('app-dialog-desktop-only', 'Choosing a file with the system dialog is only available in the desktop app.');
        }
        const path = await opts.chooseProjectFile();
        return path === null ? null : this.openPath(path);
      },
      'project:summary': async () => summarize(this.requireStore()),
      'geometry:get': async ({ layer }) => this.geometry(layer),
      'panel:values': async ({ variable, period }) => this.values(variable, period),
      'panel:describe': async ({ variables, regions }) => this.describe(variables, regions),
      'import:preview': async (req) =>
        contract['import:preview'].response.parse(jsonSafe(await previewImport(this.requireStore(), this.importRequest(req)))),
      'import:commit': async (req) =>
        contract['import:commit'].response.parse(jsonSafe(await commitImport(this.requireStore(), this.importRequest(req)))),
      'variables:derive': async ({ name, expression, label, unit }) => {
        const store = this.requireStore();
        await deriveVariable(store, { name, expression, label, unit });
        const v = store.listVariables().find((x) => x.name === name);
        if (!v) throw new Error(`derived variable ${name} was not stored`);
        return { variable: variableInfo(v) };
      },
      ...createWeightsHandlers({ store: () => this.requireStore(), allowPaths: opts.allowImportPaths ?? false }),
      ...createRegressionHandlers({ store: () => this.requireStore(), appVersion: opts.version }),
    };
  }

  /** Path of the open project, if any. */
  get projectPath(): string | null {
    return this.store?.path ?? null;
  }

  /**
   * Opens a project file, closing the previous one, and remembers it for the next start.
   * @throws InputError from `ProjectStore.open` (`not-found`, `newer-version`, `not-a-project`).
   */
  openPath(path: string): ProjectSummary {
    const next = ProjectStore.open(path);
    this.store?.close();
    this.store = next;
    this.rememberProject(next.path);
    return summarize(next);
  }

  /**
   * At start-up: reopens the project of the previous session when its file still opens,
   * otherwise (first run) the given sample project.
   */
  async openInitial(sample: SampleName): Promise<ProjectSummary> {
    const last = this.lastProject();
    if (last && existsSync(last)) {
      try {
        return this.openPath(last);
      } catch {
        // The file is gone bad or too new: fall back to the sample.
      }
    }
    return this.openPath(await ensureSampleProject(sample, this.opts.userDir));
  }

  private lastProject(): string | null {
    try {
      const doc = JSON.parse(readFileSync(join(this.opts.userDir, SESSION_FILE), 'utf8')) as { lastProject?: unknown };
      return typeof doc.lastProject === 'string' ? doc.lastProject : null;
    } catch {
      return null;
    }
  }

  private rememberProject(path: string): void {
    try {
      mkdirSync(this.opts.userDir, { recursive: true });
      writeFileSync(join(this.opts.userDir, SESSION_FILE), JSON.stringify({ lastProject: path }, null, 2));
    } catch (e) {
      console.warn(`[rwb] could not remember the last project in ${this.opts.userDir}:`, e);
    }
  }

  /** Closes the open project. */
  close(): void {
    this.store?.close();
    this.store = null;
  }

  private requireStore(): ProjectStore {
    if (!this.store) throw new InputError('app-no-project', 'No project is open. Open a sample project or a project file first.');
    return this.store;
  }

  private geometry(layer: string | undefined): RequestGeometry {
    const store = this.requireStore();
    return store.getGeometryCollection(chooseLayer(store, layer)) as RequestGeometry;
  }

  private values(variable: string, period: number): { region: string; value: number | null }[] {
    const store = this.requireStore();
    requireVariables(store, [variable]);
    const panel = store.readPanel({ variables: [variable] });
    const col = panel.values[variable];
    const out: { region: string; value: number | null }[] = [];
    for (let r = 0; r < panel.ids.length; r++) {
      if (panel.times[r] !== period) continue;
      const v = col[r];
      out.push({ region: panel.ids[r], value: Number.isFinite(v) ? v : null });
    }
    return out;
  }

  private describe(variables: string[] | undefined, regions: string[] | undefined) {
    const store = this.requireStore();
    const names = variables ?? store.listVariables().map((v) => v.name);
    requireVariables(store, names);
    if (names.length === 0) return [];
    const panel = store.readPanel({ variables: names, regions });
    return describeVariables(panel, names).variables.map((d) => ({
      name: d.name,
      n: d.n,
      mean: finiteOrNull(d.mean),
      sd: finiteOrNull(d.sd),
      min: finiteOrNull(d.min),
      p5: finiteOrNull(d.p5),
      median: finiteOrNull(d.median),
      p95: finiteOrNull(d.p95),
      max: finiteOrNull(d.max),
      missing: d.missing,
    }));
  }

  private importRequest(req: RequestOf<'import:preview'>) {
    const toSource = (f: FileRef): FileSource => {
      if ('path' in f) {
        if (!this.opts.allowImportPaths) {
          throw new InputError('app-paths-not-allowed-files', 'In the browser, choose the files to upload instead of giving a path.', { path: f.path });
        }
        return { path: f.path };
      }
      return { name: f.name, data: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) };
    };
    return {
      panel: req.panel
        ? {
            source: toSource(req.panel.source),
            id: req.panel.id,
            time: req.panel.time,
            format: req.panel.format,
            valueName: req.panel.valueName,
            sheet: req.panel.sheet,
            interpolate: req.panel.interpolate,
          }
        : undefined,
      geometry: req.geometry ? { sources: req.geometry.sources.map(toSource), key: req.geometry.key, layer: req.geometry.layer } : undefined,
    };
  }
}

type RequestGeometry = Awaited<ReturnType<Handlers['geometry:get']>>;

/** Builds the summary the left panel shows. */
function summarize(store: ProjectStore): ProjectSummary {
  const regions = store.listRegions().map(regionInfo);
  const variables = store.listVariables();
  const periods = new Set<number>();
  if (variables.length > 0) {
    // Union over all variables: a later import may cover other years than the first variable.
    for (const t of store.readPanel({ variables: variables.map((v) => v.name) }).times) periods.add(t);
  }
  const layers = store.listLayers();
  const preferred = store.getMeta(DEFAULT_LAYER_KEY);
  const groups = new Set<string>();
  for (const r of regions) if (r.regionGroup) groups.add(r.regionGroup);
  return {
    path: store.path,
    name: basename(store.path).replace(/\.rwb$/i, ''),
    sample: store.getMeta('sample') ?? null,
    notice: store.getMeta('notice') ?? null,
    regions,
    periods: [...periods].sort((a, b) => a - b),
    variables: variables.map(variableInfo),
    layers,
    defaultLayer: preferred && layers.includes(preferred) ? preferred : (layers[0] ?? null),
    regionGroups: [...groups].sort(),
  };
}

function regionInfo(r: RegionRow): RegionInfo {
  return {
    code: r.code,
    nameZh: r.nameZh ?? null,
    nameEn: r.nameEn ?? null,
    level: r.level ?? null,
    parent: r.parent ?? null,
    regionGroup: r.regionGroup ?? null,
    lon: r.lon ?? null,
    lat: r.lat ?? null,
  };
}

function variableInfo(v: VariableRow): VariableInfo {
  return {
    name: v.name,
    label: v.label ?? null,
    unit: v.unit ?? null,
    source: v.source ?? null,
    expression: v.expression ?? null,
    simulated: v.simulated ?? false,
  };
}

/** @throws InputError `unknown-variable` naming the first unknown name, with close matches. */
function requireVariables(store: ProjectStore, names: readonly string[]): void {
  const known = store.listVariables().map((v) => v.name);
  for (const n of names) {
    if (!known.includes(n)) {
      const near = suggestMatches(n, known);
      const hint = near.length ? `; did you mean ${near.map((s) => `"${s}"`).join(' or ')}?` : '.';
      throw new InputError('app-unknown-variable', `The project has no variable "${n}"${hint}`, { variable: n, suggestions: near, hint });
    }
  }
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** A JSON-shaped copy (NaN/Infinity → null, typed arrays → arrays) so results cross IPC/HTTP intact. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
      return v;
    }),
  );
}
