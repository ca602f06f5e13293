/**
 * The within (fixed-effects) transformations: subtracting region means, period means, or both.
 * Two-way on a balanced panel is the closed form x − x̄ᵢ − x̄ₜ + x̄; on an unbalanced panel it is
 * the limit of alternating projections (demean by region, then by period, repeat) — the
 * method of Guimarães & Portugal (2010) and `lfe::demeanlist` — stopped when the largest
 * change in a sweep is below 1e-12 times the column's scale.
 */
import type { Effects } from './types';
import type { Factor } from './panel-index';

/** Largest alternating-projection sweep count before giving up. */
export const MAX_SWEEPS = 100_000;
/** Convergence tolerance of the alternating projections, relative to max |x|. */
export const SWEEP_TOL = 1e-12;

/** Group means of v by `f` (length = number of levels). */
export function groupMeans(v: ArrayLike<number>, f: Factor<string | number>): Float64Array {
  const s = new Float64Array(f.levels.length);
  for (let r = 0; r < v.length; r++) s[f.codes[r]] += v[r];
  for (let g = 0; g < s.length; g++) s[g] /= f.sizes[g];
  return s;
}

/** Subtracts the group means of `f` from v in place; returns the largest |mean| removed. */
function demeanInPlace(v: Float64Array, f: Factor<string | number>): number {
  const mu = groupMeans(v, f);
  let mx = 0;
  for (let g = 0; g < mu.length; g++) mx = Math.max(mx, Math.abs(mu[g]));
  for (let r = 0; r < v.length; r++) v[r] -= mu[f.codes[r]];
  return mx;
}

/**
 * The within-transformed copy of v.
 * individual: vᵢₜ − v̄ᵢ; time: vᵢₜ − v̄ₜ; twoways: vᵢₜ − v̄ᵢ − v̄ₜ + v̄ (balanced) or alternating
 * projections (unbalanced); none: a copy.
 * @throws Error when the alternating projections do not converge in `MAX_SWEEPS` sweeps.
 */
export function withinTransform(
  v: ArrayLike<number>, effects: Effects, group: Factor<string>, period: Factor<number>, balanced: boolean,
): Float64Array {
  const out = v instanceof Float64Array ? v.slice() : Float64Array.from(v);
  if (effects === 'none') return out;
  if (effects === 'individual') { demeanInPlace(out, group); return out; }
  if (effects === 'time') { demeanInPlace(out, period); return out; }
  if (balanced) {
    const gi = groupMeans(v, group);
    const pt = groupMeans(v, period);
    let mean = 0;
    for (let r = 0; r < v.length; r++) mean += v[r];
    mean /= v.length;
    for (let r = 0; r < v.length; r++) out[r] = v[r] - gi[group.codes[r]] - pt[period.codes[r]] + mean;
    return out;
  }
  let scale = 0;
  for (let r = 0; r < out.length; r++) scale = Math.max(scale, Math.abs(out[r]));
  const tol = SWEEP_TOL * Math.max(scale, Number.MIN_VALUE);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const a = demeanInPlace(out, group);
    const b = demeanInPlace(out, period);
    if (Math.max(a, b) < tol) return out;
  }
  throw new Error(`Two-way demeaning did not converge in ${MAX_SWEEPS} sweeps (a badly connected unbalanced panel).`);
}
