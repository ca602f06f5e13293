/**
 * The within (fixed-effects) transformations: subtracting region means, period means, or both.
 *
 * Two-way on a balanced panel is the closed form x − x̄ᵢ − x̄ₜ + x̄. On an unbalanced panel the
 * two-way within transform is the projection M_D x off the region and period dummies, computed
 * one of two ways (`TwoWayMethod`):
 * - `projections`: alternating projections (demean by region, then by period, repeat; Guimarães
 *   & Portugal 2010, `lfe::demeanlist`) with Irons–Tuck extrapolation every second sweep (as in
 *   fixest), stopped when the largest change in a sweep is below 1e-12 times max |x|.
 * - `exact`: absorb the larger factor L and solve for the smaller one S explicitly, by
 *   Frisch–Waugh–Lovell: M_D x = M_L x − M_L D_S γ with (D_S' M_L D_S) γ = D_S' M_L x, one level
 *   of S per connected component fixed at 0. D_S' M_L D_S is s×s and factored once for all
 *   columns, so each column costs two demeanings. This is what `xtreg y x i.year, fe` does.
 * `auto` (default) uses `exact` when the smaller dimension has at most `EXACT_MAX_LEVELS` levels,
 * else `projections`: alternating projections can need thousands of sweeps on badly connected
 * panels (regions observed in short staggered windows), the exact route never iterates.
 */
import { cholesky } from '../../linalg/cholesky';
import type { Cholesky } from '../../linalg/cholesky';
import { createMatrix } from '../../linalg/matrix';
import type { Effects, TwoWayMethod } from './types';
import type { Factor } from './panel-index';

/** Largest alternating-projection sweep count before giving up. */
export const MAX_SWEEPS = 100_000;
/** Convergence tolerance of the alternating projections, relative to max |x|. */
export const SWEEP_TOL = 1e-12;
/** `auto` solves the smaller factor exactly up to this many levels. */
export const EXACT_MAX_LEVELS = 400;

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

function copy(v: ArrayLike<number>): Float64Array {
  return v instanceof Float64Array ? v.slice() : Float64Array.from(v);
}

/**
 * Alternating projections with Irons–Tuck extrapolation. The extrapolated point is an affine
 * combination of iterates, so it stays in x₀ + span(dummies) and the limit is still M_D x₀.
 * @throws Error when not converged in `MAX_SWEEPS` sweeps.
 */
function twoWayProjections(v: ArrayLike<number>, group: Factor<string>, period: Factor<number>): Float64Array {
  let x = copy(v);
  const n = x.length;
  let scale = 0;
  for (let r = 0; r < n; r++) scale = Math.max(scale, Math.abs(x[r]));
  const tol = SWEEP_TOL * Math.max(scale, Number.MIN_VALUE);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep += 2) {
    const fx = x.slice();
    if (Math.max(demeanInPlace(fx, group), demeanInPlace(fx, period)) < tol) return fx;
    const ffx = fx.slice();
    if (Math.max(demeanInPlace(ffx, group), demeanInPlace(ffx, period)) < tol) return ffx;
    let num = 0;
    let den = 0;
    for (let r = 0; r < n; r++) {
      const d1 = ffx[r] - fx[r];
      const d2 = d1 - fx[r] + x[r];
      num += d1 * d2;
      den += d2 * d2;
    }
    if (den > 0) {
      const c = num / den;
      for (let r = 0; r < n; r++) ffx[r] -= c * (ffx[r] - fx[r]);
    }
    x = ffx;
  }
  throw new Error(`Two-way demeaning did not converge in ${MAX_SWEEPS} sweeps (a badly connected unbalanced panel).`);
}

/** Component label per level of `small`, in the bipartite graph small–large. */
function smallLevelComponents(small: Factor<string | number>, large: Factor<string | number>): Int32Array {
  const ns = small.levels.length;
  const parent = Int32Array.from({ length: ns + large.levels.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  for (let r = 0; r < small.codes.length; r++) {
    const a = find(small.codes[r]);
    const b = find(ns + large.codes[r]);
    if (a !== b) parent[a] = b;
  }
  return Int32Array.from({ length: ns }, (_, i) => find(i));
}

/** The exact two-way projector: factor D_S' M_L D_S once, apply to many columns. */
class ExactTwoWay {
  private readonly free: Int32Array; // small-level → index in the reduced system, −1 when fixed at 0
  private readonly chol: Cholesky | null;

  constructor(private readonly small: Factor<string | number>, private readonly large: Factor<string | number>) {
    const ns = small.levels.length;
    const comp = smallLevelComponents(small, large);
    const seen = new Set<number>();
    const free = new Int32Array(ns).fill(-1);
    let m = 0;
    for (let a = 0; a < ns; a++) {
      if (!seen.has(comp[a])) { seen.add(comp[a]); continue; } // first level of each component fixed
      free[a] = m++;
    }
    this.free = free;
    if (m === 0) { this.chol = null; return; }
    // A = diag(n_a) − Σ_ℓ (1/n_ℓ) c_ℓ c_ℓ' restricted to free levels
    const A = createMatrix(m, m);
    const byLarge: number[][] = Array.from({ length: large.levels.length }, () => []);
    for (let r = 0; r < small.codes.length; r++) byLarge[large.codes[r]].push(small.codes[r]);
    for (let a = 0; a < ns; a++) if (free[a] >= 0) A.data[free[a] * (m + 1)] += small.sizes[a];
    byLarge.forEach((lv, l) => {
      const w = 1 / large.sizes[l];
      for (const a of lv) {
        const fa = free[a];
        if (fa < 0) continue;
        for (const b of lv) {
          const fb = free[b];
          if (fb >= 0) A.data[fa + fb * m] -= w;
        }
      }
    });
    this.chol = cholesky(A, 'two-way fixed-effects system');
  }

  apply(v: ArrayLike<number>): Float64Array {
    const u = copy(v);
    demeanInPlace(u, this.large);
    if (!this.chol) return u;
    const m = this.chol.n;
    const rhs = new Float64Array(m);
    for (let r = 0; r < u.length; r++) {
      const f = this.free[this.small.codes[r]];
      if (f >= 0) rhs[f] += u[r];
    }
    const gamma = this.chol.solve(rhs);
    const w = new Float64Array(u.length);
    for (let r = 0; r < u.length; r++) {
      const f = this.free[this.small.codes[r]];
      w[r] = f >= 0 ? gamma[f] : 0;
    }
    demeanInPlace(w, this.large);
    for (let r = 0; r < u.length; r++) u[r] -= w[r];
    return u;
  }
}

/**
 * A within transformation for fixed `effects` and panel structure, prepared once and applied to
 * many columns: individual vᵢₜ − v̄ᵢ; time vᵢₜ − v̄ₜ; twoways vᵢₜ − v̄ᵢ − v̄ₜ + v̄ (balanced) or the
 * exact/alternating-projection two-way projection (unbalanced, see the module comment); none: a
 * copy.
 * @throws Error when alternating projections do not converge in `MAX_SWEEPS` sweeps.
 */
export function createWithinTransform(
  effects: Effects, group: Factor<string>, period: Factor<number>, balanced: boolean, method: TwoWayMethod = 'auto',
): (v: ArrayLike<number>) => Float64Array {
  switch (effects) {
    case 'none': return copy;
    case 'individual': return (v) => { const o = copy(v); demeanInPlace(o, group); return o; };
    case 'time': return (v) => { const o = copy(v); demeanInPlace(o, period); return o; };
    default: break;
  }
  if (balanced) {
    return (v) => {
      const gi = groupMeans(v, group);
      const pt = groupMeans(v, period);
      let mean = 0;
      for (let r = 0; r < v.length; r++) mean += v[r];
      mean /= v.length;
      const out = new Float64Array(v.length);
      for (let r = 0; r < v.length; r++) out[r] = v[r] - gi[group.codes[r]] - pt[period.codes[r]] + mean;
      return out;
    };
  }
  const smallIsPeriod = period.levels.length <= group.levels.length;
  const nSmall = smallIsPeriod ? period.levels.length : group.levels.length;
  if (method === 'exact' || (method === 'auto' && nSmall <= EXACT_MAX_LEVELS)) {
    const ex = smallIsPeriod ? new ExactTwoWay(period, group) : new ExactTwoWay(group, period);
    return (v) => ex.apply(v);
  }
  return (v) => twoWayProjections(v, group, period);
}

/**
 * The within-transformed copy of v (see `createWithinTransform`; prefer that for many columns).
 * @throws Error when alternating projections do not converge in `MAX_SWEEPS` sweeps.
 */
export function withinTransform(
  v: ArrayLike<number>, effects: Effects, group: Factor<string>, period: Factor<number>, balanced: boolean,
  method: TwoWayMethod = 'auto',
): Float64Array {
  return createWithinTransform(effects, group, period, balanced, method)(v);
}
