/** Region-group charts (issue 9). */
export { fiveNumber, niceTicks, yearTicks } from './axes';
export type { ChartBase, ChartSpecLike } from './axes';
export { groupBarChart, groupBoxPlot, groupLineChart, meanSe } from './group-charts';
export type { GroupSeries, GroupValues } from './group-charts';
export { moranScatter } from './moran-scatter';
export type { MoranScatterInput, ScatterPoint } from './moran-scatter';
