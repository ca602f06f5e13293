/**
 * What a region-group chart draws, read from the open project: the variable (an expression
 * over the panel's columns) split by a grouping column — the project's region groups (the NBS
 * four regions for China) by default, or any text column of the panel. Line charts take each
 * group's mean per year over the regions with a value that year; box and bar charts take the
 * regions' values in one year (default the last), missing values left out.
 */
import { InputError } from '../../core/errors';
import { compileExpression } from '../../core/expressions';
import { panelPeriods } from '../../core/panel';
import type { GroupChartSpec } from '../../contract/figures';
import type { ProjectStore } from '../../store/project-store';
import { findRegionGroups, withProjectRegionGroups } from '../inputs/region-groups';

/** The data of a group chart. */
export interface ChartData {
  /** Group labels in first-seen order of the sorted regions (stable). */
  readonly groups: readonly string[];
  /** Line: the years; box / bar: the one year. */
  readonly years: readonly number[];
  /** Per group, per year: values of the regions with a value (line: every year; box/bar: one). */
  readonly values: readonly (readonly (readonly number[])[])[];
  readonly variableLabel: string;
  readonly simulated: boolean;
}

/**
 * The variables to read for an expression's columns: the known ones; all of them when none is
 * known (so an unknown name fails in the evaluation with its "did you mean", and a constant
 * expression still has the panel's rows).
 */
function panelRequest(columns: readonly string[], known: ReadonlySet<string>): { variables: string[] } | undefined {
  const needed = columns.filter((c) => known.has(c));
  return needed.length > 0 ? { variables: needed } : undefined;
}

/**
 * Read the chart data of `spec`.
 * @throws InputError `figure-no-groups` (no grouping column), `figure-unknown-group-column`,
 *   `figure-period-outside` (the year is not in the panel), `figure-no-values`, and the
 *   expression errors (`expr-unknown-column`, …).
 */
export function readChartData(store: ProjectStore, spec: GroupChartSpec): ChartData {
  const compiled = compileExpression(spec.variable);
  const variables = store.listVariables();
  const known = new Set(variables.map((v) => v.name));
  const panel = withProjectRegionGroups(store.readPanel(panelRequest(compiled.columns, known)), store);
  let labels: readonly string[];
  if (spec.groupBy !== undefined) {
    const col = panel.text?.[spec.groupBy];
    if (!col) {
      const columns = Object.keys(panel.text ?? {});
      throw new InputError('figure-unknown-group-column', `The project has no text column "${spec.groupBy}" to group by (columns: ${columns.join(', ') || 'none'}).`, { column: spec.groupBy, columnList: columns.join(', ') || 'none' });
    }
    labels = col;
  } else {
    const found = findRegionGroups(panel);
    if (!found) throw new InputError('figure-no-groups', 'The project\'s regions have no region groups.', {});
    labels = found.labels;
  }
  const allYears = panelPeriods(panel);
  let years: number[];
  if (spec.kind === 'line') years = allYears;
  else {
    const year = spec.period ?? allYears[allYears.length - 1];
    if (!allYears.includes(year)) {
      const period = String(year);
      throw new InputError('figure-period-outside', `The period ${period} holds none of the panel's years (${allYears[0]}–${allYears[allYears.length - 1]}).`, { period, first: allYears[0], last: allYears[allYears.length - 1] });
    }
    years = [year];
  }
  const { values } = compiled.evaluate(panel);
  const order = [...panel.ids.keys()].sort((a, b) => (panel.ids[a] < panel.ids[b] ? -1 : panel.ids[a] > panel.ids[b] ? 1 : panel.times[a] - panel.times[b]));
  const groups: string[] = [];
  for (const i of order) if (labels[i] && !groups.includes(labels[i])) groups.push(labels[i]);
  const yearIndex = new Map(years.map((y, k) => [y, k]));
  const out = groups.map(() => years.map(() => [] as number[]));
  let n = 0;
  for (const i of order) {
    const g = groups.indexOf(labels[i]);
    const k = yearIndex.get(panel.times[i]);
    if (g < 0 || k === undefined || !Number.isFinite(values[i])) continue;
    out[g][k].push(values[i]);
    n++;
  }
  if (n === 0) throw new InputError('figure-no-values', `"${spec.variable}" has no value in the periods mapped.`, { variable: spec.variable });
  const stored = variables.find((v) => v.name === spec.variable);
  return {
    groups, years, values: out,
    variableLabel: stored?.label || spec.variable,
    simulated: variables.some((v) => v.simulated === true && compiled.columns.includes(v.name)),
  };
}
