/**
 * Coupling coordination degree between two or three indices, as Chinese regional studies
 * compute it, with the usual ten coordination levels of D.
 */
import { InputError } from '../core/errors';

/** The ten levels of D, lower bounds 0, 0.1, …, 0.9 (the last includes 1). */
export const COORDINATION_LEVELS = [
  'extreme-disorder', 'serious-disorder', 'moderate-disorder', 'mild-disorder', 'verge-of-disorder',
  'barely-coordinated', 'primary-coordination', 'intermediate-coordination', 'good-coordination', 'quality-coordination',
] as const;
export type CoordinationLevel = (typeof COORDINATION_LEVELS)[number];

/** Level of a coordination degree D ∈ [0, 1]: level k covers [k/10, (k+1)/10), level 9 includes 1. */
export function coordinationLevel(d: number): CoordinationLevel | null {
  if (!(d >= 0 && d <= 1)) return null;
  return COORDINATION_LEVELS[Math.min(9, Math.floor(d * 10 + 1e-12))];
}

/** C, T, D and the level per row. */
export interface CouplingResult {
  readonly C: Float64Array;
  readonly T: Float64Array;
  readonly D: Float64Array;
  readonly level: readonly (CoordinationLevel | null)[];
}

/**
 * Coupling coordination of k = 2 or 3 indices U_1..U_k ∈ [0, 1] per row:
 * C = k·[Π U_i / (Σ U_i)^k]^{1/k} (for k = 2: C = 2√(U_1U_2)/(U_1 + U_2)), T = Σ α_i U_i
 * (α equal by default, Σ α = 1), D = √(C·T). Rows where Σ U = 0 or a value is missing get NaN.
 *
 * @throws InputError `composite-coupling-count` for not 2 or 3 indices, `composite-coupling-alpha`
 *   when the α are not k non-negative numbers summing to 1, `composite-coupling-range` for a value
 *   outside [0, 1] (naming the index and the row, by `rowLabel`, e.g. the region-year)
 */
export function couplingCoordination(indices: readonly ArrayLike<number>[], alpha?: readonly number[], names?: readonly string[], rowLabel: (i: number) => string = (i) => `row ${i + 1}`): CouplingResult {
  const k = indices.length;
  if (k !== 2 && k !== 3) throw new InputError('composite-coupling-count', `coupling coordination needs 2 or 3 indices, got ${k}`, { count: k });
  const a = alpha ?? indices.map(() => 1 / k);
  if (a.length !== k || a.some((x) => !(x >= 0)) || Math.abs(a.reduce((s, x) => s + x, 0) - 1) > 1e-9) {
    throw new InputError('composite-coupling-alpha', `the contribution coefficients must be ${k} numbers ≥ 0 that sum to 1, got ${a.join(', ')}`, { count: k, alpha: a.join(', ') });
  }
  const n = indices[0].length;
  const C = new Float64Array(n), T = new Float64Array(n), D = new Float64Array(n);
  const level: (CoordinationLevel | null)[] = [];
  for (let i = 0; i < n; i++) {
    let prod = 1, sum = 0, t = 0;
    for (let j = 0; j < k; j++) {
      const u = indices[j][i];
      if (u < 0 || u > 1) {
        const name = names?.[j] ?? `index ${j + 1}`;
        throw new InputError('composite-coupling-range', `${name} is ${u} at ${rowLabel(i)}: coupling coordination needs indices in [0, 1]`, { index: name, row: rowLabel(i), value: u });
      }
      prod *= u; sum += u; t += a[j] * u;
    }
    const c = sum > 0 ? k * Math.pow(prod / Math.pow(sum, k), 1 / k) : Number.NaN;
    C[i] = c; T[i] = Number.isNaN(sum) ? Number.NaN : t; D[i] = Math.sqrt(c * T[i]);
    level.push(coordinationLevel(D[i]));
  }
  return Object.freeze({ C, T, D, level });
}
