/**
 * The design preparation every panel analysis shares (public for Moran, spatial panels, GTWR
 * and indices): expressions evaluated on the panel, complete cases, cluster labels.
 */
import { InputError } from '../../core/errors';
import { evaluateExpressionDetailed } from '../../core/expressions';
import type { LongPanel } from '../../core/panel';
import type { PanelDesign, SeType } from '../../models/panel/types';
import type { InputWarning } from './warnings';

/** A text or numeric column's values as strings (numbers printed plainly; missing as ``). */
export function columnAsText(panel: LongPanel, column: string, what: string): readonly string[] {
  if (column === panel.idColumn) return panel.ids;
  if (column === panel.timeColumn) return panel.times.map(String);
  const text = panel.text?.[column];
  if (text) return text;
  const num = panel.values[column];
  if (num) return Array.from(num, (v) => (Number.isFinite(v) ? String(v) : ''));
  const all = [panel.idColumn, panel.timeColumn, ...panel.variables, ...Object.keys(panel.text ?? {})];
  throw new InputError('regression-unknown-column', `Unknown ${what} column "${column}" in ${panel.source}; columns: ${all.join(', ')}.`, { column, source: panel.source, what, columnList: all.join(', ') });
}

/** Cluster labels per row, or undefined for none. `id` means the panel's id column. */
export function clusterLabels(panel: LongPanel, cluster: string | undefined): readonly string[] | undefined {
  if (cluster === undefined) return undefined;
  if (cluster === 'id' && !panel.text?.id && !panel.values.id) return panel.ids;
  return columnAsText(panel, cluster, 'cluster');
}

/** A complete-case design and what was left out. */
export interface PreparedDesign {
  readonly design: PanelDesign;
  /** Panel rows used, in order. */
  readonly rows: readonly number[];
  readonly nDropped: number;
  readonly nOutsideGroup: number;
  /** Expression warnings (`expression-missing`) and dropped rows (`dropped-rows`). */
  readonly warnings: readonly InputWarning[];
}

/** What a design is built from: the panel, y and the x's as expressions, and the cluster column. */
export interface DesignInput {
  readonly panel: LongPanel;
  /** Dependent variable expression, e.g. `log(gsp)`. */
  readonly y: string;
  /** Regressor expressions; each text is its coefficient's name. */
  readonly x: readonly string[];
  /** Cluster variable: `id` or the panel's id column (regions), or any other column. */
  readonly cluster?: string;
}

/** Functions whose missing values the expression compiler explains with their own sentence. */
const EXPRESSION_PROBLEMS: Readonly<Record<string, string>> = {
  log: 'log', log10: 'log10', log2: 'log2', log1p: 'log1p', sqrt: 'sqrt', '/': 'division', './': 'division', growth: 'growth', zscore: 'zscore',
};

/**
 * The catalogue key (`errors.expr-problem-…`) of the reason an expression set rows to missing;
 * the UI nests it in the `expression-missing` sentence.
 */
export function expressionProblemKey(fn: string): string {
  return `expr-problem-${EXPRESSION_PROBLEMS[fn] ?? 'other'}`;
}

/**
 * The complete-case design of a panel model, shared by every analysis that fits on a panel
 * (regression, group comparisons; later Moran's I on residuals, spatial panels, GTWR):
 * evaluate y and the x's, keep rows where `inGroup` holds and y, every x and the cluster
 * label (when clustering, i.e. `se` is `cluster` or a cluster column is given) are present,
 * and build the `PanelDesign` (rows in panel order).
 * @throws InputError `regression-no-observations` / `regression-no-observations-in-group` when no row is left; `regression-unknown-column` for a cluster
 *   column the panel lacks; expression errors pass through.
 */
export function prepareDesign(input: DesignInput, se: SeType, inGroup: (i: number) => boolean = () => true): PreparedDesign {
  const { panel } = input;
  const warnings: InputWarning[] = [];
  const evaluate = (expr: string): Float64Array => {
    const r = evaluateExpressionDetailed(panel, expr);
    for (const w of r.warnings) warnings.push({ code: 'expression-missing', message: w.message, details: { expression: expr, fn: w.fn, count: w.count, problem: expressionProblemKey(w.fn) } });
    return r.values;
  };
  const y = evaluate(input.y);
  const X = input.x.map(evaluate);
  const cluster = clusterLabels(panel, se === 'cluster' ? (input.cluster ?? panel.idColumn) : input.cluster);
  const rows: number[] = [];
  let nOutsideGroup = 0, nDropped = 0;
  for (let i = 0; i < panel.ids.length; i++) {
    if (!inGroup(i)) { nOutsideGroup++; continue; }
    let ok = Number.isFinite(y[i]) && (cluster === undefined || cluster[i] !== '');
    for (let j = 0; ok && j < X.length; j++) ok = Number.isFinite(X[j][i]);
    if (ok) rows.push(i); else nDropped++;
  }
  if (nDropped > 0) {
    const variables = [input.y, ...input.x].join(', ');
    warnings.push(cluster
      ? { code: 'dropped-rows-cluster', message: `Dropped ${nDropped} row(s) with a missing value in ${variables} or the cluster variable.`, details: { count: nDropped, variables } }
      : { code: 'dropped-rows', message: `Dropped ${nDropped} row(s) with a missing value in ${variables}.`, details: { count: nDropped, variables } });
  }
  if (rows.length === 0) {
    throw new InputError(nOutsideGroup > 0 ? 'regression-no-observations-in-group' : 'regression-no-observations', `No complete observations for ${input.y} on ${input.x.join(', ')}${nOutsideGroup > 0 ? ' in the selected group' : ''}.`, { y: input.y, xList: input.x.join(', ') });
  }
  const take = (a: Float64Array): Float64Array => Float64Array.from(rows, (i) => a[i]);
  return {
    design: {
      y: take(y), X: X.map(take), names: [...input.x],
      ids: rows.map((i) => panel.ids[i]), times: rows.map((i) => panel.times[i]),
      cluster: cluster ? rows.map((i) => cluster[i]) : undefined,
    },
    rows, nDropped, nOutsideGroup, warnings,
  };
}
