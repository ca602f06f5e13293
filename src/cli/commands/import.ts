/**
 * `rwb import`: add a panel and/or boundaries to a project file (created if absent) in one
 * transaction, or with `--dry-run` only report what would be added and what is wrong.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportControl, ImportDataProgress, ImportPreview, ImportRequest } from '../../services/import/import-service';
import { openProject } from '../../services/io/project-file';
import { optChoice, optFlag, optString, reqString, resolvePath, UsageError } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { GEOMETRY_OPTIONS, GEOMETRY_USAGE, PANEL_OPTIONS, PANEL_USAGE } from '../inputs';
import { printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

function buildRequest(args: CliArgs, io: CliIo): ImportRequest {
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
    };
  }
  if (geometryFile !== undefined) {
    const layer = optString(args, 'layer');
    req.geometry = {
      sources: [{ path: resolvePath(io, geometryFile) }],
      key: reqString(args, 'key', 'the property that holds the region ids'),
      ...(layer !== undefined ? { layer } : {}),
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
    '                  [--value-name V] [--interpolate linear]] [--geometry FILE --key FIELD [--layer L]]',
    '                  [--dry-run] [--json]',
    '',
    'Adds data to a project file (created if absent) in one transaction. Duplicate (id, time)',
    'rows, text in numeric columns and ids without a region or geometry are errors (exit 2) and',
    'leave the project unchanged. --dry-run reports what would be added and writes nothing.',
    '',
    'Options:',
    '  --project FILE      the project file (.rwb)',
    PANEL_USAGE,
    '  --interpolate linear  fill interior missing values linearly within each region',
    GEOMETRY_USAGE,
    '  --dry-run           check and report only',
    '  --json              print the report as JSON',
    '',
    'Example: rwb import --project us.rwb --geometry us48.shp --key STATE_NAME \\',
    '           --panel produc.csv --id state_name --time year --json',
  ].join('\n'),
  options: {
    project: { type: 'string' },
    ...PANEL_OPTIONS,
    interpolate: { type: 'string' },
    ...GEOMETRY_OPTIONS,
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const project = resolvePath(io, reqString(args, 'project'));
    const req = buildRequest(args, io);
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
      else io.stdout(`imported into ${project}\n${reportText(result)}`);
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
