/**
 * The data of a spatial panel fit: the panel's y and regressors with W, checked and stacked as
 * Elhorst's code stacks them (by period, then by region in W's order) by the engine's
 * `stackPanel`, which names any missing region-year. Before that, the service checks what only
 * it can know: W's regions against the panel's (a saved matrix may cover more regions), and
 * islands. One rule for the CLI (`rwb sdm`) and the app's job.
 */
import { InputError } from '../../core/errors';
import { quoteList } from '../../core/ids';
import type { LongPanel } from '../../core/panel';
import { stackPanel } from '../../models/spatial-panel';
import type { SpatialPanelInput } from '../../models/spatial-panel/types';
import type { SpatialWeights } from '../../weights/spatial-weights';

/** A variable over the panel's rows (an evaluated expression), named by its text. */
export interface PanelVariable {
  readonly name: string;
  /** One value per panel row (NaN = missing). */
  readonly values: Float64Array;
}

/**
 * Align `y` and `x` with W and stack them (row t·n + i).
 * @throws InputError `spatial-weights-region-without-data` (W regions the panel lacks: build W
 *   over the panel's regions), `spatial-weights-islands` (regions without neighbours); the
 *   engine's `spatial-panel-unknown-region`, `spatial-panel-unbalanced` (naming the missing
 *   region-years), `spatial-panel-non-finite` (naming the variable, region and year).
 */
export function stackForW(panel: LongPanel, y: PanelVariable, x: readonly PanelVariable[], w: SpatialWeights): SpatialPanelInput {
  const inPanel = new Set(panel.ids);
  const noData = w.ids.filter((id) => !inPanel.has(id));
  if (noData.length > 0) {
    throw new InputError('spatial-weights-region-without-data', `${noData.length} region(s) of the weights matrix have no rows in the panel: ${quoteList(noData)}; build W over the panel's regions.`,
      { count: noData.length, regions: quoteList(noData) });
  }
  if (w.islands.length > 0) {
    throw new InputError('spatial-weights-islands', `${w.islands.length} region(s) have no neighbours in W (islands): ${quoteList(w.islands)}; a spatial panel model needs every region linked (add links, or use k nearest neighbours).`,
      { count: w.islands.length, regions: quoteList(w.islands) });
  }
  return stackPanel({
    regionIds: w.ids, ids: panel.ids, times: panel.times, yName: y.name, y: y.values,
    x: x.map((v) => ({ name: v.name, values: v.values })), w: w.matrix,
  });
}
