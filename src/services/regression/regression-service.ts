/**
 * Panel regression service: evaluates the y and x expressions on a panel, selects a
 * sub-sample (group), drops incomplete rows, builds the `PanelDesign`, fits it with
 * `fitPanel`, and optionally records the run in a project file. `runHeterogeneityTable`
 * fits the baseline plus one column per region group (East/Central/West/Northeast) and builds
 * the publication table. Used by `rwb fe`, the app and the web server.
 */
import { InputError } from '../../core/errors';
import { evaluateExpressionDetailed } from '../../core/expressions';
import type { LongPanel } from '../../core/panel';
import { fitPanel } from '../../models/panel/fit';
import { hausmanTest } from '../../models/panel/hausman';
import type { Effects, FitOptions, PanelFit, SeType } from '../../models/panel/types';
import { medianSplit, parameterCount, type MedianBasis } from '../../models/heterogeneity/groups';
import { chowTest, type ChowTest } from '../../models/heterogeneity/chow';
import { permutationGapTest, permutationGapTestAsync, type PermutationTest } from '../../models/heterogeneity/permutation';
import {
  buildRegressionTable, type RegressionTable, type TableColumnSpec, type TableOptions,
} from '../../report/regression-table';
import { computeInputHash } from '../../store/hash';
import type { ProjectStore } from '../../store/project-store';
import { columnAsText, prepareDesign } from '../inputs/design';
import { warningMessages, type InputWarning } from '../inputs/warnings';
import { findRegionGroups } from '../inputs/region-groups';

export { findRegionGroups, storeRegionGroups, withProjectRegionGroups } from '../inputs/region-groups';
import { RUN_REGISTRY, regressionRunKind } from '../../contract/runs';

/** Sub-sample selection: rows whose `column` equals `value`, or one half of a median split. */
export type GroupSelector =
  | { readonly column: string; readonly value: string }
  | { readonly split: string; readonly value: 'High' | 'Low'; readonly basis?: MedianBasis };

/** Where to record the run. */
export interface SaveTarget {
  readonly store: ProjectStore;
  /** Version of the app that ran the analysis (stored with the run). */
  readonly appVersion: string;
}

/** A regression request. */
export interface RegressionInput {
  readonly panel: LongPanel;
  /** Dependent variable expression, e.g. `log(gsp)`. */
  readonly y: string;
  /** Regressor expressions; each text is its coefficient's name. */
  readonly x: readonly string[];
  /** Default `twoways` for FE, `individual` for RE, `none` for pooled. */
  readonly effects?: Effects;
  /** Default `cluster` when `cluster` is given, else `classical`. */
  readonly se?: SeType;
  /** Cluster variable: `id` or the panel's id column (regions), or any other column. */
  readonly cluster?: string;
  readonly group?: GroupSelector;
  /** Default `fe`. */
  readonly model?: FitOptions['model'];
  readonly dkLag?: number;
  /** Record the run (kind `panel.fe`/`panel.re`/`panel.pooled`, src/contract/runs.ts) in a project file. */
  readonly save?: SaveTarget;
}

/** The JSON-able request as stored with a run. */
export interface RegressionSpec {
  readonly y: string;
  readonly x: readonly string[];
  readonly model: FitOptions['model'];
  readonly effects: Effects;
  readonly se: SeType;
  readonly cluster: string | null;
  readonly group: GroupSelector | null;
  readonly dkLag: number | null;
  readonly source: string;
}

/** A fit with the facts needed to report it. */
export interface RegressionResult {
  readonly fit: PanelFit;
  readonly spec: RegressionSpec;
  /** Panel rows before any selection. */
  readonly nRows: number;
  /** Rows outside the selected group. */
  readonly nOutsideGroup: number;
  /** Rows of the group dropped because y, an x, or the cluster label was missing. */
  readonly nDropped: number;
  /** Readable notes: expression warnings, dropped rows, median used for a split. */
  readonly warnings: readonly string[];
  /** The same notes with their codes and values (`{ code, message, details }`), for a UI to translate. */
  readonly warningItems: readonly InputWarning[];
  readonly inputHash: string;
  /** Id of the saved run, when `save` was given. */
  readonly runId?: number;
  /** Region and period of each observation the fit used, aligned with `fit.residuals`. */
  readonly observations: { readonly ids: readonly string[]; readonly times: readonly number[] };
}

/**
 * Group label per row for `selector` (`` = not in any group), and a note on how it was made.
 * @throws InputError `unknown-column`, `regression-no-group-rows` (listing the values present).
 */
export function groupLabels(panel: LongPanel, selector: GroupSelector): { labels: readonly string[]; note?: string; noteItem?: InputWarning } {
  if ('column' in selector) {
    const labels = columnAsText(panel, selector.column, 'group');
    if (!labels.includes(selector.value)) {
      const present = [...new Set(labels.filter((l) => l !== ''))].sort();
      throw new InputError('regression-no-group-rows', `No rows with ${selector.column} = "${selector.value}"; values present: ${present.slice(0, 20).map((p) => `"${p}"`).join(', ')}${present.length > 20 ? ', …' : ''}.`, { column: selector.column, value: selector.value, presentList: present.slice(0, 20).map((p) => `"${p}"`).join(', '), ellipsis: present.length > 20 ? ', …' : '' });
    }
    return { labels };
  }
  const v = evaluateExpressionDetailed(panel, selector.split).values;
  const basis = selector.basis ?? 'region-mean';
  const s = medianSplit(v, panel.ids, basis, selector.split);
  const how = basis === 'region-mean' ? 'region means' : 'all observations';
  const note = `Median split of ${selector.split} by ${how}: median ${s.median}; High = above the median.`;
  const code = basis === 'region-mean' ? 'regression-median-split-region-mean' : 'regression-median-split-all';
  return { labels: s.labels, note, noteItem: { code, message: note, details: { split: selector.split, median: s.median } } };
}

/**
 * What clustered SEs are clustered by, for a table's notes: undefined (the table's own word
 * for "region") when clustering by the region id, else the column name.
 */
export function clusterLabelOf(panel: LongPanel, cluster: string | undefined): string | undefined {
  return cluster === undefined || cluster === 'id' || cluster === panel.idColumn ? undefined : cluster;
}

/**
 * Model, effects and SE type with their defaults: FE; effects two-way for FE, individual for
 * RE, none for pooled; cluster SEs when a cluster column is given, else classical.
 */
function fitOptionsOf(input: Omit<RegressionInput, 'group' | 'save'>): FitOptions {
  const model = input.model ?? 'fe';
  return {
    model,
    effects: input.effects ?? (model === 'fe' ? 'twoways' : model === 're' ? 'individual' : 'none'),
    se: input.se ?? (input.cluster !== undefined ? 'cluster' : 'classical'),
    ...(input.dkLag !== undefined ? { dkLag: input.dkLag } : {}),
  };
}

/** A JSON-able summary of a fit (typed arrays as arrays, residuals and fitted values left out). */
export function fitSummary(fit: PanelFit): Record<string, unknown> {
  const { residuals: _r, fitted: _f, vcov, ...rest } = fit;
  return { ...rest, vcov: Array.from(vcov) };
}

/**
 * Fit one panel regression.
 *
 * Steps: evaluate `y` and every `x` (expression warnings are passed on); keep the rows of
 * the selected group; drop rows where y, any x or the cluster label is missing (counted in
 * `nDropped`); fit with `fitPanel` (Stata's small-sample factor for cluster SEs); save the
 * run (kind by model, e.g. `panel.fe`; input hash over the panel and the spec) when `save` is given.
 *
 * @throws InputError `regression-no-regressors`, `unknown-column`, `regression-no-group-rows`, `no-observations`
 *   (nothing left after dropping missing rows); expression and fit errors (singular design
 *   naming the variables) pass through.
 */
export function runRegression(input: RegressionInput): RegressionResult {
  const { panel } = input;
  if (input.x.length === 0) throw new InputError('regression-no-regressors', 'Give at least one regressor (--x).');
  const options = fitOptionsOf(input);
  const { model, effects, se } = options;
  const warningItems: InputWarning[] = [];
  let inGroup: (i: number) => boolean = () => true;
  if (input.group) {
    const g = groupLabels(panel, input.group);
    if (g.noteItem) warningItems.push(g.noteItem);
    const value = input.group.value;
    inGroup = (i) => g.labels[i] === value;
  }
  const prepared = prepareDesign(input, se, inGroup);
  warningItems.push(...prepared.warnings);
  const warnings = warningMessages(warningItems);
  const { design, nDropped, nOutsideGroup } = prepared;
  const n = panel.ids.length;
  const p = parameterCount(design, options);
  if (design.y.length <= p) {
    const where = input.group ? ` in group ${'column' in input.group ? `${input.group.column} = "${input.group.value}"` : `${input.group.value} (median split of ${input.group.split})`}` : '';
    throw new InputError('regression-too-few-observations', `Only ${design.y.length} complete observations${where}, but the model estimates ${p} parameters (${input.x.length} regressors plus intercept/fixed effects); it needs more observations than parameters.`, { n: design.y.length, parameters: p, where, regressors: input.x.length });
  }
  const fit = fitPanel(design, options);
  const spec: RegressionSpec = {
    y: input.y, x: [...input.x], model, effects, se, cluster: input.cluster ?? null, group: input.group ?? null,
    dkLag: input.dkLag ?? null, source: panel.source,
  };
  const inputHash = computeInputHash(panel, spec);
  let runId: number | undefined;
  if (input.save) {
    runId = input.save.store.saveRun({
      kind: regressionRunKind(model), version: RUN_REGISTRY[regressionRunKind(model)].version, spec, inputHash, appVersion: input.save.appVersion, seed: null,
      results: { fit: fitSummary(fit), nDropped, nOutsideGroup, warnings },
    });
  }
  return Object.freeze({ fit, spec, nRows: n, nOutsideGroup, nDropped, warnings: Object.freeze(warnings), warningItems: Object.freeze(warningItems), inputHash, runId, observations: { ids: design.ids, times: design.times } });
}

/** Hausman test of FE against RE with both fits. */
export interface HausmanResult {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly fe: RegressionResult;
  readonly re: RegressionResult;
}

/**
 * Hausman test on the same sample and regressors: one-way (region) fixed effects against
 * Swamy–Arora random effects, both with classical covariances, as `plm::phtest(within,
 * random)`. Effects, SE type and clustering of `input` are ignored (the classical test needs
 * the efficient RE covariance).
 * @throws InputError as `runRegression`; `singular-design` when V_FE − V_RE is singular.
 */
export function runHausman(input: Omit<RegressionInput, 'model' | 'effects' | 'se' | 'cluster' | 'save'>): HausmanResult {
  const common = { ...input, effects: 'individual' as const, se: 'classical' as const, cluster: undefined };
  const fe = runRegression({ ...common, model: 'fe' });
  const re = runRegression({ ...common, model: 're' });
  const h = hausmanTest(fe.fit, re.fit);
  return Object.freeze({ ...h, fe, re });
}

/** Order of the NBS four regions in tables (English and Chinese names). */
/**
 * Chinese titles of the groups the samples and the China region convention use (the renderer's
 * `regionGroups` catalogue says the same); other group values are shown as they are.
 */
const GROUP_TITLES_ZH: Readonly<Record<string, string>> = {
  East: '东部', Central: '中部', West: '西部', Northeast: '东北',
  'N Eng': '新英格兰', 'Mid Atl': '中大西洋', 'S Atl': '南大西洋', 'E N Cen': '东北中部', 'W N Cen': '西北中部',
  'E S Cen': '东南中部', 'W S Cen': '西南中部', Mtn: '山地', Pacific: '太平洋',
  High: '高于中位数', Low: '低于中位数',
};

/** The title of a by-group column (null = the full sample) in a table language. */
export function groupTitle(group: string | null, language: 'en' | 'zh'): string {
  if (language === 'zh') return group === null ? '全样本' : (GROUP_TITLES_ZH[group] ?? group);
  return group === null ? 'Full sample' : group;
}

const REGION_ORDER = ['East', 'Central', 'West', 'Northeast', '东部', '中部', '西部', '东北'];

/** Request of `runHeterogeneityTable`. */
export interface HeterogeneityInput extends Omit<RegressionInput, 'group' | 'save'> {
  /** Grouping: a column (default: the region-group column found by `findRegionGroups`) or a median split. */
  readonly groups?: { readonly column: string } | { readonly split: string; readonly basis?: MedianBasis };
  /** Region code → group, used when the panel has no region-group column (e.g. `storeRegionGroups(store)`). */
  readonly regionGroups?: ReadonlyMap<string, string>;
  /** Group order (default East, Central, West, Northeast, then the rest sorted). */
  readonly order?: readonly string[];
  /** Leave out the full-sample column. */
  readonly noBaseline?: boolean;
  readonly table?: TableOptions;
  /** Test the gap between two groups: Chow by interactions, and the Fisher permutation test when `permutations` > 0. */
  readonly compare?: {
    readonly a: string; readonly b: string; readonly permutations?: number; readonly seed?: number;
    readonly onProgress?: (done: number, total: number) => void; readonly signal?: AbortSignal;
  };
  readonly save?: SaveTarget;
}

/** Result of `runHeterogeneityTable`. */
export interface HeterogeneityResult {
  readonly columns: readonly { readonly title: string; readonly group: string | null; readonly result: RegressionResult }[];
  readonly table: RegressionTable;
  readonly groupColumn: string;
  /** How the groups were made (e.g. the median of a split), for the reader. */
  readonly notes: readonly string[];
  /** The same notes with their codes and values, for a UI to translate. */
  readonly noteItems: readonly InputWarning[];
  readonly chow?: ChowTest;
  readonly permutation?: PermutationTest;
  readonly runId?: number;
}

/**
 * Baseline plus sub-sample table: column (1) the full sample, then one column per group
 * (East, Central, West, Northeast when the panel has a region-group column or the project's
 * regions have groups), each fitted with the same specification, and the publication table
 * of all columns. Optionally tests two groups' gap (Chow by interactions; Fisher permutation
 * with `seed`, stored with the run). Saves one run of kind `panel.compare` holding every column when
 * `save` is given.
 *
 * @throws InputError `regression-no-group-column` when no grouping is given or found; errors of any column
 *   with the group named.
 */
export function runHeterogeneityTable(input: HeterogeneityInput): HeterogeneityResult {
  const h = heterogeneityColumns(input);
  return h.finish(h.permutationArgs ? permutationGapTest(...h.permutationArgs) : undefined);
}

/** Runs the permutation test of `runHeterogeneityTableAsync` (e.g. in a worker thread). */
export type PermutationRunner = (...args: Parameters<typeof permutationGapTest>) => Promise<PermutationTest>;

/**
 * `runHeterogeneityTable` whose permutation test runs through `permute`: by default it yields
 * to the event loop between slices, so `compare.signal` can be aborted by a UI event while it
 * runs (rejects with `CancelledError`); the app passes a runner that uses a worker thread.
 */
export async function runHeterogeneityTableAsync(input: HeterogeneityInput, permute: PermutationRunner = permutationGapTestAsync): Promise<HeterogeneityResult> {
  const h = heterogeneityColumns(input);
  return h.finish(h.permutationArgs ? await permute(...h.permutationArgs) : undefined);
}

/** The group fits, table and Chow test; `finish` adds the permutation result and saves the run. */
function heterogeneityColumns(input: HeterogeneityInput): {
  permutationArgs?: Parameters<typeof permutationGapTest>;
  finish: (permutation: PermutationTest | undefined) => HeterogeneityResult;
} {
  const { panel } = input;
  let labels: readonly string[];
  let groupColumn: string;
  let note: InputWarning | undefined;
  if (input.groups && 'split' in input.groups) {
    const g = groupLabels(panel, { split: input.groups.split, value: 'High', basis: input.groups.basis });
    labels = g.labels; note = g.noteItem; groupColumn = `median split of ${input.groups.split}`;
  } else if (input.groups) {
    labels = columnAsText(panel, input.groups.column, 'group'); groupColumn = input.groups.column;
  } else {
    const found = findRegionGroups(panel, input.regionGroups);
    if (!found) {
      throw new InputError('regression-no-group-column', `The panel ${panel.source} has no region-group column (e.g. region_group) and no region groups were given; choose a grouping column or a median split.`, { source: panel.source });
    }
    labels = found.labels; groupColumn = found.column;
  }
  const present = [...new Set(labels.filter((l) => l !== ''))];
  const order = input.order ? [...input.order]
    : [...REGION_ORDER.filter((r) => present.includes(r)), ...present.filter((p) => !REGION_ORDER.includes(p)).sort()];
  const { groups: _g, regionGroups: _rg, order: _o, noBaseline, table: tableOptions, compare, save, ...base } = input;
  const columns: { title: string; group: string | null; result: RegressionResult }[] = [];
  if (!noBaseline) columns.push({ title: 'Full sample', group: null, result: runRegression(base) });
  const labelled: LongPanel = { ...panel, text: { ...panel.text, __group__: labels } };
  for (const g of order) {
    let result: RegressionResult;
    try {
      result = runRegression({ ...base, panel: labelled, group: { column: '__group__', value: g } });
    } catch (e) {
      if (e instanceof InputError) throw new InputError('hetero-in-group', `In group "${g}": ${e.message}`, { ...e.details, group: g, cause: e.message, causeCode: e.code });
      throw e;
    }
    columns.push({ title: g, group: g, result });
  }
  // Column titles in the table's language, as the on-screen table shows them: `(1) 全样本`, `(2) 东部`.
  const language = tableOptions?.language ?? 'en';
  const specs: TableColumnSpec[] = columns.map((c, j) => ({ title: `(${j + 1}) ${groupTitle(c.group, language)}`, fit: c.result.fit }));
  const table = buildRegressionTable(specs, { dependent: input.y, clusterLabel: clusterLabelOf(panel, input.cluster), ...tableOptions });

  let chow: ChowTest | undefined;
  let permutationArgs: Parameters<typeof permutationGapTest> | undefined;
  if (compare) {
    const options = fitOptionsOf(base);
    const prepared = prepareDesign(base, options.se, (i) => labels[i] !== '');
    const rowLabels = prepared.rows.map((i) => labels[i]);
    chow = chowTest(prepared.design, rowLabels, compare.a, compare.b, options);
    if ((compare.permutations ?? 0) > 0) {
      permutationArgs = [prepared.design, rowLabels, compare.a, compare.b, options, {
        permutations: compare.permutations, seed: compare.seed ?? 1, onProgress: compare.onProgress, signal: compare.signal,
      }];
    }
  }
  const finish = (permutation: PermutationTest | undefined): HeterogeneityResult => {
    let runId: number | undefined;
    if (save) {
      const spec = { ...columns[0].result.spec, group: null, groupColumn, order, compare: compare ? { a: compare.a, b: compare.b, permutations: compare.permutations ?? 0 } : null };
      runId = save.store.saveRun({
        kind: 'panel.compare', version: RUN_REGISTRY['panel.compare'].version, spec, inputHash: computeInputHash(panel, spec), appVersion: save.appVersion,
        seed: permutation ? permutation.seed : null,
        results: {
          columns: columns.map((c) => ({ title: c.title, group: c.group, fit: fitSummary(c.result.fit), nDropped: c.result.nDropped })),
          table, chow: chow ? { ...chow, fit: undefined } : null, permutation: permutation ?? null,
        },
      });
    }
    return Object.freeze({ columns: Object.freeze(columns), table, groupColumn, notes: Object.freeze(note ? [note.message] : []), noteItems: Object.freeze(note ? [note] : []), chow, permutation, runId });
  };
  return { permutationArgs, finish };
}
