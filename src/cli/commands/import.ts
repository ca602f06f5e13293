/**
 * `rwb import`: add a panel and/or boundaries to a project file (created if absent) in one
 * transaction, or with `--dry-run` only report what would be added and what is wrong.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportControl, ImportDataProgress, ImportPreview, ImportRequest } from '../../services/import/import-service';
import { openProject } from '../../services/io/project-file';
import { optChoice, optFlag, optString, optStrings, reqString, resolvePath, UsageError } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { GEOMETRY_OPTIONS, GEOMETRY_USAGE, PANEL_OPTIONS, PANEL_USAGE } from '../inputs';
import { printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

/**
 * `--alias "ID=REGION"` (repeatable) and `--aliases FILE` (columns alias, region) as one
 * mapping id → region code or name; `--alias` wins over the file for the same id.
 * @throws UsageError for an `--alias` without `=` or with an empty side, or aliases without `--panel`.
 */
async function aliasesOf(args: CliArgs, io: CliIo): Promise<Record<string, string> | undefined> {
  const given = optStrings(args, 'alias');
  const file = optString(args, 'aliases');
  if (given.length === 0 && file === undefined) return undefined;
  const out: Record<string, string> = {};
  if (file !== undefined) {
    const { readAliasFile } = await import('../../services/import/alias-file');
    Object.assign(out, await readAliasFile({ path: resolvePath(io, file) }));
  }
  for (const a of given) {
    const eq = a.indexOf('=');
    const id = eq < 0 ? '' : a.slice(0, eq).trim();
    const region = eq < 0 ? '' : a.slice(eq + 1).trim();
    if (id === '' || region === '') {
      throw new UsageError(`--alias "${a}" is not NAME=REGION (the name as the panel file writes it, "=", then the region's code or name), e.g. --alias "Baja California=Baja California Norte"`);
    }
    out[id] = region;
  }
  return out;
}

function buildRequest(args: CliArgs, io: CliIo, aliases: Record<string, string> | undefined): ImportRequest {
  const panelFile = optString(args, 'panel');
  const geometryFile = optString(args, 'geometry');
  if (panelFile === undefined && geometryFile === undefined) {
    throw new UsageError('nothing to import: give --panel and/or --geometry');
  }
  const req: ImportRequest = {};
  if (panelFile !== undefined) {
    const interpolate = optChoice(args, 'interpolate', ['none', 'linear'] as const);
    const format = optChoice(args, 'format', ['long', 'wide', 'auto'] as const);
    const valueName = optString(args, 'value-name');
    const sheet = optString(args, 'sheet');
    req.panel = {
      source: { path: resolvePath(io, panelFile) },
      id: reqString(args, 'id', 'the column with the region ids'),
      time: reqString(args, 'time', 'the column with the period'),
      ...(format !== undefined ? { format } : {}),
      ...(valueName !== undefined ? { valueName } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
      ...(interpolate !== undefined ? { interpolate } : {}),
      ...(aliases !== undefined ? { aliases } : {}),
    };
  } else if (aliases !== undefined) {
    throw new UsageError('--alias and --aliases name the regions of a panel file: give --panel too');
  }
  if (geometryFile !== undefined) {
    const layer = optString(args, 'layer');
    const nameZhField = optString(args, 'name-zh-field');
    const nameEnField = optString(args, 'name-en-field');
    const groupField = optString(args, 'group-field');
    req.geometry = {
      sources: [{ path: resolvePath(io, geometryFile) }],
      key: reqString(args, 'key', 'the property that holds the region ids'),
      ...(layer !== undefined ? { layer } : {}),
      ...(nameZhField !== undefined ? { nameZhField } : {}),
      ...(nameEnField !== undefined ? { nameEnField } : {}),
      ...(groupField !== undefined ? { groupField } : {}),
    };
  }
  return req;
}

/** Readable summary of an import report. */
function reportText(r: ImportPreview): string {
  const c = r.counts;
  const lines: string[] = [];
  if (r.panel) {
    const span = r.panel.firstPeriod === null ? 'no periods' : `${r.panel.firstPeriod}–${r.panel.lastPeriod}`;
    lines.push(`  panel:    ${r.panel.source} (${r.panel.format}), ${c.rows} rows, ${c.periods} periods ${span}`);
    lines.push(`            variables: ${r.panel.variables.join(', ') || '(none)'}`);
    if (r.panel.textColumns.length > 0) lines.push(`            text columns (not imported): ${r.panel.textColumns.join(', ')}`);
  }
  if (r.geometry) {
    const crs = r.geometry.lonLat ? 'lon/lat' : `projected (${r.geometry.units ?? 'unknown units'})`;
    lines.push(`  geometry: ${r.geometry.source} → layer "${r.geometry.layer}", ${r.geometry.features} features by ${r.geometry.key}, ${crs}`);
  }
  lines.push(
    `  regions:  ${c.regions} (${c.newRegions} new, ${c.existingRegions} existing)`,
    `  variables: ${c.variables} (${c.newVariables} new, ${c.existingVariables} existing)`,
    `  observations: ${c.observations} (${c.replacedObservations} replaced, ${c.interpolated} interpolated); geometries: ${c.geometries}`,
  );
  return lines.join('\n') + '\n';
}

function removeProjectFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** The `rwb import` command (see `usage`). */
export const command: CliCommand = {
  name: 'import',
  summary: SUMMARIES.import,
  usage: [
    'Usage: rwb import --project P.rwb [--panel FILE --id COL --time COL [--format long|wide]',
    '                  [--value-name V] [--interpolate linear] [--alias "NAME=REGION"]... [--aliases F]]',
    '                  [--geometry FILE --key FIELD [--layer L] [--name-en-field F] [--name-zh-field F]',
    '                  [--group-field F]] [--dry-run] [--json]',
    '',
    'Adds data to a project file (created if absent) in one transaction. Duplicate (id, time)',
    'rows, text in numeric columns and ids without a region or geometry are errors (exit 2) and',
    'leave the project unchanged. --dry-run reports what would be added and writes nothing.',
    '',
    'Options:',
    '  --project FILE      the project file (.rwb)',
    PANEL_USAGE,
    '  --interpolate linear  fill interior missing values linearly within each region',
    '  --alias NAME=REGION an id of the panel file that names region REGION (its code, or its name',
    '                      in the project or the boundaries); repeatable. Kept in the project, so',
    '                      the next import of the same file matches (as accepting a name in the app)',
    '  --aliases FILE      the same from a .csv/.xlsx with the columns alias and region',
    GEOMETRY_USAGE,
    '  --name-en-field F   boundary attribute with the English name (names match panel ids)',
    '  --name-zh-field F   boundary attribute with the Chinese name',
    '  --group-field F     boundary attribute with the region group',
    '  --dry-run           check and report only',
    '  --json              print the report as JSON',
    '',
    'Example: rwb import --project us.rwb --geometry us48.shp --key STATE_NAME \\',
    '           --panel produc.csv --id state_name --time year --json',
    '         rwb import --project mx.rwb --geometry mexicojoin.shp --key CODE --name-en-field NAME \\',
    '           --panel mexico.csv --id State --time year --format wide \\',
    '           --alias "Baja California=Baja California Norte" --alias "Coahuila=MX07"',
  ].join('\n'),
  options: {
    project: { type: 'string' },
    ...PANEL_OPTIONS,
    interpolate: { type: 'string' },
    alias: { type: 'string', multiple: true },
    aliases: { type: 'string' },
    ...GEOMETRY_OPTIONS,
    'name-en-field': { type: 'string' },
    'name-zh-field': { type: 'string' },
    'group-field': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const project = resolvePath(io, reqString(args, 'project'));
    const req = buildRequest(args, io, await aliasesOf(args, io));
    // Loaded on use, so the other commands run even where the import service is unavailable.
    const { commitImport, previewImport } = await import('../../services/import/import-service');
    const json = optFlag(args, 'json');
    if (optFlag(args, 'dry-run')) {
      const exists = existsSync(project);
      const tmp = exists ? undefined : mkdtempSync(join(tmpdir(), 'rwb-dry-run-'));
      const store = openProject(tmp === undefined ? project : join(tmp, 'preview.rwb'), exists ? { readonly: true } : { create: true });
      try {
        const preview = await withProgress(io, req, (control) => previewImport(store, req, control));
        const errors = preview.errors;
        for (const w of preview.warnings) warn(io, w.message);
        if (json) printJson(io, { project, dry_run: true, ...preview });
        else io.stdout(`dry run: nothing written to ${project}\n${reportText(preview)}`);
        if (errors.length > 0) {
          for (const e of errors) io.stderr(`rwb import: ${e.message}\n`);
          return 2;
        }
        return 0;
      } finally {
        store.close();
        if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
      }
    }
    const existed = existsSync(project);
    const store = openProject(project, { create: true });
    let ok = false;
    try {
      const result = await withProgress(io, req, (control) => commitImport(store, req, control));
      for (const w of result.warnings) warn(io, w.message);
      if (json) printJson(io, { project, dry_run: false, ...result });
      else {
        const kept = (result.aliases ?? []).map((a) => `"${a.alias}" → ${a.region}`);
        io.stdout(`imported into ${project}\n${reportText(result)}${kept.length ? `  names kept: ${kept.join(', ')}\n` : ''}`);
      }
      ok = true;
      return 0;
    } finally {
      store.close();
      // A failed first import must not leave an empty project behind.
      if (!ok && !existed) removeProjectFiles(project);
    }
  },
};

/** Least time between two progress lines on the terminal (ms). */
const PROGRESS_MS = 250;

/**
 * Run an import showing, when stderr is a terminal, one line of progress rewritten in place:
 * `rwb import: reading big.csv, 120 of 200 MB` while a large CSV is read in a stream, then
 * `rwb import: writing, 1,200,000 of 2,000,000 rows`; the line is cleared at the end. Nothing
 * is shown when stderr is not a terminal (scripts, `--json` captured by a pipe).
 */
async function withProgress<T>(io: CliIo, req: ImportRequest, run: (control: ImportControl) => Promise<T>): Promise<T> {
  if (!io.stderrIsTTY) return run({});
  const file = req.panel ? basename('path' in req.panel.source ? req.panel.source.path : req.panel.source.name) : '';
  let last = 0;
  let shown = false;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
  const onData = (p: ImportDataProgress): void => {
    const now = Date.now();
    const final = p.phase === 'write' && p.rowsWritten === p.rows;
    if (!final && now - last < PROGRESS_MS) return;
    last = now;
    const text = p.phase === 'read'
      ? `rwb import: reading ${file}, ${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB`
      : `rwb import: writing, ${p.rowsWritten.toLocaleString('en-US')} of ${p.rows.toLocaleString('en-US')} rows`;
    io.stderr(`\r\u001b[K${text}`);
    shown = true;
  };
  try {
    return await run({ onData });
  } finally {
    if (shown) io.stderr('\r\u001b[K');
  }
}
