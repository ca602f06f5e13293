/**
 * Robustness of an index to its weighting method: Spearman rank correlations between the
 * same index built with different weights.
 */
import { spearman } from './column-stats';

/** A square table of rank correlations, rows and columns in `labels` order. */
export interface RankCorrelationTable {
  readonly labels: readonly string[];
  readonly rho: readonly (readonly number[])[];
}

/**
 * Spearman's ρ between each pair of score columns (R `cor(x, method = "spearman")`: Pearson's
 * r of average ranks). Rows with a NaN in any column are left out.
 */
export function rankCorrelationTable(labels: readonly string[], scores: readonly ArrayLike<number>[]): RankCorrelationTable {
  const n = scores[0]?.length ?? 0;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (scores.every((s) => !Number.isNaN(s[i]))) keep.push(i);
  const cols = scores.map((s) => Float64Array.from(keep, (i) => s[i]));
  const rho = cols.map((a, j) => cols.map((b, k) => (j === k ? 1 : spearman(a, b))));
  return Object.freeze({ labels: [...labels], rho });
}
