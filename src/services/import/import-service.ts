/**
 * Import of panels and boundaries into a project: a preview that checks everything and
 * writes nothing, and a commit that re-checks and writes regions, geometries, variables and
 * observations in one transaction (an error leaves the project file unchanged).
 */
import { CancelledError, InputError, isInputError } from '../../core/errors';
import type { GeometrySet } from '../../geo/geometry';
import { interpolateLinear } from '../../core/interpolate';
import type { LongPanel } from '../../core/panel';
import { panelPeriods, panelRegions } from '../../core/panel';
import type { ValidationIssue } from '../../core/panel-validate';
import { validatePanel } from '../../core/panel-validate';
import { normalizeName, resolveRegionIds, suggestMatches, type RegionAlias } from '../../core/text-match';
import { DEFAULT_LAYER_KEY, type ProjectStore, type RegionAliasRow, type RegionRow } from '../../store/project-store';
import type { FileSource } from '../io/file-source';
import { readGeometry } from '../io/geometry-reader';
import { readPanelDetailed, type PanelReadOptions } from '../io/panel-reader';

export type { FileSource } from '../io/file-source';
export type { ValidationIssue } from '../../core/panel-validate';


/** A panel file to import. */
export interface PanelImportRequest {
  source: FileSource;
  /** Id column. */
  id: string;
  /** Time column (long format) or the period's name (wide format). */
  time: string;
  format?: 'long' | 'wide' | 'auto';
  /** Wide format: the variable's name (default: the file's base name). */
  valueName?: string;
  /** XLSX sheet. */
  sheet?: string;
  /** Fill interior missing values by linear interpolation within each region (default 'none'). */
  interpolate?: 'none' | 'linear';
  /** Numeric columns to import (default: all). */
  variables?: string[];
  /** CSV text encoding, e.g. 'latin1' (default: detected — BOM, UTF-8, else GB18030). */
  encoding?: string;
  /**
   * Ids of this file the user matched to regions (id as written → region code), e.g. an
   * accepted suggestion "Baja California" → "MX02". A commit keeps them in the project, so
   * the next import of the same file matches without asking. A target that is not a region
   * code may be a region's name (`rwb import --alias "Baja California=Baja California Norte"`):
   * it is matched to the one region of the project or the boundaries with that name (case,
   * accents, spaces and hyphens ignored, as `normalizeName`).
   */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Read a CSV in a stream: `auto` (default) from `STREAM_MIN_BYTES` (4 MiB) on, `always`,
   * `never` (tests compare the two paths; the result is the same).
   */
  stream?: 'auto' | 'always' | 'never';
}

/** Boundary files to import. */
export interface GeometryImportRequest {
  /** A `.geojson`/`.json`, a `.shp` (siblings found beside it or given here), or a `.zip`. */
  sources: FileSource[];
  /** Attribute holding the region codes. */
  key: string;
  /** Layer name in the project (default: the file's base name). */
  layer?: string;
  /** Attributes giving the region's Chinese name, English name and group. */
  nameZhField?: string;
  nameEnField?: string;
  groupField?: string;
}

/** What to import: a panel, boundaries, or both. */
export interface ImportRequest {
  panel?: PanelImportRequest;
  geometry?: GeometryImportRequest;
}

/** Counts of an import (what is or would be written). */
export interface ImportCounts {
  /** Distinct regions in the panel and/or geometry. */
  regions: number;
  /** Of those, regions the project does not have yet. */
  newRegions: number;
  existingRegions: number;
  periods: number;
  variables: number;
  newVariables: number;
  existingVariables: number;
  /** Panel rows (region × period). */
  rows: number;
  /** Cells written (rows × variables). */
  observations: number;
  /** Observations that already exist in the project and are replaced. */
  replacedObservations: number;
  /** Boundaries written. */
  geometries: number;
  /** Cells filled by interpolation. */
  interpolated: number;
}

/** The report of a preview. Nothing is written. */
export interface ImportPreview {
  /** Problems that block the commit (duplicate rows, non-numeric cells, unknown regions, ...). */
  errors: ValidationIssue[];
  /** Findings that do not block it (gaps, unbalanced panel, geometry without data, ...). */
  warnings: ValidationIssue[];
  counts: ImportCounts;
  panel?: {
    source: string;
    format: 'long' | 'wide';
    idColumn: string;
    timeColumn: string;
    variables: string[];
    textColumns: string[];
    ignoredColumns: string[];
    firstPeriod: number | null;
    lastPeriod: number | null;
    encoding?: string;
  };
  geometry?: { source: string; layer: string; key: string; lonLat: boolean; units?: string; features: number };
  /**
   * When some ids match no region: the regions they may be matched to (project regions and the
   * request's boundaries, with a name), so the dialog can let the user pick one.
   */
  regionChoices?: { code: string; name: string | null }[];
}

/** The result of a successful commit: the preview's report plus the names written. */
export interface ImportResult extends ImportPreview {
  committed: true;
  /** Variables written. */
  writtenVariables: string[];
  /** Geometry layer written, if any. */
  layer?: string;
  /** Names of the request kept in the project's region_aliases (id as written → region code), if any. */
  aliases?: RegionAliasRow[];
}

/**
 * Progress and cancellation of an import (the job worker passes its own; the CLI its own or
 * none). Steps: read the boundaries, read the panel, check, then geometry and one step per
 * variable written (commit only; the variables are written together row by row, so variable
 * k's step is reported once (k + 1) / n of the rows are written). Cancellation is seen between
 * steps, after every chunk of a panel read in a stream, and every few thousand rows written;
 * inside the write transaction it rolls the transaction back.
 */
export interface ImportControl {
  readonly onProgress?: (done: number, total: number) => void;
  readonly isCancelled?: () => boolean;
  /** Finer progress (the CLI's): bytes of a streamed panel file read, and rows written. */
  readonly onData?: (p: ImportDataProgress) => void;
}

/** Where an import is: the panel file's bytes read (streamed reads), or its rows written. */
export interface ImportDataProgress {
  readonly phase: 'read' | 'write';
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rowsWritten: number;
  readonly rows: number;
}

/** Steps of an import before its writes: read boundaries, read panel, check. */
export const IMPORT_READ_STEPS = 3;

/** Report a step and stop with `CancelledError` when the import was cancelled. */
function step(control: ImportControl, done: number, total: number): void {
  if (control.isCancelled?.()) throw new CancelledError();
  control.onProgress?.(done, total);
}

function panelOptions(p: PanelImportRequest): PanelReadOptions {
  return { id: p.id, time: p.time, format: p.format, valueName: p.valueName, sheet: p.sheet, encoding: p.encoding, stream: p.stream };
}

/** Everything `commitImport` needs, prepared by the analysis. */
interface Plan {
  report: ImportPreview;
  panel?: LongPanel;
  geometry?: GeometrySet;
  layer?: string;
  regionRows: RegionRow[];
  variables: string[];
  /** The request's aliases to keep in the project (their regions exist or are written). */
  aliases?: RegionAliasRow[];
}

function issueOf(e: InputError): ValidationIssue {
  return { code: e.code, message: e.message, details: { ...e.details } };
}

function emptyCounts(): ImportCounts {
  return {
    regions: 0,
    newRegions: 0,
    existingRegions: 0,
    periods: 0,
    variables: 0,
    newVariables: 0,
    existingVariables: 0,
    rows: 0,
    observations: 0,
    replacedObservations: 0,
    geometries: 0,
    interpolated: 0,
  };
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Attribute values that survive JSON: strings, finite numbers, booleans and null. */
function jsonSafeProperties(p: Readonly<Record<string, unknown>>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === null || v === undefined) out[k] = null;
    else if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'string' || typeof v === 'boolean') out[k] = v;
    else out[k] = String(v);
  }
  return out;
}

function propText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/**
 * The request's aliases with every target a region code: a target that is a code of the project
 * or the boundaries is kept; otherwise it is read as a region name and replaced by the code of
 * the one region with that name (`normalizeName` on both sides). A name of several regions is an
 * error (`import-alias-ambiguous-region`, pushed to `errors`, the alias left out); a target that
 * is neither stays as given, for the caller's `import-alias-unknown-region`.
 */
function resolveAliasTargets(
  requested: Readonly<Record<string, string>>,
  regions: readonly RegionAlias[],
  file: string,
  errors: ValidationIssue[],
): Record<string, string> {
  const codes = new Set(regions.map((r) => r.code));
  const byName = new Map<string, Set<string>>();
  for (const r of regions) {
    for (const n of r.names) {
      if (!n || n.trim() === '') continue;
      const key = normalizeName(n);
      if (key !== '') byName.set(key, new Set([...(byName.get(key) ?? []), r.code]));
    }
  }
  const out: Record<string, string> = {};
  for (const [id, target] of Object.entries(requested)) {
    const t = target.trim();
    if (codes.has(t)) {
      out[id] = t;
      continue;
    }
    const found = [...(byName.get(normalizeName(t)) ?? [])].sort();
    if (found.length > 1) {
      errors.push({
        code: 'import-alias-ambiguous-region',
        message: `${file}: the name "${id}" was matched to "${t}", which names several regions (${found.join(', ')}); give the region's code instead`,
        details: { file, id, region: t, codes: found, codeList: found.join(', ') },
      });
      continue;
    }
    out[id] = found[0] ?? t;
  }
  return out;
}

/**
 * One `unknown-region` error per id, naming the file, column and first row, with close matches
 * among region codes and names (a name is shown with its code when they differ).
 */
function unknownRegionIssues(
  panel: LongPanel,
  unknown: readonly string[],
  aliases: readonly RegionAlias[],
  geometry: GeometrySet | undefined,
  projectHasRegions: boolean,
  claimed: ReadonlySet<string>,
): ValidationIssue[] {
  const labelOf = new Map<string, string>();
  const codeOf = new Map<string, string>();
  for (const a of aliases) {
    if (!labelOf.has(a.code)) {
      labelOf.set(a.code, `"${a.code}"`);
      codeOf.set(a.code, a.code);
    }
    for (const n of a.names) {
      if (n && n !== a.code && !labelOf.has(n)) {
        labelOf.set(n, `"${n}" (${a.code})`);
        codeOf.set(n, a.code);
      }
    }
  }
  const candidates = [...labelOf.keys()];
  // Regions other ids of the file already matched come last: "Baja California Sur" is taken by
  // its own rows, so "Baja California" is offered "Baja California Norte" rather than both.
  const free = candidates.filter((c) => !claimed.has(codeOf.get(c) as string));
  const suggest = (id: string) => {
    const first = suggestMatches(id, free, 6);
    return first.length ? first : suggestMatches(id, candidates, 6);
  };
  const firstRow = new Map<string, number>();
  panel.ids.forEach((id, r) => {
    if (!firstRow.has(id)) firstRow.set(id, panel.rowNumbers[r]);
  });
  const where = !geometry
    ? 'is not a region of the project'
    : projectHasRegions
      ? `is neither a project region nor in ${geometry.source}`
      : `is not in ${geometry.source}`;
  return unknown.map((id) => {
    // One suggestion per region (its code and its names may all be close).
    const suggestions: string[] = [];
    const suggestedCodes: string[] = [];
    for (const s of suggest(id)) {
      const code = codeOf.get(s) as string;
      if (suggestedCodes.includes(code) || suggestions.length >= 3) continue;
      suggestions.push(s);
      suggestedCodes.push(code);
    }
    const hint = suggestions.length ? ` — did you mean ${suggestions.map((s) => labelOf.get(s)).join(' or ')}?` : '';
    const row = firstRow.get(id);
    return {
      code: !geometry ? 'import-unknown-region' : projectHasRegions ? 'import-unknown-region-or-boundary' : 'import-unknown-region-boundary',
      message: `${panel.source}: region "${id}" (column "${panel.idColumn}", row ${row}) ${where}${hint}`,
      details: {
        file: panel.source,
        column: panel.idColumn,
        id,
        row,
        ...(suggestions.length ? { suggestions, suggestedCodes } : {}),
        boundaries: geometry?.source,
        hint,
      },
    };
  });
}

/** Read and check the request against the project; collects errors instead of throwing on input problems. */
async function analyze(store: ProjectStore, req: ImportRequest, control: ImportControl, total = IMPORT_READ_STEPS): Promise<Plan> {
  step(control, 0, total);
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const counts = emptyCounts();
  const report: ImportPreview = { errors, warnings, counts };
  const plan: Plan = { report, regionRows: [], variables: [] };
  if (!req.panel && !req.geometry) {
    errors.push({ code: 'import-empty-request', message: 'choose a panel file, boundary files, or both', details: {} });
    return plan;
  }
  const existingRegions = store.listRegions();
  const existingCodes = new Set(existingRegions.map((r) => r.code));

  // Boundaries.
  let geometry: GeometrySet | undefined;
  if (req.geometry) {
    const g = req.geometry;
    try {
      geometry = await readGeometry(g.sources, { key: g.key, layerName: g.layer });
    } catch (e) {
      if (!isInputError(e)) throw e;
      errors.push(issueOf(e));
    }
    if (geometry) {
      const fields = [...new Set(geometry.features.flatMap((f) => Object.keys(f.properties)))];
      for (const [opt, field] of [
        ['nameZhField', g.nameZhField],
        ['nameEnField', g.nameEnField],
        ['groupField', g.groupField],
      ] as const) {
        if (field !== undefined && !fields.includes(field)) {
          errors.push({
            code: 'import-unknown-key-field',
            message: `${geometry.source}: no field "${field}" (fields: ${fields.join(', ')})`,
            details: { file: geometry.source, option: opt, field, available: fields, key: field, fieldList: fields.join(', ') },
          });
        }
      }
      const layer = g.layer ?? stem(geometry.source);
      plan.geometry = geometry;
      plan.layer = layer;
      report.geometry = {
        source: geometry.source,
        layer,
        key: geometry.key,
        lonLat: geometry.lonLat,
        ...(geometry.units !== undefined ? { units: geometry.units } : {}),
        features: geometry.features.length,
      };
      if (!geometry.lonLat) {
        warnings.push({
          code: 'not-lonlat',
          message: `${geometry.source}: coordinates are not longitude/latitude (units: ${geometry.units ?? 'unknown'}); the map and great-circle distances need lon/lat`,
          details: { file: geometry.source, units: geometry.units ?? 'unknown' },
        });
      }
      counts.geometries = geometry.features.length;
      const stored = new Map(existingRegions.map((r) => [r.code, r.attributes]));
      plan.regionRows = geometry.features.map((f) => ({
        code: f.id,
        // Boundary attributes join the region's stored attributes (e.g. for --coords columns).
        attributes: { ...(stored.get(f.id) ?? {}), ...jsonSafeProperties(f.properties) },
        ...(g.nameZhField ? { nameZh: propText(f.properties[g.nameZhField]) } : {}),
        ...(g.nameEnField ? { nameEn: propText(f.properties[g.nameEnField]) } : {}),
        ...(g.groupField ? { regionGroup: propText(f.properties[g.groupField]) } : {}),
      }));
    }
  }

  step(control, 1, total);

  // Panel.
  let panel: LongPanel | undefined;
  if (req.panel) {
    const p = req.panel;
    try {
      const read = await readPanelDetailed(p.source, panelOptions(p), {
        onBytes: (bytesRead, totalBytes) => control.onData?.({ phase: 'read', bytesRead, totalBytes, rowsWritten: 0, rows: 0 }),
        isCancelled: control.isCancelled,
      });
      panel = read.panel;
      errors.push(...read.errors);
      if (p.variables) {
        const unknown = p.variables.filter((v) => !read.panel.variables.includes(v));
        for (const v of unknown) {
          const suggestions = suggestMatches(v, read.panel.variables);
          errors.push({
            code: 'import-unknown-numeric-column',
            message: `${read.panel.source}: no numeric column "${v}" (numeric columns: ${read.panel.variables.join(', ')})`,
            details: { file: read.panel.source, column: v, suggestions, columnList: read.panel.variables.join(', ') },
          });
        }
        const keep = read.panel.variables.filter((v) => p.variables?.includes(v));
        panel = { ...read.panel, variables: keep };
      }
      const textColumns = Object.keys(read.panel.text ?? {});
      if (textColumns.length) {
        warnings.push({
          code: 'text-columns',
          message: `${read.panel.source}: text column${textColumns.length > 1 ? 's' : ''} ${textColumns.map((c) => `"${c}"`).join(', ')} not imported (not numbers)`,
          details: { file: read.panel.source, columns: textColumns, count: textColumns.length, columnList: textColumns.map((c) => `"${c}"`).join(', ') },
        });
      }
      if (read.ignoredColumns.length) {
        warnings.push({
          code: 'ignored-columns',
          message: `${read.panel.source}: column${read.ignoredColumns.length > 1 ? 's' : ''} ${read.ignoredColumns.map((c) => `"${c}"`).join(', ')} not imported (wide format uses the year columns only)`,
          details: { file: read.panel.source, columns: read.ignoredColumns, count: read.ignoredColumns.length, columnList: read.ignoredColumns.map((c) => `"${c}"`).join(', ') },
        });
      }
      const periods = panelPeriods(panel);
      report.panel = {
        source: panel.source,
        format: read.format,
        idColumn: panel.idColumn,
        timeColumn: panel.timeColumn,
        variables: [...panel.variables],
        textColumns,
        ignoredColumns: [...read.ignoredColumns],
        firstPeriod: periods.length ? periods[0] : null,
        lastPeriod: periods.length ? periods[periods.length - 1] : null,
        ...(read.encoding ? { encoding: read.encoding } : {}),
      };
    } catch (e) {
      if (!isInputError(e)) throw e;
      errors.push(issueOf(e));
    }
  }

  step(control, 2, total);

  if (panel) {
    // Which regions may the panel use: project regions and the request's boundaries, by code or name.
    const geometryIds = geometry ? geometry.features.map((f) => f.id) : undefined;
    const names = new Map<string, (string | null | undefined)[]>();
    for (const r of [...existingRegions, ...plan.regionRows]) names.set(r.code, [...(names.get(r.code) ?? []), r.nameZh, r.nameEn]);
    const aliases: RegionAlias[] = [...names].map(([code, n]) => ({ code, names: n }));
    const createFromPanel = aliases.length === 0 && !req.geometry;
    const geometryFailed = req.geometry !== undefined && geometry === undefined;
    if (!createFromPanel && !geometryFailed) {
      // Names chosen earlier (kept in the project) and in this request: id as written → code.
      const chosen = new Map<string, string>(store.listRegionAliases().map((a) => [a.alias, a.region]));
      const known = new Set(aliases.map((a) => a.code));
      const requested = resolveAliasTargets(req.panel?.aliases ?? {}, aliases, panel.source, errors);
      for (const [id, code] of Object.entries(requested)) {
        if (!known.has(code)) {
          errors.push({
            code: 'import-alias-unknown-region',
            message: `${panel.source}: the name "${id}" was matched to region "${code}", which is neither in the project nor in the boundaries`,
            details: { file: panel.source, id, region: code },
          });
          continue;
        }
        chosen.set(id.trim(), code);
      }
      plan.aliases = [...Object.entries(requested)].filter(([, code]) => known.has(code)).map(([alias, region]) => ({ alias: alias.trim(), region }));
      const resolution = resolveRegionIds(panel.ids, aliases, chosen);
      if (resolution.byName.length) {
        const shown = resolution.byName.slice(0, 5).map((b) => `"${b.id}" → ${b.code}`);
        const moreCount = Math.max(0, resolution.byName.length - 5);
        const more = moreCount > 0 ? ` and ${moreCount} more` : '';
        warnings.push({
          code: 'matched-by-name',
          message: `${panel.source}: ${resolution.byName.length} id${resolution.byName.length === 1 ? '' : 's'} matched to regions by name: ${shown.join(', ')}${more}`,
          details: { matches: resolution.byName, file: panel.source, count: resolution.byName.length, matchList: shown.join(', '), moreCount },
        });
      }
      if (resolution.unknown.length) {
        const claimed = new Set(resolution.codeOf.values());
        errors.push(...unknownRegionIssues(panel, resolution.unknown, aliases, geometry, existingCodes.size > 0, claimed));
        report.regionChoices = aliases.map((a) => ({ code: a.code, name: a.names.find((n) => n && n.trim() !== '' && n !== a.code) ?? null }));
      }
      const ids = panel.ids.map((id) => resolution.codeOf.get(id) ?? id);
      panel = { ...panel, ids };
    }
    const unknownIds = new Set(errors.filter((e) => e.code.startsWith('import-unknown-region')).map((e) => String(e.details.id)));
    const report2 = validatePanel(panel, geometryIds ? { geometryIds } : {});
    for (const e of report2.errors) {
      if (e.code === 'import-no-geometry') {
        // Unknown ids are already errors; a project region without a new boundary is only a warning.
        if (!unknownIds.has(String(e.details.id))) warnings.push(e);
        continue;
      }
      errors.push(e);
    }
    warnings.push(...report2.warnings);
    if (createFromPanel) plan.regionRows = panelRegions(panel).map((code) => ({ code }));

    if (req.panel?.interpolate === 'linear' && !errors.some((e) => e.code.startsWith('import-duplicate-row'))) {
      const r = interpolateLinear(panel);
      panel = r.panel;
      counts.interpolated = Object.values(r.filled).reduce((s, n) => s + n, 0);
      if (counts.interpolated > 0) {
        warnings.push({
          code: 'interpolated',
          message: `${panel.source}: ${counts.interpolated} missing cell${counts.interpolated === 1 ? '' : 's'} filled by linear interpolation`,
          details: { filled: r.filled, file: panel.source, count: counts.interpolated },
        });
      }
    }

    const regions = panelRegions(panel);
    const existingVars = new Set(store.listVariables().map((v) => v.name));
    counts.periods = panelPeriods(panel).length;
    counts.variables = panel.variables.length;
    counts.existingVariables = panel.variables.filter((v) => existingVars.has(v)).length;
    counts.newVariables = counts.variables - counts.existingVariables;
    counts.rows = panel.ids.length;
    counts.observations = panel.ids.length * panel.variables.length;
    // Existing observations that will be replaced.
    const inProject = regions.filter((r) => existingCodes.has(r));
    if (inProject.length && counts.existingVariables) {
      const keys = new Set(panel.ids.map((id, r) => `${id}\u0000${panel?.times[r]}`));
      for (const v of panel.variables) {
        if (!existingVars.has(v)) continue;
        // One variable at a time: a stored row then means a stored observation (even a missing one).
        const stored = store.readPanel({ variables: [v] });
        for (let r = 0; r < stored.ids.length; r++) if (keys.has(`${stored.ids[r]}\u0000${stored.times[r]}`)) counts.replacedObservations++;
      }
    }
    if (counts.replacedObservations > 0) {
      warnings.push({
        code: 'replaces-values',
        message: `${counts.replacedObservations} existing value${counts.replacedObservations === 1 ? '' : 's'} will be replaced`,
        details: { replaced: counts.replacedObservations, count: counts.replacedObservations },
      });
    }
    plan.panel = panel;
    plan.variables = [...panel.variables];
  }

  const allRegions = new Set([...plan.regionRows.map((r) => r.code), ...(panel ? panelRegions(panel) : [])]);
  counts.regions = allRegions.size;
  counts.newRegions = [...allRegions].filter((r) => !existingCodes.has(r)).length;
  counts.existingRegions = counts.regions - counts.newRegions;
  step(control, 3, total);
  return plan;
}

/**
 * Read and check an import against the open project, writing nothing.
 *
 * Reports every problem found: reader errors (missing file, unknown column, non-numeric
 * cells, bad periods, bad boundaries), duplicate (id, time) rows, panel ids that are neither
 * project regions nor in the request's geometry (with close-match suggestions), and warnings
 * (gaps, unbalanced panel, missing cells, geometry without data, values to be replaced);
 * plus counts of regions, periods, variables, rows, new vs existing.
 *
 * @throws only unexpected (internal) errors; input problems are in `errors`.
 */
export async function previewImport(store: ProjectStore, req: ImportRequest, control: ImportControl = {}): Promise<ImportPreview> {
  return (await analyze(store, req, control)).report;
}

/**
 * Check and write an import in one transaction.
 *
 * Regions come from the geometry (code = key value, names and group from the named fields),
 * or — when the project has no regions and no geometry is given — from the panel's ids.
 * Each numeric column becomes a variable (source = file name) whose observations
 * `(region, period) → value` are upserted; missing cells are stored as missing. All writes
 * happen inside one `store.transaction`, so a failure or a killed process leaves the file as
 * it was.
 *
 * @throws InputError with the code and message of the first error the preview would report
 *   (e.g. `duplicate-row`, `non-numeric-cell`, `unknown-region`); `details.errors` lists all.
 *   CancelledError when `control.isCancelled()` turns true (nothing is written).
 */
export async function commitImport(store: ProjectStore, req: ImportRequest, control: ImportControl = {}): Promise<ImportResult> {
  // Steps: the reads and check, then geometry and one per variable written.
  const plan = await analyze(store, req, control, IMPORT_READ_STEPS + 1);
  const total = IMPORT_READ_STEPS + 1 + plan.variables.length;
  const { report } = plan;
  if (report.errors.length) {
    const first = report.errors[0];
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more problem${report.errors.length > 2 ? 's' : ''})` : '';
    throw new InputError(first.code, first.message + more, { ...first.details, errors: report.errors });
  }
  const { panel, geometry, layer } = plan;
  const source = panel ? panel.source : geometry ? geometry.source : '';
  step(control, IMPORT_READ_STEPS, total);
  store.transaction(() => {
    if (plan.regionRows.length) store.upsertRegions(plan.regionRows);
    if (plan.aliases?.length) store.putRegionAliases(plan.aliases);
    if (geometry && layer) {
      store.putGeometries(
        layer,
        geometry.features.map((f) => ({ region: f.id, geometry: f.geometry })),
      );
      // The first boundary layer imported becomes the project's default (services/inputs/layers.ts).
      if (store.getMeta(DEFAULT_LAYER_KEY) === undefined) store.setMeta(DEFAULT_LAYER_KEY, layer);
    }
    step(control, IMPORT_READ_STEPS + 1, total);
    if (panel && plan.variables.length) {
      for (const v of plan.variables) store.upsertVariable({ name: v, source });
      const rows = panel.ids.length;
      const vars = plan.variables.length;
      // Variable k's step is done once (k + 1) / vars of the rows are written (all variables go row by row).
      let reported = 0; // variables' steps reported
      store.putObservationColumns(
        { variables: plan.variables, regions: panel.ids, periods: panel.times, columns: plan.variables.map((v) => panel.values[v]) },
        (written) => {
          control.onData?.({ phase: 'write', bytesRead: 0, totalBytes: 0, rowsWritten: written, rows });
          // A cancel seen here throws inside the transaction, which rolls it back.
          const steps = rows > 0 ? Math.floor((vars * written) / rows) : vars;
          while (reported < steps) step(control, IMPORT_READ_STEPS + 2 + reported++, total);
          if (control.isCancelled?.()) throw new CancelledError();
        },
      );
    }
  });
  return {
    ...report,
    committed: true,
    writtenVariables: plan.variables,
    ...(layer ? { layer } : {}),
    ...(plan.aliases?.length ? { aliases: plan.aliases } : {}),
  };
}
