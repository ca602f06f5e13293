/**
 * Descriptive statistics of panel variables: the table every study opens with
 * (N, mean, SD, min, P5, median, P95, max, missing cells).
 */
import { compileExpression, type ExpressionWarning } from '../core/expressions';
import type { LongPanel } from '../core/panel';
import { panelPeriods, panelRegions } from '../core/panel';
import { quantileSorted, sortedNonMissing } from '../core/quantile';

/** Summary of one variable over all panel rows (missing cells excluded). */
export interface VariableSummary {
  /** Variable name or expression text as given. */
  readonly name: string;
  /** Number of non-missing values. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1). */
  readonly sd: number;
  readonly min: number;
  /** 5th percentile, R type 7. */
  readonly p5: number;
  /** Median (50th percentile, R type 7). */
  readonly median: number;
  /** 95th percentile, R type 7. */
  readonly p95: number;
  readonly max: number;
  /** Number of missing (NaN) cells. */
  readonly missing: number;
}

/** Result of `describeVariables`. */
export interface PanelDescription {
  /** Distinct region ids of the panel. */
  readonly nRegions: number;
  /** Distinct periods of the panel. */
  readonly nPeriods: number;
  readonly variables: readonly VariableSummary[];
  /** Rows set to missing while evaluating the expressions (e.g. log of a non-positive value). */
  readonly warnings: readonly ExpressionWarning[];
}

/**
 * Describe one variable.
 *
 * Formula: mean = Σx/n; sd = √(Σ(x − mean)²/(n − 1)) (two-pass); p5, median, p95 are type-7
 * quantiles. Statistics that need more values than there are are `NaN` (sd needs n ≥ 2, the
 * rest n ≥ 1).
 * Reference: R `mean`, `sd`, `quantile(x, c(.05, .5, .95), type = 7)` with `na.rm = TRUE`.
 *
 * @param name - label of the variable in the result
 * @param values - one value per row, NaN = missing
 * @returns a frozen summary
 */
export function describeVariable(name: string, values: ArrayLike<number>): VariableSummary {
  const sorted = sortedNonMissing(values);
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  return Object.freeze({
    name,
    n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN,
    min: n > 0 ? sorted[0] : Number.NaN,
    p5: quantileSorted(sorted, 0.05),
    median: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    max: n > 0 ? sorted[n - 1] : Number.NaN,
    missing: values.length - n,
  });
}

/**
 * Describe panel variables given as expressions (`gsp`, `log(gsp)`, `diff(unemp)`); with no
 * expressions, every numeric variable of the panel in file order.
 *
 * @param panel - the panel
 * @param exprs - expressions; each result is named by its text exactly as given
 * @returns region and period counts, one summary per expression, and expression warnings
 * @throws InputError from `evaluateExpressionDetailed` (unknown column, bad expression, …)
 */
export function describeVariables(panel: LongPanel, exprs: readonly string[] = []): PanelDescription {
  const { columns, warnings } = evaluateColumns(panel, exprs);
  return Object.freeze({
    nRegions: panelRegions(panel).length,
    nPeriods: panelPeriods(panel).length,
    variables: Object.freeze(columns.map((c) => describeVariable(c.name, c.values))),
    warnings: Object.freeze(warnings),
  });
}

interface NamedColumn {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

function evaluateColumns(panel: LongPanel, exprs: readonly string[]): { columns: NamedColumn[]; warnings: ExpressionWarning[] } {
  const warnings: ExpressionWarning[] = [];
  if (exprs.length === 0) {
    // Column names need not be valid expressions ("GDP (bn)"): read the columns directly.
    return { columns: panel.variables.map((v) => ({ name: v, values: panel.values[v] })), warnings };
  }
  const compiled = exprs.map((e) => compileExpression(e));
  const columns = compiled.map((c) => {
    const r = c.evaluate(panel);
    warnings.push(...r.warnings);
    return { name: c.expression, values: r.values };
  });
  return { columns, warnings };
}

/** Statistics of one group of rows (see `describeGroups`). */
export interface GroupDescription {
  /** The group label. */
  readonly group: string;
  /** Distinct regions with rows in the group. */
  readonly nRegions: number;
  /** Distinct periods with rows in the group. */
  readonly nPeriods: number;
  readonly variables: readonly VariableSummary[];
}

/**
 * Describe variables over all rows and within groups of rows, e.g. the NBS four regions
 * (the "descriptive statistics by region" table of regional studies).
 *
 * Expressions are evaluated once on the whole panel, so `lag`/`diff`/`zscore` mean the same in
 * every group; rows are then split by `labels` (one label per panel row). Groups are listed in
 * order of first appearance; an empty label becomes the group `(missing)`.
 *
 * @param panel - the panel
 * @param exprs - expressions (default: every numeric variable)
 * @param labels - group label per panel row
 * @returns the overall description and one per group
 * @throws RangeError when `labels` does not have one entry per row; InputError from expressions
 */
export function describeGroups(
  panel: LongPanel,
  exprs: readonly string[],
  labels: readonly string[],
): { overall: PanelDescription; groups: readonly GroupDescription[] } {
  const n = panel.ids.length;
  if (labels.length !== n) throw new RangeError(`describeGroups: ${labels.length} labels for ${n} rows`);
  const { columns, warnings } = evaluateColumns(panel, exprs);
  const rowsOf = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const key = l === '' ? '(missing)' : l;
    const rows = rowsOf.get(key);
    if (rows) rows.push(i);
    else rowsOf.set(key, [i]);
  });
  const groups = [...rowsOf].map(([group, rows]) =>
    Object.freeze({
      group,
      nRegions: new Set(rows.map((i) => panel.ids[i])).size,
      nPeriods: new Set(rows.map((i) => panel.times[i])).size,
      variables: Object.freeze(columns.map((c) => describeVariable(c.name, Float64Array.from(rows, (i) => c.values[i])))),
    }),
  );
  const overall = Object.freeze({
    nRegions: panelRegions(panel).length,
    nPeriods: panelPeriods(panel).length,
    variables: Object.freeze(columns.map((c) => describeVariable(c.name, c.values))),
    warnings: Object.freeze(warnings),
  });
  return Object.freeze({ overall, groups: Object.freeze(groups) });
}
