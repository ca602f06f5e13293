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
import { couplingRows, martinIndices, saveMeasureVariable, shockResilience, type MeasureRequest } from '../../services/composite/measures';
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
       rwb index --panel FILE --id COL --time COL --shock EXPR --base YEAR [--reference EXPR] [--json]
       rwb index --panel FILE --id COL --time COL --martin EXPR --periods START,TROUGH,END [--reference EXPR] [--json]
       rwb index --panel FILE --id COL --time COL --coupling "U1,U2[,U3]" [--alpha 0.5,0.5] [--json]

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

Shock-based measures and coupling coordination (instead of --indicator):
  --shock EXPR          relative-growth resilience: RE = (Y_t - Y_base)/Y_base per region,
                        GR_t the same for the reference series, value = (RE - GR)/|GR|
  --base YEAR           the base (pre-shock) year of --shock
  --martin EXPR         Martin's sensitivity indices: beta = region growth / reference growth over
  --periods S,T,E       [S, T] (resistance) and [T, E] (recovery)
  --reference EXPR      the reference (national) series: one value per year, the same for every
                        region (default: the sum over regions)
  --coupling "U1,U2"    coupling coordination of 2 or 3 indices in [0, 1]: C = k[prod U/(sum U)^k]^(1/k),
                        T = sum alpha_i U_i, D = sqrt(C T), with the level of D (ten classes)
  --alpha a1,a2         contribution coefficients of --coupling (default equal; sum 1)
  With --project P.rwb --name NEW (and no --panel), --shock and --coupling are computed on the
  project's panel and written as variable NEW, with the measure saved in the project.

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

/** The measure request of `--shock`, `--martin` or `--coupling`. */
function measureRequest(args: CliArgs): MeasureRequest {
  const reference = optString(args, 'reference') ?? null;
  const shock = optString(args, 'shock');
  const martin = optString(args, 'martin');
  const coupling = optString(args, 'coupling');
  if ([shock, martin, coupling].filter((x) => x !== undefined).length > 1) throw new UsageError('use one of --shock, --martin and --coupling at a time');
  if (shock !== undefined) {
    const base = optNumber(args, 'base', { integer: true });
    if (base === undefined) throw new UsageError('option --shock needs --base YEAR (the pre-shock year)');
    return { measure: 'relative-growth', variable: shock, base, reference };
  }
  if (martin !== undefined) {
    const p = parseNumbers(optString(args, 'periods') ?? '', 'periods');
    if (p.length !== 3 || p.some((x) => !Number.isInteger(x))) throw new UsageError('option --martin needs --periods START,TROUGH,END (three years)');
    return { measure: 'martin', variable: martin, start: p[0], trough: p[1], end: p[2], reference };
  }
  const alphaText = optString(args, 'alpha');
  return { measure: 'coupling', indices: splitTop(coupling as string), ...(alphaText === undefined ? {} : { alpha: parseNumbers(alphaText, 'alpha') }) };
}

/**
 * `--shock`, `--martin`, `--coupling`: the measures of the panel, printed; with `--project
 * P.rwb --name NEW` (relative growth and coupling) computed on the project's panel and written
 * as variable NEW with the measure saved.
 */
async function runMeasure(args: CliArgs, io: CliIo): Promise<number> {
  if (optStrings(args, 'indicator').length > 0) throw new UsageError('options --shock, --martin and --coupling are used without --indicator');
  const req = measureRequest(args);
  const json = optFlag(args, 'json');
  const projectFile = optString(args, 'project');
  const name = optString(args, 'name');
  let written: Record<string, unknown> | undefined;
  let panel: LongPanel;
  if (projectFile !== undefined) {
    if (name === undefined) throw new UsageError('option --project needs --name NEW (the variable to write)');
    if (optString(args, 'panel') !== undefined) throw new UsageError('with --project the measure is computed on the project\'s panel: leave out --panel');
    const store = openProject(resolvePath(io, projectFile));
    try {
      const w = saveMeasureVariable(store, name, req, optFlag(args, 'replace'));
      written = { file: store.path, variable: w.name, rows: w.rows, n: w.n, missing: w.missing, replaced: w.replaced };
      panel = store.readPanel();
    } finally {
      store.close();
    }
  } else {
    panel = await panelFromArgs(args, io);
  }
  let out: Record<string, unknown>;
  if (req.measure === 'relative-growth') {
    const r = shockResilience(panel, req.variable, req.base, req.reference ?? undefined);
    out = { measure: req.measure, variable: r.variable, base: r.base, reference: r.reference, values: r.rows };
  } else if (req.measure === 'martin') {
    const r = martinIndices(panel, req.variable, req.start, req.trough, req.end, req.reference ?? undefined);
    out = { measure: req.measure, variable: r.variable, start: req.start, trough: req.trough, end: req.end, reference: r.reference, regions: r.regions };
  } else {
    const r = couplingRows(panel, req.indices, req.alpha);
    out = { measure: req.measure, indices: r.indices, alpha: r.alpha, values: r.rows };
  }
  if (written) out = { ...out, project: written };
  if (json) printJson(io, out);
  else io.stdout(`${JSON.stringify({ ...out, values: undefined, regions: undefined })}\n${formatTable(
    Object.keys(((out.values ?? out.regions) as Record<string, unknown>[])[0] ?? {}),
    ((out.values ?? out.regions) as Record<string, unknown>[]).map((r) => Object.values(r).map((v) => (v === null ? '' : v as string | number))),
  )}`);
  return 0;
}

/** Split "a,b,c" at top-level commas (not inside parentheses). */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (i === text.length || (ch === ',' && depth === 0)) { parts.push(text.slice(start, i).trim()); start = i + 1; }
  }
  return parts.filter((p) => p !== '');
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  if (optString(args, 'shock') !== undefined || optString(args, 'martin') !== undefined || optString(args, 'coupling') !== undefined) return runMeasure(args, io);
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
    shock: { type: 'string' },
    base: { type: 'string' },
    martin: { type: 'string' },
    periods: { type: 'string' },
    reference: { type: 'string' },
    coupling: { type: 'string' },
    alpha: { type: 'string' },
    name: { type: 'string' },
    project: { type: 'string' },
    replace: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run,
};
