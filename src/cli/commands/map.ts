/**
 * `rwb map`: draw one map figure of a project (small multiples when several periods are given,
 * one legend, one set of breaks) and write it as PNG, SVG or PDF. The flags build a map spec
 * (src/contract/figures.ts); `--spec FILE` reads a stored spec instead, and `--spec-out FILE`
 * writes the spec used, so a figure is re-drawn exactly. The file is written by the same code
 * as the app's Export (services/figures), so the PNG bytes are the same for the same spec.
 * JSON keys follow docs/cli-contract.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../../core/errors';
import { FIGURE_FORMATS, MAP_AGGREGATIONS, MAP_PALETTES, MAP_PROJECTIONS, type FigureFormat } from '../../contract/constants';
import type { MapSpec } from '../../contract/figures';
import { parseMapSpec } from '../../services/figures/map-figure';
import { exportProjectMap } from '../../services/figures/project-figures';
import { UsageError, optChoice, optFlag, optNumber, optString, reqString, resolvePath } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

const USAGE = `Usage: rwb map --project P.rwb --var EXPR --out FILE.png|.svg|.pdf [options] [--json]
       rwb map --project P.rwb --spec SPEC.json --out FILE [--json]

Draws a map of a project variable: a choropleth (or the region groups with --kind
categorical --var group), small multiples when several periods are given (one legend, one
set of breaks), with legend, scale bar, north arrow, source note and, for China national
maps, Taiwan, Hong Kong, Macao and the South China Sea inset.

Options:
  --project FILE        the project (.rwb)
  --var EXPR            variable or expression over the panel's columns, e.g. "log(gdp)"
  --kind K              choropleth (default) or categorical (--var group: the region groups)
  --year Y              one year (default: the last year of the panel)
  --periods LIST        periods as 2008-2012,2013-2017,2018-2022 (or single years 2010,2020)
  --aggregate A         how a period's years are combined: mean (default), first, last, change
                        (last − first); years a region lacks are skipped
  --classes K           number of classes, 3–9 (default 5)
  --breaks B            jenks (default), quantile, equal, sd, box, or inner thresholds "0.1,0.2"
  --palette NAME        ${MAP_PALETTES.join(', ')}
  --reverse             reverse the palette
  --center X            diverging palettes: centre the colours on X (e.g. 0 for coefficients)
  --projection P        ${MAP_PROJECTIONS.join(', ')} (default auto: Albers for China and the US)
  --title T, --subtitle T, --note N, --source S
  --approval TEXT       standard-map approval number (审图号) / map source note
  --labels              region names on the map (in the figure's language)
  --group-outlines      dissolved outlines of the region groups
  --columns N           panels per row in small multiples
  --lang zh|en          the figure's words (default en)
  --layer L             boundary layer (default: the project's default layer)
  --out FILE            .png, .svg or .pdf
  --dpi D               PNG resolution (default 300)
  --width-mm W          figure width in mm (default 160); --height-mm H (default 120)
  --spec FILE           draw a stored spec (JSON, as --spec-out writes); no other spec flags
  --spec-out FILE       write the spec used as JSON
  --json                one JSON document on stdout

Example:
  rwb map --project china.rwb --var resilience --periods 2008-2012,2013-2017,2018-2022 \\
    --classes 5 --breaks jenks --lang zh --title "经济韧性" --out fig.png --json
`;

/** Flags that shape the spec (refused together with --spec). */
const SPEC_FLAGS = ['var', 'kind', 'year', 'periods', 'aggregate', 'classes', 'breaks', 'palette', 'reverse', 'center', 'projection', 'title', 'subtitle', 'note', 'source', 'approval', 'labels', 'group-outlines', 'columns', 'lang', 'layer', 'dpi', 'width-mm', 'height-mm'] as const;

const BREAK_WORDS = { jenks: 'jenks', quantile: 'quantile', equal: 'equal', sd: 'stddev', stddev: 'stddev', box: 'box' } as const;

/** `2008-2012,2013-2017` or `2010,2020` → periods. @throws UsageError on malformed text. */
export function parsePeriods(text: string): { from: number; to: number }[] {
  return text.split(',').map((part) => {
    const m = /^\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4}))?\s*$/.exec(part);
    if (!m) throw new UsageError(`option --periods: "${part}" is not a year or a range like 2008-2012`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new UsageError(`option --periods: ${part} ends before it starts`);
    return { from, to };
  });
}

/** The classification of `--classes` and `--breaks`. @throws UsageError on a bad --breaks. */
export function parseBreaks(text: string | undefined, classes: number | undefined): { method: MapSpec['classification']['method']; classes?: number; breaks?: number[] } {
  if (text === undefined) return { method: 'jenks', ...(classes !== undefined ? { classes } : {}) };
  const word = BREAK_WORDS[text.trim().toLowerCase() as keyof typeof BREAK_WORDS];
  if (word) return { method: word, ...(classes !== undefined ? { classes } : {}) };
  const nums = text.split(',').map((s) => Number(s.trim()));
  if (nums.length === 0 || nums.some((x, i) => !Number.isFinite(x) || text.split(',')[i].trim() === '')) {
    throw new UsageError(`option --breaks must be jenks, quantile, equal, sd, box or numbers like "0.1,0.2", got "${text}"`);
  }
  return { method: 'user', classes: classes ?? nums.length + 1, breaks: nums };
}

/** The map spec of the command-line flags (before defaults; validated by parseMapSpec). */
export function specFromArgs(args: CliArgs): Record<string, unknown> {
  const year = optNumber(args, 'year', { integer: true });
  const periodsText = optString(args, 'periods');
  if (year !== undefined && periodsText !== undefined) throw new UsageError('give --year or --periods, not both');
  const periods = periodsText !== undefined ? parsePeriods(periodsText) : year !== undefined ? [{ from: year, to: year }] : [];
  const classes = optNumber(args, 'classes', { integer: true });
  const center = optNumber(args, 'center');
  const widthMm = optNumber(args, 'width-mm');
  const heightMm = optNumber(args, 'height-mm');
  const dpi = optNumber(args, 'dpi', { integer: true });
  const columns = optNumber(args, 'columns', { integer: true });
  const opt = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
  return {
    variable: reqString(args, 'var'),
    ...opt('kind', optChoice(args, 'kind', ['choropleth', 'categorical'] as const)),
    ...opt('layer', optString(args, 'layer')),
    periods,
    ...opt('aggregation', optChoice(args, 'aggregate', MAP_AGGREGATIONS)),
    classification: parseBreaks(optString(args, 'breaks'), classes),
    palette: {
      ...opt('name', optChoice(args, 'palette', MAP_PALETTES)),
      ...(optFlag(args, 'reverse') ? { reverse: true } : {}),
      ...opt('center', center),
    },
    ...opt('projection', optChoice(args, 'projection', MAP_PROJECTIONS)),
    ...opt('lang', optChoice(args, 'lang', ['en', 'zh'] as const)),
    ...opt('title', optString(args, 'title')),
    ...opt('subtitle', optString(args, 'subtitle')),
    ...opt('source', optString(args, 'source')),
    ...opt('notes', optString(args, 'note')),
    ...opt('mapApproval', optString(args, 'approval')),
    ...(optFlag(args, 'labels') ? { labels: true } : {}),
    ...(optFlag(args, 'group-outlines') ? { groupOutlines: true } : {}),
    ...opt('columns', columns),
    size: { ...opt('widthMm', widthMm), ...opt('heightMm', heightMm), ...opt('dpi', dpi) },
  };
}

/** The output format from the file extension. @throws UsageError for another extension. */
export function formatOfPath(path: string): FigureFormat {
  const ext = extname(path).slice(1).toLowerCase();
  const f = FIGURE_FORMATS.find((x) => x === ext);
  if (!f) throw new UsageError(`option --out must end in .png, .svg or .pdf, got "${path}"`);
  return f;
}

function readSpecFile(io: CliIo, file: string): unknown {
  const path = resolvePath(io, file);
  if (!existsSync(path)) throw new InputError('cli-file-not-found', `${file}: file not found.`, { file });
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new InputError('figure-spec-not-json', `${file}: the map spec is not valid JSON (${reason}).`, { file, reason });
  }
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  const projectFile = reqString(args, 'project');
  const out = reqString(args, 'out');
  const format = formatOfPath(out);
  const specFile = optString(args, 'spec');
  let raw: unknown;
  if (specFile !== undefined) {
    const extra = SPEC_FLAGS.filter((f) => args.values[f] !== undefined);
    if (extra.length > 0) throw new UsageError(`--spec draws the stored spec as it is; drop ${extra.map((f) => `--${f}`).join(', ')}`);
    raw = readSpecFile(io, specFile);
  } else {
    raw = specFromArgs(args);
  }
  const spec = parseMapSpec(raw, specFile ?? 'the options');
  const path = resolvePath(io, projectFile);
  if (!existsSync(path)) throw new InputError('cli-file-not-found', `${projectFile}: file not found.`, { file: projectFile });
  const { drawn, file } = await exportProjectMap(path, spec, format, out);
  const outPath = resolvePath(io, out);
  writeFileSync(outPath, file.bytes);
  const specOut = optString(args, 'spec-out');
  if (specOut !== undefined) writeFileSync(resolvePath(io, specOut), `${JSON.stringify(drawn.spec, null, 2)}\n`);
  for (const w of drawn.summary.warnings) warn(io, w.message);
  const s = drawn.summary;
  const noData = [...new Set(s.missing.flat())];
  if (optFlag(args, 'json')) {
    printJson(io, {
      out: outPath,
      format,
      width_px: s.widthPx,
      height_px: s.heightPx,
      dpi: spec.size.dpi,
      breaks: s.breaks[0] ?? [],
      panel_breaks: s.breaks,
      classes: s.legend.map((l) => ({ label: l.label, count: l.count, color: l.color })),
      no_data: noData,
      panels: s.panels,
      simulated: drawn.simulated,
      warnings: s.warnings.map((w) => ({ code: w.code, message: w.message })),
      spec: drawn.spec,
    });
  } else {
    const size = format === 'png' ? `${s.widthPx} × ${s.heightPx} px at ${spec.size.dpi} DPI` : `${spec.size.widthMm} × ${spec.size.heightMm} mm`;
    io.stdout(`${outPath}: ${format.toUpperCase()} ${size}, ${s.panels.length} panel${s.panels.length === 1 ? '' : 's'}, ${s.legend.length} legend entries${noData.length ? `, no data: ${noData.join(', ')}` : ''}\n`);
  }
  return 0;
}

/** The `rwb map` command. */
export const command: CliCommand = {
  name: 'map',
  summary: SUMMARIES.map,
  usage: USAGE,
  options: {
    project: { type: 'string' },
    var: { type: 'string' },
    kind: { type: 'string' },
    year: { type: 'string' },
    periods: { type: 'string' },
    aggregate: { type: 'string' },
    classes: { type: 'string' },
    breaks: { type: 'string' },
    palette: { type: 'string' },
    reverse: { type: 'boolean' },
    center: { type: 'string' },
    projection: { type: 'string' },
    title: { type: 'string' },
    subtitle: { type: 'string' },
    note: { type: 'string' },
    source: { type: 'string' },
    approval: { type: 'string' },
    labels: { type: 'boolean' },
    'group-outlines': { type: 'boolean' },
    columns: { type: 'string' },
    lang: { type: 'string' },
    layer: { type: 'string' },
    out: { type: 'string' },
    dpi: { type: 'string' },
    'width-mm': { type: 'string' },
    'height-mm': { type: 'string' },
    spec: { type: 'string' },
    'spec-out': { type: 'string' },
  },
  run,
};
