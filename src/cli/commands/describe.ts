/**
 * `rwb describe`: descriptive statistics of panel variables (N, mean, SD, min, P5, median,
 * P95, max, missing cells), the table every study opens with.
 */
import { InputError } from '../../core/errors';
import type { LongPanel } from '../../core/panel';
import { suggestMatches } from '../../core/text-match';
import { describeGroups, type VariableSummary } from '../../stats/describe';
import { optFlag, optString, optStrings } from '../args';
import type { CliCommand } from '../command';
import { PANEL_OPTIONS, PANEL_USAGE, panelFromArgs } from '../inputs';
import { formatNumber, formatTable, printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

/** Group label per row from a text or numeric column (or the id/time column). */
function groupLabels(panel: LongPanel, column: string): string[] {
  const text = panel.text?.[column];
  if (text) return [...text];
  const values = panel.values[column];
  if (values) return Array.from(values, (v) => (Number.isNaN(v) ? '' : formatNumber(v, 15)));
  if (column === panel.timeColumn) return panel.times.map(String);
  if (column === panel.idColumn) return [...panel.ids];
  const columns = [panel.idColumn, panel.timeColumn, ...panel.variables, ...Object.keys(panel.text ?? {})];
  const near = suggestMatches(column, columns, 1);
  throw new InputError(
    near.length > 0 ? 'cli-unknown-group-column-suggest' : 'cli-unknown-group-column',
    `${panel.source}: no column "${column}" to group by` +
      (near.length > 0 ? `; did you mean "${near[0]}"?` : ` (columns: ${columns.join(', ')})`),
    { column, source: panel.source, suggestions: near, suggestion: near[0], columnList: columns.join(', ') },
  );
}

function table(variables: readonly VariableSummary[]): string {
  return formatTable(
    ['variable', 'N', 'mean', 'SD', 'min', 'P5', 'median', 'P95', 'max', 'missing'],
    variables.map((v) => [v.name, v.n, v.mean, v.sd, v.min, v.p5, v.median, v.p95, v.max, v.missing]),
  );
}

/** The `rwb describe` command (see `usage`). */
export const command: CliCommand = {
  name: 'describe',
  summary: SUMMARIES.describe,
  usage: [
    'Usage: rwb describe --panel FILE --id COL --time COL [--var EXPR ...] [--by COL] [--json]',
    '',
    'Descriptive statistics over all region-years: N (non-missing), mean, SD (n-1), min, P5,',
    'median, P95, max (quantiles as R type 7) and the number of missing cells.',
    '',
    'Options:',
    PANEL_USAGE,
    '  --var EXPR          variable or expression, repeatable (default: every numeric column),',
    '                      e.g. --var gsp --var "log(gsp)" --var "diff(unemp)"',
    '  --by COL            also describe each group of rows by COL (a text column such as',
    '                      region_group, a numeric code, or the time column)',
    '  --json              print { n_regions, n_periods, variables: [...] } as JSON',
    '                      (with --by also groups: [{ group, n_regions, n_periods, variables }])',
    '',
    'Example: rwb describe --panel produc.csv --id state_name --time year --var "log(gsp)" --json',
  ].join('\n'),
  options: { ...PANEL_OPTIONS, var: { type: 'string', multiple: true }, by: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const panel = await panelFromArgs(args, io);
    const by = optString(args, 'by');
    const labels = by === undefined ? panel.ids.map(() => '') : groupLabels(panel, by);
    const { overall: d, groups } = describeGroups(panel, optStrings(args, 'var'), labels);
    for (const w of d.warnings) warn(io, w.message);
    if (optFlag(args, 'json')) {
      printJson(io, {
        n_regions: d.nRegions,
        n_periods: d.nPeriods,
        variables: d.variables,
        ...(by === undefined
          ? {}
          : { by, groups: groups.map((g) => ({ group: g.group, n_regions: g.nRegions, n_periods: g.nPeriods, variables: g.variables })) }),
      });
      return 0;
    }
    io.stdout(`${panel.source}: ${d.nRegions} regions, ${d.nPeriods} periods, ${panel.ids.length} rows\n\n`);
    io.stdout(table(d.variables));
    if (by !== undefined) {
      for (const g of groups) {
        io.stdout(`\n${by} = ${g.group}: ${g.nRegions} regions, ${g.nPeriods} periods\n\n`);
        io.stdout(table(g.variables));
      }
    }
    return 0;
  },
};
