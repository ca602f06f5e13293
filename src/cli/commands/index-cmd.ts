/**
 * `rwb index`: a composite index (entropy, CRITIC, CV, PCA, equal, user, G1, SD-modified G1 or
 * combined weights; weighted sum or TOPSIS) from indicators of a panel; with `--project P.rwb
 * --name NEW` the index is written to the project as a variable with its recipe. JSON keys
 * follow docs/cli-contract.md `rwb index`.
 */
import { INDEX_AGGREGATIONS, INDEX_NORMALISATIONS, INDEX_OBJECTIVE_METHODS, INDEX_SCOPES } from '../../contract/constants';
import type { LongPanel } from '../../core/panel';
import { buildIndexFromPanel, parseRecipe, saveIndex, writeIndexVariable } from '../../services/composite/index-service';
import type { IndexView } from '../../services/composite/index-view';
import type { IndexRecipeInput } from '../../services/composite/recipe';
import { openProject } from '../../services/io/project-file';
import { isProjectPath } from '../../services/inputs/panel-input';
import { UsageError, optChoice, optFlag, optNumber, optString, optStrings, resolvePath } from '../args';
import type { CliArgs, CliCommand, CliIo } from '../command';
import { PANEL_OPTIONS, PANEL_USAGE, panelFromArgs } from '../inputs';
import { formatTable, printJson, warn } from '../output';
import { SUMMARIES } from './summaries';

const USAGE = `Usage: rwb index --panel FILE --id COL --time COL --indicator "+EXPR" --indicator "-EXPR"...
                 [--normalize minmax|zscore|vector] [--scope pooled|year] [--shift S]
                 [--weights entropy|critic|cv|pca|pca-variance|equal|g1|g1-sd|"a=0.3,b=0.7"]
                 [--order "a>b>c"] [--ratios 1.2,1.4] [--combine multiplicative|linear:ALPHA --objective M]
                 [--dimension-weights "economy=0.6,society=0.4"] [--aggregate sum|topsis]
                 [--robustness] [--name NEW] [--project P.rwb] [--replace] [--json]

A composite index of the indicators: normalised (min-max by default, pooled over all
region-years), weighted (entropy by default) and aggregated (weighted sum by default).

Options:
${PANEL_USAGE}
  --indicator "+EXPR"   an indicator: + (larger is better) or - (smaller is better), then an
                        expression; end with " @LAYER" to put it in a criterion layer (dimension),
                        e.g. "+gsp/emp @economy"
  --normalize M         minmax (default): (x-min)/(max-min) for +, (max-x)/(max-min) for -;
                        zscore: (x-mean)/sd; vector: x/sqrt(sum x^2) (1 - that for -)
  --scope S             pooled (default: min, max and the TOPSIS ideal over all region-years) or year
  --shift S             added to every normalised value (e.g. 0.0001, so ln p exists)
  --weights W           entropy (default), critic, cv (coefficient of variation), pca (first
                        component), pca-variance (variance-explained over components with
                        eigenvalue > 1), equal, g1 (needs --order and --ratios), g1-sd (SD-modified
                        G1, needs --order), or user weights "EXPR=w,EXPR=w" (scaled to sum to 1)
  --order "a>b>c"       G1: the indicators (expressions) from most to least important
  --ratios r2,...,rm    G1: adjacent importance ratios r_k = w_(k-1)/w_k
  --combine RULE        combine the subjective --weights (g1, equal or user) with --objective:
                        multiplicative, or linear:ALPHA (ALPHA on the subjective weights)
  --objective M         entropy (default), critic, cv or pca, with --combine
  --dimension-weights   weights across criterion layers; indicators are then weighted within each
                        layer (default: a layer weighs the sum of its indicators' weights)
  --aggregate A         sum (default) or topsis (relative closeness D-/(D+ + D-))
  --robustness          also the Spearman rank correlations between indices built with entropy,
                        CRITIC, CV, PCA and equal weights
  --name NEW            name of the index (with --project: the variable written)
  --project P.rwb       write the index to this project as variable --name, with its recipe
                        (without --panel the index is built on the project's panel)
  --replace             overwrite a variable of that name
  --json                one JSON document on stdout

Example:
  rwb index --panel produc.csv --id state_name --time year --indicator "+gsp/emp" \\
    --indicator "-unemp" --indicator "+pcap/emp" --weights entropy --aggregate topsis --json
`;

/** `"+gsp/emp @economy"` → the recipe indicator. */
function parseIndicator(text: string): { expr: string; direction: '+' | '-'; dimension: string } {
  const m = /^\s*([+-])\s*(.+?)\s*(?:@\s*([^@]+?)\s*)?$/.exec(text);
  if (!m || m[2].length === 0) throw new UsageError(`option --indicator must start with + or - and an expression, e.g. "+gsp/emp" or "-unemp", got "${text}"`);
  return { direction: m[1] as '+' | '-', expr: m[2], dimension: m[3] ?? '' };
}

/** `"a=0.3,b=0.7"` → weights by name. Names may contain commas only inside parentheses. */
function parsePairs(text: string, option: string): Record<string, number> {
  const out: Record<string, number> = {};
  let depth = 0, start = 0;
  const parts: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if ((ch === ',' && depth === 0) || i === text.length) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  for (const p of parts) {
    const k = p.lastIndexOf('=');
    const v = Number(p.slice(k + 1));
    if (k <= 0 || !Number.isFinite(v)) throw new UsageError(`option --${option} must look like "a=0.3,b=0.7", got "${text}"`);
    out[p.slice(0, k).trim()] = v;
  }
  return out;
}

function parseNumbers(text: string, option: string): number[] {
  const v = text.split(',').map((s) => Number(s.trim()));
  if (v.some((x) => !Number.isFinite(x))) throw new UsageError(`option --${option} must be numbers separated by commas, got "${text}"`);
  return v;
}

/** The recipe the options describe. */
function recipeFromArgs(args: CliArgs) {
  const indicators = optStrings(args, 'indicator').map(parseIndicator);
  if (indicators.length === 0) throw new UsageError('missing required option --indicator (e.g. --indicator "+gsp/emp" --indicator "-unemp")');
  const w = optString(args, 'weights') ?? 'entropy';
  const order = optString(args, 'order')?.split('>').map((s) => s.trim());
  const ratiosText = optString(args, 'ratios');
  let weights: NonNullable<IndexRecipeInput['weights']>;
  if (w.includes('=')) weights = { method: 'user', weights: parsePairs(w, 'weights') };
  else if (w === 'pca-variance') weights = { method: 'pca', mode: 'variance' };
  else if (w === 'g1') {
    if (!order || ratiosText === undefined) throw new UsageError('option --weights g1 needs --order "a>b>c" and --ratios r2,...,rm');
    weights = { method: 'g1', order, ratios: parseNumbers(ratiosText, 'ratios') };
  } else if (w === 'g1-sd') {
    if (!order) throw new UsageError('option --weights g1-sd needs --order "a>b>c"');
    weights = { method: 'g1-sd', order };
  } else if (w === 'entropy' || w === 'critic' || w === 'cv' || w === 'pca' || w === 'equal') weights = { method: w };
  else throw new UsageError(`option --weights must be entropy, critic, cv, pca, pca-variance, equal, g1, g1-sd or "a=0.3,b=0.7", got "${w}"`);
  const combine = optString(args, 'combine');
  if (combine !== undefined) {
    const m = /^(multiplicative|linear)(?::([0-9.]+))?$/.exec(combine);
    if (!m) throw new UsageError(`option --combine must be multiplicative or linear:ALPHA, got "${combine}"`);
    if (weights.method !== 'g1' && weights.method !== 'user' && weights.method !== 'equal') throw new UsageError('option --combine needs subjective --weights: g1, equal or "a=0.3,b=0.7"');
    const objective = optChoice(args, 'objective', INDEX_OBJECTIVE_METHODS) ?? 'entropy';
    weights = { method: 'combined', subjective: weights, objective: { method: objective }, rule: m[1] as 'multiplicative' | 'linear', ...(m[2] !== undefined ? { alpha: Number(m[2]) } : {}) };
  }
  const dw = optString(args, 'dimension-weights');
  return parseRecipe({
    indicators,
    normalisation: optChoice(args, 'normalize', INDEX_NORMALISATIONS) ?? 'minmax',
    scope: optChoice(args, 'scope', INDEX_SCOPES) ?? 'pooled',
    shift: optNumber(args, 'shift') ?? 0,
    weights,
    aggregate: optChoice(args, 'aggregate', INDEX_AGGREGATIONS) ?? 'sum',
    dimensionWeights: dw === undefined ? null : parsePairs(dw, 'dimension-weights'),
  });
}

/** The contract's JSON of a built index. */
function viewJson(name: string, v: IndexView): Record<string, unknown> {
  return {
    name,
    normalize: v.recipe.normalisation,
    scope: v.recipe.scope,
    shift: v.recipe.shift,
    method: v.recipe.weights.method,
    aggregate: v.recipe.aggregate,
    weights: Object.fromEntries(v.table.map((r) => [r.indicator, r.weight])),
    table: v.table.map((r) => ({ dimension: r.dimension, indicator: r.indicator, direction: r.direction, weight: r.weight, local_weight: r.localWeight, dimension_weight: r.dimensionWeight })),
    dimensions: v.dimensions,
    values: v.rows.id.map((id, i) => ({ id, time: v.rows.time[i], value: v.rows.value[i] })),
    ...(v.dimensions.length > 1 ? { dimension_values: v.dimensions.map((d, k) => ({ name: d.name, values: v.rows.dimensions[k] })) } : {}),
    describe: v.describe,
    ...(v.entropy ? { entropy: Object.fromEntries(v.table.map((r, j) => [r.indicator, (v.entropy as number[])[j]])) } : {}),
    ...(v.pca ? { pca: v.pca } : {}),
    obstacle: v.obstacle,
    ...(v.robustness ? { robustness: v.robustness } : {}),
    recipe: v.recipe,
    warnings: v.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  const recipe = recipeFromArgs(args);
  const projectFile = optString(args, 'project');
  const name = optString(args, 'name');
  if (projectFile !== undefined && name === undefined) throw new UsageError('option --project needs --name NEW (the variable to write)');
  if (projectFile !== undefined && !isProjectPath(projectFile)) throw new UsageError(`option --project must name a project file (.rwb), got "${projectFile}"`);
  const robustness = optFlag(args, 'robustness');
  const json = optFlag(args, 'json');
  let view: IndexView;
  let written: Record<string, unknown> | undefined;
  if (projectFile !== undefined && optString(args, 'panel') === undefined) {
    const store = openProject(resolvePath(io, projectFile));
    try {
      const r = saveIndex(store, { name: name as string, recipe, replace: optFlag(args, 'replace') });
      view = robustness ? buildIndexFromPanel(store.readPanel(), recipe, true) : r.view;
      written = { file: store.path, variable: r.name, rows: r.rows, n: r.n, missing: r.missing, replaced: r.replaced };
    } finally {
      store.close();
    }
  } else {
    const panel: LongPanel = await panelFromArgs(args, io);
    view = buildIndexFromPanel(panel, recipe, robustness);
    if (projectFile !== undefined) {
      const store = openProject(resolvePath(io, projectFile));
      try {
        const r = writeIndexVariable(store, { name: name as string, replace: optFlag(args, 'replace') }, view);
        written = { file: store.path, variable: r.name, rows: r.rows, n: r.n, missing: r.missing, replaced: r.replaced };
      } finally {
        store.close();
      }
    }
  }
  for (const w of view.warnings) warn(io, w.message);
  const indexName = name ?? 'index';
  if (json) {
    printJson(io, { ...viewJson(indexName, view), ...(written ? { project: written } : {}) });
    return 0;
  }
  io.stdout(`Composite index ${indexName}: ${recipe.normalisation} (${recipe.scope}), ${recipe.weights.method} weights, ${recipe.aggregate === 'topsis' ? 'TOPSIS' : 'weighted sum'}\n`);
  io.stdout(formatTable(['criterion layer', 'indicator', 'direction', 'weight'], view.table.map((r) => [r.dimension, r.indicator, r.direction, r.weight])));
  const d = view.describe[0];
  io.stdout(`\nindex: n ${d.n}, mean ${d.mean ?? ''}, sd ${d.sd ?? ''}, min ${d.min ?? ''}, max ${d.max ?? ''}\n`);
  if (view.robustness) {
    io.stdout('\nSpearman rank correlations between weighting methods\n');
    io.stdout(formatTable(['', ...view.robustness.labels], view.robustness.rho.map((row, j) => [view.robustness?.labels[j] ?? '', ...row.map((x) => x ?? '')])));
  }
  if (written) io.stdout(`\n${written.replaced ? 'replaced' : 'added'} variable ${String(written.variable)} (${String(written.n)} values, ${String(written.missing)} missing) in ${String(written.file)}, with its recipe\n`);
  return 0;
}

/** The `rwb index` command. */
export const command: CliCommand = {
  name: 'index',
  summary: SUMMARIES.index,
  usage: USAGE,
  options: {
    ...PANEL_OPTIONS,
    indicator: { type: 'string', multiple: true },
    normalize: { type: 'string' },
    scope: { type: 'string' },
    shift: { type: 'string' },
    weights: { type: 'string' },
    order: { type: 'string' },
    ratios: { type: 'string' },
    combine: { type: 'string' },
    objective: { type: 'string' },
    'dimension-weights': { type: 'string' },
    aggregate: { type: 'string' },
    robustness: { type: 'boolean' },
    name: { type: 'string' },
    project: { type: 'string' },
    replace: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run,
};
