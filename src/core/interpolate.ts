/**
 * Opt-in linear interpolation of interior missing values of a long panel, within each region
 * over time. Values before a region's first or after its last observed value stay missing
 * (no extrapolation).
 */
import type { LongPanel } from './panel';

/** What `interpolateLinear` filled, per variable. */
export interface InterpolationResult {
  readonly panel: LongPanel;
  /** Number of cells filled per variable. */
  readonly filled: Readonly<Record<string, number>>;
}

/**
 * Fill interior NaN cells by straight lines between the nearest observed periods of the same
 * region: x(t) = x(a) + (x(b) − x(a))·(t − a)/(b − a), with a < t < b the nearest periods where
 * the variable is observed. Uses the actual period values, so uneven spacing is honoured.
 * Rows absent from the panel are not created. Returns a new panel; the input is not changed.
 *
 * Reference: the linear interpolation step common in Chinese provincial-panel studies
 * (e.g. Stata `ipolate x year, by(id)`), which it matches on interior points.
 */
export function interpolateLinear(panel: LongPanel, variables: readonly string[] = panel.variables): InterpolationResult {
  const byRegion = new Map<string, number[]>();
  for (let r = 0; r < panel.ids.length; r++) {
    let list = byRegion.get(panel.ids[r]);
    if (!list) byRegion.set(panel.ids[r], (list = []));
    list.push(r);
  }
  const values: Record<string, Float64Array> = { ...panel.values };
  const filled: Record<string, number> = {};
  for (const v of variables) {
    const src = panel.values[v];
    if (!src) continue;
    const out = Float64Array.from(src);
    let count = 0;
    for (const rows of byRegion.values()) {
      const ordered = [...rows].sort((a, b) => panel.times[a] - panel.times[b]);
      let prev = -1;
      for (let k = 0; k < ordered.length; k++) {
        const r = ordered[k];
        if (Number.isNaN(src[r])) continue;
        if (prev >= 0 && k - prev > 1) {
          const ra = ordered[prev];
          const ta = panel.times[ra];
          const tb = panel.times[r];
          for (let m = prev + 1; m < k; m++) {
            const rm = ordered[m];
            const w = (panel.times[rm] - ta) / (tb - ta);
            out[rm] = src[ra] + (src[r] - src[ra]) * w;
            count++;
          }
        }
        prev = k;
      }
    }
    values[v] = out;
    filled[v] = count;
  }
  return { panel: { ...panel, values }, filled };
}
