/**
 * `rwb describe`: descriptive statistics of panel variables (N, mean, SD, min, P5, median,
 * P95, max, missing cells), the table every study opens with.
 */
import { describeVariables } from '../../stats/describe';
import { optFlag, optStrings } from '../args';
import type { CliCommand } from '../command';
import { PANEL_OPTIONS, PANEL_USAGE, panelFromArgs } from '../inputs';
import { formatTable, printJson, warn } from '../output';

export const command: CliCommand = {
  name: 'describe',
  summary: 'descriptive statistics of panel variables (N, mean, SD, min, P5, median, P95, max)',
  usage: [
    'Usage: rwb describe --panel FILE --id COL --time COL [--var EXPR ...] [--json]',
    '',
    'Descriptive statistics over all region-years: N (non-missing), mean, SD (n-1), min, P5,',
    'median, P95, max (quantiles as R type 7) and the number of missing cells.',
    '',
    'Options:',
    PANEL_USAGE,
    '  --var EXPR          variable or expression, repeatable (default: every numeric column),',
    '                      e.g. --var gsp --var "log(gsp)" --var "diff(unemp)"',
    '  --json              print { n_regions, n_periods, variables: [...] } as JSON',
    '',
    'Example: rwb describe --panel produc.csv --id state_name --time year --var "log(gsp)" --json',
  ].join('\n'),
  options: { ...PANEL_OPTIONS, var: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  async run(args, io) {
    const panel = await panelFromArgs(args, io);
    const d = describeVariables(panel, optStrings(args, 'var'));
    for (const w of d.warnings) warn(io, w.message);
    if (optFlag(args, 'json')) {
      printJson(io, { n_regions: d.nRegions, n_periods: d.nPeriods, variables: d.variables });
      return 0;
    }
    io.stdout(`${panel.source}: ${d.nRegions} regions, ${d.nPeriods} periods, ${panel.ids.length} rows\n\n`);
    io.stdout(
      formatTable(
        ['variable', 'N', 'mean', 'SD', 'min', 'P5', 'median', 'P95', 'max', 'missing'],
        d.variables.map((v) => [v.name, v.n, v.mean, v.sd, v.min, v.p5, v.median, v.p95, v.max, v.missing]),
      ),
    );
    return 0;
  },
};
