/**
 * Aggregation of normalised indicators into one score per row: the weighted sum and TOPSIS
 * relative closeness (ideal and anti-ideal within each scope group).
 */
import type { ScopeGroups } from './normalise';

/** Weighted sum: S_i = Σ_j w_j x'_ij. */
export function weightedSum(cols: readonly ArrayLike<number>[], weights: readonly number[]): Float64Array {
  const n = cols[0]?.length ?? 0;
  const s = new Float64Array(n);
  cols.forEach((c, j) => { const w = weights[j]; for (let i = 0; i < n; i++) s[i] += w * c[i]; });
  return s;
}

/** TOPSIS scores and distances. */
export interface TopsisResult {
  /** Relative closeness C_i = D⁻_i / (D⁺_i + D⁻_i) ∈ [0, 1] (NaN when D⁺ + D⁻ = 0). */
  readonly closeness: Float64Array;
  readonly dPlus: Float64Array;
  readonly dMinus: Float64Array;
}

/**
 * TOPSIS (Hwang & Yoon 1981) on normalised columns (already oriented: larger is better):
 * v_ij = w_j x'_ij; ideal v⁺_j = max_i v_ij and anti-ideal v⁻_j = min_i v_ij within each scope
 * group; D⁺_i = √Σ_j (v_ij − v⁺_j)², D⁻_i = √Σ_j (v_ij − v⁻_j)²; C_i = D⁻_i / (D⁺_i + D⁻_i)
 * (docs/cli-contract.md `rwb index`).
 */
export function topsis(cols: readonly ArrayLike<number>[], weights: readonly number[], groups: ScopeGroups): TopsisResult {
  const n = cols[0]?.length ?? 0;
  const k = groups.count;
  const g = groups.group;
  const dp = new Float64Array(n);
  const dm = new Float64Array(n);
  const hi = new Float64Array(k);
  const lo = new Float64Array(k);
  cols.forEach((c, j) => {
    const w = weights[j];
    hi.fill(-Infinity); lo.fill(Infinity);
    for (let i = 0; i < n; i++) {
      const v = w * c[i];
      if (v > hi[g[i]]) hi[g[i]] = v;
      if (v < lo[g[i]]) lo[g[i]] = v;
    }
    for (let i = 0; i < n; i++) {
      const v = w * c[i];
      dp[i] += (v - hi[g[i]]) ** 2;
      dm[i] += (v - lo[g[i]]) ** 2;
    }
  });
  const closeness = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dp[i] = Math.sqrt(dp[i]);
    dm[i] = Math.sqrt(dm[i]);
    const t = dp[i] + dm[i];
    closeness[i] = t > 0 ? dm[i] / t : Number.NaN;
  }
  return Object.freeze({ closeness, dPlus: dp, dMinus: dm });
}
