/**
 * The region-group chart use case (`figure:chart`, `figure:chartExport`, reports): read the
 * data (./chart-data.ts) and draw it with the engine — group means over time as lines (a
 * group's mean in a year over its regions with a value), or one year's distribution by group
 * as box plots (Tukey hinges) or bars of the mean ± 1 s.e.
 */
import type { GroupChartSpec } from '../../contract/figures';
import { groupBarChart, groupBoxPlot, groupLineChart } from '../../figures/charts';
import type { Figure } from '../../figures/figure';
import { toSvg } from '../../figures/svg';
import type { ProjectStore } from '../../store/project-store';
import { readChartData } from './chart-data';
import { groupLabel } from './group-labels';

/** A drawn chart: display list, SVG, the spec after defaults. */
export interface DrawnChart {
  readonly figure: Figure;
  readonly svg: string;
  readonly spec: GroupChartSpec;
}

/**
 * Draw `spec` over the open project.
 * @throws InputError as `readChartData` (no groups, unknown group column, year outside the
 *   panel, no values, expression errors).
 */
export function drawChart(store: ProjectStore, spec: GroupChartSpec): DrawnChart {
  const data = readChartData(store, spec);
  const base = { spec, variableLabel: data.variableLabel, simulated: data.simulated };
  let figure: Figure;
  if (spec.kind === 'line') {
    const series = data.groups.map((key, g) => ({
      key,
      label: groupLabel(key, spec.lang),
      points: data.years.map((year, k) => {
        const v = data.values[g][k];
        return { year, value: v.length > 0 ? v.reduce((s, x) => s + x, 0) / v.length : null };
      }),
    }));
    figure = groupLineChart({ ...base, series });
  } else {
    const groups = data.groups.map((key, g) => ({ key, label: groupLabel(key, spec.lang), values: data.values[g][0] }));
    figure = spec.kind === 'box' ? groupBoxPlot({ ...base, groups }) : groupBarChart({ ...base, groups });
  }
  return { figure, svg: toSvg(figure), spec };
}
