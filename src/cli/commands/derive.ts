/**
 * `rwb derive`: store a new variable computed from an expression in a project file.
 */
import { deriveVariable } from '../../services/derive/derived-service';
import { openProject } from '../../services/io/project-file';
import { optFlag, optString, reqString, resolvePath } from '../args';
import type { CliCommand } from '../command';
import { printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

/** The `rwb derive` command (see `usage`). */
export const command: CliCommand = {
  name: 'derive',
  summary: SUMMARIES.derive,
  usage: [
    'Usage: rwb derive --project P.rwb --name NAME --expr EXPR [--label TEXT] [--unit TEXT] [--replace] [--json]',
    '',
    'Evaluates EXPR over the project panel and stores it as variable NAME with its expression,',
    'in one transaction. Functions: log, exp, sqrt, abs, ^, comparisons, lag(x, k), lead(x, k),',
    'diff(x, k), growth(x), winsor(x, p), zscore(x), demean(x); names with spaces in `backticks`.',
    '',
    'Options:',
    '  --project FILE      the project file (.rwb); must exist',
    '  --name NAME         new variable (letters, digits, _)',
    '  --expr EXPR         expression, e.g. "log(gsp)" or "diff(log(gsp))"',
    '  --label TEXT        label shown in tables',
    '  --unit TEXT         unit',
    '  --replace           overwrite a variable of the same name',
    '  --json              print what was stored as JSON',
    '',
    'Example: rwb derive --project us.rwb --name lgsp --expr "log(gsp)"',
  ].join('\n'),
  options: {
    project: { type: 'string' },
    name: { type: 'string' },
    expr: { type: 'string' },
    label: { type: 'string' },
    unit: { type: 'string' },
    replace: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const project = resolvePath(io, reqString(args, 'project'));
    const name = reqString(args, 'name');
    const expression = reqString(args, 'expr');
    const store = openProject(project);
    try {
      const r = deriveVariable(store, {
        name,
        expression,
        label: optString(args, 'label'),
        unit: optString(args, 'unit'),
        replace: optFlag(args, 'replace'),
      });
      for (const w of r.warnings) warn(io, w.message);
      if (optFlag(args, 'json')) printJson(io, r);
      else {
        io.stdout(
          `${r.replaced ? 'replaced' : 'added'} variable ${r.name} = ${r.expression}: ` +
            `${r.n} values, ${r.missing} missing, in ${project}\n`,
        );
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
