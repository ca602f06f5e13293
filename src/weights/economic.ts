/**
 * Economic-distance and nested economic–geographic weights.
 */
import { InputError } from '../core/errors';
import { indexIds } from '../core/ids';
import { SpatialWeights } from './spatial-weights';

/**
 * Economic-distance weights over every pair of regions.
 * Formula: w_ij = 1 / |x̄_i − x̄_j| (i ≠ j), x̄ a variable's mean over a chosen period, e.g.
 * per-capita GDP. Reference: the economic distance matrix of Chinese regional studies
 * (Lin, Long & Wu 2005).
 * @throws InputError `weights-econ-no-value` naming a region without a mean; `weights-identical-means` naming
 *   the first pair of regions with equal means (the weight would be infinite).
 */
export function buildEconomicDistance(ids: readonly string[], means: ArrayLike<number>): SpatialWeights {
  indexIds(ids);
  const n = ids.length;
  if (means.length !== n) throw new RangeError(`means has ${means.length} values for ${n} regions`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(means[i])) throw new InputError('weights-econ-no-value', `Region "${ids[i]}" has no value to compute its economic distance.`, { id: ids[i] });
  }
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const diff = Math.abs(means[i] - means[j]);
      if (diff === 0) {
        const [a, b] = i < j ? [ids[i], ids[j]] : [ids[j], ids[i]];
        throw new InputError('weights-identical-means', `Regions "${a}" and "${b}" have identical means (${means[i]}); their economic distance weight 1/|x̄i − x̄j| is infinite.`, { i: a, j: b, mean: means[i] });
      }
      rows.push(i); cols.push(j); vals.push(1 / diff);
    }
  }
  return SpatialWeights.fromTriplets(ids, rows, cols, vals);
}

/**
 * Nested economic–geographic weights: the element-wise (Hadamard) product of the current
 * values of a geographic W and an economic W, then row-standardised.
 * Formula: W = R(W_geo ∘ W_econ). `Wecon` is matched to `Wgeo`'s ids by name.
 * @throws InputError `unknown-id` when `Wecon` lacks a region of `Wgeo`.
 */
export function nestedEconomicGeographic(wGeo: SpatialWeights, wEcon: SpatialWeights): SpatialWeights {
  const econ = wEcon.subset(wGeo.ids);
  const rows: number[] = [], cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < wGeo.n; i++) {
    let q = econ.rowPtr[i];
    for (let k = wGeo.rowPtr[i]; k < wGeo.rowPtr[i + 1]; k++) {
      const j = wGeo.colIdx[k];
      while (q < econ.rowPtr[i + 1] && econ.colIdx[q] < j) q++;
      if (q < econ.rowPtr[i + 1] && econ.colIdx[q] === j) {
        rows.push(i); cols.push(j); vals.push(wGeo.values[k] * econ.values[q]);
      }
    }
  }
  return SpatialWeights.fromTriplets(wGeo.ids, rows, cols, vals).transform('R');
}
