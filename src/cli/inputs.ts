/**
 * Shared input handling of `rwb` commands: panel (`--panel --id --time`), variables as
 * expressions (`--var`, `--y`, `--x`), geometry (`--geometry --key`). Commands spread the
 * option declarations and use the loaders, so every command reads and checks input alike.
 */
import type { GeometrySet } from '../geo/geometry';
import type { LongPanel } from '../core/panel';
import { compileExpression } from '../core/expressions';
import { isProjectPath, loadPanelInputDetailed } from '../services/inputs/panel-input';
import { optChoice, optString, reqString, resolvePath } from './args';
import type { CliArgs, CliIo, CliOptions } from './command';
import { warn } from './output';

/** Options of a panel input: `--panel F --id C --time C [--format long|wide] [--value-name V] [--sheet S]`. */
export const PANEL_OPTIONS: CliOptions = Object.freeze({
  panel: { type: 'string' },
  id: { type: 'string' },
  time: { type: 'string' },
  format: { type: 'string' },
  'value-name': { type: 'string' },
  sheet: { type: 'string' },
});

/** Help lines for the panel options (for a command's `usage`). */
export const PANEL_USAGE = [
  '  --panel FILE        panel data: .csv, .xlsx (long: one row per id x time) or a project .rwb',
  '  --id COL            column with the region ids (compared as text)',
  '  --time COL          column with the period (integer year); for a .rwb, names the period',
  '  --format long|wide  layout of a .csv/.xlsx (default: detected; wide = one column per year)',
  '  --value-name NAME   wide format: name of the variable (default: the file name)',
  '  --sheet NAME        .xlsx: sheet to read (default: the first)',
].join('\n');

/** Options of a geometry input: `--geometry F --key K [--layer L]`. */
export const GEOMETRY_OPTIONS: CliOptions = Object.freeze({
  geometry: { type: 'string' },
  key: { type: 'string' },
  layer: { type: 'string' },
});

/** Help lines for the geometry options. */
export const GEOMETRY_USAGE = [
  '  --geometry FILE     boundaries: .geojson/.json, .shp (with its .dbf beside it) or a .zip shapefile',
  '  --key FIELD         property holding the region ids (matched to the panel ids)',
  '  --layer NAME        name of the geometry layer (default: the file name)',
].join('\n');

/**
 * Load the panel named by `--panel` (with `--id`, `--time`; optional `--format`,
 * `--value-name`, `--sheet`), validated; validation warnings go to stderr when `io` is given.
 *
 * @throws UsageError when `--panel` is missing, or `--id`/`--time` for a .csv/.xlsx
 * @throws InputError from loading (missing file, unknown column, duplicate rows, …)
 */
export async function panelFromArgs(args: CliArgs, io?: CliIo): Promise<LongPanel> {
  const file = reqString(args, 'panel');
  const project = isProjectPath(file);
  const id = project ? optString(args, 'id') : reqString(args, 'id', 'the column with the region ids');
  const time = project ? optString(args, 'time') : reqString(args, 'time', 'the column with the period');
  const { panel, warnings } = await loadPanelInputDetailed({
    panel: io ? resolvePath(io, file) : file,
    id,
    time,
    format: optChoice(args, 'format', ['long', 'wide', 'auto'] as const),
    valueName: optString(args, 'value-name'),
    sheet: optString(args, 'sheet'),
  });
  if (io) for (const w of warnings) if (w.code !== 'missing-cells') warn(io, w.message);
  return panel;
}

/** One variable computed from an expression: `name` is the expression text exactly as given. */
export interface ExpressionVariable {
  readonly name: string;
  readonly values: Float64Array;
}

/**
 * Evaluate expressions (`--var`, `--y`, `--x`) on the panel; rows set to missing (e.g. log of
 * a non-positive value) are reported on stderr when `io` is given.
 *
 * @throws InputError `unknown-column` (with "did you mean"), `bad-expression`, …
 */
export function variablesFromArgs(panel: LongPanel, exprs: readonly string[], io?: CliIo): ExpressionVariable[] {
  const compiled = exprs.map((e) => compileExpression(e));
  return compiled.map((c) => {
    const r = c.evaluate(panel);
    if (io) for (const w of r.warnings) warn(io, w.message);
    return { name: c.expression, values: r.values };
  });
}

/**
 * Read the boundaries named by `--geometry` with ids from `--key` (layer name `--layer`).
 *
 * @throws UsageError when `--geometry` or `--key` is missing
 * @throws InputError from `readGeometry` (missing .dbf, unknown key field, duplicate keys, …)
 */
export async function geometryFromArgs(args: CliArgs, io?: CliIo): Promise<GeometrySet> {
  const file = reqString(args, 'geometry');
  const key = reqString(args, 'key', 'the property that holds the region ids');
  const layer = optString(args, 'layer');
  // Loaded on use: commands without geometry do not pay for proj4, jszip and shapefile.
  const { readGeometry } = await import('../services/io/geometry-reader');
  return readGeometry([{ path: io ? resolvePath(io, file) : file }], { key, ...(layer !== undefined ? { layerName: layer } : {}) });
}
