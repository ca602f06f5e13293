/**
 * Obstacle degree: how much each indicator holds a region-year's index back.
 */

/**
 * Obstacle degree of indicator j in row i: factor contribution F_j = w_j (overall weight),
 * deviation I_ij = 1 − x'_ij (x' min–max normalised, without shift), and
 * O_ij = F_j I_ij / Σ_j F_j I_ij (rows where every deviation is 0 get NaN).
 *
 * @returns one column per indicator, aligned with the rows
 */
export function obstacleDegree(cols: readonly ArrayLike<number>[], weights: readonly number[], shift = 0): Float64Array[] {
  const n = cols[0]?.length ?? 0;
  const out = cols.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    let total = 0;
    cols.forEach((c, j) => { const v = weights[j] * (1 - (c[i] - shift)); out[j][i] = v; total += v; });
    for (let j = 0; j < cols.length; j++) out[j][i] = total > 0 ? out[j][i] / total : Number.NaN;
  }
  return out;
}
